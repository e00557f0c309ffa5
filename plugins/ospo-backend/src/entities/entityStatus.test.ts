import {
  SchedulerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityChecks,
  ospoEntityChecksRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import { ospoMetricsExtensionPoint } from '@ospo-kit/plugin-ospo-node';
import request from 'supertest';
import { METRICS_TASK_ID, ospoPlugin } from '../plugin';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee';
const lee = mockCredentials.user.header(LEE);
const STATUS_ROUTE = '/entities/{kind}/{namespace}/{name}/checklist-status';
const REFRESH_ROUTE = '/entities/{kind}/{namespace}/{name}/checks/refresh';

function component(
  name: string,
  annotations: Record<string, string>,
  etag = 'v1',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', etag, annotations },
    spec: { owner: 'team-a', type: 'service' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}

const TEAM_A: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const GRAFANA = component('acme-grafana', {
  'ospo-kit.io/license': 'AGPL-3.0-only',
  'ospo-kit.io/fork-of': 'https://github.com/grafana/grafana',
  'backstage.io/source-location': 'url:https://git.example.com/grafana',
});
const SHOP = component('shop', {
  'ospo-kit.io/license': 'Apache-2.0',
  'backstage.io/source-location': 'url:https://git.example.com/shop',
  'ospo-kit.io/sbom': 'https://sbom.example.com/shop.json',
  'backstage.io/techdocs-ref': 'dir:.',
});
const SYSTEM: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shopping', namespace: 'default', etag: 's1' },
  spec: { owner: 'team-a' },
};

/** A module adding an adopter's own check through the extension point. */
const tierCheck = createBackendModule({
  pluginId: 'ospo',
  moduleId: 'tier-check',
  register(env) {
    env.registerInit({
      deps: { extension: ospoMetricsExtensionPoint },
      async init({ extension }) {
        extension.addChecks({
          id: 'support-tier',
          title: 'Support tier',
          kinds: ['Component'],
          fields: ['metadata.annotations'],
          evaluate: entity =>
            entity.metadata.annotations?.['acme.example/tier']
              ? { verdict: 'pass', reason: 'Has a support tier' }
              : {
                  verdict: 'warn',
                  reason: 'Has no support tier',
                  fix: 'Add acme.example/tier.',
                },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'entity checks on %s',
  (databaseId: TestDatabaseId) => {
    async function start(
      options: {
        entities?: Entity[];
        config?: object;
        permissions?: ReturnType<typeof mockServices.permissions.mock>;
      } = {},
    ) {
      let scheduler: SchedulerService | undefined;
      const probe = createBackendModule({
        pluginId: 'ospo',
        moduleId: 'scheduler-probe',
        register(env) {
          env.registerInit({
            deps: { service: coreServices.scheduler },
            async init({ service }) {
              scheduler = service;
            },
          });
        },
      });
      const catalog = changingCatalog(
        options.entities ?? [TEAM_A, GRAFANA, SHOP, SYSTEM],
      );
      const backend = await startTestBackend({
        features: [
          ospoPlugin,
          probe,
          tierCheck,
          catalog.factory,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          mockServices.rootConfig.factory({
            data: {
              ospo: {
                checks: {
                  guidance: {
                    'license-policy': 'https://wiki.example.com/licenses',
                  },
                },
                ...options.config,
              },
            },
          }),
          ...(options.permissions ? [options.permissions.factory] : []),
        ],
      });
      const runMetrics = () => scheduler!.triggerTask(METRICS_TASK_ID);
      return { backend, catalog, runMetrics };
    }

    const status = (server: any, path: string, auth = lee) =>
      request(server)
        .get(`/api/ospo/entities/${path}/checklist-status`)
        .set('Authorization', auth);
    const refresh = (server: any, path: string, auth = lee) =>
      request(server)
        .post(`/api/ospo/entities/${path}/checks/refresh`)
        .set('Authorization', auth);

    it('serves the verdicts of the last run with the checklist status, worst first', async () => {
      const { backend, runMetrics } = await start();
      const before = await status(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(before.body.checks).toMatchObject({
        results: [],
        changedSinceEvaluation: true,
      });
      expect(before.body.checks.evaluatedAt).toBeUndefined();

      await runMetrics();
      const res = await status(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(res.status).toBe(200);
      expectMatchesSpec('GET', STATUS_ROUTE, res);
      expect(res.body.teams[0].teamRef).toBe('group:default/team-a');
      const checks = res.body.checks as EntityChecks;
      expect(checks).toMatchObject({
        evaluatedBy: 'run',
        evaluatedAt: expect.any(String),
        changedSinceEvaluation: false,
        canRefresh: true,
        // Never scanned: the dependency checks cannot tell.
        summary: { fail: 1, warn: 3, unknown: 2, pass: 4 },
      });
      // When the next scheduled run will check it again (the default
      // schedule's first run, 30 s after start, in this fresh backend).
      expect(Date.parse(checks.nextRunAt!)).toBeGreaterThan(
        Date.parse(checks.evaluatedAt!),
      );
      expect(checks.results[0]).toEqual({
        checkId: 'license-policy',
        title: 'License policy',
        verdict: 'fail',
        reason: 'AGPL-3.0-only is denied by the license policy',
        fix: expect.stringContaining('allowed license'),
        guidanceUrl: 'https://wiki.example.com/licenses',
      });
      expect(checks.results.map(r => r.verdict)).toEqual([
        'fail',
        'warn',
        'warn',
        'warn',
        'unknown',
        'unknown',
        'pass',
        'pass',
        'pass',
        'pass',
      ]);
      // The adopter's check is there; a fork check only where it applies.
      expect(checks.results.map(r => r.checkId)).toContain('support-tier');
      const shop = await status(backend.server, 'component/default/shop');
      expect(
        shop.body.checks.results.map((r: { checkId: string }) => r.checkId),
      ).not.toContain('fork-upstream');
      // A linked SBOM that was never uploaded is a warning.
      expect(shop.body.checks.summary).toEqual({
        fail: 0,
        warn: 2,
        unknown: 2,
        pass: 5,
      });
      // Other kinds get the checks for their kind.
      const system = await status(backend.server, 'system/default/shopping');
      expect(
        system.body.checks.results.map((r: { checkId: string }) => r.checkId),
      ).toEqual(['techdocs', 'owner']);
      await backend.stop();
    });

    it('says when the entity changed after the run, and a refresh brings the verdicts up to date', async () => {
      const { backend, catalog, runMetrics } = await start({
        config: { accessCache: { ttl: { seconds: 0 } } },
      });
      await runMetrics();
      const fixed = component(
        'acme-grafana',
        {
          ...GRAFANA.metadata.annotations,
          'ospo-kit.io/license': 'Apache-2.0',
        },
        'v2',
      );
      catalog.set([TEAM_A, fixed, SHOP, SYSTEM]);

      const stale = await status(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(stale.body.checks.changedSinceEvaluation).toBe(true);
      expect(stale.body.checks.results[0].verdict).toBe('fail');

      const res = await refresh(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(res.status).toBe(200);
      expectMatchesSpec('POST', REFRESH_ROUTE, res);
      expect(res.body).toMatchObject({
        evaluatedBy: 'refresh',
        changedSinceEvaluation: false,
        summary: { fail: 0 },
      });
      const after = await status(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(after.body.checks).toMatchObject({
        evaluatedBy: 'refresh',
        changedSinceEvaluation: false,
        summary: { fail: 0 },
      });
      await backend.stop();
    });

    it('refuses a second refresh of one entity within the interval with 429 and Retry-After', async () => {
      const { backend } = await start({
        config: { checks: { refreshInterval: { seconds: 30 } } },
      });
      expect(
        (await refresh(backend.server, 'component/default/shop')).status,
      ).toBe(200);
      const again = await refresh(backend.server, 'component/default/shop');
      expect(again.status).toBe(429);
      expect(again.headers['retry-after']).toMatch(/^(29|30)$/);
      expect(again.body.error.message).toMatch(
        /component:default\/shop was checked moments ago; try again in \d+ s/,
      );
      expectMatchesSpec('POST', REFRESH_ROUTE, again);
      // Another entity is not held back.
      expect(
        (await refresh(backend.server, 'component/default/acme-grafana'))
          .status,
      ).toBe(200);
      await backend.stop();
    });

    it('lets only those the policy allows refresh, and tells the others on the status', async () => {
      const decide = (name: string) => ({
        result:
          name === ospoEntityChecksRefreshPermission.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      });
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => decide(r.permission.name)),
        authorizeConditional: async requests =>
          requests.map(r => decide(r.permission.name)) as any,
      });
      const { backend } = await start({ permissions });
      const res = await refresh(backend.server, 'component/default/shop');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Only members of group:default/team-a and OSPO staff may have component:default/shop checked again',
      );
      const shown = await status(backend.server, 'component/default/shop');
      expect(shown.body.checks.canRefresh).toBe(false);
      await backend.stop();
    });

    it('refuses service callers, unknown entities and kinds no check applies to', async () => {
      const { backend } = await start();
      expect(
        (
          await refresh(
            backend.server,
            'component/default/shop',
            mockCredentials.service.header(),
          )
        ).status,
      ).toBe(403);
      const missing = await refresh(backend.server, 'component/default/nope');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
      const group = await refresh(backend.server, 'group/default/team-a');
      expect(group.status).toBe(404);
      expect(group.body.error.message).toBe(
        'No OSPO checks apply to entities of kind group',
      );
      await backend.stop();
    });

    it('evaluates the dependency checks again as soon as a scan of the entity is stored', async () => {
      const { backend, runMetrics } = await start();
      await runMetrics();
      const sbom = {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [
          {
            type: 'library',
            name: 'minimist',
            version: '1.2.5',
            'bom-ref': 'minimist@1.2.5',
            purl: 'pkg:npm/minimist@1.2.5',
            licenses: [{ license: { id: 'MIT' } }],
          },
        ],
        vulnerabilities: [
          {
            id: 'CVE-2021-44906',
            ratings: [{ severity: 'critical' }],
            affects: [
              {
                ref: 'minimist@1.2.5',
                versions: [{ version: '1.2.6', status: 'unaffected' }],
              },
            ],
          },
        ],
      };
      const uploaded = await request(backend.server)
        .post('/api/ospo/entities/component/default/shop/sbom')
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/vnd.cyclonedx+json')
        .send(JSON.stringify(sbom));
      expect(uploaded.status).toBe(201);

      const after = await status(backend.server, 'component/default/shop');
      const byId = new Map(
        (after.body.checks as EntityChecks).results.map(r => [r.checkId, r]),
      );
      expect(after.body.checks.evaluatedBy).toBe('refresh');
      expect(byId.get('known-vulnerabilities')).toEqual({
        checkId: 'known-vulnerabilities',
        title: 'Known vulnerabilities',
        verdict: 'fail',
        reason:
          '1 open vulnerability (1 critical) in its dependencies (scanned today)',
        fix: 'Upgrade minimist to 1.2.6 (CVE-2021-44906).',
        consultTopic: 'vulnerability',
      });
      expect(byId.get('dependency-licenses')?.verdict).toBe('pass');
      expect(byId.get('sbom')).toMatchObject({
        verdict: 'pass',
        reason: 'Scanned today: 1 dependency',
      });
    });

    it('drops the verdicts of an entity once a run no longer finds it', async () => {
      const { backend, catalog, runMetrics } = await start({
        config: { accessCache: { ttl: { seconds: 0 } } },
      });
      await runMetrics();
      catalog.set([TEAM_A, SHOP, SYSTEM]);
      await runMetrics();
      catalog.set([TEAM_A, GRAFANA, SHOP, SYSTEM]);
      const back = await status(
        backend.server,
        'component/default/acme-grafana',
      );
      expect(back.body.checks.evaluatedAt).toBeUndefined();
      await backend.stop();
    });
  },
);
