import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import {
  componentsOf,
  mergeVulnerabilities,
  packageKey,
} from './mergeVulnerabilities.mjs';

const fixture = JSON.parse(
  fs.readFileSync(
    new URL(
      '../../packages/backend/examples/sbom/vulnerabilities.json',
      import.meta.url,
    ),
    'utf8',
  ),
);

/** An SBOM as cyclonedx-npm writes one, cut down to what matters here. */
function sbom() {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      component: {
        type: 'application',
        name: 'shop',
        version: '1.0.0',
        'bom-ref': 'shop@1.0.0',
      },
    },
    components: [
      {
        type: 'library',
        name: 'lodash',
        version: '4.17.20',
        'bom-ref': 'shop@1.0.0|lodash@4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
      },
      {
        type: 'library',
        name: 'legacy-utils',
        version: '2.0.0',
        'bom-ref': 'shop@1.0.0|legacy-utils@2.0.0',
        purl: 'pkg:npm/legacy-utils@2.0.0',
        // A second copy of lodash, nested under the package that needs it.
        components: [
          {
            type: 'library',
            name: 'lodash',
            version: '4.17.20',
            'bom-ref': 'shop@1.0.0|legacy-utils@2.0.0|lodash@4.17.20',
            purl: 'pkg:npm/lodash@4.17.20?vcs_url=git%2Bhttps://github.com/lodash/lodash.git',
          },
        ],
      },
      {
        type: 'library',
        name: 'minimist',
        version: '1.2.6',
        'bom-ref': 'shop@1.0.0|minimist@1.2.6',
        purl: 'pkg:npm/minimist@1.2.6',
      },
      {
        type: 'library',
        group: '@acme',
        name: 'money',
        version: '1.0.0',
        'bom-ref': 'shop@1.0.0|@acme/money@1.0.0',
        purl: 'pkg:npm/%40acme/money@1.0.0',
      },
    ],
  };
}

function vulnerability(id, ref, severity = 'high') {
  return {
    id,
    source: { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` },
    ratings: [{ severity }],
    affects: [{ ref, versions: [{ version: '0', status: 'affected' }] }],
  };
}

describe('packageKey', () => {
  it('names a package version without qualifiers and subpath', () => {
    assert.equal(packageKey('pkg:npm/lodash@4.17.20'), 'npm/lodash@4.17.20');
    assert.equal(
      packageKey('pkg:npm/lodash@4.17.20?vcs_url=git%2Bhttps://x/y.git#lib'),
      'npm/lodash@4.17.20',
    );
  });

  it('decodes scoped names, encoded or not', () => {
    assert.equal(
      packageKey('pkg:npm/%40acme/money@1.0.0'),
      'npm/@acme/money@1.0.0',
    );
    assert.equal(
      packageKey('pkg:npm/@acme/money@1.0.0'),
      'npm/@acme/money@1.0.0',
    );
  });

  it('is undefined for what is no package URL', () => {
    assert.equal(packageKey('lodash@4.17.20'), undefined);
    assert.equal(packageKey('pkg:npm'), undefined);
    assert.equal(packageKey('pkg:npm/%E0%A4%A@1'), undefined);
    assert.equal(packageKey(undefined), undefined);
  });
});

describe('mergeVulnerabilities', () => {
  it('names every component of the affected package version by bom-ref', () => {
    const input = sbom();
    const { bom, ids } = mergeVulnerabilities(input, [
      vulnerability('CVE-2021-23337', 'pkg:npm/lodash@4.17.20'),
      vulnerability('CVE-2021-44906', 'pkg:npm/minimist@1.2.5', 'critical'),
      vulnerability('CVE-2099-0001', 'pkg:npm/%40acme/money@1.0.0', 'low'),
    ]);

    assert.deepEqual(ids, ['CVE-2021-23337', 'CVE-2099-0001']);
    assert.deepEqual(
      bom.vulnerabilities.map(v => [v.id, v.affects.map(a => a.ref)]),
      [
        [
          'CVE-2021-23337',
          [
            'shop@1.0.0|lodash@4.17.20',
            'shop@1.0.0|legacy-utils@2.0.0|lodash@4.17.20',
          ],
        ],
        ['CVE-2099-0001', ['shop@1.0.0|@acme/money@1.0.0']],
      ],
    );
    // What the fixture says besides the ref is kept.
    assert.deepEqual(bom.vulnerabilities[0].affects[0].versions, [
      { version: '0', status: 'affected' },
    ]);
    assert.deepEqual(bom.vulnerabilities[0].ratings, [{ severity: 'high' }]);
    // A modified BOM: its version goes up; the input is left as it was.
    assert.equal(bom.version, 2);
    assert.deepEqual(input, sbom());
    assert.equal(componentsOf(bom).length, 5);
  });

  it('gives a scanned SBOM an empty list when nothing applies', () => {
    const { bom, ids } = mergeVulnerabilities(sbom(), [
      vulnerability('CVE-2021-44906', 'pkg:npm/minimist@1.2.5'),
    ]);
    assert.deepEqual(bom.vulnerabilities, []);
    assert.deepEqual(ids, []);
  });

  it('keeps the vulnerabilities the SBOM already had', () => {
    const input = {
      ...sbom(),
      vulnerabilities: [
        vulnerability('CVE-2000-0001', 'shop@1.0.0|minimist@1.2.6'),
      ],
    };
    const { bom } = mergeVulnerabilities(input, [
      vulnerability('CVE-2021-23337', 'pkg:npm/lodash@4.17.20'),
    ]);
    assert.deepEqual(
      bom.vulnerabilities.map(v => v.id),
      ['CVE-2000-0001', 'CVE-2021-23337'],
    );
  });

  it('rejects an unusable fixture entry, naming it', () => {
    assert.throws(
      () =>
        mergeVulnerabilities(sbom(), [
          { ...vulnerability('CVE-1', 'pkg:npm/a@1'), ratings: [] },
        ]),
      /CVE-1: has no rating with a severity/,
    );
    assert.throws(
      () =>
        mergeVulnerabilities(sbom(), [
          vulnerability('CVE-2', 'shop@1.0.0|lodash@4.17.20'),
        ]),
      /CVE-2: affects.ref "shop@1.0.0\|lodash@4.17.20" is not a package URL/,
    );
    assert.throws(
      () => mergeVulnerabilities(sbom(), [{ ratings: [{ severity: 'low' }] }]),
      /vulnerabilities\[0\]: has no id/,
    );
  });
});

describe('the vulnerabilities fixture', () => {
  it('scans components that have a manifest', () => {
    for (const name of fixture.scanned) {
      const manifest = new URL(
        `../../packages/backend/examples/sbom/${name}/package.json`,
        import.meta.url,
      );
      assert.ok(fs.existsSync(manifest), `${name} has no manifest`);
    }
  });

  it('names the affected version and the fix of each package', () => {
    for (const v of fixture.vulnerabilities) {
      for (const affected of v.affects) {
        const [, name, version] = packageKey(affected.ref).match(
          /^npm\/(.+)@(.+)$/,
        );
        const fixed = affected.versions.find(
          x => x.status === 'unaffected',
        )?.version;
        assert.deepEqual(
          affected.versions.find(x => x.status === 'affected'),
          { version, status: 'affected' },
          v.id,
        );
        assert.equal(
          v.recommendation,
          `Upgrade ${name} to version ${fixed}`,
          v.id,
        );
      }
    }
  });

  it('merges into an SBOM that stays valid CycloneDX 1.6', async () => {
    const input = sbom();
    input.components.push(
      ...fixture.vulnerabilities.map((v, i) => ({
        type: 'library',
        name: `affected-${i}`,
        'bom-ref': `shop@1.0.0|affected-${i}`,
        purl: v.affects[0].ref,
      })),
    );
    const { bom, ids } = mergeVulnerabilities(input, fixture.vulnerabilities);
    assert.equal(ids.length, fixture.vulnerabilities.length);

    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    assert.equal(await validator.validate(JSON.stringify(bom)), null);
  });
});
