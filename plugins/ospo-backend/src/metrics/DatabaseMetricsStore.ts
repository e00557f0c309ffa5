import { randomUUID } from 'node:crypto';
import {
  MetricFinding,
  MetricFindingPage,
  MetricHistory,
  MetricScope,
  MetricScopeType,
  MetricValue,
  MetricsRunStatus,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { MetricFigure, MetricRun, MetricsStore } from './MetricsStore';
import { SharedReads } from '../caching/SharedReads';
import { toIsoString } from '../database/timestamps';

const RUNS = 'ospo_metric_runs';
const SNAPSHOTS = 'ospo_metric_snapshots';
const SCOPES = 'ospo_metric_scopes';
const FINDINGS = 'ospo_metric_findings';

// Rows per insert: well under SQLite's limit on bound variables.
const INSERT_BATCH = 400;
// Refs per IN (...) list, for the same reason.
const IN_BATCH = 1000;

type Timestamp = Date | string | number;

type RunRow = {
  id: string;
  status: MetricRun['status'];
  started_at: Timestamp;
  finished_at: Timestamp | null;
  processed_entities: number | string;
  error: string | null;
};

type SnapshotRow = {
  run_id: string;
  metric_id: string;
  scope_ref: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: string | null;
  computed_at: Timestamp;
};

type ScopeRow = {
  run_id: string;
  scope_ref: string;
  type: string;
  title: string;
  parent_ref: string | null;
  child_refs: string | null;
};

type FindingRow = {
  run_id: string;
  metric_id: string;
  entity_ref: string;
  team_ref: string | null;
  detail: string;
};

/**
 * Keeps metric runs and their snapshots in the plugin's database.
 *
 * @internal
 */
export class DatabaseMetricsStore implements MetricsStore {
  // The dashboard asks for the status and the latest run on most requests:
  // concurrent requests share those queries.
  private readonly reads = new SharedReads();

  private constructor(private readonly db: Knex) {}

  /** Wraps an already migrated database. */
  static create(options: { database: Knex }): DatabaseMetricsStore {
    return new DatabaseMetricsStore(options.database);
  }

  async startRun(options: { staleBefore: Date }): Promise<MetricRun> {
    return this.reads.write(async () => {
      const now = new Date();
      await this.db<RunRow>(RUNS)
        .where('status', 'running')
        .where('started_at', '<', options.staleBefore)
        .update({
          status: 'failed',
          finished_at: now,
          error: 'The run was interrupted before it finished',
        });
      const row: RunRow = {
        id: randomUUID(),
        status: 'running',
        started_at: now,
        finished_at: null,
        processed_entities: 0,
        error: null,
      };
      await this.db<RunRow>(RUNS).insert(row);
      return toRun(row);
    });
  }

  async updateProgress(runId: string, processedEntities: number) {
    return this.reads.write(async () => {
      await this.db<RunRow>(RUNS)
        .where({ id: runId, status: 'running' })
        .update({ processed_entities: processedEntities });
    });
  }

  async addFindings(runId: string, findings: MetricFinding[]) {
    const rows = findings.map(f => ({
      run_id: runId,
      metric_id: f.metricId,
      entity_ref: f.entityRef,
      team_ref: f.teamRef ?? null,
      detail: f.detail,
    }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await this.db(FINDINGS).insert(rows.slice(i, i + INSERT_BATCH));
    }
  }

  async completeRun(
    runId: string,
    result: {
      scopes: MetricScope[];
      figures: MetricFigure[];
      processedEntities: number;
    },
  ) {
    return this.reads.write(async () => {
      const finishedAt = new Date();
      await this.db.transaction(async trx => {
        const scopeRows: ScopeRow[] = result.scopes.map(scope => ({
          run_id: runId,
          scope_ref: scope.ref,
          type: scope.type,
          title: scope.title,
          parent_ref: scope.parentRef ?? null,
          child_refs: scope.childRefs?.length
            ? JSON.stringify(scope.childRefs)
            : null,
        }));
        for (let i = 0; i < scopeRows.length; i += INSERT_BATCH) {
          await trx(SCOPES).insert(scopeRows.slice(i, i + INSERT_BATCH));
        }
        const snapshotRows: SnapshotRow[] = result.figures.map(figure => ({
          run_id: runId,
          metric_id: figure.metricId,
          scope_ref: figure.scopeRef,
          value: figure.value ?? null,
          numerator: figure.numerator ?? null,
          denominator: figure.denominator ?? null,
          breakdown: figure.breakdown ? JSON.stringify(figure.breakdown) : null,
          computed_at: finishedAt,
        }));
        for (let i = 0; i < snapshotRows.length; i += INSERT_BATCH) {
          await trx(SNAPSHOTS).insert(snapshotRows.slice(i, i + INSERT_BATCH));
        }
        await trx<RunRow>(RUNS).where({ id: runId }).update({
          status: 'succeeded',
          finished_at: finishedAt,
          processed_entities: result.processedEntities,
        });
      });
    });
  }

  async failRun(runId: string, error: string) {
    return this.reads.write(async () => {
      await this.db.transaction(async trx => {
        await trx(FINDINGS).where({ run_id: runId }).delete();
        await trx(SNAPSHOTS).where({ run_id: runId }).delete();
        await trx(SCOPES).where({ run_id: runId }).delete();
        await trx<RunRow>(RUNS).where({ id: runId }).update({
          status: 'failed',
          finished_at: new Date(),
          error,
        });
      });
    });
  }

  async skipRun(runId: string) {
    return this.reads.write(async () => {
      await this.db.transaction(async trx => {
        const earlier = (
          await trx<RunRow>(RUNS)
            .select('id')
            .where({ status: 'skipped' })
            .whereNot('id', runId)
        ).map(r => r.id);
        const ids = [runId, ...earlier];
        for (let i = 0; i < ids.length; i += IN_BATCH) {
          const batch = ids.slice(i, i + IN_BATCH);
          await trx(FINDINGS).whereIn('run_id', batch).delete();
          await trx(SNAPSHOTS).whereIn('run_id', batch).delete();
          await trx(SCOPES).whereIn('run_id', batch).delete();
        }
        for (let i = 0; i < earlier.length; i += IN_BATCH) {
          await trx(RUNS)
            .whereIn('id', earlier.slice(i, i + IN_BATCH))
            .delete();
        }
        await trx<RunRow>(RUNS).where({ id: runId }).update({
          status: 'skipped',
          finished_at: new Date(),
        });
      });
    });
  }

  async prune(before: Date): Promise<number> {
    return this.reads.write(async () => {
      const latest = await this.getLatestSuccessfulRun();
      return this.db.transaction(async trx => {
        const old = trx<RunRow>(RUNS)
          .select('id')
          .where('started_at', '<', before)
          .whereNot('status', 'running');
        if (latest) old.whereNot('id', latest.id);
        const ids = (await old).map(r => r.id);
        for (let i = 0; i < ids.length; i += IN_BATCH) {
          const batch = ids.slice(i, i + IN_BATCH);
          // Children first: SQLite does not enforce the cascade unless told to.
          await trx(FINDINGS).whereIn('run_id', batch).delete();
          await trx(SNAPSHOTS).whereIn('run_id', batch).delete();
          await trx(SCOPES).whereIn('run_id', batch).delete();
          await trx(RUNS).whereIn('id', batch).delete();
        }
        return ids.length;
      });
    });
  }

  async getStatus(): Promise<MetricsRunStatus> {
    return this.reads.read('status', () => this.readStatus());
  }

  private async readStatus(): Promise<MetricsRunStatus> {
    const [running, success, failure, skip] = await Promise.all([
      this.latestRun('running'),
      this.latestRun('succeeded'),
      this.latestRun('failed'),
      this.latestRun('skipped'),
    ]);
    const status: MetricsRunStatus = {};
    if (running) {
      status.running = {
        runId: running.id,
        startedAt: running.startedAt,
        processedEntities: running.processedEntities,
      };
    }
    if (success) {
      status.lastSuccess = {
        runId: success.id,
        startedAt: success.startedAt,
        finishedAt: success.finishedAt!,
        processedEntities: success.processedEntities,
      };
    }
    if (failure && (!success || failure.startedAt > success.startedAt)) {
      status.lastFailure = {
        runId: failure.id,
        startedAt: failure.startedAt,
        finishedAt: failure.finishedAt!,
        error: failure.error ?? 'Unknown error',
      };
    }
    if (skip && (!success || skip.startedAt > success.startedAt)) {
      status.lastSkip = {
        runId: skip.id,
        startedAt: skip.startedAt,
        finishedAt: skip.finishedAt!,
        reason: 'catalog-empty',
      };
    }
    return status;
  }

  async getHistoryVersion(): Promise<string> {
    return this.reads.read('historyVersion', () => this.readHistoryVersion());
  }

  private async readHistoryVersion(): Promise<string> {
    // Served by the (status, started_at) index alone.
    const [row] = await this.db<RunRow>(RUNS)
      .where({ status: 'succeeded' })
      .count({ count: '*' })
      .max({ latest: 'started_at' });
    const { count, latest } = row as {
      count: number | string;
      latest: Timestamp | null;
    };
    return `${Number(count)}:${latest === null ? '' : toIsoString(latest)}`;
  }

  async getLatestSuccessfulRun(): Promise<MetricRun | undefined> {
    return this.reads.read('latestSuccess', () => this.latestRun('succeeded'));
  }

  async getScopes(runId: string): Promise<MetricScope[]> {
    const rows = await this.db<ScopeRow>(SCOPES)
      .where({ run_id: runId })
      .orderBy('scope_ref');
    return rows.map(toScope);
  }

  async getScope(runId: string, scopeRef: string) {
    const row = await this.db<ScopeRow>(SCOPES)
      .where({ run_id: runId, scope_ref: scopeRef })
      .first();
    return row ? toScope(row) : undefined;
  }

  async getValues(runId: string, scopeRef: string): Promise<MetricValue[]> {
    const rows = await this.db<SnapshotRow>(SNAPSHOTS)
      .where({ run_id: runId, scope_ref: scopeRef })
      .orderBy('metric_id');
    return rows.map(toMetricValue);
  }

  async getMetricValues(
    runId: string,
    metricId: string,
  ): Promise<MetricValue[]> {
    // The primary key (run_id, metric_id, scope_ref) serves this query.
    const rows = await this.db<SnapshotRow>(SNAPSHOTS)
      .where({ run_id: runId, metric_id: metricId })
      .orderBy('scope_ref');
    return rows.map(toMetricValue);
  }

  async getHistory(options: {
    scopeRef: string;
    metricIds?: string[];
    from: Date;
    to: Date;
  }): Promise<MetricHistory[]> {
    const query = this.db<SnapshotRow>(SNAPSHOTS)
      .select('metric_id', 'value', 'numerator', 'denominator', 'computed_at')
      .where('scope_ref', options.scopeRef)
      .where('computed_at', '>=', options.from)
      .where('computed_at', '<=', options.to)
      .orderBy([
        { column: 'metric_id', order: 'asc' },
        { column: 'computed_at', order: 'asc' },
      ]);
    if (options.metricIds) query.whereIn('metric_id', options.metricIds);
    const series = new Map<string, MetricHistory>();
    for (const id of options.metricIds ?? []) {
      series.set(id, { metricId: id, scopeRef: options.scopeRef, points: [] });
    }
    for (const row of await query) {
      let history = series.get(row.metric_id);
      if (!history) {
        history = {
          metricId: row.metric_id,
          scopeRef: options.scopeRef,
          points: [],
        };
        series.set(row.metric_id, history);
      }
      const point: MetricHistory['points'][number] = {
        computedAt: toIsoString(row.computed_at),
      };
      if (row.value !== null) point.value = Number(row.value);
      if (row.numerator !== null) point.numerator = Number(row.numerator);
      if (row.denominator !== null) point.denominator = Number(row.denominator);
      history.points.push(point);
    }
    return [...series.values()];
  }

  async getFindings(options: {
    runId: string;
    metricId: string;
    teamRefs?: string[];
    limit: number;
    offset: number;
  }): Promise<MetricFindingPage> {
    const base = () => {
      const query = this.db<FindingRow>(FINDINGS).where({
        run_id: options.runId,
        metric_id: options.metricId,
      });
      if (options.teamRefs) {
        const refs = options.teamRefs;
        query.where(inner => {
          if (refs.length === 0) inner.whereRaw('1 = 0');
          for (let i = 0; i < refs.length; i += IN_BATCH) {
            inner.orWhereIn('team_ref', refs.slice(i, i + IN_BATCH));
          }
        });
      }
      return query;
    };
    const [{ count }] = await base().count({ count: '*' });
    const rows = await base()
      .select('metric_id', 'entity_ref', 'team_ref', 'detail')
      .orderBy('entity_ref')
      .limit(options.limit)
      .offset(options.offset);
    return {
      totalCount: Number(count),
      items: rows.map(row => {
        const finding: MetricFinding = {
          metricId: row.metric_id,
          entityRef: row.entity_ref,
          detail: row.detail,
        };
        if (row.team_ref) finding.teamRef = row.team_ref;
        return finding;
      }),
    };
  }

  private async latestRun(
    status: MetricRun['status'],
  ): Promise<MetricRun | undefined> {
    const row = await this.db<RunRow>(RUNS)
      .where({ status })
      .orderBy('started_at', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }
}

function toRun(row: RunRow): MetricRun {
  const run: MetricRun = {
    id: row.id,
    status: row.status,
    startedAt: toIsoString(row.started_at),
    processedEntities: Number(row.processed_entities),
  };
  if (row.finished_at !== null) run.finishedAt = toIsoString(row.finished_at);
  if (row.error !== null) run.error = row.error;
  return run;
}

function toMetricValue(row: SnapshotRow): MetricValue {
  const value: MetricValue = {
    metricId: row.metric_id,
    scopeRef: row.scope_ref,
    computedAt: toIsoString(row.computed_at),
  };
  if (row.value !== null) value.value = Number(row.value);
  if (row.numerator !== null) value.numerator = Number(row.numerator);
  if (row.denominator !== null) value.denominator = Number(row.denominator);
  if (row.breakdown) value.breakdown = JSON.parse(row.breakdown);
  return value;
}

function toScope(row: ScopeRow): MetricScope {
  const scope: MetricScope = {
    ref: row.scope_ref,
    type: row.type as MetricScopeType,
    title: row.title,
  };
  if (row.parent_ref) scope.parentRef = row.parent_ref;
  if (row.child_refs) scope.childRefs = JSON.parse(row.child_refs);
  return scope;
}
