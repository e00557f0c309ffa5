import { authServiceFactory } from '@backstage/backend-defaults/auth';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogServiceRequestOptions,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ospoSbomUploadPermission } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // a member of team-a
const GUEST = 'user:default/guest'; // may not upload
const lee = mockCredentials.user.header(LEE);
const guest = mockCredentials.user.header(GUEST);
const service = mockCredentials.service.header();

const UPLOAD = '/entities/{kind}/{namespace}/{name}/sbom';
const SHOP_URL = '/api/ospo/entities/component/default/shop/sbom';
const CYCLONEDX = 'application/vnd.cyclonedx+json';

const TEAM_A: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const SHOP: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team-a', type: 'service' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

/** Everything is allowed, except uploading SBOMs for GUEST. */
const permissions = mockServices.permissions.mock({
  async authorize(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  },
  async authorizeConditional(requests, options) {
    const user = (options.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(({ permission }) => ({
      result:
        user === GUEST && permission.name === ospoSbomUploadPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any;
  },
});

const library = (name: string, version: string, license?: string) => ({
  type: 'library',
  'bom-ref': `pkg:npm/${name}@${version}`,
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
  ...(license ? { licenses: [{ license: { id: license } }] } : {}),
});

function sbom(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      tools: {
        components: [{ type: 'application', name: 'syft', version: '1.0.0' }],
      },
    },
    components: [
      library('lodash', '4.17.20', 'MIT'),
      library('gpl-lib', '1.0.0', 'GPL-3.0-only'),
    ],
    vulnerabilities: [
      {
        id: 'CVE-2021-23337',
        ratings: [{ severity: 'high' }],
        recommendation: 'Upgrade lodash to version 4.17.21',
        affects: [{ ref: 'pkg:npm/lodash@4.17.20' }],
      },
    ],
    ...overrides,
  });
}

describe.each(databases.eachSupportedId())(
  'SBOM routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          auditor.factory,
          permissions.factory,
          catalogServiceMock.factory({ entities: [TEAM_A, SHOP] }),
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: { ospo: { accessCache: { ttl: { seconds: 0 } } } },
          }),
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      for (const table of [
        'ospo_sbom_latest',
        'ospo_sbom_findings',
        'ospo_sbom_scans',
      ]) {
        await knex(table).delete();
      }
      auditor.createEvent.mockClear();
    });

    const upload = (
      body: string | Buffer,
      options: { auth?: string; type?: string; url?: string } = {},
    ) => {
      const req = request(backend.server)
        .post(options.url ?? SHOP_URL)
        .set('Content-Type', options.type ?? CYCLONEDX);
      return req.set('Authorization', options.auth ?? lee).send(body);
    };
    const latest = (auth = lee, query = '') =>
      request(backend.server)
        .get(`${SHOP_URL}${query}`)
        .set('Authorization', auth);

    async function storedScans(): Promise<number> {
      return (await knex('ospo_sbom_scans')).length;
    }

    it('stores an uploaded SBOM and serves it as the latest scan', async () => {
      const res = await upload(sbom());
      expect(res.status).toBe(201);
      expectMatchesSpec('POST', UPLOAD, res);
      expect(res.body).toEqual({
        summary: {
          entityRef: 'component:default/shop',
          scannedAt: expect.any(String),
          uploadedBy: LEE,
          specVersion: '1.6',
          tool: 'syft 1.0.0',
          componentCount: 2,
          licenses: {
            allowed: 1,
            review: 0,
            denied: 1,
            unclassified: 0,
            unknown: 0,
          },
          vulnerabilities: {
            critical: 0,
            high: 1,
            medium: 0,
            low: 0,
            unknown: 0,
          },
        },
        openFindings: 2,
      });

      const got = await latest();
      expect(got.status).toBe(200);
      expectMatchesSpec('GET', UPLOAD, got);
      expect(got.body).toEqual({
        summary: res.body.summary,
        findings: [
          expect.objectContaining({
            kind: 'license',
            license: 'GPL-3.0-only',
            firstSeenAt: res.body.summary.scannedAt,
          }),
          expect.objectContaining({
            kind: 'vulnerability',
            vulnerabilityId: 'CVE-2021-23337',
            severity: 'high',
            fixedVersion: '4.17.21',
          }),
        ],
        findingsTotal: 2,
        history: [res.body.summary],
      });

      // The next scan without the vulnerability resolves it.
      const next = await upload(sbom({ vulnerabilities: [] }), {
        type: 'application/json',
      });
      expect(next.status).toBe(201);
      expect(next.body.openFindings).toBe(1);
      const after = await latest(lee, '?limit=1');
      expect(after.body.findings).toHaveLength(1);
      expect(after.body.findingsTotal).toBe(1);
      expect(after.body.history).toHaveLength(2);
      expect(after.body.history[0]).toEqual(next.body.summary);
    });

    it('records every upload with the auditor, counts on success', async () => {
      await upload(sbom());
      await upload(sbom(), { auth: guest });
      const calls = auditor.createEvent.mock.calls.map(([options]) => ({
        eventId: options.eventId,
        meta: options.meta,
      }));
      expect(calls).toEqual([
        {
          eventId: 'sbom-upload',
          meta: { entityRef: 'component:default/shop' },
        },
        {
          eventId: 'sbom-upload',
          meta: { entityRef: 'component:default/shop' },
        },
      ]);
      const [stored, refused] = auditor.createEvent.mock.results.map(
        r => r.value,
      );
      const storedEvent = await stored;
      expect(storedEvent.success).toHaveBeenCalledWith({
        meta: {
          componentCount: 2,
          licenses: expect.objectContaining({ denied: 1 }),
          vulnerabilities: expect.objectContaining({ high: 1 }),
          openFindings: 2,
        },
      });
      expect((await refused).fail).toHaveBeenCalled();
    });

    it('lets backend services upload, as themselves', async () => {
      const res = await upload(sbom(), { auth: service });
      expect(res.status).toBe(201);
      expect(res.body.summary.uploadedBy).toBe(
        mockCredentials.service().principal.subject,
      );
      expect((await latest(service)).status).toBe(200);
    });

    it('refuses callers without credentials, and users without the permission', async () => {
      const anonymous = await upload(sbom(), {
        auth: mockCredentials.none.header(),
      });
      expect(anonymous.status).toBe(401);
      expectMatchesSpec('POST', UPLOAD, anonymous);
      expect((await latest(mockCredentials.none.header())).status).toBe(401);

      const denied = await upload(sbom(), { auth: guest });
      expect(denied.status).toBe(403);
      expectMatchesSpec('POST', UPLOAD, denied);
      expect(denied.body.error.message).toBe(
        'Only members of group:default/team-a, OSPO staff and backend services may upload the SBOM of component:default/shop',
      );
      expect(await storedScans()).toBe(0);
    });

    it('answers 404 for an entity missing from the catalog, or never scanned', async () => {
      const missing = await upload(sbom(), {
        url: '/api/ospo/entities/component/default/nope/sbom',
      });
      expect(missing.status).toBe(404);
      expectMatchesSpec('POST', UPLOAD, missing);
      expect(missing.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
      const never = await latest();
      expect(never.status).toBe(404);
      expectMatchesSpec('GET', UPLOAD, never);
      expect(never.body.error.message).toBe(
        'No SBOM has been uploaded for component:default/shop',
      );
      const badPath = await upload(sbom(), {
        url: '/api/ospo/entities/component/default/no!pe/sbom',
      });
      expect(badPath.status).toBe(400);
      expectMatchesSpec('POST', UPLOAD, badPath);
    });

    describe('refuses bad input with a 4xx naming the problem, storing nothing', () => {
      /** The status and message of a documented answer, and what was stored. */
      const outcome = async (res: request.Response) => {
        expectMatchesSpec('POST', UPLOAD, res);
        return {
          status: res.status,
          message: res.body.error?.message,
          stored: await storedScans(),
        };
      };
      const refusal = (status: number, message: RegExp) => ({
        status,
        message: expect.stringMatching(message),
        stored: 0,
      });

      it('what is not JSON, or not CycloneDX 1.4 to 1.6', async () => {
        expect(await outcome(await upload('<bom/>'))).toEqual(
          refusal(400, /^not JSON: /),
        );
        expect(
          await outcome(await upload(sbom({ specVersion: '1.2' }))),
        ).toEqual(
          refusal(
            400,
            /^specVersion "1.2" is not supported; accepted CycloneDX versions: 1.4, 1.5, 1.6$/,
          ),
        );
        expect(
          await outcome(
            await upload(
              sbom({ components: [{ type: 'library', name: 'a', colour: 1 }] }),
            ),
          ),
        ).toEqual(
          refusal(
            400,
            /^not a valid CycloneDX 1\.6 SBOM: \$\.components\[0\]: must NOT have additional properties \(colour\)$/,
          ),
        );
        expect(
          await outcome(await upload(sbom(), { type: 'text/xml' })),
        ).toEqual(
          refusal(
            415,
            /^Send the SBOM as CycloneDX JSON, with Content-Type application\/vnd\.cyclonedx\+json or application\/json, not text\/xml$/,
          ),
        );
      });

      it('a body over the size limit', async () => {
        const huge = Buffer.concat([
          Buffer.from(
            '{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"type":"application","name":"',
          ),
          Buffer.alloc(60 * 1024 * 1024, 'x'),
          Buffer.from('"}}}'),
        ]);
        // Sent with fetch: superagent takes a minute to send 60 MB.
        const { port } = backend.server.address() as { port: number };
        const res = await fetch(`http://127.0.0.1:${port}${SHOP_URL}`, {
          method: 'POST',
          headers: { 'Content-Type': CYCLONEDX, Authorization: lee },
          body: huge,
        });
        expect(
          await outcome({
            status: res.status,
            body: await res.json(),
          } as request.Response),
        ).toEqual(
          refusal(
            413,
            /^The request body is larger than the limit of 50 MB \(ospo\.sbom\.maxSize\)$/,
          ),
        );
      });

      it('more components than the limit', async () => {
        const components = Array.from({ length: 200_000 }, (_, i) => ({
          type: 'library',
          name: `p${i}`,
        }));
        expect(
          await outcome(
            await upload(sbom({ components, vulnerabilities: [] })),
          ),
        ).toEqual(
          refusal(
            413,
            /^The SBOM lists 200000 components, more than the limit of 100000 \(ospo\.sbom\.maxComponents\)$/,
          ),
        );
      });

      it('nesting deeper than 100 levels', async () => {
        // Written out: too deep for JSON.stringify.
        const levels = 5000;
        const nested = `${'{"type":"library","name":"n","components":['.repeat(
          levels,
        )}{"type":"library","name":"leaf"}${']}'.repeat(levels)}`;
        const body = sbom({ components: [] }).replace(
          '"components":[]',
          `"components":[${nested}]`,
        );
        expect(await outcome(await upload(body))).toEqual(
          refusal(400, /nest deeper than 100 levels$/),
        );
      });
    });

    it('takes invalid purls and licenses that are not SPDX, as unknown', async () => {
      const res = await upload(
        sbom({
          components: [
            { type: 'library', name: 'odd', version: '1', purl: 'not a purl' },
            {
              type: 'library',
              name: 'custom',
              licenses: [{ license: { name: 'Proprietary, ask legal' } }],
            },
            {
              type: 'library',
              name: 'expr',
              licenses: [{ expression: 'MIT OR Whatever-1.0' }],
            },
          ],
          vulnerabilities: [
            {
              id: 'CVE-2024-0001',
              ratings: [{ severity: 'critical' }],
              affects: [{ ref: 'no-such-ref' }],
            },
          ],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.summary.licenses).toEqual({
        allowed: 0,
        review: 0,
        denied: 0,
        unclassified: 0,
        unknown: 3,
      });
      const got = await latest();
      expect(got.body.findings).toEqual([
        expect.objectContaining({
          vulnerabilityId: 'CVE-2024-0001',
          package: { name: 'no-such-ref' },
        }),
      ]);
    });
  },
);

describe('SBOM upload with an external access token', () => {
  it('takes a static token restricted to the plugin, and no other', async () => {
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
            const catalog = catalogServiceMock({ entities: [TEAM_A, SHOP] });
            return catalogServiceMock.mock({
              async getEntitiesByRefs(req, options) {
                await auth.getPluginRequestToken({
                  onBehalfOf: (options as CatalogServiceRequestOptions)
                    .credentials,
                  targetPluginId: 'catalog',
                });
                return catalog.getEntitiesByRefs(req, options);
              },
            });
          },
        }),
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7107',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: {
                      token: 'ci-token-for-the-sbom-uploader',
                      subject: 'sbom-uploader',
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
      const res = await request(backend.server)
        .post(SHOP_URL)
        .set('Authorization', 'Bearer ci-token-for-the-sbom-uploader')
        .set('Content-Type', CYCLONEDX)
        .send(sbom());
      expect(res.status).toBe(201);
      expect(res.body.summary.uploadedBy).toBe('sbom-uploader');
      const wrong = await request(backend.server)
        .post(SHOP_URL)
        .set('Authorization', 'Bearer not-the-token')
        .set('Content-Type', CYCLONEDX)
        .send(sbom());
      expect(wrong.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
