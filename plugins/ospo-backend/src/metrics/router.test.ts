import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MetricDefinition,
  MetricFinding,
  MetricScope,
  ORG_SCOPE,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseMetricsStore } from './DatabaseMetricsStore';
import { MetricFigure } from './MetricsStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { restrictedCatalog, userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRouter } from '../router';
import { MAX_HISTORY_DAYS } from './historyRange';
import { MetricsService } from './MetricsService';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // reads metrics; may not start a run
const SAM = 'user:default/sam'; // reads, but cannot see the secret component nor the stealth team
const OLA = 'user:default/ola'; // OSPO staff: reads and starts runs
const GUEST = 'user:default/guest'; // may not read metrics

const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const ola = mockCredentials.user.header(OLA);
const guest = mockCredentials.user.header(GUEST);
const service = mockCredentials.service.header();
const anonymous = mockCredentials.none.header();

const ENGINEERING = 'group:default/engineering';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const STEALTH = 'group:default/stealth';
const NEWCOMERS = 'group:default/newcomers'; // in the catalog, not in any run

const ROUTES = {
  definitions: '/metrics/definitions',
  status: '/metrics/status',
  latest: '/metrics/latest',
  history: '/metrics/history',
  metricHistory: '/metrics/{metricId}/history',
  findings: '/metrics/{metricId}/findings',
  values: '/metrics/{metricId}/values',
  valuesCsv: '/metrics/{metricId}/values.csv',
  refresh: '/metrics/refresh',
};

const COVERAGE = 'ownership.coverage';
const DENIED = 'license.denied';
const RESPONSE = 'consultation.response-hours';

const DEFINITIONS: MetricDefinition[] = [
  {
    id: COVERAGE,
    title: 'Ownership coverage',
    description: 'The share of components owned by a team.',
    computation: 'Components whose owner is a Group, over all components.',
    unit: 'ratio',
    direction: 'higher-is-better',
    aggregation: 'ratio',
    kinds: ['Component'],
    breakdowns: { type: 'Component type' },
  },
  {
    id: DENIED,
    title: 'Denied licenses',
    description: 'Components using a license the policy denies.',
    computation: 'Components with at least one denied license.',
    unit: 'count',
    direction: 'lower-is-better',
    aggregation: 'count',
    kinds: ['Component'],
  },
  {
    id: RESPONSE,
    title: 'Time to first response',
    description: 'How long consultation requests wait for the OSPO.',
    computation: 'The median of the hours to the first response.',
    unit: 'hours',
    direction: 'lower-is-better',
    aggregation: 'median',
    kinds: [],
  },
];

function group(
  name: string,
  spec: Entity['spec'] = {},
  title?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec: { type: 'team', children: [], ...spec },
  };
}

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const ENTITIES = [
  group('engineering', { children: ['team-a', 'team-b'] }, 'Engineering'),
  group('team-a', {
    parent: 'engineering',
    profile: { displayName: 'Team A' },
  }),
  group('team-b', { parent: 'engineering' }),
  group('stealth'),
  group(
    'newcomers',
    { profile: { displayName: 'The Newcomers' } },
    'Newcomers',
  ),
  component('lib-c'),
  component('orphan'),
  component('secret'),
  component('svc-a'),
  component('svc-b'),
];

/** The scopes of every run here: what MetricsRunner makes of ENTITIES. */
const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  {
    ref: ENGINEERING,
    type: 'department',
    title: 'Engineering',
    childRefs: [TEAM_A, TEAM_B],
  },
  { ref: STEALTH, type: 'team', title: 'stealth' },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: ENGINEERING },
  { ref: TEAM_B, type: 'team', title: 'team-b', parentRef: ENGINEERING },
];

/** Hand-made figures; `covered` makes the org's coverage differ per run. */
function figures(covered: number): MetricFigure[] {
  return [
    {
      metricId: COVERAGE,
      scopeRef: ORG_SCOPE,
      value: covered / 5,
      numerator: covered,
      denominator: 5,
      breakdown: { type: { service: 3, library: 2 } },
    },
    { metricId: DENIED, scopeRef: ORG_SCOPE, value: 5 },
    { metricId: RESPONSE, scopeRef: ORG_SCOPE, value: 6.5, denominator: 4 },
    {
      metricId: COVERAGE,
      scopeRef: ENGINEERING,
      value: 1,
      numerator: 4,
      denominator: 4,
    },
    { metricId: DENIED, scopeRef: ENGINEERING, value: 4 },
    // Nothing to measure: no consultation was answered for the department.
    { metricId: RESPONSE, scopeRef: ENGINEERING, denominator: 0 },
    {
      metricId: COVERAGE,
      scopeRef: TEAM_A,
      value: 1,
      numerator: 3,
      denominator: 3,
    },
    { metricId: DENIED, scopeRef: TEAM_A, value: 3 },
    { metricId: RESPONSE, scopeRef: TEAM_A, denominator: 0 },
    {
      metricId: COVERAGE,
      scopeRef: TEAM_B,
      value: 1,
      numerator: 1,
      denominator: 1,
    },
    { metricId: DENIED, scopeRef: TEAM_B, value: 1 },
    { metricId: RESPONSE, scopeRef: TEAM_B, denominator: 0 },
    { metricId: COVERAGE, scopeRef: STEALTH, numerator: 0, denominator: 0 },
    { metricId: DENIED, scopeRef: STEALTH, value: 0 },
    { metricId: RESPONSE, scopeRef: STEALTH, denominator: 0 },
  ];
}

const denied = (
  name: string,
  license: string,
  teamRef?: string,
): MetricFinding => ({
  metricId: DENIED,
  entityRef: `component:default/${name}`,
  ...(teamRef ? { teamRef } : {}),
  detail: `${license} is denied`,
});

const FINDINGS: MetricFinding[] = [
  denied('svc-b', 'GPL-3.0-or-later', TEAM_B),
  denied('svc-a', 'GPL-2.0-only', TEAM_A),
  denied('secret', 'SSPL-1.0', TEAM_A),
  denied('orphan', 'AGPL-3.0-only'),
  denied('lib-c', 'GPL-3.0-only', TEAM_A),
  {
    metricId: COVERAGE,
    entityRef: 'component:default/orphan',
    detail: 'Owned by user:default/lee, not a Group',
  },
];

/**
 * The catalog, as the catalog's own permissions would show it: SAM sees
 * neither the secret component nor the stealth team.
 */
function catalogFactory() {
  return restrictedCatalog({
    entities: ENTITIES,
    isHidden: (user, e) =>
      user === SAM && ['secret', 'stealth'].includes(e.metadata.name),
  });
}

/** Only OLA may start a run; GUEST may not read. Services may read. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = userOf(options.credentials);
    return requests.map(({ permission }) => {
      let allowed = false;
      if (permission.name === ospoMetricsReadPermission.name) {
        allowed = user !== GUEST;
      } else if (permission.name === ospoMetricsRefreshPermission.name) {
        allowed = user === OLA;
      }
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    });
  },
});

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/**
 * Runs `fn` with the clock at `time`, so that the store stamps its rows with
 * it. Only `Date` is faked: the database drivers keep their timers.
 */
async function at<T>(time: Date, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: time,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

describe.each(databases.eachSupportedId())(
  'metrics routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseMetricsStore;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();
    const catalog = catalogFactory();
    const triggerRun = jest.fn<Promise<void>, []>();

    // One backend per database, its tables emptied before each test. The
    // router is mounted as the plugin mounts it, with the store seeded
    // directly and the scheduler replaced by `triggerRun`.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const metricsStore = DatabaseMetricsStore.create({ database: knex });
      store = metricsStore;
      const plugin = createBackendPlugin({
        pluginId: 'ospo',
        register(env) {
          env.registerInit({
            deps: {
              httpRouter: coreServices.httpRouter,
              httpAuth: coreServices.httpAuth,
              permissions: coreServices.permissions,
              auditor: coreServices.auditor,
              catalog: catalogServiceRef,
            },
            async init(deps) {
              deps.httpRouter.use(
                await createRouter({
                  httpAuth: deps.httpAuth,
                  auditor: deps.auditor,
                  metrics: MetricsService.create({
                    store: metricsStore,
                    definitions: DEFINITIONS,
                    teams: TeamDirectory.create({ catalog: deps.catalog }),
                    access: OspoAccess.create({
                      permissions: deps.permissions,
                    }),
                    auditor: deps.auditor,
                    triggerRun: () => triggerRun(),
                  }),
                }),
              );
            },
          });
        },
      });
      backend = await startTestBackend({
        features: [
          plugin,
          catalog.factory,
          permissions.factory,
          auditor.factory,
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      await knex('ospo_metric_findings').delete();
      await knex('ospo_metric_snapshots').delete();
      await knex('ospo_metric_scopes').delete();
      await knex('ospo_metric_runs').delete();
      triggerRun.mockReset();
      triggerRun.mockResolvedValue(undefined);
      auditor.createEvent.mockClear();
      catalog.getEntitiesByRefs.mockClear();
      catalog.getEntityByRef.mockClear();
    });

    const api = () => request(backend.server);

    async function get(path: string, auth = lee) {
      return api().get(`/api/ospo${path}`).set('Authorization', auth);
    }

    async function refresh(auth = ola) {
      return api().post('/api/ospo/metrics/refresh').set('Authorization', auth);
    }

    /** A successful run that finished at `time`; returns its id. */
    async function succeeded(time: Date, covered = 4): Promise<string> {
      return at(time, async () => {
        const run = await store.startRun({ staleBefore: new Date(0) });
        await store.addFindings(run.id, FINDINGS);
        await store.completeRun(run.id, {
          scopes: SCOPES,
          figures: figures(covered),
          processedEntities: ENTITIES.length,
        });
        return run.id;
      });
    }

    /** A run that failed at `time`, after it had stored some findings. */
    async function failed(time: Date, error: string): Promise<string> {
      return at(time, async () => {
        const run = await store.startRun({ staleBefore: new Date(0) });
        await store.addFindings(run.id, FINDINGS.slice(0, 2));
        await store.failRun(run.id, error);
        return run.id;
      });
    }

    describe('GET /metrics/definitions', () => {
      it('returns every definition, to users and other plugins', async () => {
        for (const auth of [lee, service]) {
          const res = await get('/metrics/definitions', auth);
          expect(res.status).toBe(200);
          expect(res.body).toEqual({ items: DEFINITIONS });
          expectMatchesSpec('GET', ROUTES.definitions, res);
        }
      });
    });

    describe('GET /metrics/latest', () => {
      it('has no figures and no computedAt before the first run', async () => {
        const res = await get('/metrics/latest');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
          definitions: DEFINITIONS,
          values: [],
        });
        expectMatchesSpec('GET', ROUTES.latest, res);

        const team = await get(`/metrics/latest?scope=${TEAM_A}`);
        expect(team.status).toBe(200);
        expect(team.body).toEqual({
          scope: { ref: TEAM_A, type: 'team', title: 'Team A' },
          definitions: DEFINITIONS,
          values: [],
        });
        expectMatchesSpec('GET', ROUTES.latest, team);
      });

      it('returns the last successful run for the organisation, a department and a team', async () => {
        await succeeded(daysAgo(3), 2);
        const finished = daysAgo(1);
        await succeeded(finished, 4);
        // A later failure does not hide the figures of the last success.
        await failed(daysAgo(0.5), 'The catalog did not answer');
        const computedAt = finished.toISOString();

        const org = await get('/metrics/latest?scope=org');
        expect(org.status).toBe(200);
        expect(org.body).toEqual({
          scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
          computedAt,
          definitions: DEFINITIONS,
          // By metric id.
          values: [
            {
              metricId: RESPONSE,
              scopeRef: ORG_SCOPE,
              value: 6.5,
              denominator: 4,
              computedAt,
            },
            { metricId: DENIED, scopeRef: ORG_SCOPE, value: 5, computedAt },
            {
              metricId: COVERAGE,
              scopeRef: ORG_SCOPE,
              value: 0.8,
              numerator: 4,
              denominator: 5,
              breakdown: { type: { service: 3, library: 2 } },
              computedAt,
            },
          ],
        });
        expectMatchesSpec('GET', ROUTES.latest, org);
        // The organisation is also the default.
        expect((await get('/metrics/latest')).body).toEqual(org.body);

        const department = await get(`/metrics/latest?scope=${ENGINEERING}`);
        expect(department.status).toBe(200);
        expect(department.body.scope).toEqual({
          ref: ENGINEERING,
          type: 'department',
          title: 'Engineering',
          childRefs: [TEAM_A, TEAM_B],
        });
        expect(department.body.computedAt).toBe(computedAt);
        expect(department.body.values).toEqual([
          // Nothing to measure: no value.
          {
            metricId: RESPONSE,
            scopeRef: ENGINEERING,
            denominator: 0,
            computedAt,
          },
          { metricId: DENIED, scopeRef: ENGINEERING, value: 4, computedAt },
          {
            metricId: COVERAGE,
            scopeRef: ENGINEERING,
            value: 1,
            numerator: 4,
            denominator: 4,
            computedAt,
          },
        ]);
        expectMatchesSpec('GET', ROUTES.latest, department);

        // A short ref, in another case, is the same team.
        const team = await get('/metrics/latest?scope=Default/team-b');
        expect(team.status).toBe(200);
        expect(team.body.scope).toEqual({
          ref: TEAM_B,
          type: 'team',
          title: 'team-b',
          parentRef: ENGINEERING,
        });
        expect(
          team.body.values.map((v: { metricId: string; value?: number }) => [
            v.metricId,
            v.value,
          ]),
        ).toEqual([
          [RESPONSE, undefined],
          [DENIED, 1],
          [COVERAGE, 1],
        ]);
        expectMatchesSpec('GET', ROUTES.latest, team);
      });

      it("reads a scope's figures once per run, and a newer run's once it succeeds", async () => {
        await succeeded(daysAgo(2), 2);
        const first = await get(`/metrics/latest?scope=${TEAM_A}`);
        const queries: string[] = [];
        const onQuery = (q: { sql: string }) => queries.push(q.sql);
        knex.on('query', onQuery);
        const again = await get(`/metrics/latest?scope=${TEAM_A}`);
        knex.off('query', onQuery);
        expect(again.body).toEqual(first.body);
        expect(
          queries.filter(q =>
            /ospo_metric_snapshots|ospo_metric_scopes/.test(q),
          ),
        ).toEqual([]);

        const finished = daysAgo(1);
        await succeeded(finished, 4);
        const newer = await get(`/metrics/latest?scope=${TEAM_A}`);
        expect(newer.body.computedAt).toBe(finished.toISOString());
        expect(newer.body.values).not.toEqual(first.body.values);
      });

      it('returns a Group of the catalog the run did not cover with no figures', async () => {
        const finished = daysAgo(1);
        await succeeded(finished);
        const res = await get(`/metrics/latest?scope=${NEWCOMERS}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          // Titled as the run would title it: display name first.
          scope: { ref: NEWCOMERS, type: 'team', title: 'The Newcomers' },
          computedAt: finished.toISOString(),
          definitions: DEFINITIONS,
          values: [],
        });
        expectMatchesSpec('GET', ROUTES.latest, res);
      });

      it('answers 404 to a Group missing from the catalog or hidden from the caller', async () => {
        await succeeded(daysAgo(1));
        const ghost = await get('/metrics/latest?scope=group:default/ghost');
        expect(ghost.status).toBe(404);
        expect(ghost.body.error).toMatchObject({
          name: 'NotFoundError',
          message: 'No team group:default/ghost in the catalog',
        });
        expectMatchesSpec('GET', ROUTES.latest, ghost);

        // The stealth team is in the run, but SAM may not see it.
        expect(
          (await get(`/metrics/latest?scope=${STEALTH}`, lee)).status,
        ).toBe(200);
        const hidden = await get(`/metrics/latest?scope=${STEALTH}`, sam);
        expect(hidden.status).toBe(404);
        expectMatchesSpec('GET', ROUTES.latest, hidden);
      });

      it.each([
        ['component:default/x'],
        ['bad:'],
        ['user:default/lee'],
        ['group:default/a/b'],
        ['team a'],
      ])('answers 400 to the scope %s', async scope => {
        const res = await get(
          `/metrics/latest?scope=${encodeURIComponent(scope)}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/query\/scope must match pattern/,
          ),
        });
        expectMatchesSpec('GET', ROUTES.latest, res);
        // Refused before the catalog is asked.
        expect(catalog.getEntityByRef).not.toHaveBeenCalledWith(
          expect.stringContaining(scope),
          expect.anything(),
        );
      });

      it('answers 400 to unknown query parameters', async () => {
        const res = await get('/metrics/latest?scope=org&team=x');
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe("Unknown query parameter 'team'");
        expectMatchesSpec('GET', ROUTES.latest, res);
      });
    });

    describe('GET /metrics/history and /metrics/:metricId/history', () => {
      // Runs 200, 60, 10 and 1 days ago, with a failure in between.
      let times: Date[];
      beforeEach(async () => {
        times = [daysAgo(200), daysAgo(60), daysAgo(10), daysAgo(1)];
        for (const [i, time] of times.entries()) {
          await succeeded(time, i + 1);
        }
        await failed(daysAgo(5), 'The catalog did not answer');
      });

      const point = (i: number) => ({
        computedAt: times[i].toISOString(),
        value: (i + 1) / 5,
        numerator: i + 1,
        denominator: 5,
      });

      it('returns the last 90 days of one metric by default, oldest first', async () => {
        const res = await get(`/metrics/${COVERAGE}/history`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          metricId: COVERAGE,
          scopeRef: ORG_SCOPE,
          points: [point(1), point(2), point(3)],
        });
        expectMatchesSpec('GET', ROUTES.metricHistory, res);
      });

      it('returns the range asked for, both ends included', async () => {
        const from = times[0].toISOString();
        const to = daysAgo(30).toISOString();
        const res = await get(
          `/metrics/${COVERAGE}/history?from=${from}&to=${to}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.points).toEqual([point(0), point(1)]);
        expectMatchesSpec('GET', ROUTES.metricHistory, res);

        // Only `to`: the 90 days before it.
        const before = await get(
          `/metrics/${COVERAGE}/history?to=${daysAgo(5).toISOString()}`,
        );
        expect(before.body.points).toEqual([point(1), point(2)]);
        // Only `from`: up to now.
        const since = await get(
          `/metrics/${COVERAGE}/history?from=${daysAgo(300).toISOString()}`,
        );
        expect(since.body.points).toEqual([0, 1, 2, 3].map(point));
        // Any offset: the last run's time written at +02:00 is still in.
        const wallTime = new Date(times[3].getTime() + 2 * 60 * 60 * 1000);
        const atPlusTwo = `${wallTime.toISOString().slice(0, 23)}+02:00`;
        const offset = await get(
          `/metrics/${COVERAGE}/history?from=${encodeURIComponent(atPlusTwo)}`,
        );
        expect(offset.status).toBe(200);
        expect(offset.body.points).toEqual([point(3)]);
      });

      it("returns a team's series, with points without a value", async () => {
        const res = await get(`/metrics/${RESPONSE}/history?scope=${TEAM_A}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          metricId: RESPONSE,
          scopeRef: TEAM_A,
          points: [1, 2, 3].map(i => ({
            computedAt: times[i].toISOString(),
            denominator: 0,
          })),
        });
        expectMatchesSpec('GET', ROUTES.metricHistory, res);
      });

      it('returns every metric of a scope, in the order of the definitions', async () => {
        const res = await get(`/metrics/history?scope=${ENGINEERING}`);
        expect(res.status).toBe(200);
        expect(
          res.body.items.map((h: { metricId: string; scopeRef: string }) => [
            h.metricId,
            h.scopeRef,
          ]),
        ).toEqual(DEFINITIONS.map(d => [d.id, ENGINEERING]));
        expect(res.body.items[1].points).toEqual(
          [1, 2, 3].map(i => ({
            computedAt: times[i].toISOString(),
            value: 4,
          })),
        );
        expectMatchesSpec('GET', ROUTES.history, res);

        // A range without runs: every metric, without points.
        const empty = await get(
          `/metrics/history?from=${daysAgo(50).toISOString()}&to=${daysAgo(
            20,
          ).toISOString()}`,
        );
        expect(empty.status).toBe(200);
        expect(empty.body).toEqual({
          items: DEFINITIONS.map(d => ({
            metricId: d.id,
            scopeRef: ORG_SCOPE,
            points: [],
          })),
        });
        expectMatchesSpec('GET', ROUTES.history, empty);
      });

      it("reads a scope's history once, and again after a new run or a prune", async () => {
        const path = `/metrics/${COVERAGE}/history?from=${daysAgo(
          300,
        ).toISOString()}`;
        expect((await get(path)).body.points).toEqual([0, 1, 2, 3].map(point));
        const queries: string[] = [];
        const onQuery = (q: { sql: string }) => queries.push(q.sql);
        knex.on('query', onQuery);
        await get(path);
        await get('/metrics/history');
        knex.off('query', onQuery);
        expect(queries.filter(q => /ospo_metric_snapshots/.test(q))).toEqual(
          [],
        );

        await succeeded(new Date(Date.now() - 1000), 5);
        const withNewest = (await get(path)).body.points;
        expect(withNewest).toHaveLength(5);
        expect(withNewest[4]).toMatchObject({ value: 1, numerator: 5 });

        // The two oldest runs are pruned.
        expect(await store.prune(daysAgo(30))).toBe(2);
        expect((await get(path)).body.points).toEqual([
          point(2),
          point(3),
          withNewest[4],
        ]);
      });

      it.each([
        [ROUTES.history, '/metrics/history'],
        [ROUTES.metricHistory, `/metrics/${COVERAGE}/history`],
      ])('%s answers 400 to a bad range or scope', async (route, path) => {
        const cases: Array<[string, string]> = [
          [
            `from=${daysAgo(1).toISOString()}&to=${daysAgo(2).toISOString()}`,
            'Invalid query: from must not be after to',
          ],
          [
            `from=${daysAgo(MAX_HISTORY_DAYS + 2).toISOString()}`,
            `Invalid query: from must be at most ${MAX_HISTORY_DAYS} days before to`,
          ],
          [
            'from=yesterday',
            'request/query/from must match format "date-time"',
          ],
          ['to=2026-01-02', 'request/query/to must match format "date-time"'],
          [
            'scope=component:default/x',
            'request/query/scope must match pattern',
          ],
          ['scope=bad:', 'request/query/scope must match pattern'],
        ];
        for (const [query, message] of cases) {
          const res = await get(`${path}?${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expect(res.body.error.message).toContain(message);
          expectMatchesSpec('GET', route, res);
        }
      });

      it('answers 404 to an unknown metric or Group, 400 to a bad metric id', async () => {
        const unknown = await get('/metrics/no.such-metric/history');
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.message).toBe("No metric 'no.such-metric'");
        expectMatchesSpec('GET', ROUTES.metricHistory, unknown);

        const bad = await get('/metrics/Not%20An%20Id/history');
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(
          /^request\/params\/metricId must match pattern/,
        );
        expectMatchesSpec('GET', ROUTES.metricHistory, bad);

        for (const [route, path] of [
          [ROUTES.metricHistory, `/metrics/${COVERAGE}/history`],
          [ROUTES.history, '/metrics/history'],
        ]) {
          const ghost = await get(`${path}?scope=ghost`);
          expect(ghost.status).toBe(404);
          expectMatchesSpec('GET', route, ghost);
          const hidden = await get(`${path}?scope=${STEALTH}`, sam);
          expect(hidden.status).toBe(404);
        }
      });
    });

    describe('GET /metrics/:metricId/findings', () => {
      const refsOf = (res: request.Response) =>
        res.body.items.map((f: MetricFinding) =>
          f.entityRef.replace('component:default/', ''),
        );

      it('is empty before the first run', async () => {
        const res = await get(`/metrics/${DENIED}/findings`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ items: [], totalCount: 0 });
        expectMatchesSpec('GET', ROUTES.findings, res);
      });

      it('pages through the findings of the latest run, by entity ref', async () => {
        await succeeded(daysAgo(2));
        // The findings of the failed run are gone, and not shown twice.
        await failed(daysAgo(1), 'Interrupted');
        const first = await get(`/metrics/${DENIED}/findings?limit=2`);
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
          totalCount: 5,
          items: [
            denied('lib-c', 'GPL-3.0-only', TEAM_A),
            denied('orphan', 'AGPL-3.0-only'),
          ],
        });
        expectMatchesSpec('GET', ROUTES.findings, first);
        const second = await get(
          `/metrics/${DENIED}/findings?limit=2&offset=2`,
        );
        expect(refsOf(second)).toEqual(['secret', 'svc-a']);
        expect(second.body.totalCount).toBe(5);
        const last = await get(`/metrics/${DENIED}/findings?limit=2&offset=4`);
        expect(refsOf(last)).toEqual(['svc-b']);
        const past = await get(`/metrics/${DENIED}/findings?offset=5`);
        expect(past.body).toEqual({ items: [], totalCount: 5 });
        expectMatchesSpec('GET', ROUTES.findings, past);

        // Only the metric's own findings; 50 at a time by default.
        const coverage = await get(`/metrics/${COVERAGE}/findings`);
        expect(coverage.body).toEqual({
          totalCount: 1,
          items: [FINDINGS[5]],
        });
        expectMatchesSpec('GET', ROUTES.findings, coverage);
      });

      it("covers a department's teams, and a team's own entities", async () => {
        await succeeded(daysAgo(1));
        const department = await get(
          `/metrics/${DENIED}/findings?scope=${ENGINEERING}`,
        );
        expect(department.status).toBe(200);
        expect(refsOf(department)).toEqual([
          'lib-c',
          'secret',
          'svc-a',
          'svc-b',
        ]);
        expect(department.body.totalCount).toBe(4);
        expectMatchesSpec('GET', ROUTES.findings, department);

        const team = await get(`/metrics/${DENIED}/findings?scope=${TEAM_B}`);
        expect(team.body).toEqual({
          totalCount: 1,
          items: [denied('svc-b', 'GPL-3.0-or-later', TEAM_B)],
        });

        // A Group the run did not cover has none.
        const newcomers = await get(
          `/metrics/${DENIED}/findings?scope=${NEWCOMERS}`,
        );
        expect(newcomers.body).toEqual({ items: [], totalCount: 0 });
      });

      it("reads a run's findings once, and a newer run's once it succeeds", async () => {
        await succeeded(daysAgo(2));
        await get(`/metrics/${DENIED}/findings?limit=1`);
        const queries: string[] = [];
        const onQuery = (q: { sql: string }) => queries.push(q.sql);
        knex.on('query', onQuery);
        const department = await get(
          `/metrics/${DENIED}/findings?scope=${ENGINEERING}&offset=1`,
        );
        const team = await get(`/metrics/${DENIED}/findings?scope=${TEAM_B}`);
        knex.off('query', onQuery);
        expect(refsOf(department)).toEqual(['secret', 'svc-a', 'svc-b']);
        expect(refsOf(team)).toEqual(['svc-b']);
        // The run's scopes once, for both Groups; its findings not again.
        expect(
          queries.filter(q =>
            /ospo_metric_findings|ospo_metric_scopes/.test(q),
          ),
        ).toHaveLength(1);

        await at(daysAgo(1), async () => {
          const run = await store.startRun({ staleBefore: new Date(0) });
          await store.addFindings(run.id, [FINDINGS[0]]);
          await store.completeRun(run.id, {
            scopes: SCOPES,
            figures: figures(1),
            processedEntities: 1,
          });
        });
        const newer = await get(`/metrics/${DENIED}/findings`);
        expect(newer.body).toEqual({ totalCount: 1, items: [FINDINGS[0]] });
      });

      it('leaves out entities the caller cannot see, before paging', async () => {
        await succeeded(daysAgo(1));
        const department = await get(
          `/metrics/${DENIED}/findings?scope=${ENGINEERING}`,
          sam,
        );
        expect(department.status).toBe(200);
        expect(department.body).toEqual({
          totalCount: 3,
          items: [
            denied('lib-c', 'GPL-3.0-only', TEAM_A),
            denied('svc-a', 'GPL-2.0-only', TEAM_A),
            denied('svc-b', 'GPL-3.0-or-later', TEAM_B),
          ],
        });
        expectMatchesSpec('GET', ROUTES.findings, department);

        // Pages have no holes where the hidden entity was.
        const pages = [];
        for (const offset of [0, 2, 4]) {
          const res = await get(
            `/metrics/${DENIED}/findings?limit=2&offset=${offset}`,
            sam,
          );
          expect(res.body.totalCount).toBe(4);
          pages.push(refsOf(res));
        }
        expect(pages).toEqual([['lib-c', 'orphan'], ['svc-a', 'svc-b'], []]);
        // The catalog is asked with SAM's credentials.
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
          expect.anything(),
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: SAM }),
            }),
          },
        );
      });

      it('answers 400 to bad paging and scopes, 404 to unknown metrics and Groups', async () => {
        await succeeded(daysAgo(1));
        for (const query of [
          'limit=0',
          'limit=501',
          'limit=1.5',
          'limit=x',
          'offset=-1',
          'scope=component:default/x',
          'scope=bad:',
          'order=asc',
        ]) {
          const res = await get(`/metrics/${DENIED}/findings?${query}`);
          expect([query, res.status]).toEqual([query, 400]);
          expectMatchesSpec('GET', ROUTES.findings, res);
        }
        expect(
          (await get(`/metrics/${DENIED}/findings?limit=500`)).status,
        ).toBe(200);

        const unknown = await get('/metrics/no.such-metric/findings');
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.message).toBe("No metric 'no.such-metric'");
        expectMatchesSpec('GET', ROUTES.findings, unknown);
        const ghost = await get(
          `/metrics/${DENIED}/findings?scope=group:default/ghost`,
        );
        expect(ghost.status).toBe(404);
        expectMatchesSpec('GET', ROUTES.findings, ghost);
      });
    });

    describe('GET /metrics/:metricId/values and values.csv', () => {
      const values = (query = '') => get(`/metrics/${COVERAGE}/values${query}`);
      const csv = (metricId = COVERAGE) =>
        get(`/metrics/${metricId}/values.csv`);
      const scope = (ref: string) => SCOPES.find(s => s.ref === ref)!;
      const figureOf = (ref: string, computedAt: string) => {
        const { metricId, scopeRef, ...rest } = figures(4).find(
          f => f.metricId === COVERAGE && f.scopeRef === ref,
        )!;
        return { metricId, scopeRef, ...rest, computedAt };
      };
      const HEADER =
        'Group ref,Group,Type,Parent ref,Value,Numerator,Denominator,Computed at';

      it('is empty before the first run; the CSV only has its header', async () => {
        const res = await values('?parent=org');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ metricId: COVERAGE, items: [] });
        expectMatchesSpec('GET', ROUTES.values, res);
        const download = await csv();
        expect(download.status).toBe(200);
        expect(download.text).toBe(`${HEADER}\r\n`);
        expectMatchesSpec('GET', ROUTES.valuesCsv, download);
      });

      it("drills down from the top-level Groups to a department's teams, by title", async () => {
        await succeeded(daysAgo(2), 1);
        await succeeded(daysAgo(1));
        const { finishedAt } = (await store.getLatestSuccessfulRun())!;

        const top = await values('?parent=org');
        expect(top.status).toBe(200);
        expectMatchesSpec('GET', ROUTES.values, top);
        expect(top.body).toStrictEqual({
          metricId: COVERAGE,
          computedAt: finishedAt,
          items: [ENGINEERING, STEALTH].map(ref => ({
            scope: scope(ref),
            value: figureOf(ref, finishedAt!),
          })),
        });
        for (const parent of [
          ENGINEERING,
          'engineering',
          'default/engineering',
        ]) {
          const res = await values(`?parent=${parent}`);
          expect(
            res.body.items.map((i: { scope: MetricScope }) => i.scope.ref),
          ).toEqual([TEAM_A, TEAM_B]);
        }
        // Every Group, without a parent.
        for (const query of ['', '?parent=']) {
          const res = await values(query);
          expect(
            res.body.items.map((i: { scope: MetricScope }) => i.scope.title),
          ).toEqual(['Engineering', 'stealth', 'Team A', 'team-b']);
          expectMatchesSpec('GET', ROUTES.values, res);
        }
        // A team has no Groups below it, nor does a Group the run did not see.
        for (const parent of [TEAM_A, NEWCOMERS]) {
          const res = await values(`?parent=${parent}`);
          expect([parent, res.status, res.body.items]).toEqual([
            parent,
            200,
            [],
          ]);
        }
        // Another metric: its own values.
        const deniedValues = await get(`/metrics/${DENIED}/values?parent=org`);
        expect(
          deniedValues.body.items.map(
            (i: { value: { value: number } }) => i.value.value,
          ),
        ).toEqual([4, 0]);
      });

      it("reads a run's values of a metric once, and those of a newer run once it succeeds", async () => {
        await succeeded(daysAgo(2), 1);
        await values('?parent=org');
        const queries: string[] = [];
        const onQuery = (q: { sql: string }) => queries.push(q.sql);
        knex.on('query', onQuery);
        await values(`?parent=${ENGINEERING}`);
        await values();
        await csv();
        knex.off('query', onQuery);
        expect(
          queries.filter(q =>
            /ospo_metric_snapshots|ospo_metric_scopes/.test(q),
          ),
        ).toEqual([]);

        // The org's coverage differs per run: the newer one is read.
        const newer = await at(daysAgo(1), async () => {
          const run = await store.startRun({ staleBefore: new Date(0) });
          await store.completeRun(run.id, {
            scopes: [
              ...SCOPES,
              { ref: NEWCOMERS, type: 'team', title: 'The Newcomers' },
            ],
            figures: [
              ...figures(4),
              { metricId: COVERAGE, scopeRef: NEWCOMERS, value: 0.5 },
            ],
            processedEntities: 1,
          });
          return store.getLatestSuccessfulRun();
        });
        const res = await values('?parent=org');
        expect(res.body.computedAt).toBe(newer!.finishedAt);
        expect(
          res.body.items.map((i: { scope: MetricScope }) => i.scope.ref),
        ).toEqual([ENGINEERING, STEALTH, NEWCOMERS]);
      });

      it('exports every Group as CSV, quoted and guarded against formulas', async () => {
        await succeeded(daysAgo(1));
        const { finishedAt } = (await store.getLatestSuccessfulRun())!;
        const res = await csv();
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="ospo-metric-${COVERAGE}.csv"`,
        );
        expectMatchesSpec('GET', ROUTES.valuesCsv, res);
        expect(res.text).toBe(
          [
            HEADER,
            `group:default/engineering,Engineering,department,,1,4,4,${finishedAt}`,
            // Nothing to measure: no value.
            `group:default/stealth,stealth,team,,,0,0,${finishedAt}`,
            `group:default/team-a,Team A,team,group:default/engineering,1,3,3,${finishedAt}`,
            `group:default/team-b,team-b,team,group:default/engineering,1,1,1,${finishedAt}`,
            '',
          ].join('\r\n'),
        );

        const evil = 'group:default/evil';
        await at(new Date(), async () => {
          const run = await store.startRun({ staleBefore: new Date(0) });
          await store.completeRun(run.id, {
            scopes: [
              { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
              { ref: evil, type: 'team', title: '=HYPERLINK("http://x","y")' },
            ],
            figures: [{ metricId: COVERAGE, scopeRef: evil, value: -1 }],
            processedEntities: 1,
          });
        });
        const guarded = (await csv()).text.split('\r\n')[1];
        // The title is text, so guarded; the number stays a number.
        expect(guarded).toMatch(
          /^group:default\/evil,"'=HYPERLINK\(""http:\/\/x"",""y""\)",team,,-1,,,/,
        );
      });

      it('answers 404 to unknown metrics and hidden Groups, 400 to bad input', async () => {
        await succeeded(daysAgo(1));
        const cases: Array<[string, string, number]> = [
          [ROUTES.values, '/metrics/no.such-metric/values', 404],
          [ROUTES.values, '/metrics/Bad!/values', 400],
          [
            ROUTES.values,
            `/metrics/${COVERAGE}/values?parent=group:default/nope`,
            404,
          ],
          [
            ROUTES.values,
            `/metrics/${COVERAGE}/values?parent=component:default/x`,
            400,
          ],
          [ROUTES.values, `/metrics/${COVERAGE}/values?scope=org`, 400],
          [ROUTES.valuesCsv, '/metrics/no.such-metric/values.csv', 404],
          [ROUTES.valuesCsv, `/metrics/${COVERAGE}/values.csv?parent=org`, 400],
        ];
        for (const [route, path, status] of cases) {
          const res = await get(path);
          expect([path, res.status]).toEqual([path, status]);
          expectMatchesSpec('GET', route, res);
        }
        // SAM cannot see the stealth team.
        expect((await values(`?parent=${STEALTH}`)).status).toBe(200);
        const hidden = await get(
          `/metrics/${COVERAGE}/values?parent=${STEALTH}`,
          sam,
        );
        expect(hidden.status).toBe(404);
      });
    });

    describe('GET /metrics/status', () => {
      it('is empty before the first run', async () => {
        const res = await get('/metrics/status');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({});
        expectMatchesSpec('GET', ROUTES.status, res);
      });

      it('tells the last success, a later failure and a run in progress', async () => {
        const successAt = daysAgo(3);
        const successId = await succeeded(successAt);
        const lastSuccess = {
          runId: successId,
          startedAt: successAt.toISOString(),
          finishedAt: successAt.toISOString(),
          processedEntities: ENTITIES.length,
        };
        const ok = await get('/metrics/status');
        expect(ok.status).toBe(200);
        expect(ok.body).toEqual({ lastSuccess });
        expectMatchesSpec('GET', ROUTES.status, ok);

        const failureAt = daysAgo(2);
        const failureId = await failed(failureAt, 'The catalog did not answer');
        const runningAt = daysAgo(1);
        const running = await at(runningAt, () =>
          store.startRun({ staleBefore: new Date(0) }),
        );
        await store.updateProgress(running.id, 3);
        const res = await get('/metrics/status');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          running: {
            runId: running.id,
            startedAt: runningAt.toISOString(),
            processedEntities: 3,
          },
          lastSuccess,
          lastFailure: {
            runId: failureId,
            startedAt: failureAt.toISOString(),
            finishedAt: failureAt.toISOString(),
            error: 'The catalog did not answer',
          },
        });
        expectMatchesSpec('GET', ROUTES.status, res);
      });

      it('forgets a failure once a later run succeeds', async () => {
        await failed(daysAgo(3), 'The catalog did not answer');
        const successAt = daysAgo(2);
        const successId = await succeeded(successAt);
        const res = await get('/metrics/status');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          lastSuccess: {
            runId: successId,
            startedAt: successAt.toISOString(),
            finishedAt: successAt.toISOString(),
            processedEntities: ENTITIES.length,
          },
        });
        expect(res.body.lastFailure).toBeUndefined();
        expectMatchesSpec('GET', ROUTES.status, res);
      });
    });

    describe('POST /metrics/refresh', () => {
      it('starts a run and answers 202 with the status', async () => {
        const successId = await succeeded(daysAgo(1));
        const res = await refresh();
        expect(res.status).toBe(202);
        expect(triggerRun).toHaveBeenCalledTimes(1);
        expect(res.body.lastSuccess.runId).toBe(successId);
        expectMatchesSpec('POST', ROUTES.refresh, res);
      });

      it('answers 409 while a run is in progress', async () => {
        triggerRun.mockRejectedValue(
          new ConflictError('Task ospo-metrics is currently running'),
        );
        const res = await refresh();
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({
          name: 'ConflictError',
          message: 'A metrics run is already in progress',
        });
        expectMatchesSpec('POST', ROUTES.refresh, res);
      });

      it('answers 500 when the run cannot be asked for otherwise', async () => {
        triggerRun.mockRejectedValue(new Error('The database is gone'));
        const res = await refresh();
        expect(res.status).toBe(500);
      });

      it('answers 403 to callers who may not start runs, without starting one', async () => {
        for (const auth of [lee, guest, service]) {
          const res = await refresh(auth);
          expect(res.status).toBe(403);
          expect(res.body.error).toMatchObject({
            name: 'NotAllowedError',
            message: 'Only OSPO staff may start a metrics run',
          });
          expectMatchesSpec('POST', ROUTES.refresh, res);
        }
        expect(triggerRun).not.toHaveBeenCalled();
      });

      it('records every attempt with the auditor, refused ones included', async () => {
        await refresh();
        triggerRun.mockRejectedValueOnce(new ConflictError('running'));
        await refresh();
        await refresh(lee);
        await refresh(anonymous); // not authenticated: nobody to record

        const events = await Promise.all(
          auditor.createEvent.mock.results.map(r => r.value),
        );
        expect(
          auditor.createEvent.mock.calls.map(([options], i) => ({
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            success: events[i].success.mock.calls.length,
            failure: events[i].fail.mock.calls[0]?.[0]?.error?.name,
          })),
        ).toEqual([
          {
            eventId: 'metrics-refresh',
            severityLevel: 'low',
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'metrics-refresh',
            severityLevel: 'low',
            success: 0,
            failure: 'ConflictError',
          },
          {
            eventId: 'metrics-refresh',
            severityLevel: 'low',
            success: 0,
            failure: 'NotAllowedError',
          },
        ]);
      });
    });

    describe('authorization', () => {
      const READS: Array<[string, string]> = [
        [ROUTES.definitions, '/metrics/definitions'],
        [ROUTES.status, '/metrics/status'],
        [ROUTES.latest, `/metrics/latest?scope=${TEAM_A}`],
        [ROUTES.history, '/metrics/history'],
        [ROUTES.metricHistory, `/metrics/${COVERAGE}/history`],
        [ROUTES.findings, `/metrics/${DENIED}/findings`],
        [ROUTES.values, `/metrics/${COVERAGE}/values?parent=org`],
        [ROUTES.valuesCsv, `/metrics/${COVERAGE}/values.csv`],
      ];

      it('answers 403 to reads without ospo.metrics.read, whatever metric or scope is asked for', async () => {
        await succeeded(daysAgo(1));
        const paths: Array<[string, string]> = [
          ...READS,
          [ROUTES.latest, '/metrics/latest?scope=group:default/nobody'],
          [ROUTES.findings, '/metrics/no.such-metric/findings'],
          [ROUTES.values, `/metrics/${COVERAGE}/values?parent=nobody`],
          [ROUTES.valuesCsv, '/metrics/no.such-metric/values.csv'],
        ];
        for (const [route, path] of paths) {
          const res = await get(path, guest);
          expect([path, res.status]).toEqual([path, 403]);
          expect(res.body.error).toMatchObject({
            name: 'NotAllowedError',
            message: 'You may not read OSPO metrics',
          });
          expectMatchesSpec('GET', route, res);
        }
        // A malformed request is refused by the spec before any check, and
        // tells nothing about the data.
        const malformed = await get('/metrics/latest?scope=bad:', guest);
        expect(malformed.status).toBe(400);
        expect(malformed.body.error.message).toMatch(/^request\/query\/scope /);
      });

      it('answers 401 without credentials', async () => {
        for (const [route, path] of READS) {
          const res = await get(path, anonymous);
          expect([path, res.status]).toEqual([path, 401]);
          expectMatchesSpec('GET', route, res);
        }
        const res = await refresh(anonymous);
        expect(res.status).toBe(401);
        expectMatchesSpec('POST', ROUTES.refresh, res);
        expect(triggerRun).not.toHaveBeenCalled();
      });

      it('lets other backend plugins read', async () => {
        await succeeded(daysAgo(1));
        for (const [route, path] of READS) {
          const res = await get(path, service);
          expect([path, res.status]).toEqual([path, 200]);
          expectMatchesSpec('GET', route, res);
        }
      });
    });
  },
);
