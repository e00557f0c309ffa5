import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  MetricFinding,
  MetricScope,
  MetricValue,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMetricsStore } from './DatabaseMetricsStore';
import { MetricFigure } from './MetricsStore';
import { migrateDatabase } from '../database/migrateDatabase';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DEPT = 'group:default/engineering';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organization' },
  {
    ref: DEPT,
    type: 'department',
    title: 'Engineering',
    childRefs: [TEAM_A, TEAM_B],
  },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: DEPT },
  { ref: TEAM_B, type: 'team', title: 'Team B', parentRef: DEPT },
];

/** Fixed points in time, far enough back that nothing else is near them. */
const T1 = new Date('2026-01-01T06:00:00.000Z');
const T2 = new Date('2026-01-02T06:00:00.000Z');
const T3 = new Date('2026-01-03T06:00:00.000Z');

/** The figures of two metrics for org and team A; `n` tells runs apart. */
function figures(n: number): MetricFigure[] {
  return [
    {
      metricId: 'b.count',
      scopeRef: ORG_SCOPE,
      value: 10 * n,
    },
    {
      metricId: 'a.ratio',
      scopeRef: ORG_SCOPE,
      value: n / 10,
      numerator: n,
      denominator: 10,
    },
    {
      metricId: 'a.ratio',
      scopeRef: TEAM_A,
      value: 1,
      numerator: 1,
      denominator: 1,
    },
    { metricId: 'b.count', scopeRef: TEAM_A, value: 100 + n },
  ];
}

function finding(
  entity: string,
  overrides: Partial<MetricFinding> = {},
): MetricFinding {
  return {
    metricId: 'licenses.denied',
    entityRef: `component:default/${entity}`,
    detail: `GPL-3.0-only is denied in ${entity}`,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseMetricsStore on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseMetricsStore;

    // One database per run, emptied before each test.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseMetricsStore.create({ database: knex });
    });

    beforeEach(async () => {
      for (const table of [
        'ospo_metric_findings',
        'ospo_metric_snapshots',
        'ospo_metric_scopes',
        'ospo_metric_runs',
      ]) {
        await knex(table).delete();
      }
    });

    /** Starts a run without cutting off any other. */
    async function start() {
      return store.startRun({ staleBefore: new Date(0) });
    }

    /** Moves a run (and its snapshot) to a given time. */
    async function place(runId: string, startedAt: Date) {
      const finishedAt = new Date(startedAt.getTime() + MINUTE);
      const run = await knex('ospo_metric_runs').where({ id: runId }).first();
      await knex('ospo_metric_runs')
        .where({ id: runId })
        .update({
          started_at: startedAt,
          finished_at: run.finished_at === null ? null : finishedAt,
        });
      await knex('ospo_metric_snapshots')
        .where({ run_id: runId })
        .update({ computed_at: finishedAt });
    }

    /** A successful run started at `startedAt`, finished a minute later. */
    async function succeeded(
      startedAt: Date,
      result: {
        figures?: MetricFigure[];
        scopes?: MetricScope[];
        findings?: MetricFinding[];
      } = {},
    ) {
      const run = await start();
      await store.addFindings(run.id, result.findings ?? []);
      await store.completeRun(run.id, {
        scopes: result.scopes ?? SCOPES,
        figures: result.figures ?? figures(1),
        processedEntities: 42,
      });
      await place(run.id, startedAt);
      return run.id;
    }

    async function failed(startedAt: Date, error = 'Boom') {
      const run = await start();
      await store.addFindings(run.id, [finding('failed-run')]);
      await store.failRun(run.id, error);
      await place(run.id, startedAt);
      return run.id;
    }

    async function runRow(id: string) {
      return knex('ospo_metric_runs').where({ id }).first();
    }

    /** How many rows of each table belong to a run. */
    async function rowCounts(runId: string) {
      const counts: Record<string, number> = {};
      for (const table of [
        'ospo_metric_snapshots',
        'ospo_metric_scopes',
        'ospo_metric_findings',
      ]) {
        const [{ count }] = await knex(table)
          .where({ run_id: runId })
          .count({ count: '*' });
        counts[table] = Number(count);
      }
      return counts;
    }

    describe('startRun', () => {
      it('records a running run with no progress', async () => {
        const before = Date.now();
        const run = await start();
        expect(run).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          status: 'running',
          startedAt: expect.any(String),
          processedEntities: 0,
        });
        expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(run.startedAt)).toBeLessThanOrEqual(Date.now());
        expect(await runRow(run.id)).toMatchObject({
          status: 'running',
          finished_at: null,
          error: null,
        });
        expect((await start()).id).not.toBe(run.id);
      });

      it('marks runs left running since before staleBefore failed, and nothing else', async () => {
        const now = Date.now();
        const staleBefore = new Date(now - HOUR);
        const stale = await start();
        await place(stale.id, new Date(now - 3 * HOUR));
        const recent = await start();
        await place(recent.id, new Date(now - 10 * MINUTE));
        const onTheLine = await start();
        await place(onTheLine.id, staleBefore);
        const done = await succeeded(new Date(now - 5 * HOUR));
        const broken = await failed(new Date(now - 4 * HOUR), 'Boom');
        const doneBefore = await runRow(done);
        const brokenBefore = await runRow(broken);

        const run = await store.startRun({ staleBefore });

        expect(run.status).toBe('running');
        const cutOff = await runRow(stale.id);
        expect(cutOff).toMatchObject({
          status: 'failed',
          error: 'The run was interrupted before it finished',
        });
        expect(cutOff.finished_at).not.toBeNull();
        expect(await runRow(recent.id)).toMatchObject({
          status: 'running',
          finished_at: null,
          error: null,
        });
        expect((await runRow(onTheLine.id)).status).toBe('running');
        expect(await runRow(done)).toEqual(doneBefore);
        expect(await runRow(broken)).toEqual(brokenBefore);
        expect((await runRow(run.id)).status).toBe('running');
      });
    });

    describe('updateProgress', () => {
      it('updates the progress of a running run only', async () => {
        const run = await start();
        await store.updateProgress(run.id, 120);
        expect((await store.getStatus()).running).toEqual({
          runId: run.id,
          startedAt: run.startedAt,
          processedEntities: 120,
        });

        await store.completeRun(run.id, {
          scopes: SCOPES,
          figures: [],
          processedEntities: 500,
        });
        await store.updateProgress(run.id, 7);
        expect((await store.getStatus()).lastSuccess?.processedEntities).toBe(
          500,
        );
      });
    });

    describe('findings', () => {
      it('pages through the findings of one run and metric in entity order, with the total', async () => {
        const run = await start();
        const other = await start();
        const names = Array.from(
          { length: 25 },
          (_, i) => `svc-${String((i * 7) % 25).padStart(2, '0')}`,
        );
        await store.addFindings(
          run.id,
          names.slice(0, 10).map(name => finding(name, { teamRef: TEAM_A })),
        );
        await store.addFindings(
          run.id,
          names.slice(10).map(n => finding(n)),
        );
        await store.addFindings(run.id, [
          finding('svc-00', {
            metricId: 'ownership.orphans',
            detail: 'No owner',
          }),
        ]);
        await store.addFindings(other.id, [finding('svc-xx')]);

        const pages = [];
        for (const offset of [0, 10, 20, 30]) {
          pages.push(
            await store.getFindings({
              runId: run.id,
              metricId: 'licenses.denied',
              limit: 10,
              offset,
            }),
          );
        }
        expect(pages.map(p => p.totalCount)).toEqual([25, 25, 25, 25]);
        expect(pages.map(p => p.items.length)).toEqual([10, 10, 5, 0]);
        const items = pages.flatMap(p => p.items);
        expect(items.map(f => f.entityRef)).toEqual(
          [...names].sort().map(name => `component:default/${name}`),
        );
        // Stored as given; no teamRef key when the owner did not resolve.
        expect(items.find(f => f.entityRef.endsWith('svc-00'))).toStrictEqual(
          finding('svc-00', { teamRef: TEAM_A }),
        );
        expect(items.find(f => f.entityRef.endsWith('svc-01'))).toStrictEqual(
          finding('svc-01'),
        );

        expect(
          await store.getFindings({
            runId: run.id,
            metricId: 'ownership.orphans',
            limit: 10,
            offset: 0,
          }),
        ).toEqual({
          totalCount: 1,
          items: [
            finding('svc-00', {
              metricId: 'ownership.orphans',
              detail: 'No owner',
            }),
          ],
        });
        expect(
          await store.getFindings({
            runId: 'no-such-run',
            metricId: 'licenses.denied',
            limit: 10,
            offset: 0,
          }),
        ).toEqual({ totalCount: 0, items: [] });
      });

      it('stores more findings at once than one insert holds', async () => {
        const run = await start();
        const many = Array.from({ length: 1234 }, (_, i) =>
          finding(`svc-${String(i).padStart(4, '0')}`),
        );
        await store.addFindings(run.id, many);
        await store.addFindings(run.id, []);
        const last = await store.getFindings({
          runId: run.id,
          metricId: 'licenses.denied',
          limit: 100,
          offset: 1200,
        });
        expect(last.totalCount).toBe(1234);
        expect(last.items.map(f => f.entityRef)).toEqual(
          many.slice(1200).map(f => f.entityRef),
        );
      });

      it('filters by owning team, an empty list matching nothing', async () => {
        const run = await start();
        await store.addFindings(run.id, [
          finding('a1', { teamRef: TEAM_A }),
          finding('b1', { teamRef: TEAM_B }),
          finding('a2', { teamRef: TEAM_A }),
          finding('nobody'),
        ]);
        const entities = async (teamRefs?: string[]) => {
          const found = await store.getFindings({
            runId: run.id,
            metricId: 'licenses.denied',
            teamRefs,
            limit: 10,
            offset: 0,
          });
          return [
            found.totalCount,
            found.items.map(f => f.entityRef.split('/')[1]),
          ];
        };
        expect(await entities([TEAM_A])).toEqual([2, ['a1', 'a2']]);
        expect(await entities([TEAM_B, TEAM_A])).toEqual([
          3,
          ['a1', 'a2', 'b1'],
        ]);
        expect(await entities([])).toEqual([0, []]);
        expect(await entities(['group:default/unknown'])).toEqual([0, []]);
        expect(await entities(undefined)).toEqual([
          4,
          ['a1', 'a2', 'b1', 'nobody'],
        ]);
      });

      it('filters by more teams than one IN list holds', async () => {
        const run = await start();
        const team = (i: number) =>
          `group:default/t-${String(i).padStart(4, '0')}`;
        const teamRefs = Array.from({ length: 2500 }, (_, i) => team(i));
        await store.addFindings(run.id, [
          finding('first', { teamRef: team(0) }),
          finding('second-batch', { teamRef: team(1500) }),
          finding('third-batch', { teamRef: team(2499) }),
          finding('not-asked', { teamRef: team(2500) }),
          finding('unowned'),
        ]);
        const found = await store.getFindings({
          runId: run.id,
          metricId: 'licenses.denied',
          teamRefs,
          limit: 2,
          offset: 0,
        });
        expect(found.totalCount).toBe(3);
        expect(found.items.map(f => f.teamRef)).toEqual([team(0), team(1500)]);
      });
    });

    describe('completeRun', () => {
      const values: MetricFigure[] = [
        {
          metricId: 'c.zero',
          scopeRef: ORG_SCOPE,
          value: 0,
          numerator: 0,
          denominator: 12,
        },
        { metricId: 'a.empty', scopeRef: ORG_SCOPE, denominator: 0 },
        {
          metricId: 'b.third',
          scopeRef: ORG_SCOPE,
          value: 1 / 3,
          numerator: 1,
          denominator: 3,
        },
        {
          metricId: 'd.breakdown',
          scopeRef: ORG_SCOPE,
          value: 1234567.891,
          breakdown: {
            type: { service: 3, website: 0 },
            lifecycle: { production: 2, 'ex-périmental': 1 },
          },
        },
        { metricId: 'a.empty', scopeRef: TEAM_A, value: -2.5 },
      ];

      it('stores the scopes and figures and marks the run succeeded', async () => {
        const run = await start();
        await store.completeRun(run.id, {
          scopes: SCOPES,
          figures: values,
          processedEntities: 1500,
        });

        const latest = await store.getLatestSuccessfulRun();
        expect(latest).toEqual({
          id: run.id,
          status: 'succeeded',
          startedAt: run.startedAt,
          finishedAt: expect.any(String),
          processedEntities: 1500,
        });
        const computedAt = latest!.finishedAt!;
        expect(Date.parse(computedAt)).toBeGreaterThanOrEqual(
          Date.parse(run.startedAt),
        );

        const expected = (figure: MetricFigure): MetricValue => ({
          ...figure,
          computedAt,
        });
        // Ordered by metric id, absent parts absent (not undefined), zeros kept.
        expect(await store.getValues(run.id, ORG_SCOPE)).toStrictEqual(
          [values[1], values[2], values[0], values[3]].map(expected),
        );
        expect(await store.getValues(run.id, TEAM_A)).toStrictEqual([
          expected(values[4]),
        ]);
        expect(await store.getValues(run.id, TEAM_B)).toEqual([]);
        expect(await store.getValues('no-such-run', ORG_SCOPE)).toEqual([]);
      });

      it('reads the scopes back with their hierarchy, one or all in ref order', async () => {
        const run = await succeeded(T1);
        const other = await succeeded(T2, {
          scopes: [{ ref: ORG_SCOPE, type: 'org', title: 'Another org' }],
          figures: [],
        });

        expect(await store.getScopes(run)).toStrictEqual(
          [...SCOPES].sort((x, y) => x.ref.localeCompare(y.ref)),
        );
        expect(await store.getScope(run, DEPT)).toStrictEqual({
          ref: DEPT,
          type: 'department',
          title: 'Engineering',
          childRefs: [TEAM_A, TEAM_B],
        });
        expect(await store.getScope(run, TEAM_B)).toStrictEqual({
          ref: TEAM_B,
          type: 'team',
          title: 'Team B',
          parentRef: DEPT,
        });
        expect(
          await store.getScope(run, 'group:default/unknown'),
        ).toBeUndefined();
        expect(await store.getScope(other, TEAM_A)).toBeUndefined();
        expect(await store.getScope(other, ORG_SCOPE)).toStrictEqual({
          ref: ORG_SCOPE,
          type: 'org',
          title: 'Another org',
        });
        expect(await store.getScopes(other)).toHaveLength(1);
        expect(await store.getScopes('no-such-run')).toEqual([]);
      });

      it('stores nothing and leaves the run running when any part fails', async () => {
        const run = await start();
        // A duplicate figure in the third insert batch, after two went in.
        const many: MetricFigure[] = Array.from({ length: 900 }, (_, i) => ({
          metricId: `m.${String(i).padStart(3, '0')}`,
          scopeRef: ORG_SCOPE,
          value: i,
        }));
        many.push({ ...many[0] });

        let error: unknown;
        try {
          await store.completeRun(run.id, {
            scopes: SCOPES,
            figures: many,
            processedEntities: 900,
          });
        } catch (e) {
          error = e;
        }
        expect(String((error as Error)?.message)).toMatch(
          /UNIQUE constraint failed|duplicate key value/,
        );
        expect(await rowCounts(run.id)).toEqual({
          ospo_metric_snapshots: 0,
          ospo_metric_scopes: 0,
          ospo_metric_findings: 0,
        });
        expect(await runRow(run.id)).toMatchObject({
          status: 'running',
          finished_at: null,
        });
        expect(await store.getLatestSuccessfulRun()).toBeUndefined();
      });

      it('stores and reads back 2,000 scopes × 12 metrics', async () => {
        const teams = Array.from(
          { length: 2000 },
          (_, i) => `group:default/team-${String(i).padStart(4, '0')}`,
        );
        const scopes: MetricScope[] = [
          { ref: ORG_SCOPE, type: 'org', title: 'Org' },
          {
            ref: DEPT,
            type: 'department',
            title: 'Engineering',
            childRefs: teams,
          },
          ...teams.map(ref => ({
            ref,
            type: 'team' as const,
            title: ref,
            parentRef: DEPT,
          })),
        ];
        const metricIds = Array.from({ length: 12 }, (_, i) => `metric.${i}`);
        const all: MetricFigure[] = [];
        for (const [t, scopeRef] of teams.entries()) {
          for (const [m, metricId] of metricIds.entries()) {
            all.push({
              metricId,
              scopeRef,
              value: t + m / 100,
              numerator: t,
              denominator: m,
              breakdown: m === 0 ? { type: { service: t } } : undefined,
            });
          }
        }
        const run = await start();
        await store.completeRun(run.id, {
          scopes,
          figures: all,
          processedEntities: 100_000,
        });

        expect(await rowCounts(run.id)).toEqual({
          ospo_metric_snapshots: 24_000,
          ospo_metric_scopes: 2002,
          ospo_metric_findings: 0,
        });
        expect((await store.getScope(run.id, DEPT))?.childRefs).toEqual(teams);
        const read = await store.getScopes(run.id);
        expect(read).toHaveLength(2002);
        // The department's ref sorts first, then the teams', then org.
        expect(read[0].ref).toBe(DEPT);
        expect(read[1999]).toStrictEqual({
          ref: teams[1998],
          type: 'team',
          title: teams[1998],
          parentRef: DEPT,
        });
        expect(read[2001].ref).toBe(ORG_SCOPE);
        const read1234 = await store.getValues(run.id, teams[1234]);
        expect(
          read1234.map(v => [v.metricId, v.value, v.numerator, v.denominator]),
        ).toEqual(
          // metric.10 and metric.11 sort before metric.2.
          [0, 1, 10, 11, 2, 3, 4, 5, 6, 7, 8, 9].map(m => [
            `metric.${m}`,
            1234 + m / 100,
            1234,
            m,
          ]),
        );
        expect(read1234[0].breakdown).toEqual({ type: { service: 1234 } });
        expect(read1234[1]).not.toHaveProperty('breakdown');

        // One metric for every scope, in one query.
        const queries: string[] = [];
        const onQuery = (query: { sql: string }) => queries.push(query.sql);
        knex.on('query', onQuery);
        const metric0 = await store.getMetricValues(run.id, 'metric.0');
        knex.off('query', onQuery);
        expect(queries).toHaveLength(1);
        expect(metric0.map(v => v.scopeRef)).toEqual(teams);
        expect(metric0[1234]).toStrictEqual({
          metricId: 'metric.0',
          scopeRef: teams[1234],
          value: 1234,
          numerator: 1234,
          denominator: 0,
          breakdown: { type: { service: 1234 } },
          computedAt: expect.any(String),
        });
      });

      it("reads one metric's values of one run only, every scope in ref order", async () => {
        const first = await succeeded(T1, { figures: figures(1) });
        const second = await succeeded(T2, { figures: figures(2) });
        const computedAt = new Date(T2.getTime() + MINUTE).toISOString();
        expect(await store.getMetricValues(second, 'a.ratio')).toStrictEqual([
          {
            metricId: 'a.ratio',
            scopeRef: TEAM_A,
            value: 1,
            numerator: 1,
            denominator: 1,
            computedAt,
          },
          {
            metricId: 'a.ratio',
            scopeRef: ORG_SCOPE,
            value: 0.2,
            numerator: 2,
            denominator: 10,
            computedAt,
          },
        ]);
        expect(
          (await store.getMetricValues(first, 'b.count')).map(v => v.value),
        ).toEqual([101, 10]);
        expect(await store.getMetricValues(second, 'unknown')).toEqual([]);
        expect(await store.getMetricValues('no-such-run', 'a.ratio')).toEqual(
          [],
        );
      });
    });

    describe('getHistory', () => {
      /** Three successful runs, created out of time order. */
      beforeEach(async () => {
        await succeeded(T3, { figures: figures(3) });
        await succeeded(T1, { figures: figures(1) });
        await succeeded(T2, {
          figures: [
            ...figures(2).filter(f => f.metricId !== 'b.count'),
            // A figure with nothing to measure.
            { metricId: 'b.count', scopeRef: ORG_SCOPE, denominator: 0 },
          ],
        });
      });

      // Each snapshot is computed a minute after its run started.
      const at = (startedAt: Date) =>
        new Date(startedAt.getTime() + MINUTE).toISOString();
      const from = new Date(T1.getTime() + MINUTE);
      const to = new Date(T3.getTime() + MINUTE);

      it('returns every metric of a scope oldest first, boundaries included', async () => {
        expect(
          await store.getHistory({ scopeRef: ORG_SCOPE, from, to }),
        ).toStrictEqual([
          {
            metricId: 'a.ratio',
            scopeRef: ORG_SCOPE,
            points: [1, 2, 3].map(n => ({
              computedAt: at([T1, T2, T3][n - 1]),
              value: n / 10,
              numerator: n,
              denominator: 10,
            })),
          },
          {
            metricId: 'b.count',
            scopeRef: ORG_SCOPE,
            points: [
              { computedAt: at(T1), value: 10 },
              { computedAt: at(T2), denominator: 0 },
              { computedAt: at(T3), value: 30 },
            ],
          },
        ]);
        expect(
          await store.getHistory({
            scopeRef: TEAM_A,
            metricIds: ['b.count'],
            from,
            to,
          }),
        ).toEqual([
          {
            metricId: 'b.count',
            scopeRef: TEAM_A,
            // Run 2 stored no b.count for team A.
            points: [
              { computedAt: at(T1), value: 101 },
              { computedAt: at(T3), value: 103 },
            ],
          },
        ]);
      });

      it('leaves out points just outside the range', async () => {
        const history = await store.getHistory({
          scopeRef: ORG_SCOPE,
          metricIds: ['a.ratio'],
          from: new Date(from.getTime() + 1),
          to: new Date(to.getTime() - 1),
        });
        expect(history.map(h => h.points.map(p => p.computedAt))).toEqual([
          [at(T2)],
        ]);
        expect(
          await store.getHistory({
            scopeRef: ORG_SCOPE,
            from: new Date(to.getTime() + 1),
            to: new Date(to.getTime() + DAY),
          }),
        ).toEqual([]);
      });

      it('returns only the metrics asked for, in the order asked, empty when without points', async () => {
        const history = await store.getHistory({
          scopeRef: ORG_SCOPE,
          metricIds: ['never.computed', 'b.count'],
          from,
          to,
        });
        expect(
          history.map(h => [h.metricId, h.scopeRef, h.points.length]),
        ).toEqual([
          ['never.computed', ORG_SCOPE, 0],
          ['b.count', ORG_SCOPE, 3],
        ]);
        expect(
          await store.getHistory({
            scopeRef: ORG_SCOPE,
            metricIds: [],
            from,
            to,
          }),
        ).toEqual([]);
        expect(
          await store.getHistory({
            scopeRef: 'group:default/unknown',
            metricIds: ['a.ratio'],
            from,
            to,
          }),
        ).toEqual([
          {
            metricId: 'a.ratio',
            scopeRef: 'group:default/unknown',
            points: [],
          },
        ]);
      });

      it('never shows points of failed runs', async () => {
        // Completed, then failed (e.g. what came after completing threw).
        const run = await start();
        await store.completeRun(run.id, {
          scopes: SCOPES,
          figures: figures(9),
          processedEntities: 1,
        });
        await place(run.id, new Date(T2.getTime() + HOUR));
        await store.failRun(run.id, 'Pruning failed');
        await failed(new Date(T2.getTime() + 2 * HOUR));

        const history = await store.getHistory({
          scopeRef: ORG_SCOPE,
          from,
          to,
        });
        expect(history.map(h => h.points.map(p => p.computedAt))).toEqual([
          [at(T1), at(T2), at(T3)],
          [at(T1), at(T2), at(T3)],
        ]);
      });
    });

    describe('failRun', () => {
      it('marks the run failed with the error and drops what it stored', async () => {
        const kept = await succeeded(T1, { findings: [finding('kept')] });
        const keptCounts = await rowCounts(kept);

        const run = await start();
        await store.addFindings(run.id, [finding('a'), finding('b')]);
        await store.completeRun(run.id, {
          scopes: SCOPES,
          figures: figures(2),
          processedEntities: 3,
        });
        expect(await rowCounts(run.id)).toEqual({
          ospo_metric_snapshots: 4,
          ospo_metric_scopes: 4,
          ospo_metric_findings: 2,
        });

        await store.failRun(run.id, 'Catalog unavailable');

        expect(await rowCounts(run.id)).toEqual({
          ospo_metric_snapshots: 0,
          ospo_metric_scopes: 0,
          ospo_metric_findings: 0,
        });
        const row = await runRow(run.id);
        expect(row).toMatchObject({
          status: 'failed',
          error: 'Catalog unavailable',
        });
        expect(row.finished_at).not.toBeNull();
        expect(await rowCounts(kept)).toEqual(keptCounts);
        expect((await store.getLatestSuccessfulRun())?.id).toBe(kept);

        // A run that failed while running keeps no findings either.
        const early = await start();
        await store.addFindings(early.id, [finding('c')]);
        await store.failRun(early.id, 'Aborted');
        expect((await rowCounts(early.id)).ospo_metric_findings).toBe(0);
        expect((await runRow(early.id)).status).toBe('failed');
      });
    });

    describe('skipRun', () => {
      it('marks the run skipped, drops what it stored and the skips before it', async () => {
        const kept = await succeeded(T1, { findings: [finding('kept')] });
        const keptCounts = await rowCounts(kept);
        const failure = await failed(T2);

        const first = await start();
        await store.skipRun(first.id);
        const second = await start();
        await store.addFindings(second.id, [finding('a')]);
        await store.skipRun(second.id);

        expect(await runRow(first.id)).toBeUndefined();
        const row = await runRow(second.id);
        expect(row).toMatchObject({ status: 'skipped', error: null });
        expect(row.finished_at).not.toBeNull();
        expect(await rowCounts(second.id)).toEqual({
          ospo_metric_snapshots: 0,
          ospo_metric_scopes: 0,
          ospo_metric_findings: 0,
        });
        expect(await rowCounts(kept)).toEqual(keptCounts);
        expect((await runRow(failure)).status).toBe('failed');
        expect((await store.getLatestSuccessfulRun())?.id).toBe(kept);
      });
    });

    describe('getStatus', () => {
      const now = Date.now();
      const ago = (minutes: number) => new Date(now - minutes * MINUTE);
      const iso = (date: Date) => date.toISOString();

      it('is empty before the first run', async () => {
        expect(await store.getStatus()).toStrictEqual({});
      });

      it('tells the running run and its progress', async () => {
        const run = await start();
        await place(run.id, ago(5));
        await store.updateProgress(run.id, 250);
        expect(await store.getStatus()).toStrictEqual({
          running: {
            runId: run.id,
            startedAt: iso(ago(5)),
            processedEntities: 250,
          },
        });
      });

      it('tells the last success', async () => {
        const run = await succeeded(ago(60));
        expect(await store.getStatus()).toStrictEqual({
          lastSuccess: {
            runId: run,
            startedAt: iso(ago(60)),
            finishedAt: iso(ago(59)),
            processedEntities: 42,
          },
        });
      });

      it('tells a failure after the last success, and a run going on', async () => {
        await succeeded(ago(300));
        const success = await succeeded(ago(200));
        const failure = await failed(ago(100), 'Catalog unavailable');
        const running = await start();
        await place(running.id, ago(2));

        const status = await store.getStatus();
        expect(status.lastSuccess?.runId).toBe(success);
        expect(status.lastFailure).toStrictEqual({
          runId: failure,
          startedAt: iso(ago(100)),
          finishedAt: iso(ago(99)),
          error: 'Catalog unavailable',
        });
        expect(status.running?.runId).toBe(running.id);
      });

      it('forgets failures once a run succeeded after them', async () => {
        await failed(ago(300));
        await failed(ago(200));
        const success = await succeeded(ago(100));
        const status = await store.getStatus();
        expect(status.lastSuccess?.runId).toBe(success);
        expect(status).not.toHaveProperty('lastFailure');
        expect(status).not.toHaveProperty('running');
      });

      it('tells a skipped run after the last success, and forgets it after the next', async () => {
        const success = await succeeded(ago(300));
        const skip = await start();
        await store.skipRun(skip.id);
        await place(skip.id, ago(100));
        expect(await store.getStatus()).toStrictEqual({
          lastSuccess: {
            runId: success,
            startedAt: iso(ago(300)),
            finishedAt: iso(ago(299)),
            processedEntities: 42,
          },
          lastSkip: {
            runId: skip.id,
            startedAt: iso(ago(100)),
            finishedAt: iso(ago(99)),
            reason: 'catalog-empty',
          },
        });
        await succeeded(ago(10));
        expect(await store.getStatus()).not.toHaveProperty('lastSkip');
      });

      it('tells a failure when no run ever succeeded', async () => {
        const failure = await failed(ago(10), 'Boom');
        expect(await store.getStatus()).toStrictEqual({
          lastFailure: {
            runId: failure,
            startedAt: iso(ago(10)),
            finishedAt: iso(ago(9)),
            error: 'Boom',
          },
        });
      });
    });

    describe('getHistoryVersion', () => {
      it('changes when a run succeeds or runs are pruned, and only then', async () => {
        const versions = [await store.getHistoryVersion()];
        const record = async () =>
          versions.push(await store.getHistoryVersion());
        await succeeded(T1);
        await record();
        // Neither a run going on nor a failed one changes the history.
        const running = await start();
        await record();
        await failed(T2);
        await record();
        await store.completeRun(running.id, {
          scopes: SCOPES,
          figures: figures(3),
          processedEntities: 1,
        });
        await place(running.id, T3);
        await record();
        expect(await store.prune(T3)).toBe(2);
        await record();

        expect(versions[2]).toBe(versions[1]);
        expect(versions[3]).toBe(versions[1]);
        expect(
          new Set([versions[0], versions[1], versions[4], versions[5]]).size,
        ).toBe(4);
        expect(await store.getHistoryVersion()).toBe(versions[5]);
      });
    });

    describe('prune', () => {
      const cutoff = new Date('2026-02-01T00:00:00.000Z');
      const daysBefore = (days: number) =>
        new Date(cutoff.getTime() - days * DAY);

      it('deletes older runs with what they stored, but never the latest success or a running run', async () => {
        const oldSuccess = await succeeded(daysBefore(10), {
          findings: [finding('x')],
        });
        const oldFailure = await failed(daysBefore(9));
        const latestSuccess = await succeeded(daysBefore(8), {
          findings: [finding('y')],
        });
        const recentFailure = await failed(daysBefore(-2));
        const onTheLine = await failed(cutoff);
        const running = await start();
        await place(running.id, daysBefore(20));
        await store.addFindings(running.id, [finding('z')]);
        const latestCounts = await rowCounts(latestSuccess);

        expect(await store.prune(cutoff)).toBe(2);

        const left = await knex('ospo_metric_runs').pluck('id');
        expect(left.sort()).toEqual(
          [latestSuccess, recentFailure, onTheLine, running.id].sort(),
        );
        for (const gone of [oldSuccess, oldFailure]) {
          expect(await rowCounts(gone)).toEqual({
            ospo_metric_snapshots: 0,
            ospo_metric_scopes: 0,
            ospo_metric_findings: 0,
          });
        }
        expect(await rowCounts(latestSuccess)).toEqual(latestCounts);
        expect((await rowCounts(running.id)).ospo_metric_findings).toBe(1);
        expect((await store.getLatestSuccessfulRun())?.id).toBe(latestSuccess);

        expect(await store.prune(cutoff)).toBe(0);
      });

      it('deletes old successes once a newer one exists, however old that is', async () => {
        const old = await succeeded(daysBefore(8));
        const newer = await succeeded(daysBefore(1));
        expect(await store.prune(new Date())).toBe(1);
        expect(await knex('ospo_metric_runs').pluck('id')).toEqual([newer]);
        expect(await rowCounts(old)).toEqual({
          ospo_metric_snapshots: 0,
          ospo_metric_scopes: 0,
          ospo_metric_findings: 0,
        });
        expect(await rowCounts(newer)).toEqual({
          ospo_metric_snapshots: 4,
          ospo_metric_scopes: 4,
          ospo_metric_findings: 0,
        });
      });

      it('deletes more runs than one IN list holds', async () => {
        const rows = Array.from({ length: 2100 }, (_, i) => ({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          status: i === 2000 ? 'succeeded' : 'failed',
          started_at: new Date(daysBefore(30).getTime() + i * MINUTE),
          finished_at: new Date(daysBefore(30).getTime() + i * MINUTE),
          processed_entities: 0,
          error: i === 2000 ? null : 'Boom',
        }));
        for (let i = 0; i < rows.length; i += 300) {
          await knex('ospo_metric_runs').insert(rows.slice(i, i + 300));
        }
        await store.addFindings(rows[5].id, [finding('a')]);
        await store.addFindings(rows[2000].id, [finding('b')]);

        expect(await store.prune(cutoff)).toBe(2099);
        expect(await knex('ospo_metric_runs').pluck('id')).toEqual([
          rows[2000].id,
        ]);
        expect(await knex('ospo_metric_findings').pluck('run_id')).toEqual([
          rows[2000].id,
        ]);
      });
    });
  },
);
