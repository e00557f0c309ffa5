import { LicensePolicy } from '../metrics/LicensePolicy';
import { parseCycloneDxSbom } from './parseCycloneDxSbom';

jest.setTimeout(30_000);

const licensePolicy = LicensePolicy.create({});

function body(document: unknown): Buffer {
  return Buffer.from(JSON.stringify(document));
}

function bom(overrides: Record<string, unknown> = {}) {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    ...overrides,
  };
}

const parse = (input: Buffer, maxComponents = 1000) =>
  parseCycloneDxSbom(input, { licensePolicy, maxComponents });

const library = (
  name: string,
  version: string,
  extra: Record<string, unknown> = {},
) => ({
  type: 'library',
  'bom-ref': `pkg:npm/${name}@${version}`,
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
  ...extra,
});

describe('parseCycloneDxSbom', () => {
  it('classifies every component, nested ones included, and opens findings for denied licenses', async () => {
    const parsed = await parse(
      body(
        bom({
          serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
          metadata: {
            tools: {
              components: [
                {
                  type: 'application',
                  name: 'cyclonedx-npm',
                  version: '1.19.3',
                },
              ],
            },
            component: { type: 'application', name: 'shop', 'bom-ref': 'shop' },
          },
          components: [
            library('lodash', '4.17.21', {
              licenses: [{ license: { id: 'MIT' } }],
            }),
            library('gpl-lib', '1.0.0', {
              licenses: [{ expression: 'MIT AND GPL-3.0-only' }],
              components: [
                library('bundled', '0.1.0', {
                  licenses: [{ license: { id: 'LGPL-2.1-only' } }],
                }),
              ],
            }),
            // Either license may be chosen: the better one counts.
            library('dual', '2.0.0', {
              licenses: [{ expression: 'GPL-2.0-only OR Apache-2.0' }],
            }),
            // Several entries all apply; one denied is enough.
            library('mixed', '1.0.0', {
              licenses: [
                { license: { id: 'Apache-2.0' } },
                { license: { name: 'AGPL-3.0-only' } },
              ],
            }),
            // Not SPDX, or none at all: unknown.
            library('custom', '1.0.0', {
              licenses: [{ license: { name: 'The Custom License' } }],
            }),
            library('bare', '1.0.0'),
            library('ref', '1.0.0', {
              licenses: [{ expression: 'LicenseRef-ACME' }],
            }),
            // A purl that is no package URL is left out, not refused.
            {
              type: 'library',
              name: 'weird',
              version: '1',
              purl: 'not a purl',
              licenses: [{ license: { id: 'GPL-3.0-only' } }],
            },
          ],
        }),
      ),
    );

    expect(parsed).toEqual({
      specVersion: '1.6',
      tool: 'cyclonedx-npm 1.19.3',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      componentCount: 9,
      licenses: {
        allowed: 2,
        review: 1,
        denied: 3,
        unclassified: 1,
        unknown: 2,
      },
      vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
      findings: expect.any(Array),
    });
    expect(parsed.findings).toEqual([
      {
        kind: 'license',
        key: 'license:pkg:npm/gpl-lib@1.0.0:MIT AND GPL-3.0-only',
        package: {
          name: 'gpl-lib',
          version: '1.0.0',
          purl: 'pkg:npm/gpl-lib@1.0.0',
        },
        license: 'MIT AND GPL-3.0-only',
        culprits: ['GPL-3.0-only'],
      },
      {
        kind: 'license',
        key: 'license:pkg:npm/mixed@1.0.0:Apache-2.0 AND AGPL-3.0-only',
        package: {
          name: 'mixed',
          version: '1.0.0',
          purl: 'pkg:npm/mixed@1.0.0',
        },
        license: 'Apache-2.0 AND AGPL-3.0-only',
        culprits: ['AGPL-3.0-only'],
      },
      {
        kind: 'license',
        key: 'license:weird@1:GPL-3.0-only',
        package: { name: 'weird', version: '1' },
        license: 'GPL-3.0-only',
        culprits: ['GPL-3.0-only'],
      },
    ]);
  });

  it('opens a finding per vulnerability and affected package, rated by the highest rating', async () => {
    const parsed = await parse(
      body(
        bom({
          serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
          components: [
            library('lodash', '4.17.20'),
            library('minimist', '1.2.5'),
            library('qs', '6.5.2'),
          ],
          vulnerabilities: [
            // Trivy: ratings from several sources, the fix in the
            // recommendation, the affected version listed.
            {
              id: 'CVE-2021-23337',
              source: {
                name: 'ghsa',
                url: 'https://github.com/advisories?query=type%3Areviewed+ecosystem%3Anpm',
              },
              ratings: [
                { source: { name: 'ghsa' }, severity: 'high' },
                {
                  source: { name: 'nvd' },
                  score: 7.2,
                  severity: 'critical',
                  method: 'CVSSv31',
                },
              ],
              advisories: [
                { url: 'https://avd.aquasec.com/nvd/cve-2021-23337' },
              ],
              recommendation: 'Upgrade lodash to version 4.17.21',
              affects: [
                {
                  ref: 'pkg:npm/lodash@4.17.20',
                  versions: [{ version: '4.17.20', status: 'affected' }],
                },
              ],
            },
            // Grype: the advisory as source, no fix, a score without a
            // severity; and a ref through a BOM-Link.
            {
              id: 'GHSA-xvch-5gv4-984h',
              source: {
                name: 'github:language:javascript',
                url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
              },
              ratings: [{ score: 9.8, method: 'CVSSv31' }],
              affects: [
                {
                  ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg%3Anpm%2Fminimist%401.2.5',
                },
              ],
            },
            // The fixed version as an unaffected range; an unknown ref.
            {
              id: 'CVE-2022-24999',
              ratings: [{ severity: 'info' }],
              affects: [
                {
                  ref: 'pkg:npm/qs@6.5.2',
                  versions: [
                    { range: 'vers:npm/<6.5.3', status: 'affected' },
                    { range: 'vers:npm/>=6.5.3', status: 'unaffected' },
                  ],
                },
                { ref: 'gone-component' },
              ],
            },
            // Analysed as not exposing the component: not open.
            {
              id: 'CVE-2020-8203',
              ratings: [{ severity: 'high' }],
              analysis: { state: 'not_affected' },
              affects: [{ ref: 'pkg:npm/lodash@4.17.20' }],
            },
            // The version in the SBOM is unaffected.
            {
              id: 'CVE-2019-0001',
              ratings: [{ severity: 'low' }],
              affects: [
                {
                  ref: 'pkg:npm/lodash@4.17.20',
                  versions: [{ version: '4.17.20', status: 'unaffected' }],
                },
              ],
            },
            // Listed twice: the worse rating counts.
            {
              id: 'CVE-2021-23337',
              ratings: [{ severity: 'medium' }],
              affects: [{ ref: 'pkg:npm/lodash@4.17.20' }],
            },
          ],
        }),
      ),
    );

    expect(parsed.vulnerabilities).toEqual({
      critical: 2,
      high: 0,
      medium: 0,
      low: 0,
      unknown: 2,
    });
    const lodash = {
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
    };
    expect(parsed.findings).toEqual([
      {
        kind: 'vulnerability',
        key: 'vulnerability:CVE-2021-23337:pkg:npm/lodash@4.17.20',
        package: lodash,
        vulnerabilityId: 'CVE-2021-23337',
        severity: 'critical',
        fixedVersion: '4.17.21',
        url: 'https://avd.aquasec.com/nvd/cve-2021-23337',
      },
      {
        kind: 'vulnerability',
        key: 'vulnerability:GHSA-xvch-5gv4-984h:pkg:npm/minimist@1.2.5',
        package: {
          name: 'minimist',
          version: '1.2.5',
          purl: 'pkg:npm/minimist@1.2.5',
        },
        vulnerabilityId: 'GHSA-xvch-5gv4-984h',
        severity: 'critical',
        url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
      },
      {
        kind: 'vulnerability',
        key: 'vulnerability:CVE-2022-24999:pkg:npm/qs@6.5.2',
        package: { name: 'qs', version: '6.5.2', purl: 'pkg:npm/qs@6.5.2' },
        vulnerabilityId: 'CVE-2022-24999',
        severity: 'unknown',
        fixedVersion: '6.5.3',
      },
      {
        kind: 'vulnerability',
        key: 'vulnerability:CVE-2022-24999:gone-component',
        package: { name: 'gone-component' },
        vulnerabilityId: 'CVE-2022-24999',
        severity: 'unknown',
      },
    ]);
  });

  it('reads a CycloneDX 1.4 SBOM with its list of tools', async () => {
    const parsed = await parse(
      body(
        bom({
          specVersion: '1.4',
          metadata: {
            tools: [
              { vendor: 'aquasecurity', name: 'trivy', version: '0.50.0' },
            ],
          },
          components: [library('lodash', '4.17.21')],
          vulnerabilities: [
            {
              id: 'CVE-2099-0001',
              ratings: [{ severity: 'medium' }],
              recommendation: 'Upgrade logback-core to version 1.5.13, 1.3.15',
              // eslint-disable-next-line no-script-url
              advisories: [{ url: 'javascript:alert(1)' }],
              affects: [{ ref: 'pkg:npm/lodash@4.17.21' }],
            },
          ],
        }),
      ),
    );
    expect(parsed).toMatchObject({
      specVersion: '1.4',
      tool: 'trivy 0.50.0',
      componentCount: 1,
      licenses: { unknown: 1 },
    });
    expect(parsed).not.toHaveProperty('serialNumber');
    // Only web links are kept.
    expect(parsed.findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        fixedVersion: '1.5.13, 1.3.15',
      }),
    ]);
    expect(parsed.findings[0]).not.toHaveProperty('url');
  });

  it('takes a byte order mark before the JSON', async () => {
    const parsed = await parse(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body(bom())]),
    );
    expect(parsed.componentCount).toBe(0);
  });

  describe('refuses', () => {
    const refusal = async (input: Buffer, maxComponents?: number) => {
      try {
        await parse(input, maxComponents);
      } catch (error) {
        const e = error as Error & { statusCode?: number };
        return { name: e.name, statusCode: e.statusCode, message: e.message };
      }
      throw new Error('parsed');
    };

    it('what is not JSON', async () => {
      expect(await refusal(Buffer.from('<bom/>'))).toEqual({
        name: 'InputError',
        statusCode: undefined,
        message: expect.stringMatching(/^not JSON: Unexpected token/),
      });
      expect((await refusal(Buffer.alloc(0))).message).toBe(
        'not JSON: the request body is empty',
      );
      expect(
        (await refusal(Buffer.from('{"bomFormat": "Cyclo'))).message,
      ).toMatch(/^not JSON: /);
    });

    it('JSON that is no CycloneDX SBOM', async () => {
      expect((await refusal(body([bom()]))).message).toBe(
        'not a CycloneDX SBOM: the body is a JSON array, not an object',
      );
      expect((await refusal(body({ specVersion: '1.6' }))).message).toBe(
        'not a CycloneDX SBOM: bomFormat must be "CycloneDX", it has none',
      );
      expect(
        (await refusal(body({ spdxVersion: 'SPDX-2.3', bomFormat: 'SPDX' })))
          .message,
      ).toBe(
        'not a CycloneDX SBOM: bomFormat must be "CycloneDX", not "SPDX" (this looks like an SPDX document; upload a CycloneDX SBOM)',
      );
    });

    it('spec versions other than 1.4, 1.5 and 1.6, naming the version', async () => {
      expect((await refusal(body(bom({ specVersion: '1.3' })))).message).toBe(
        'specVersion "1.3" is not supported; accepted CycloneDX versions: 1.4, 1.5, 1.6',
      );
      expect((await refusal(body(bom({ specVersion: 1.6 })))).message).toBe(
        'specVersion 1.6 is not supported; accepted CycloneDX versions: 1.4, 1.5, 1.6',
      );
      expect(
        (await refusal(body(bom({ specVersion: undefined })))).message,
      ).toBe(
        'the SBOM has no specVersion; accepted CycloneDX versions: 1.4, 1.5, 1.6',
      );
    });

    it('nesting deeper than the bound, before parsing', async () => {
      const deep = (levels: number) =>
        Buffer.from(`${'['.repeat(levels)}${']'.repeat(levels)}`);
      expect(await refusal(deep(101))).toEqual({
        name: 'InputError',
        statusCode: undefined,
        message:
          'not a CycloneDX SBOM: arrays and objects nest deeper than 100 levels',
      });
      // Within the bound, the array is parsed and refused as no object.
      expect((await refusal(deep(100))).message).toMatch(/JSON array/);
      // Far too deep for any parser, still a plain refusal.
      expect((await refusal(deep(1_000_000))).message).toMatch(
        /nest deeper than 100 levels/,
      );
      // Brackets in strings, escaped quotes included, do not count.
      const inStrings = body(
        bom({
          metadata: {
            component: {
              type: 'application',
              name: `\\"${'['.repeat(500)}\\\\`,
            },
          },
        }),
      );
      expect((await parse(inStrings)).componentCount).toBe(0);
    });

    it('more components than the limit with 413, naming both', async () => {
      const components = Array.from({ length: 11 }, (_, i) =>
        library(`p${i}`, '1.0.0'),
      );
      expect(await refusal(body(bom({ components })), 10)).toEqual({
        name: 'PayloadTooLargeError',
        statusCode: 413,
        message:
          'The SBOM lists 11 components, more than the limit of 10 (ospo.sbom.maxComponents)',
      });
      // Nested ones count too.
      const nested = [
        library('top', '1', { components: components.slice(0, 10) }),
      ];
      expect(
        (await refusal(body(bom({ components: nested })), 10)).message,
      ).toMatch(/lists 11 components/);
      const vulnerabilities = [
        {
          id: 'CVE-1',
          affects: components.map(c => ({ ref: c['bom-ref'] })),
        },
      ];
      expect(
        (
          await refusal(
            body(bom({ components: components.slice(0, 5), vulnerabilities })),
            10,
          )
        ).message,
      ).toMatch(/^The SBOM lists 11 vulnerable packages/);
    });

    it('what the CycloneDX schema does not allow, naming the JSON path', async () => {
      expect(
        await refusal(
          body(bom({ components: [library('a', '1', { colour: 'blue' })] })),
        ),
      ).toEqual({
        name: 'InputError',
        statusCode: undefined,
        message:
          'not a valid CycloneDX 1.6 SBOM: $.components[0]: must NOT have additional properties (colour)',
      });
      expect(
        (
          await refusal(
            body(
              bom({
                specVersion: '1.5',
                components: [{ type: 'library', version: '1' }],
              }),
            ),
          )
        ).message,
      ).toBe(
        "not a valid CycloneDX 1.5 SBOM: $.components[0]: must have required property 'name'",
      );
      // A license id off the SPDX list: the path, not the whole list.
      const message = (
        await refusal(
          body(
            bom({
              components: [
                library('a', '1', {
                  licenses: [{ license: { id: 'Apache2' } }],
                }),
              ],
            }),
          ),
        )
      ).message;
      expect(message).toMatch(
        /^not a valid CycloneDX 1\.6 SBOM: \$\.components\[0\]\.licenses\[0\]\.license\.id: must be equal to one of the allowed values/,
      );
      expect(message.length).toBeLessThan(600);
    });
  });

  it('answers odd shapes with a 400, never an error of its own', async () => {
    const odd: unknown[] = [
      null,
      42,
      'CycloneDX',
      bom({ components: {} }),
      bom({ components: [null, 1, [], 'x'] }),
      bom({ components: [{ name: 'a', components: 'x' }] }),
      bom({ vulnerabilities: { affects: [] } }),
      bom({ vulnerabilities: [{ id: 1, affects: 'x' }] }),
      bom({ metadata: { tools: 'x' } }),
      bom({ components: [library('a', '1', { licenses: 'MIT' })] }),
      bom({ components: [library('a', '1', { licenses: [{}] })] }),
      bom({ components: [library('a', '1', { purl: 12 })] }),
    ];
    for (const document of odd) {
      const outcome = await parse(body(document)).then(
        () => 'parsed',
        (error: Error) => error.name,
      );
      expect([document, outcome]).toEqual([document, 'InputError']);
    }
  });

  it('validates concurrent SBOMs of the same version with one validator', async () => {
    const results = await Promise.all(
      ['1.5', '1.5', '1.5'].map(specVersion =>
        parse(body(bom({ specVersion, components: [library('a', '1')] }))),
      ),
    );
    expect(results.map(r => r.componentCount)).toEqual([1, 1, 1]);
  });
});
