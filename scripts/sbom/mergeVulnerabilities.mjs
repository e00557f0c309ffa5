// Merges a vulnerability scanner's findings into a CycloneDX SBOM, as Trivy or
// Grype do when they scan an SBOM: each vulnerability names the components it
// affects by their `bom-ref`. The findings come from a fixture in which
// `affects[].ref` is a package URL, since a `bom-ref` is only known once
// cyclonedx-npm has written the SBOM (and differs between its versions).

/**
 * The part of a package URL that names one package version,
 * `type/namespace/name@version` decoded, or undefined when `purl` is not a
 * package URL. Qualifiers and subpath are left out: they say where a package
 * came from (`repository_url`, `download_url`), not which one it is.
 */
export function packageKey(purl) {
  if (typeof purl !== 'string' || !purl.startsWith('pkg:')) return undefined;
  const rest = purl.slice('pkg:'.length).replace(/^\/+/, '').split(/[?#]/)[0];
  const at = rest.lastIndexOf('@');
  const path = at > rest.lastIndexOf('/') ? rest.slice(0, at) : rest;
  const version = at > rest.lastIndexOf('/') ? rest.slice(at + 1) : '';
  const segments = path.split('/').filter(Boolean);
  if (segments.length < 2) return undefined;
  try {
    const [type, ...names] = segments.map(s => decodeURIComponent(s));
    return `${type.toLowerCase()}/${names.join('/')}@${decodeURIComponent(
      version,
    )}`;
  } catch {
    // A stray `%` that is no escape.
    return undefined;
  }
}

/** Every component of the SBOM, nested ones included, depth first. */
export function componentsOf(bom) {
  const all = [];
  const visit = components => {
    for (const component of components ?? []) {
      all.push(component);
      visit(component.components);
    }
  };
  visit(bom.components);
  return all;
}

/** Throws, naming the vulnerability and the field, when one is unusable. */
function checkVulnerability(vulnerability, index) {
  const name = vulnerability?.id ?? `vulnerabilities[${index}]`;
  if (typeof vulnerability?.id !== 'string' || !vulnerability.id) {
    throw new Error(`${name}: has no id`);
  }
  if (
    !Array.isArray(vulnerability.ratings) ||
    !vulnerability.ratings.some(r => typeof r?.severity === 'string')
  ) {
    throw new Error(`${name}: has no rating with a severity`);
  }
  if (!Array.isArray(vulnerability.affects) || !vulnerability.affects.length) {
    throw new Error(`${name}: affects no package`);
  }
  for (const affected of vulnerability.affects) {
    if (!packageKey(affected?.ref)) {
      throw new Error(
        `${name}: affects.ref ${JSON.stringify(
          affected?.ref,
        )} is not a package URL`,
      );
    }
  }
}

/**
 * A copy of `bom` carrying the vulnerabilities of `vulnerabilities` (CycloneDX
 * vulnerability objects whose `affects[].ref` are package URLs) that affect
 * its components, with each `ref` replaced by the `bom-ref` of every
 * component of that package version; the others are left out. Like a
 * scanner's output, the copy has a `vulnerabilities` array even when none
 * applies, and, being a modified BOM, its `version` one higher. `bom` is not
 * changed.
 *
 * Returns the copy and the ids of the vulnerabilities it received.
 */
export function mergeVulnerabilities(bom, vulnerabilities) {
  if (!Array.isArray(vulnerabilities)) {
    throw new Error('vulnerabilities: expected an array');
  }
  for (const [index, vulnerability] of vulnerabilities.entries()) {
    checkVulnerability(vulnerability, index);
  }

  const refsByPackage = new Map();
  for (const component of componentsOf(bom)) {
    const key = packageKey(component.purl);
    const ref = component['bom-ref'];
    if (!key || typeof ref !== 'string') continue;
    refsByPackage.set(key, [...(refsByPackage.get(key) ?? []), ref]);
  }

  const found = [];
  for (const vulnerability of vulnerabilities) {
    const affects = vulnerability.affects.flatMap(affected =>
      (refsByPackage.get(packageKey(affected.ref)) ?? []).map(ref => ({
        ...affected,
        ref,
      })),
    );
    if (affects.length) found.push({ ...vulnerability, affects });
  }

  return {
    bom: {
      ...bom,
      version: (Number.isInteger(bom.version) ? bom.version : 1) + 1,
      vulnerabilities: [...(bom.vulnerabilities ?? []), ...found],
    },
    ids: found.map(v => v.id),
  };
}
