import { InputError } from '@backstage/errors';
import { PackageURL } from 'packageurl-js';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { validateCycloneDx } from './CycloneDxSchemaValidator';
import { DependencyLicenseClassifier } from './DependencyLicenseClassifier';
import { PayloadTooLargeError } from '../http/PayloadTooLargeError';
import {
  DependencyLicenseClass,
  SbomFinding,
  SbomPackage,
  VulnerabilitySeverity,
} from './SbomStore';

/** The CycloneDX versions taken, each validated against its own schema. */
export const SUPPORTED_SPEC_VERSIONS = ['1.4', '1.5', '1.6'] as const;

/**
 * How deeply arrays and objects may nest. Real SBOMs stay far below (nested
 * components add two levels each); the bound keeps the validator's and the
 * walk's recursion away from the stack's limit.
 */
export const MAX_SBOM_DEPTH = 100;

/** Validation errors named in a 400, at most. */
const ERRORS_SHOWN = 3;
/** The tool names kept, at most. */
const TOOL_LENGTH = 200;

/** What a scan is stored from: the summary's figures and the findings. */
export interface ParsedSbom {
  specVersion: string;
  tool?: string;
  serialNumber?: string;
  /** Components, nested ones included. */
  componentCount: number;
  /** Components by license class. */
  licenses: Record<DependencyLicenseClass, number>;
  /** Vulnerability findings by severity. */
  vulnerabilities: Record<VulnerabilitySeverity, number>;
  /** Denied dependency licenses and open vulnerabilities, one per key. */
  findings: SbomFinding[];
}

/** What {@link parseCycloneDxSbom} needs. */
export interface ParseSbomOptions {
  licensePolicy: LicensePolicy;
  /**
   * Components taken, at most; also the most vulnerability findings
   * (vulnerabilities times the packages each affects).
   */
  maxComponents: number;
  maxDepth?: number;
}

type Json = Record<string, unknown>;
type VulnerabilityFinding = Extract<SbomFinding, { kind: 'vulnerability' }>;

const SEVERITY_RANK: Record<VulnerabilitySeverity, number> = {
  unknown: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** VEX states that say a vulnerability does not expose the component. */
const NOT_EXPOSED = new Set([
  'resolved',
  'resolved_with_pedigree',
  'false_positive',
  'not_affected',
]);

/**
 * Reads a CycloneDX JSON SBOM from a request body (already bounded in size)
 * into what a scan stores. Refuses, with a 400 naming the problem, anything
 * but a valid CycloneDX 1.4 to 1.6 JSON document (checked against the
 * CycloneDX project's JSON schemas, see `validateCycloneDx`); and with a 413
 * one listing
 * more components than `maxComponents`. The cheap checks come first: depth
 * by a byte scan before parsing, format, version and size before the schema.
 *
 * Components, nested ones included, are classified by the license policy;
 * denied ones become license findings. Each vulnerability becomes a finding
 * per package it affects, unless its analysis says it does not expose them.
 *
 * @internal
 */
export async function parseCycloneDxSbom(
  body: Buffer,
  options: ParseSbomOptions,
): Promise<ParsedSbom> {
  const maxDepth = options.maxDepth ?? MAX_SBOM_DEPTH;
  if (body.length === 0) {
    throw new InputError('not JSON: the request body is empty');
  }
  checkDepth(body, maxDepth);

  // A byte order mark, as some Windows tools write, is no JSON.
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let bom: unknown;
  try {
    bom = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(bom)) {
    throw new InputError(
      `not a CycloneDX SBOM: the body is a JSON ${
        Array.isArray(bom) ? 'array' : typeof bom
      }, not an object`,
    );
  }
  checkFormat(bom);
  const specVersion = bom.specVersion as string;

  const components = collectComponents(bom.components);
  if (components.length > options.maxComponents) {
    throw new PayloadTooLargeError(
      `The SBOM lists ${components.length} components, more than the limit of ${options.maxComponents} (ospo.sbom.maxComponents)`,
    );
  }
  const affected = countAffected(bom.vulnerabilities);
  if (affected > options.maxComponents) {
    throw new PayloadTooLargeError(
      `The SBOM lists ${affected} vulnerable packages (vulnerabilities times the components each affects), more than the limit of ${options.maxComponents} (ospo.sbom.maxComponents)`,
    );
  }

  const errors = validateCycloneDx(specVersion, bom);
  if (errors) {
    throw new InputError(
      `not a valid CycloneDX ${specVersion} SBOM: ${describeErrors(errors)}`,
    );
  }

  return extract(bom, specVersion, components, options.licensePolicy);
}

/**
 * Throws when arrays and objects nest deeper than `maxDepth`, scanning the
 * bytes: string contents are skipped with `indexOf`, so the scan costs a
 * fraction of parsing. Malformed JSON is left for the parser to name.
 */
function checkDepth(body: Buffer, maxDepth: number) {
  let depth = 0;
  const length = body.length;
  for (let i = 0; i < length; i++) {
    const c = body[i];
    if (c === 0x22 /* " */) {
      // To the closing quote: one not escaped by an odd run of backslashes.
      let end = i;
      for (;;) {
        end = body.indexOf(0x22, end + 1);
        if (end < 0) return;
        let slashes = 0;
        while (body[end - 1 - slashes] === 0x5c /* \ */) slashes++;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) {
        throw new InputError(
          `not a CycloneDX SBOM: arrays and objects nest deeper than ${maxDepth} levels`,
        );
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
}

function checkFormat(bom: Json) {
  if (bom.bomFormat !== 'CycloneDX') {
    const found =
      bom.bomFormat === undefined
        ? 'it has none'
        : `not ${JSON.stringify(bom.bomFormat)}`;
    const spdx =
      'spdxVersion' in bom
        ? ' (this looks like an SPDX document; upload a CycloneDX SBOM)'
        : '';
    throw new InputError(
      `not a CycloneDX SBOM: bomFormat must be "CycloneDX", ${found}${spdx}`,
    );
  }
  const version = bom.specVersion;
  if (!SUPPORTED_SPEC_VERSIONS.includes(version as any)) {
    const found =
      version === undefined
        ? 'the SBOM has no specVersion'
        : `specVersion ${JSON.stringify(version)} is not supported`;
    throw new InputError(
      `${found}; accepted CycloneDX versions: ${SUPPORTED_SPEC_VERSIONS.join(
        ', ',
      )}`,
    );
  }
}

/** Every component, nested ones included; whatever is not one is skipped. */
function collectComponents(list: unknown): Json[] {
  const found: Json[] = [];
  const pending: unknown[] = [list];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!Array.isArray(next)) continue;
    for (const component of next) {
      if (!isObject(component)) continue;
      found.push(component);
      if (component.components !== undefined) {
        pending.push(component.components);
      }
    }
  }
  return found;
}

/** Vulnerabilities times the packages each affects. */
function countAffected(vulnerabilities: unknown): number {
  let count = 0;
  if (!Array.isArray(vulnerabilities)) return count;
  for (const vulnerability of vulnerabilities) {
    if (isObject(vulnerability) && Array.isArray(vulnerability.affects)) {
      count += vulnerability.affects.length;
    }
  }
  return count;
}

/** The first validation errors, each as `$.json.path: message`. */
function describeErrors(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  const shown = list.slice(0, ERRORS_SHOWN).map(error => {
    const e = error as {
      instancePath?: string;
      message?: string;
      params?: { additionalProperty?: unknown; allowedValues?: unknown };
    };
    // The property that is too many, or the few values allowed (a license
    // id's are the whole SPDX list, too long to name).
    const allowed = e.params?.allowedValues;
    const detail =
      e.params?.additionalProperty ??
      (Array.isArray(allowed) && allowed.length <= 10
        ? allowed.join(', ')
        : undefined);
    return `${toJsonPath(e.instancePath ?? '')}: ${e.message ?? 'invalid'}${
      detail === undefined ? '' : ` (${detail})`
    }`;
  });
  const more = list.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** `/components/3/purl` as `$.components[3].purl`. */
function toJsonPath(pointer: string): string {
  let path = '$';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) {
      path += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(segment)) {
      path += `.${segment}`;
    } else {
      path += `[${JSON.stringify(segment)}]`;
    }
  }
  return path;
}

function extract(
  bom: Json,
  specVersion: string,
  components: Json[],
  policy: LicensePolicy,
): ParsedSbom {
  const licenses: Record<DependencyLicenseClass, number> = {
    allowed: 0,
    review: 0,
    denied: 0,
    unclassified: 0,
    unknown: 0,
  };
  const findings = new Map<string, SbomFinding>();
  const byRef = new Map<string, SbomPackage>();
  const classes = DependencyLicenseClassifier.create({ policy });

  const metadata = isObject(bom.metadata) ? bom.metadata : {};
  if (isObject(metadata.component)) {
    const root = metadata.component;
    if (typeof root['bom-ref'] === 'string') {
      byRef.set(root['bom-ref'], packageOf(root));
    }
  }

  for (const component of components) {
    const pkg = packageOf(component);
    if (typeof component['bom-ref'] === 'string') {
      byRef.set(component['bom-ref'], pkg);
    }
    const parts = licenseParts(component.licenses);
    const { cls, culprits } = classes.classify(parts);
    licenses[cls] += 1;
    if (cls === 'denied') {
      const license = joinLicenses(parts);
      const key = `license:${packageId(pkg)}:${license}`;
      findings.set(key, {
        kind: 'license',
        key,
        package: pkg,
        license,
        culprits,
      });
    }
  }

  const vulnerabilities: Record<VulnerabilitySeverity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    unknown: 0,
  };
  for (const vulnerability of asArray(bom.vulnerabilities)) {
    for (const finding of vulnerabilityFindings(vulnerability, byRef)) {
      const previous = findings.get(finding.key);
      // The same id on the same package twice (from two sources): the
      // worse rating counts.
      if (
        previous?.kind === 'vulnerability' &&
        SEVERITY_RANK[previous.severity] >= SEVERITY_RANK[finding.severity]
      ) {
        continue;
      }
      findings.set(finding.key, finding);
    }
  }
  for (const finding of findings.values()) {
    if (finding.kind === 'vulnerability') {
      vulnerabilities[finding.severity] += 1;
    }
  }

  const parsed: ParsedSbom = {
    specVersion,
    componentCount: components.length,
    licenses,
    vulnerabilities,
    findings: [...findings.values()],
  };
  const tool = toolOf(metadata.tools);
  if (tool) parsed.tool = tool;
  if (typeof bom.serialNumber === 'string') {
    parsed.serialNumber = bom.serialNumber;
  }
  return parsed;
}

/** A component's name, version, and purl when it is a valid package URL. */
function packageOf(component: Json): SbomPackage {
  const pkg: SbomPackage = { name: String(component.name ?? '') };
  if (typeof component.version === 'string' && component.version !== '') {
    pkg.version = component.version;
  }
  if (typeof component.purl === 'string' && isValidPurl(component.purl)) {
    pkg.purl = component.purl;
  }
  return pkg;
}

function isValidPurl(purl: string): boolean {
  try {
    PackageURL.fromString(purl);
    return true;
  } catch {
    return false;
  }
}

/** What names a package in a finding's key: its purl, or name@version. */
function packageId(pkg: SbomPackage): string {
  if (pkg.purl) return pkg.purl;
  return pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
}

/** The licenses of a component: ids, names or expressions, to be ANDed. */
function licenseParts(list: unknown): string[] {
  const parts: string[] = [];
  for (const entry of asArray(list)) {
    const license = isObject(entry.license) ? entry.license : undefined;
    const text = entry.expression ?? license?.id ?? license?.name;
    if (typeof text === 'string' && text.trim() !== '') parts.push(text.trim());
  }
  return parts;
}

function joinLicenses(parts: string[]): string {
  if (parts.length === 1) return parts[0];
  return parts.map(p => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
}

/** One finding per package the vulnerability affects. */
function vulnerabilityFindings(
  vulnerability: Json,
  byRef: Map<string, SbomPackage>,
): VulnerabilityFinding[] {
  const id = vulnerability.id;
  if (typeof id !== 'string' || id === '') return [];
  const analysis = isObject(vulnerability.analysis)
    ? vulnerability.analysis
    : {};
  if (NOT_EXPOSED.has(analysis.state as string)) return [];

  const severity = severityOf(vulnerability.ratings);
  const url = urlOf(vulnerability, id);
  const recommended = fixFromRecommendation(vulnerability.recommendation);
  const findings: VulnerabilityFinding[] = [];
  for (const affects of asArray(vulnerability.affects)) {
    if (typeof affects.ref !== 'string') continue;
    const pkg = resolveRef(affects.ref, byRef);
    const unaffected = asArray(affects.versions)
      .filter(v => v.status === 'unaffected')
      .map(v =>
        typeof v.version === 'string' ? v.version : lowerBound(v.range),
      )
      .filter((v): v is string => Boolean(v));
    // The version in the SBOM is one the advisory says is not affected.
    if (pkg.version && unaffected.includes(pkg.version)) continue;
    const fixedVersion = unaffected.length
      ? [...new Set(unaffected)].join(', ')
      : recommended;
    const finding: VulnerabilityFinding = {
      kind: 'vulnerability',
      key: `vulnerability:${id}:${packageId(pkg)}`,
      package: pkg,
      vulnerabilityId: id,
      severity,
    };
    if (fixedVersion) finding.fixedVersion = fixedVersion;
    if (url) finding.url = url;
    findings.push(finding);
  }
  return findings;
}

/**
 * The package a `bom-ref` names: a component of this SBOM, directly or
 * through a BOM-Link (`urn:cdx:<serial>/<version>#<bom-ref>`, as Trivy's
 * vulnerability reports write); otherwise a package named after the ref.
 */
function resolveRef(ref: string, byRef: Map<string, SbomPackage>): SbomPackage {
  const direct = byRef.get(ref);
  if (direct) return direct;
  const hash = ref.startsWith('urn:cdx:') ? ref.indexOf('#') : -1;
  if (hash >= 0) {
    let fragment = ref.slice(hash + 1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // Not percent-encoded after all: taken as it is.
    }
    const linked = byRef.get(fragment);
    if (linked) return linked;
  }
  return { name: ref };
}

/**
 * The highest of the ratings' severities. A rating with a CVSS score but no
 * severity is rated by the score, with CVSS's qualitative ranges.
 */
function severityOf(ratings: unknown): VulnerabilitySeverity {
  let best: VulnerabilitySeverity = 'unknown';
  for (const rating of asArray(ratings)) {
    let severity = normaliseSeverity(rating.severity);
    if (
      severity === 'unknown' &&
      rating.severity === undefined &&
      typeof rating.score === 'number' &&
      typeof rating.method === 'string' &&
      rating.method.startsWith('CVSS')
    ) {
      severity = severityOfScore(rating.score);
    }
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[best]) best = severity;
  }
  return best;
}

function normaliseSeverity(value: unknown): VulnerabilitySeverity {
  const text =
    typeof value === 'string' ? value.toLocaleLowerCase('en-US') : '';
  return text === 'critical' ||
    text === 'high' ||
    text === 'medium' ||
    text === 'low'
    ? text
    : 'unknown';
}

function severityOfScore(score: number): VulnerabilitySeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}

/**
 * The advisory: `source.url` when it is about this vulnerability (Grype
 * links the advisory there), else the first advisory (Trivy's source is the
 * database it searched), else the source. Web links only: the dashboard
 * renders them.
 */
function urlOf(vulnerability: Json, id: string): string | undefined {
  const source = isObject(vulnerability.source)
    ? webLink(vulnerability.source.url)
    : undefined;
  const advisory = asArray(vulnerability.advisories)
    .map(a => webLink(a.url))
    .find(Boolean);
  if (
    source?.toLocaleLowerCase('en-US').includes(id.toLocaleLowerCase('en-US'))
  ) {
    return source;
  }
  return advisory ?? source;
}

function webLink(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value)
    ? value
    : undefined;
}

/**
 * The fixed version a recommendation names. Trivy writes `Upgrade lodash to
 * version 4.17.21` (several versions separated by commas when fixes exist
 * on several branches); others `Upgrade to 2.0.1` or `Fixed in 2.0.1`.
 */
function fixFromRecommendation(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trivy = /\bto version\s+(.+?)\s*\.?\s*$/i.exec(text);
  const found =
    trivy?.[1] ??
    /\b(?:upgrade|update|fixed in|fix version)\b[^\n]*?\b(?:to|in|version)\s+v?(\d[\w.+~:-]*)/i.exec(
      text,
    )?.[1];
  return found && found.length <= 100 ? found : undefined;
}

/** The lowest version of a `vers:` range such as `vers:npm/>=4.17.21`. */
function lowerBound(range: unknown): string | undefined {
  if (typeof range !== 'string') return undefined;
  return /(?:^|[/|])>=\s*([^|\s]+)/.exec(range)?.[1];
}

/** The tools that made the SBOM: the 1.4 list, or 1.5's components. */
function toolOf(tools: unknown): string | undefined {
  const list = isObject(tools)
    ? [...asArray(tools.components), ...asArray(tools.services)]
    : asArray(tools);
  const names = list
    .map(tool =>
      [tool.name, tool.version]
        .filter(part => typeof part === 'string' && part !== '')
        .join(' '),
    )
    .filter(Boolean);
  const text = [...new Set(names)].join(', ');
  if (!text) return undefined;
  return text.length > TOOL_LENGTH
    ? `${text.slice(0, TOOL_LENGTH - 1)}…`
    : text;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list, or none when it is not one. */
function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
