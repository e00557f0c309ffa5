import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseSbomReports } from './DatabaseSbomReports';
import { DatabaseSbomStore } from './DatabaseSbomStore';
import {
  SbomFinding,
  SbomScanSummary,
  VulnerabilitySeverity,
} from './SbomStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SHOP = 'component:default/shop';
const CART = 'component:default/cart';
const SEARCH = 'component:default/search';

function scan(entityRef: string): Omit<SbomScanSummary, 'scannedAt'> {
  // The reports read the findings, not the summary's counts.
  return {
    entityRef,
    uploadedBy: 'user:default/ci',
    specVersion: '1.6',
    componentCount: 10,
    licenses: {
      allowed: 10,
      review: 0,
      denied: 0,
      unclassified: 0,
      unknown: 0,
    },
    vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
  };
}

function license(
  name: string,
  version: string,
  expression: string,
  culprits = [expression],
): SbomFinding {
  return {
    kind: 'license',
    key: `license:${name}@${version}:${expression}`,
    package: { name, version, purl: `pkg:npm/${name}@${version}` },
    license: expression,
    culprits,
  };
}

function vulnerability(
  id: string,
  severity: VulnerabilitySeverity,
  name: string,
  version: string,
  extra: { fixedVersion?: string; url?: string } = {},
): SbomFinding {
  return {
    kind: 'vulnerability',
    key: `vulnerability:${id}:${name}@${version}`,
    package: { name, version },
    vulnerabilityId: id,
    severity,
    ...extra,
  };
}

const GPL = 'GPL-3.0-only';
const AGPL = 'AGPL-3.0-only';
const MIXED = 'MIT AND GPL-3.0-only';
const LODASH_FIX = {
  fixedVersion: '4.17.21',
  url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
};

/** Stores scans one after the other, so that first-seen times differ. */
async function putScans(
  store: DatabaseSbomStore,
  scans: Array<[string, SbomFinding[]]>,
) {
  for (const [entityRef, findings] of scans) {
    await store.putScan(scan(entityRef), findings);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

describe.each(databases.eachSupportedId())(
  'DatabaseSbomReports on %s',
  (databaseId: TestDatabaseId) => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return {
        store: DatabaseSbomStore.create({ database: knex }),
        reports: DatabaseSbomReports.create({ database: knex }),
      };
    }

    /** Three components' SBOMs with license violations. */
    async function licenseScans(store: DatabaseSbomStore) {
      await putScans(store, [
        [
          SHOP,
          [
            license('gpl-lib', '1.0.0', GPL),
            license('gpl-lib', '2.0.0', GPL),
            license('agpl-thing', '0.1.0', AGPL),
            vulnerability('CVE-2021-23337', 'high', 'lodash', '4.17.20'),
          ],
        ],
        [
          CART,
          [
            license('gpl-lib', '1.0.0', GPL),
            license('mixed', '3.0.0', MIXED, [GPL]),
          ],
        ],
        [
          SEARCH,
          [
            license('agpl-thing', '0.2.0', AGPL),
            license('gpl-lib', '1.0.0', GPL),
          ],
        ],
      ]);
    }

    describe('offenders', () => {
      it('groups the open license violations by package and license, most entities first', async () => {
        const { store, reports } = await setup();
        await licenseScans(store);

        expect(await reports.offenders({}, 20)).toEqual({
          violationCount: 7,
          affectedEntityCount: 3,
          packageCount: 3,
          licenseCount: 3,
          packages: [
            {
              name: 'gpl-lib',
              license: GPL,
              culprits: [GPL],
              entityCount: 3,
              violationCount: 4,
            },
            {
              name: 'agpl-thing',
              license: AGPL,
              culprits: [AGPL],
              entityCount: 2,
              violationCount: 2,
            },
            {
              name: 'mixed',
              license: MIXED,
              culprits: [GPL],
              entityCount: 1,
              violationCount: 1,
            },
          ],
          licenses: [
            {
              license: GPL,
              entityCount: 3,
              violationCount: 4,
              packageCount: 1,
            },
            {
              license: AGPL,
              entityCount: 2,
              violationCount: 2,
              packageCount: 1,
            },
            {
              license: MIXED,
              entityCount: 1,
              violationCount: 1,
              packageCount: 1,
            },
          ],
        });
      });

      it('counts only the entities of the scope, and at most `limit` groups', async () => {
        const { store, reports } = await setup();
        await licenseScans(store);

        const scoped = await reports.offenders({ entityRefs: [SHOP, CART] }, 2);
        expect(scoped).toMatchObject({
          violationCount: 5,
          affectedEntityCount: 2,
          packageCount: 3,
          licenseCount: 3,
        });
        // Ties (one entity, one violation each) go by name.
        expect(
          scoped.packages.map(p => [p.name, p.entityCount, p.violationCount]),
        ).toEqual([
          ['gpl-lib', 2, 3],
          ['agpl-thing', 1, 1],
        ]);
        expect(scoped.licenses.map(l => l.license)).toEqual([GPL, AGPL]);

        expect(await reports.offenders({ entityRefs: [] }, 20)).toEqual({
          violationCount: 0,
          affectedEntityCount: 0,
          packageCount: 0,
          licenseCount: 0,
          packages: [],
          licenses: [],
        });
      });

      it('binds any number of entity refs as one parameter, quoted as they are', async () => {
        const { store, reports } = await setup();
        await licenseScans(store);
        // Not a valid entity ref, but a value to quote all the same.
        const odd = 'component:default/a"b\\c,{d} e\'f';
        await store.putScan(scan(odd), [license('odd-lib', '1.0.0', AGPL)]);
        // Far beyond SQLite's 32766 bound variables, were they bound one by one.
        const many = Array.from(
          { length: 40_000 },
          (_, i) => `component:default/other-${i}`,
        );
        const figures = await reports.offenders(
          { entityRefs: [...many, SEARCH, odd] },
          20,
        );
        expect(figures.affectedEntityCount).toBe(2);
        expect(figures.packages.map(p => p.name)).toEqual([
          'agpl-thing',
          'gpl-lib',
          'odd-lib',
        ]);
        const vulnerabilities = await reports.vulnerabilities(
          { entityRefs: [odd] },
          20,
        );
        expect(vulnerabilities.totalCount).toBe(0);
      });

      it('leaves out violations a later scan resolved', async () => {
        const { store, reports } = await setup();
        await licenseScans(store);
        await store.putScan(scan(SEARCH), [license('gpl-lib', '1.0.0', GPL)]);
        await store.putScan(scan(CART), []);

        const figures = await reports.offenders({}, 20);
        expect(figures.violationCount).toBe(4);
        expect(
          figures.packages.map(p => [p.name, p.entityCount, p.violationCount]),
        ).toEqual([
          ['gpl-lib', 2, 3],
          ['agpl-thing', 1, 1],
        ]);
      });
    });

    describe('vulnerabilities', () => {
      async function vulnerabilityScans(store: DatabaseSbomStore) {
        await putScans(store, [
          [
            SHOP,
            [
              vulnerability(
                'CVE-2021-23337',
                'critical',
                'lodash',
                '4.17.20',
                LODASH_FIX,
              ),
              vulnerability('CVE-2021-44906', 'high', 'minimist', '1.2.5'),
              license('gpl-lib', '1.0.0', GPL),
            ],
          ],
          [
            CART,
            [
              // Rated lower by another scanner, without a fix.
              vulnerability('CVE-2021-23337', 'high', 'lodash', '4.17.19'),
              vulnerability('CVE-2022-0001', 'medium', 'qs', '6.5.2'),
            ],
          ],
          [
            SEARCH,
            [
              vulnerability('CVE-2021-44906', 'high', 'minimist', '1.2.0'),
              vulnerability('CVE-2020-0004', 'low', 'ms', '2.0.0'),
              vulnerability('GHSA-aaaa-bbbb-cccc', 'unknown', 'tar', '4.0.0'),
              vulnerability('CVE-2021-23337', 'high', 'lodash-es', '4.17.20', {
                fixedVersion: '4.17.21',
              }),
            ],
          ],
        ]);
      }

      it('lists the open vulnerabilities by id, worst and widest first, with counts by severity', async () => {
        const { store, reports } = await setup();
        await vulnerabilityScans(store);

        const figures = await reports.vulnerabilities({}, 20);
        expect(figures.totalCount).toBe(5);
        expect(figures.affectedEntityCount).toBe(3);
        expect(figures.bySeverity).toEqual({
          // CVE-2021-23337 is critical in one SBOM: it counts as critical,
          // in every entity it affects.
          critical: { vulnerabilityCount: 1, entityCount: 3 },
          high: { vulnerabilityCount: 1, entityCount: 2 },
          medium: { vulnerabilityCount: 1, entityCount: 1 },
          low: { vulnerabilityCount: 1, entityCount: 1 },
          unknown: { vulnerabilityCount: 1, entityCount: 1 },
        });
        expect(figures.oldestCritical).toEqual({
          vulnerabilityId: 'CVE-2021-23337',
          entityRef: SHOP,
          packageName: 'lodash',
          firstSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        });

        const [lodash, minimist, ...rest] = figures.items;
        expect(lodash).toEqual({
          vulnerabilityId: 'CVE-2021-23337',
          severity: 'critical',
          entityCount: 3,
          entityRefs: [CART, SEARCH, SHOP],
          packages: [
            { name: 'lodash', fixedVersion: '4.17.21' },
            { name: 'lodash-es', fixedVersion: '4.17.21' },
          ],
          url: LODASH_FIX.url,
          firstSeenAt: figures.oldestCritical!.firstSeenAt,
        });
        expect(minimist).toEqual({
          vulnerabilityId: 'CVE-2021-44906',
          severity: 'high',
          entityCount: 2,
          entityRefs: [SEARCH, SHOP],
          packages: [{ name: 'minimist' }],
          firstSeenAt: expect.any(String),
        });
        // Seen in SHOP's scan, before SEARCH's.
        expect(Date.parse(minimist.firstSeenAt)).toBeLessThan(
          Date.parse(rest[1].firstSeenAt),
        );
        expect(rest.map(v => [v.vulnerabilityId, v.severity])).toEqual([
          ['CVE-2022-0001', 'medium'],
          ['CVE-2020-0004', 'low'],
          ['GHSA-aaaa-bbbb-cccc', 'unknown'],
        ]);
      });

      it('counts only the scope, lists a few entities and packages per id, and at most `limit` ids', async () => {
        const { store, reports } = await setup();
        const refs = Array.from(
          { length: 7 },
          (_, i) => `component:default/svc-${i}`,
        );
        await putScans(
          store,
          refs.map((ref, i) => [
            ref,
            [
              vulnerability('CVE-2024-0001', 'medium', `pkg-${i}`, '1.0.0'),
              ...(i < 2
                ? [vulnerability('CVE-2024-0002', 'low', 'other', '1.0.0')]
                : []),
            ],
          ]),
        );

        const all = await reports.vulnerabilities({}, 1);
        expect(all.totalCount).toBe(2);
        expect(all.items).toHaveLength(1);
        expect(all.items[0]).toMatchObject({
          vulnerabilityId: 'CVE-2024-0001',
          entityCount: 7,
          entityRefs: refs.slice(0, 5),
          packages: [0, 1, 2, 3, 4].map(i => ({ name: `pkg-${i}` })),
        });
        expect(all.oldestCritical).toBeUndefined();

        const scoped = await reports.vulnerabilities(
          { entityRefs: [refs[1], refs[6]] },
          20,
        );
        expect(scoped.totalCount).toBe(2);
        expect(scoped.affectedEntityCount).toBe(2);
        expect(
          scoped.items.map(v => [v.vulnerabilityId, v.entityRefs]),
        ).toEqual([
          ['CVE-2024-0001', [refs[1], refs[6]]],
          ['CVE-2024-0002', [refs[1]]],
        ]);
        expect(scoped.bySeverity.medium).toEqual({
          vulnerabilityCount: 1,
          entityCount: 2,
        });
      });

      it('has nothing to tell before the first SBOM, or once every vulnerability is fixed', async () => {
        const { store, reports } = await setup();
        const empty = {
          totalCount: 0,
          affectedEntityCount: 0,
          bySeverity: {
            critical: { vulnerabilityCount: 0, entityCount: 0 },
            high: { vulnerabilityCount: 0, entityCount: 0 },
            medium: { vulnerabilityCount: 0, entityCount: 0 },
            low: { vulnerabilityCount: 0, entityCount: 0 },
            unknown: { vulnerabilityCount: 0, entityCount: 0 },
          },
          items: [],
        };
        expect(await reports.vulnerabilities({}, 20)).toEqual(empty);

        await vulnerabilityScans(store);
        for (const ref of [SHOP, CART, SEARCH]) {
          await store.putScan(scan(ref), [license('gpl-lib', '1.0.0', GPL)]);
        }
        expect(await reports.vulnerabilities({}, 20)).toEqual(empty);
      });
    });
  },
);
