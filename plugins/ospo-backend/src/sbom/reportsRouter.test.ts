import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogServiceRequestOptions,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MetricScope,
  ORG_SCOPE,
  SbomOffenders,
  SbomVulnerabilities,
  ospoMetricsReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { restrictedCatalog, userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSbomStore } from './DatabaseSbomStore';
import { SbomFinding, VulnerabilitySeverity } from './SbomStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // sees everything
const SAM = 'user:default/sam'; // sees neither the ops Group nor `vault`
const GUEST = 'user:default/guest'; // may not read metrics

const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const guest = mockCredentials.user.header(GUEST);
const service = mockCredentials.service.header();
const anonymous = mockCredentials.none.header();

const ROUTES = {
  offenders: '/sbom/offenders',
  vulnerabilities: '/sbom/vulnerabilities',
  violationsCsv: '/sbom/violations.csv',
  vulnerabilitiesCsv: '/sbom/vulnerabilities.csv',
};

const group = (name: string) => `group:default/${name}`;
const component = (name: string) => `component:default/${name}`;
const ENG = group('eng');
const TEAM_A = group('team-a');
const TEAM_B = group('team-b');
const OPS = group('ops');
const LONERS = group('loners'); // in the catalog, in no metrics run

const SHOP = component('shop'); // team-a
const CART = component('cart'); // team-b
const VAULT = component('vault'); // ops, hidden from SAM
const WIKI = component('wiki'); // loners

/** Engineering > (Team A, Team B); Operations on its own. */
const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  {
    ref: ENG,
    type: 'department',
    title: 'Engineering',
    childRefs: [TEAM_A, TEAM_B],
  },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: ENG },
  { ref: TEAM_B, type: 'team', title: 'Team B', parentRef: ENG },
  { ref: OPS, type: 'team', title: 'Operations' },
];

function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function componentEntity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const ENTITIES: Entity[] = [
  ...['eng', 'team-a', 'team-b', 'ops', 'loners'].map(groupEntity),
  componentEntity('shop', TEAM_A),
  componentEntity('cart', TEAM_B),
  componentEntity('vault', OPS),
  componentEntity('wiki', LONERS),
];

/** GUEST may not read metrics; all else is allowed. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = userOf(options.credentials);
    return requests.map(({ permission }) => ({
      result:
        user === GUEST && permission.name === ospoMetricsReadPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  },
});

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
const LODASH_URL = 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337';

/** Every SBOM of the tests below, in the order they are stored. */
const SCANS: Array<[string, SbomFinding[]]> = [
  [
    VAULT,
    [
      license('gpl-lib', '1.0.0', GPL),
      vulnerability('CVE-2021-23337', 'critical', 'lodash', '4.17.20', {
        fixedVersion: '4.17.21',
        url: LODASH_URL,
      }),
    ],
  ],
  [
    SHOP,
    [
      license('gpl-lib', '1.0.0', GPL),
      // A scoped npm package starts with `@`, which spreadsheets would run.
      license('@evil/=cmd', '2.0.0', 'MIT AND AGPL-3.0-only', [AGPL]),
      vulnerability('CVE-2021-23337', 'high', 'lodash', '4.17.19'),
      vulnerability('CVE-2022-24999', 'medium', 'qs', '6.5.2', {
        fixedVersion: '6.5.3',
      }),
    ],
  ],
  [
    CART,
    [
      license('gpl-lib', '2.0.0', GPL),
      vulnerability('CVE-2022-24999', 'medium', 'qs', '6.5.2'),
    ],
  ],
  [WIKI, [vulnerability('GHSA-xxxx-yyyy-zzzz', 'low', 'marked', '0.3.0')]],
];

describe.each(databases.eachSupportedId())(
  'SBOM report routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    let sbomStore: DatabaseSbomStore;
    let metricsStore: DatabaseMetricsStore;
    const catalog = restrictedCatalog({
      entities: ENTITIES,
      isHidden: (user, e) =>
        user === SAM && ['ops', 'vault'].includes(e.metadata.name),
    });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { ospo: { accessCache: { ttl: 'PT0S' } } },
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalog.factory,
          permissions.factory,
        ],
      });
      sbomStore = DatabaseSbomStore.create({ database: knex });
      metricsStore = DatabaseMetricsStore.create({ database: knex });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      for (const table of [
        'ospo_sbom_findings',
        'ospo_sbom_latest',
        'ospo_sbom_scans',
        'ospo_metric_scopes',
        'ospo_metric_runs',
      ]) {
        await knex(table).delete();
      }
    });

    async function get(path: string, auth = lee) {
      return request(backend.server)
        .get(`/api/ospo${path}`)
        .set('Authorization', auth);
    }

    async function seed() {
      for (const [entityRef, findings] of SCANS) {
        await sbomStore.putScan(
          {
            entityRef,
            uploadedBy: 'user:default/ci',
            specVersion: '1.6',
            componentCount: 12,
            licenses: {
              allowed: 12,
              review: 0,
              denied: 0,
              unclassified: 0,
              unknown: 0,
            },
            vulnerabilities: {
              critical: 0,
              high: 0,
              medium: 0,
              low: 0,
              unknown: 0,
            },
          },
          findings,
        );
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      const started = await metricsStore.startRun({ staleBefore: new Date(0) });
      await metricsStore.completeRun(started.id, {
        scopes: SCOPES,
        figures: [],
        processedEntities: 0,
      });
    }

    async function offenders(query = '', auth = lee): Promise<SbomOffenders> {
      const res = await get(`${ROUTES.offenders}${query}`, auth);
      expect(res.status).toBe(200);
      expectMatchesSpec('GET', ROUTES.offenders, res);
      return res.body;
    }

    async function vulnerabilities(
      query = '',
      auth = lee,
    ): Promise<SbomVulnerabilities> {
      const res = await get(`${ROUTES.vulnerabilities}${query}`, auth);
      expect(res.status).toBe(200);
      expectMatchesSpec('GET', ROUTES.vulnerabilities, res);
      return res.body;
    }

    describe('GET /sbom/offenders', () => {
      it('tells which packages and licenses cause the most violations', async () => {
        await seed();
        const body = await offenders();
        const lastScan = await sbomStore.listScanTimes();
        expect(body).toEqual({
          scannedEntityCount: 4,
          lastScannedAt: lastScan.get(WIKI)!.toISOString(),
          violationCount: 4,
          affectedEntityCount: 3,
          packageCount: 2,
          licenseCount: 2,
          packages: [
            {
              name: 'gpl-lib',
              license: GPL,
              culprits: [GPL],
              entityCount: 3,
              violationCount: 3,
            },
            {
              name: '@evil/=cmd',
              license: 'MIT AND AGPL-3.0-only',
              culprits: [AGPL],
              entityCount: 1,
              violationCount: 1,
            },
          ],
          licenses: [
            {
              license: GPL,
              entityCount: 3,
              violationCount: 3,
              packageCount: 1,
            },
            {
              license: 'MIT AND AGPL-3.0-only',
              entityCount: 1,
              violationCount: 1,
              packageCount: 1,
            },
          ],
        });
        // At most `limit` groups of each.
        const one = await offenders('?limit=1');
        expect(one.packages.map(p => p.name)).toEqual(['gpl-lib']);
        expect(one.licenses.map(l => l.license)).toEqual([GPL]);
        expect(one.packageCount).toBe(2);
      });

      it('leaves out entities the caller cannot see', async () => {
        await seed();
        const body = await offenders('', sam);
        expect(body).toMatchObject({
          scannedEntityCount: 3,
          violationCount: 3,
          affectedEntityCount: 2,
        });
        expect(body.packages[0]).toMatchObject({
          name: 'gpl-lib',
          entityCount: 2,
          violationCount: 2,
        });
      });

      it("scopes to a Group's entities and those of the Groups below it", async () => {
        await seed();
        const eng = await offenders('?teamRef=eng');
        expect(eng).toMatchObject({
          teamRef: ENG,
          scannedEntityCount: 2,
          violationCount: 3,
          affectedEntityCount: 2,
        });
        const teamB = await offenders(`?teamRef=${TEAM_B}`);
        expect(teamB).toMatchObject({
          teamRef: TEAM_B,
          scannedEntityCount: 1,
          violationCount: 1,
        });
        expect(teamB.packages).toEqual([
          {
            name: 'gpl-lib',
            license: GPL,
            culprits: [GPL],
            entityCount: 1,
            violationCount: 1,
          },
        ]);
        // A Group the run did not see is scoped to itself.
        expect(await offenders('?teamRef=default/loners')).toMatchObject({
          teamRef: LONERS,
          scannedEntityCount: 1,
          violationCount: 0,
          packages: [],
        });
        // An empty teamRef is the whole organisation.
        expect((await offenders('?teamRef=')).scannedEntityCount).toBe(4);
      });

      it('answers 404 to a Group that is missing or hidden, 400 to a bad query', async () => {
        await seed();
        for (const [query, auth] of [
          ['?teamRef=nobody', lee],
          ['?teamRef=ops', sam],
        ] as const) {
          const res = await get(`${ROUTES.offenders}${query}`, auth);
          expect([query, res.status]).toEqual([query, 404]);
          expectMatchesSpec('GET', ROUTES.offenders, res);
        }
        for (const query of [
          '?limit=0',
          '?limit=101',
          '?limit=ten',
          '?teamRef=component:default/shop',
          '?teamRef=a/b/c',
          '?offset=5',
        ]) {
          const res = await get(`${ROUTES.offenders}${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expectMatchesSpec('GET', ROUTES.offenders, res);
        }
        const res = await get(`${ROUTES.offenders}?limit=101`);
        expect(res.body.error.message).toMatch(/limit/);
        expect((await offenders('?limit=100')).packages).toHaveLength(2);
      });

      it('is empty, and says no SBOM was uploaded, before the first upload', async () => {
        expect(await offenders()).toEqual({
          scannedEntityCount: 0,
          violationCount: 0,
          affectedEntityCount: 0,
          packageCount: 0,
          licenseCount: 0,
          packages: [],
          licenses: [],
        });
      });
    });

    describe('GET /sbom/vulnerabilities', () => {
      it('lists the open vulnerabilities by id, worst first, with the oldest critical', async () => {
        await seed();
        const body = await vulnerabilities();
        const vaultScan = (await sbomStore.listScanTimes()).get(VAULT)!;
        expect(body).toMatchObject({
          scannedEntityCount: 4,
          totalCount: 3,
          affectedEntityCount: 4,
          bySeverity: {
            critical: { vulnerabilityCount: 1, entityCount: 2 },
            high: { vulnerabilityCount: 0, entityCount: 0 },
            medium: { vulnerabilityCount: 1, entityCount: 2 },
            low: { vulnerabilityCount: 1, entityCount: 1 },
            unknown: { vulnerabilityCount: 0, entityCount: 0 },
          },
          oldestCritical: {
            vulnerabilityId: 'CVE-2021-23337',
            entityRef: VAULT,
            packageName: 'lodash',
            firstSeenAt: vaultScan.toISOString(),
          },
        });
        expect(body.items).toEqual([
          {
            vulnerabilityId: 'CVE-2021-23337',
            severity: 'critical',
            entityCount: 2,
            entityRefs: [SHOP, VAULT],
            packages: [{ name: 'lodash', fixedVersion: '4.17.21' }],
            url: LODASH_URL,
            firstSeenAt: vaultScan.toISOString(),
          },
          {
            vulnerabilityId: 'CVE-2022-24999',
            severity: 'medium',
            entityCount: 2,
            entityRefs: [CART, SHOP],
            packages: [{ name: 'qs', fixedVersion: '6.5.3' }],
            firstSeenAt: expect.any(String),
          },
          {
            vulnerabilityId: 'GHSA-xxxx-yyyy-zzzz',
            severity: 'low',
            entityCount: 1,
            entityRefs: [WIKI],
            packages: [{ name: 'marked' }],
            firstSeenAt: expect.any(String),
          },
        ]);
      });

      it('leaves out what the caller cannot see, and scopes to a Group', async () => {
        await seed();
        const forSam = await vulnerabilities('', sam);
        // Only SHOP's rating of the lodash vulnerability is left: high.
        expect(forSam.items.map(v => [v.vulnerabilityId, v.severity])).toEqual([
          ['CVE-2021-23337', 'high'],
          ['CVE-2022-24999', 'medium'],
          ['GHSA-xxxx-yyyy-zzzz', 'low'],
        ]);
        expect(forSam.oldestCritical).toBeUndefined();
        expect(forSam.items[0].entityRefs).toEqual([SHOP]);

        const teamA = await vulnerabilities('?teamRef=team-a&limit=1');
        expect(teamA).toMatchObject({
          teamRef: TEAM_A,
          scannedEntityCount: 1,
          totalCount: 2,
          affectedEntityCount: 1,
        });
        expect(teamA.items).toHaveLength(1);
        expect(teamA.items[0]).toMatchObject({
          vulnerabilityId: 'CVE-2021-23337',
          severity: 'high',
          entityRefs: [SHOP],
        });
      });

      it('answers 400 to a limit out of range', async () => {
        for (const query of ['?limit=0', '?limit=1000', '?limit=-1']) {
          const res = await get(`${ROUTES.vulnerabilities}${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expectMatchesSpec('GET', ROUTES.vulnerabilities, res);
        }
      });
    });

    describe('CSV exports', () => {
      const VIOLATIONS_HEADER =
        'Entity ref,Owner,Package,Version,Package URL,License,Culprits,First seen';
      const VULNERABILITIES_HEADER =
        'Entity ref,Owner,Vulnerability,Severity,Package,Version,Fixed version,First seen,URL';

      async function firstSeen(entityRef: string) {
        return (await sbomStore.listScanTimes()).get(entityRef)!.toISOString();
      }

      it('exports every open license violation, guarded against formulas', async () => {
        await seed();
        const res = await get(ROUTES.violationsCsv);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="ospo-sbom-license-violations.csv"',
        );
        expectMatchesSpec('GET', ROUTES.violationsCsv, res);
        expect(res.text).toBe(
          [
            VIOLATIONS_HEADER,
            `${CART},${TEAM_B},gpl-lib,2.0.0,pkg:npm/gpl-lib@2.0.0,${GPL},${GPL},${await firstSeen(
              CART,
            )}`,
            `${SHOP},${TEAM_A},'@evil/=cmd,2.0.0,pkg:npm/@evil/=cmd@2.0.0,MIT AND AGPL-3.0-only,${AGPL},${await firstSeen(
              SHOP,
            )}`,
            `${SHOP},${TEAM_A},gpl-lib,1.0.0,pkg:npm/gpl-lib@1.0.0,${GPL},${GPL},${await firstSeen(
              SHOP,
            )}`,
            `${VAULT},${OPS},gpl-lib,1.0.0,pkg:npm/gpl-lib@1.0.0,${GPL},${GPL},${await firstSeen(
              VAULT,
            )}`,
            '',
          ].join('\r\n'),
        );
      });

      it('exports every open vulnerability finding, by entity and severity', async () => {
        await seed();
        const res = await get(ROUTES.vulnerabilitiesCsv);
        expect(res.status).toBe(200);
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="ospo-sbom-vulnerabilities.csv"',
        );
        expectMatchesSpec('GET', ROUTES.vulnerabilitiesCsv, res);
        expect(res.text).toBe(
          [
            VULNERABILITIES_HEADER,
            `${CART},${TEAM_B},CVE-2022-24999,medium,qs,6.5.2,,${await firstSeen(
              CART,
            )},`,
            `${SHOP},${TEAM_A},CVE-2021-23337,high,lodash,4.17.19,,${await firstSeen(
              SHOP,
            )},`,
            `${SHOP},${TEAM_A},CVE-2022-24999,medium,qs,6.5.2,6.5.3,${await firstSeen(
              SHOP,
            )},`,
            `${VAULT},${OPS},CVE-2021-23337,critical,lodash,4.17.20,4.17.21,${await firstSeen(
              VAULT,
            )},${LODASH_URL}`,
            `${WIKI},${LONERS},GHSA-xxxx-yyyy-zzzz,low,marked,0.3.0,,${await firstSeen(
              WIKI,
            )},`,
            '',
          ].join('\r\n'),
        );
      });

      it('exports only what the caller can see, within the Group, and only the header without findings', async () => {
        await seed();
        const forSam = (await get(ROUTES.vulnerabilitiesCsv, sam)).text;
        expect(forSam).not.toContain(VAULT);
        expect(forSam.split('\r\n')).toHaveLength(6);

        const eng = await get(`${ROUTES.violationsCsv}?teamRef=eng`);
        expect(eng.status).toBe(200);
        expect(
          eng.text
            .split('\r\n')
            .slice(1, -1)
            .map(line => line.split(',').slice(0, 3).join(',')),
        ).toEqual([
          `${CART},${TEAM_B},gpl-lib`,
          `${SHOP},${TEAM_A},'@evil/=cmd`,
          `${SHOP},${TEAM_A},gpl-lib`,
        ]);

        await knex('ospo_sbom_findings').delete();
        expect((await get(ROUTES.violationsCsv)).text).toBe(
          `${VIOLATIONS_HEADER}\r\n`,
        );
        expect((await get(ROUTES.vulnerabilitiesCsv)).text).toBe(
          `${VULNERABILITIES_HEADER}\r\n`,
        );
      });

      it('answers 400 to parameters it does not take, 404 to a hidden Group', async () => {
        for (const route of [ROUTES.violationsCsv, ROUTES.vulnerabilitiesCsv]) {
          const bad = await get(`${route}?limit=5`);
          expect([route, bad.status]).toEqual([route, 400]);
          expectMatchesSpec('GET', route, bad);
          const hidden = await get(`${route}?teamRef=ops`, sam);
          expect([route, hidden.status]).toEqual([route, 404]);
          expectMatchesSpec('GET', route, hidden);
        }
      });
    });

    describe('authorization', () => {
      const ALL = Object.values(ROUTES);

      it('answers 403 without ospo.metrics.read, whatever is asked for', async () => {
        await seed();
        for (const route of ALL) {
          for (const query of ['', '?teamRef=nobody']) {
            const res = await get(`${route}${query}`, guest);
            expect([route, query, res.status]).toEqual([route, query, 403]);
            expect(res.body.error).toMatchObject({
              name: 'NotAllowedError',
              message: 'You may not read OSPO metrics',
            });
            expectMatchesSpec('GET', route, res);
          }
        }
      });

      it('answers 401 without credentials', async () => {
        for (const route of ALL) {
          const res = await get(route, anonymous);
          expect([route, res.status]).toEqual([route, 401]);
          expectMatchesSpec('GET', route, res);
        }
      });

      it('serves other backend plugins', async () => {
        await seed();
        expect((await offenders('', service)).scannedEntityCount).toBe(4);
        const res = await get(ROUTES.vulnerabilitiesCsv, service);
        expect(res.status).toBe(200);
      });
    });
  },
);

describe('SBOM reports with an external access token', () => {
  it("reads the catalog with the plugin's credentials for a token restricted to the plugin", async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        ospoPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        // As the real catalog client does: a token for the catalog on
        // behalf of the caller, which access restrictions may refuse.
        createServiceFactory({
          service: catalogServiceRef,
          deps: { auth: coreServices.auth },
          factory: ({ auth }) => {
            const catalog = catalogServiceMock({ entities: ENTITIES });
            const onBehalf = async (options: unknown) => {
              await auth.getPluginRequestToken({
                onBehalfOf: (options as CatalogServiceRequestOptions)
                  .credentials,
                targetPluginId: 'catalog',
              });
            };
            return catalogServiceMock.mock({
              async getEntitiesByRefs(req, options) {
                await onBehalf(options);
                return catalog.getEntitiesByRefs(req, options);
              },
              async getEntityByRef(ref, options) {
                await onBehalf(options);
                return catalog.getEntityByRef(ref, options);
              },
            });
          },
        }),
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7307',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: {
                      token: 'ci-token-for-the-sbom-reports',
                      subject: 'sbom-reader',
                    },
                    accessRestrictions: [{ plugin: 'ospo' }],
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    try {
      const store = DatabaseSbomStore.create({ database: knex });
      const [entityRef, findings] = SCANS[1];
      await store.putScan(
        {
          entityRef,
          uploadedBy: 'sbom-uploader',
          specVersion: '1.6',
          componentCount: 4,
          licenses: {
            allowed: 2,
            review: 0,
            denied: 2,
            unclassified: 0,
            unknown: 0,
          },
          vulnerabilities: {
            critical: 0,
            high: 1,
            medium: 1,
            low: 0,
            unknown: 0,
          },
        },
        findings,
      );
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/ospo${path}`)
          .set('Authorization', 'Bearer ci-token-for-the-sbom-reports');

      const offenders = await get(`${ROUTES.offenders}?teamRef=team-a`);
      expect(offenders.status).toBe(200);
      expect(offenders.body).toMatchObject({
        scannedEntityCount: 1,
        violationCount: 2,
      });
      const csv = await get(ROUTES.vulnerabilitiesCsv);
      expect(csv.status).toBe(200);
      expect(csv.text.split('\r\n')).toHaveLength(4);
      expect(
        (
          await request(backend.server)
            .get(`/api/ospo${ROUTES.offenders}`)
            .set('Authorization', 'Bearer not-the-token')
        ).status,
      ).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
