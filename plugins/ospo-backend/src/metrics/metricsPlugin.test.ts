import {
  SchedulerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LatestMetrics } from '@ospo-kit/plugin-ospo-common';
import {
  OspoMetric,
  ospoMetricsExtensionPoint,
} from '@ospo-kit/plugin-ospo-node';
import request from 'supertest';
import {
  CAMPAIGN_REMINDERS_TASK_ID,
  METRICS_TASK_ID,
  REMINDERS_TASK_ID,
  ospoPlugin,
} from '../plugin';
import { METRICS_RETRY_TASK_ID } from './scheduleEmptyCatalogRetry';
import { changingCatalog } from '../__testUtils__/changingCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const user = mockCredentials.user.header('user:default/olivia');

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
  },
  ...['one', 'two', 'three'].map<Entity>(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: name === 'one' ? { 'team.example/tier': 'gold' } : undefined,
    },
    spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
  })),
];

/** An adopter's metric: components in the gold tier, plus one from elsewhere. */
const goldTier: OspoMetric = {
  definition: {
    id: 'acme.gold-tier',
    title: 'Gold tier components',
    description: 'Components in the gold support tier.',
    computation: 'Components with team.example/tier = gold, plus incidents.',
    unit: 'count',
    direction: 'neutral',
    aggregation: 'count',
    kinds: ['Component'],
  },
  catalog: {
    fields: ['metadata.annotations'],
    observe: entity =>
      entity.metadata.annotations?.['team.example/tier'] === 'gold'
        ? { count: 1 }
        : undefined,
  },
  *collect() {
    yield { teamRef: 'group:default/team-a', observation: { count: 10 } };
  },
};

function metricsModule(...metrics: OspoMetric[]) {
  return createBackendModule({
    pluginId: 'ospo',
    moduleId: 'test-metrics',
    register(env) {
      env.registerInit({
        deps: { metrics: ospoMetricsExtensionPoint },
        async init({ metrics: extension }) {
          extension.addMetrics(...metrics);
        },
      });
    },
  });
}

async function start(
  options: {
    modules?: ReturnType<typeof metricsModule>[];
    config?: object;
    catalog?: ReturnType<typeof changingCatalog>;
  } = {},
) {
  // The scheduler is per plugin: a module of the plugin gets the plugin's own,
  // and is initialised before the plugin, so it sees every task scheduled.
  let scheduler: SchedulerService | undefined;
  let scheduleTask: jest.SpyInstance | undefined;
  const schedulerProbe = createBackendModule({
    pluginId: 'ospo',
    moduleId: 'scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { service: coreServices.scheduler },
        async init({ service }) {
          scheduler = service;
          scheduleTask = jest.spyOn(service, 'scheduleTask');
        },
      });
    },
  });
  const knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: [
      ospoPlugin,
      schedulerProbe,
      ...(options.modules ?? []),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      options.catalog?.factory ??
        catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
    ],
  });
  return { backend, knex, scheduler: scheduler!, scheduleTask: scheduleTask! };
}

describe('ospo backend plugin: metrics', () => {
  it('schedules the metrics run as a global task, from config', async () => {
    const { backend, scheduler } = await start({
      config: {
        ospo: {
          metrics: {
            schedule: {
              frequency: { minutes: 45 },
              timeout: { minutes: 5 },
              scope: 'local',
            },
          },
        },
      },
    });
    const tasks = await scheduler.getScheduledTasks();
    expect(tasks).toEqual([
      expect.objectContaining({ id: METRICS_TASK_ID, scope: 'global' }),
      expect.objectContaining({ id: METRICS_RETRY_TASK_ID, scope: 'global' }),
      // The default checklist has an item whose answers expire.
      expect.objectContaining({ id: REMINDERS_TASK_ID, scope: 'global' }),
      expect.objectContaining({
        id: CAMPAIGN_REMINDERS_TASK_ID,
        scope: 'global',
      }),
    ]);
    await backend.stop();
  });

  it('serves nothing before the first run, then the figures the run computed', async () => {
    const { backend, scheduler } = await start();
    const before = await request(backend.server)
      .get('/api/ospo/metrics/latest?scope=group:default/team-a')
      .set('Authorization', user);
    expect(before.status).toBe(200);
    expect(before.body.computedAt).toBeUndefined();
    expect(before.body.values).toEqual([]);

    await scheduler.triggerTask(METRICS_TASK_ID);

    const after = await request(backend.server)
      .get('/api/ospo/metrics/latest?scope=group:default/team-a')
      .set('Authorization', user);
    const body = after.body as LatestMetrics;
    expect(body.computedAt).toEqual(expect.any(String));
    expect(body.scope).toEqual({
      ref: 'group:default/team-a',
      type: 'team',
      title: 'team-a',
    });
    expect(
      body.values.find(v => v.metricId === 'inventory.components')?.value,
    ).toBe(3);
    expect(body.definitions.map(d => d.id)).toContain('license.denied');
    await backend.stop();
  });

  it('does not serve a run over an empty catalog, and retries it within the configured delay', async () => {
    const catalog = changingCatalog([]);
    const { backend, scheduler, scheduleTask } = await start({
      catalog,
      config: { ospo: { metrics: { retryEmptyCatalogAfter: '90s' } } },
    });
    // The retry is a cluster-wide task checking every 90 seconds.
    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: METRICS_RETRY_TASK_ID,
        scope: 'global',
        frequency: { milliseconds: 90_000 },
      }),
    );

    // A first start: the catalog has not ingested anything yet.
    await scheduler.triggerTask(METRICS_TASK_ID);
    const status = await request(backend.server)
      .get('/api/ospo/metrics/status')
      .set('Authorization', user);
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      nextRunAt: expect.any(String),
      lastSkip: {
        runId: expect.any(String),
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        reason: 'catalog-empty',
        nextAttemptBy: expect.any(String),
      },
    });
    const { finishedAt, nextAttemptBy } = status.body.lastSkip;
    expect(Date.parse(nextAttemptBy) - Date.parse(finishedAt)).toBe(90_000);
    // The retry comes before the regular run, hours later.
    expect(status.body.nextRunAt).toBe(nextAttemptBy);
    const latest = await request(backend.server)
      .get('/api/ospo/metrics/latest?scope=org')
      .set('Authorization', user);
    expect(latest.body.computedAt).toBeUndefined();
    expect(latest.body.values).toEqual([]);

    // The catalog has loaded; the retry task's next check starts a run.
    catalog.set(ENTITIES);
    await scheduler.triggerTask(METRICS_RETRY_TASK_ID);
    const after = await request(backend.server)
      .get('/api/ospo/metrics/status')
      .set('Authorization', user);
    expect(after.body.lastSuccess.processedEntities).toBe(3);
    expect(after.body).not.toHaveProperty('lastSkip');

    // With a success as the latest outcome, the check does nothing.
    await scheduler.triggerTask(METRICS_RETRY_TASK_ID);
    const again = await request(backend.server)
      .get('/api/ospo/metrics/status')
      .set('Authorization', user);
    expect(again.body.lastSuccess.runId).toBe(after.body.lastSuccess.runId);
    await backend.stop();
  });

  it('tells when the next run is due, in the status and with the latest figures', async () => {
    const catalog = changingCatalog(ENTITIES);
    const { backend, scheduler } = await start({
      catalog,
      config: {
        ospo: {
          metrics: {
            schedule: {
              frequency: { hours: 4 },
              timeout: { minutes: 5 },
              initialDelay: { minutes: 1 },
            },
          },
        },
      },
    });
    const get = async (path: string) => {
      const res = await request(backend.server)
        .get(`/api/ospo${path}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      return res.body;
    };

    // Before the first run: once the initial delay is over.
    const first = Date.parse(
      (await get('/metrics/latest?scope=org')).nextRunAt,
    );
    expect(first - Date.now()).toBeGreaterThan(50_000);
    expect(first - Date.now()).toBeLessThanOrEqual(60_000);
    expect(Date.parse((await get('/metrics/status')).nextRunAt)).toBe(first);

    await scheduler.triggerTask(METRICS_TASK_ID);
    catalog.set([
      ...ENTITIES,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'new', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ]);

    // At once after the run, its start plus the frequency, for every scope
    // and a Group the run did not cover alike.
    for (const scope of ['org', 'group:default/team-a', 'group:default/new']) {
      const latest: LatestMetrics = await get(`/metrics/latest?scope=${scope}`);
      expect(latest.computedAt).toEqual(expect.any(String));
      const { lastSuccess, nextRunAt } = await get('/metrics/status');
      expect(latest.nextRunAt).toBe(nextRunAt);
      expect(Date.parse(nextRunAt) - Date.parse(lastSuccess.startedAt)).toBe(
        4 * 60 * 60 * 1000,
      );
    }
    await backend.stop();
  });

  it('is now once the run is overdue, without reading the figures again', async () => {
    const { backend, knex, scheduler } = await start({
      config: {
        ospo: {
          metrics: {
            schedule: { frequency: { milliseconds: 1 }, timeout: 'PT5M' },
          },
        },
      },
    });
    await scheduler.triggerTask(METRICS_TASK_ID);
    const latest = async () => {
      const before = Date.now();
      const res = await request(backend.server)
        .get('/api/ospo/metrics/latest?scope=group:default/team-a')
        .set('Authorization', user);
      const nextRunAt = Date.parse(res.body.nextRunAt);
      expect(nextRunAt).toBeGreaterThanOrEqual(before);
      expect(nextRunAt).toBeLessThanOrEqual(Date.now());
      return res.body as LatestMetrics;
    };
    const first = await latest();
    await new Promise(resolve => setTimeout(resolve, 5));
    const queries: string[] = [];
    const onQuery = (q: { sql: string }) => queries.push(q.sql);
    knex.on('query', onQuery);
    const second = await latest();
    knex.off('query', onQuery);
    expect(second.nextRunAt).not.toBe(first.nextRunAt);
    expect(second.values).toEqual(first.values);
    expect(
      queries.filter(q => /ospo_metric_snapshots|ospo_metric_scopes/.test(q)),
    ).toEqual([]);
    await backend.stop();
  });

  it('tells the next time of a cron schedule, and nothing for a manual one', async () => {
    const cron = await start({
      config: {
        ospo: {
          metrics: {
            schedule: { frequency: { cron: '0 3 * * *' }, timeout: 'PT5M' },
          },
        },
      },
    });
    await cron.scheduler.triggerTask(METRICS_TASK_ID);
    const status = await request(cron.backend.server)
      .get('/api/ospo/metrics/status')
      .set('Authorization', user);
    const next = new Date(status.body.nextRunAt);
    // 03:00 in the server's time zone, within a day of the run.
    expect([next.getHours(), next.getMinutes(), next.getSeconds()]).toEqual([
      3, 0, 0,
    ]);
    const after =
      next.getTime() - Date.parse(status.body.lastSuccess.finishedAt);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(25 * 60 * 60 * 1000);
    await cron.backend.stop();

    const manual = await start({
      config: {
        ospo: {
          metrics: {
            schedule: { frequency: { trigger: 'manual' }, timeout: 'PT5M' },
          },
        },
      },
    });
    await manual.scheduler.triggerTask(METRICS_TASK_ID);
    for (const path of ['/metrics/status', '/metrics/latest?scope=org']) {
      const res = await request(manual.backend.server)
        .get(`/api/ospo${path}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('nextRunAt');
    }
    await manual.backend.stop();
  });

  it('starts a run when OSPO staff ask for one', async () => {
    const { backend } = await start();
    const refresh = await request(backend.server)
      .post('/api/ospo/metrics/refresh')
      .set('Authorization', user);
    expect(refresh.status).toBe(202);
    // The mock scheduler runs the task before answering.
    expect(refresh.body.lastSuccess.processedEntities).toBe(3);
    await backend.stop();
  });

  it('adds the metrics of a backend module through the extension point', async () => {
    const { backend, scheduler } = await start({
      modules: [metricsModule(goldTier)],
    });
    await scheduler.triggerTask(METRICS_TASK_ID);

    const definitions = await request(backend.server)
      .get('/api/ospo/metrics/definitions')
      .set('Authorization', user);
    expect(definitions.body.items.map((d: { id: string }) => d.id)).toContain(
      'acme.gold-tier',
    );

    for (const scope of ['org', 'group:default/team-a']) {
      const latest = await request(backend.server)
        .get(`/api/ospo/metrics/latest?scope=${scope}`)
        .set('Authorization', user);
      expect(
        (latest.body as LatestMetrics).values.find(
          v => v.metricId === 'acme.gold-tier',
        ),
      ).toMatchObject({ value: 11 });
    }
    await backend.stop();
  });

  it('refuses to start when a module adds a metric id that is taken', async () => {
    const clash: OspoMetric = {
      ...goldTier,
      definition: { ...goldTier.definition, id: 'ownership.coverage' },
    };
    await expect(start({ modules: [metricsModule(clash)] })).rejects.toThrow(
      "Metric id 'ownership.coverage' is used twice",
    );
  });
});
