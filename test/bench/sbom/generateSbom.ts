/*
 * A synthetic CycloneDX 1.6 SBOM, as @cyclonedx/cyclonedx-npm or a scanner
 * writes one for a large application: components with package URLs of
 * several ecosystems, hashes, licenses (mostly permissive, a few denied or
 * not SPDX, some missing), a few nested components, a dependency graph, and
 * vulnerabilities in Trivy's shape (ratings, advisories, a recommendation
 * naming the fixed version).
 */

import { createRandom } from '../createRandom';

export interface SbomShape {
  components: number;
  vulnerabilities: number;
  seed: number;
}

/** What the SBOM holds, to check the upload's answer against. */
export interface GeneratedSbom {
  body: Buffer;
  components: number;
  deniedComponents: number;
  vulnerabilities: number;
}

const LICENSES: ReadonlyArray<readonly [object[] | undefined, number]> = [
  [[{ license: { id: 'MIT' } }], 45],
  [[{ license: { id: 'Apache-2.0' } }], 25],
  [[{ license: { id: 'ISC' } }], 8],
  [[{ license: { id: 'BSD-3-Clause' } }], 6],
  [[{ license: { id: 'BSD-2-Clause' } }], 3],
  [[{ expression: 'MIT OR Apache-2.0' }], 3],
  [[{ license: { id: 'LGPL-2.1-only' } }], 2],
  [[{ license: { id: 'MPL-2.0' } }], 2],
  [[{ license: { id: 'GPL-3.0-only' } }], 1],
  [[{ license: { id: 'AGPL-3.0-only' } }], 0.5],
  [[{ expression: 'GPL-2.0-only WITH Classpath-exception-2.0' }], 0.5],
  [[{ license: { name: 'Custom: see LICENSE.txt' } }], 1],
  [undefined, 3],
];
const DENIED = new Set(['GPL-3.0-only', 'AGPL-3.0-only', 'GPL-2.0-only']);

const WORDS = [
  'core',
  'utils',
  'parser',
  'http',
  'client',
  'server',
  'stream',
  'json',
  'yaml',
  'log',
  'config',
  'crypto',
  'auth',
  'cache',
  'queue',
  'grpc',
  'proto',
  'test',
  'mock',
  'async',
  'date',
  'time',
  'path',
  'fs',
  'net',
  'url',
  'xml',
  'csv',
  'color',
  'cli',
  'debug',
  'event',
  'retry',
  'pool',
];
const SEVERITIES = [
  ['critical', 9.8],
  ['high', 7.5],
  ['medium', 5.3],
  ['low', 3.1],
] as const;

function hex(random: ReturnType<typeof createRandom>, length: number) {
  let out = '';
  while (out.length < length) out += random.int(0x10000000).toString(16);
  return out.slice(0, length).padStart(length, '0');
}

function packageOf(random: ReturnType<typeof createRandom>, i: number) {
  const name = `${random.pick(WORDS)}-${random.pick(WORDS)}-${i}`;
  const version = `${random.int(8)}.${random.int(30)}.${random.int(20)}`;
  const ecosystem = random.weighted([
    ['npm', 60],
    ['maven', 20],
    ['pypi', 12],
    ['golang', 8],
  ] as const);
  switch (ecosystem) {
    case 'npm':
      return random.chance(0.3)
        ? {
            name: `@acme-${random.pick(WORDS)}/${name}`,
            version,
            purl: `pkg:npm/%40acme-${name.split('-')[0]}/${name}@${version}`,
          }
        : { name, version, purl: `pkg:npm/${name}@${version}` };
    case 'maven':
      return {
        name,
        version,
        group: `org.${random.pick(WORDS)}`,
        purl: `pkg:maven/org.${random.pick(WORDS)}/${name}@${version}?type=jar`,
      };
    case 'pypi':
      return { name, version, purl: `pkg:pypi/${name}@${version}` };
    default:
      return {
        name: `github.com/acme/${name}`,
        version: `v${version}`,
        purl: `pkg:golang/github.com/acme/${name}@v${version}`,
      };
  }
}

/**
 * The SBOM; `variant` changes which components a tenth of the
 * vulnerabilities affect, so that consecutive uploads open and resolve
 * findings as real scans do.
 */
export function generateSbom(shape: SbomShape, variant = 0): GeneratedSbom {
  const random = createRandom(shape.seed);
  type Component = Record<string, unknown> & { 'bom-ref': string };
  const all: Component[] = [];
  let denied = 0;
  for (let i = 0; i < shape.components; i++) {
    const pkg = packageOf(random, i);
    const licenses = random.weighted(LICENSES);
    const text = JSON.stringify(licenses ?? []);
    if ([...DENIED].some(id => text.includes(`"${id}`))) denied++;
    const component: Component = {
      type: 'library',
      'bom-ref': pkg.purl,
      ...pkg,
      description: `The ${pkg.name} package`,
      hashes: [{ alg: 'SHA-512', content: hex(random, 128) }],
      ...(licenses ? { licenses } : {}),
    };
    if (random.chance(0.5)) {
      component.externalReferences = [
        {
          type: 'vcs',
          url: `git+https://git.example.com/acme/${pkg.name}.git`,
        },
      ];
    }
    all.push(component);
  }
  // Every 100th component bundles the next three (nested components).
  const top: Component[] = [];
  for (let i = 0; i < all.length; i++) {
    if (i % 100 === 0 && i + 3 < all.length) {
      all[i].components = all.slice(i + 1, i + 4);
      top.push(all[i]);
      i += 3;
    } else {
      top.push(all[i]);
    }
  }

  const dependencies = all.map((component, i) => ({
    ref: component['bom-ref'],
    dependsOn: [
      ...new Set(
        Array.from(
          { length: random.int(4) },
          () => all[(i + 1 + random.int(50)) % all.length]['bom-ref'],
        ),
      ),
    ].filter(ref => ref !== component['bom-ref']),
  }));

  const vulnerabilities = Array.from(
    { length: shape.vulnerabilities },
    (_, i) => {
      // A tenth of them move to another component with each variant.
      const shift = i % 10 === 0 ? variant * 7919 : 0;
      const target = all[(random.int(all.length) + shift) % all.length];
      const [severity, score] = random.pick(SEVERITIES);
      const id = `CVE-${2019 + random.int(6)}-${10000 + i}`;
      const fixed = `${String(target.version).replace(/^v/, '')}-fixed`;
      return {
        'bom-ref': `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(
          12,
          '0',
        )}`,
        id,
        source: {
          name: 'ghsa',
          url: 'https://github.com/advisories?query=type%3Areviewed',
        },
        ratings: [
          { source: { name: 'ghsa' }, severity },
          {
            source: { name: 'nvd' },
            score,
            severity,
            method: 'CVSSv31',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          },
        ],
        cwes: [79],
        description: `A vulnerability in ${target.name}`,
        recommendation: `Upgrade ${target.name} to version ${fixed}`,
        advisories: [{ url: `https://nvd.nist.gov/vuln/detail/${id}` }],
        published: '2024-01-15T10:00:00+00:00',
        updated: '2024-02-01T10:00:00+00:00',
        affects: [
          {
            ref: target['bom-ref'],
            versions: [{ version: target.version, status: 'affected' }],
          },
        ],
      };
    },
  );

  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${hex(random, 8)}-${hex(random, 4)}-4${hex(
      random,
      3,
    )}-8${hex(random, 3)}-${hex(random, 12)}`,
    version: 1,
    metadata: {
      timestamp: '2026-11-30T10:00:00Z',
      tools: {
        components: [
          { type: 'application', name: 'cyclonedx-npm', version: '1.19.3' },
        ],
      },
      component: {
        type: 'application',
        'bom-ref': 'acme-shop',
        name: 'acme-shop',
        version: '1.0.0',
      },
    },
    components: top,
    dependencies,
    vulnerabilities,
  };
  return {
    body: Buffer.from(JSON.stringify(bom)),
    components: all.length,
    deniedComponents: denied,
    vulnerabilities: vulnerabilities.length,
  };
}
