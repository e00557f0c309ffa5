import {
  AuditorService,
  BackstageCredentials,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  LatestMetrics,
  MetricDefinition,
  MetricFinding,
  MetricScope,
  MetricScopeValues,
  MetricsRunStatus,
  ORG_SCOPE,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Request } from 'express';
import { audited } from '../access/audited';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { JsonBody } from '../caching/JsonBody';
import { LatestMetricsCache } from './LatestMetricsCache';
import { MetricFindingsCache } from './MetricFindingsCache';
import { MetricHistoryCache } from './MetricHistoryCache';
import { MetricValuesCache, MetricValuesIndex } from './MetricValuesCache';
import { MetricRun, MetricsStore } from './MetricsStore';
import { nextScheduledRun } from './nextScheduledRun';
import { ORG_METRIC_SCOPE } from './TeamHierarchy';

/**
 * How long the run status read for `nextRunAt` is reused: the time is an
 * estimate anyway, and every read of the latest figures would otherwise cost
 * the status's queries.
 */
const RECENT_STATUS_MS = 5000;

/**
 * The rules of reading metrics and asking for a run: figures are only ever
 * read from stored runs (kept in memory per run), never computed on request;
 * a Group the caller cannot see is reported as missing.
 *
 * @internal
 */
export class MetricsService {
  private readonly definitionById: Map<string, MetricDefinition>;
  private readonly definitionsBody: JsonBody;
  private readonly values: MetricValuesCache;
  private readonly history: MetricHistoryCache;
  private readonly latest: LatestMetricsCache;
  private readonly findings: MetricFindingsCache;
  // Per run and metric (the index), the bodies of the parents asked for.
  private readonly valuesBodies = new WeakMap<
    MetricValuesIndex,
    Map<string, JsonBody>
  >();
  /** When this instance scheduled the runs: its first waits `initialDelay`. */
  private readonly scheduledAt = new Date();
  private recentStatus?: { readAt: number; status: Promise<MetricsRunStatus> };

  private constructor(
    private readonly store: MetricsStore,
    readonly definitions: MetricDefinition[],
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
    private readonly auditor: AuditorService,
    private readonly triggerRun: () => Promise<void>,
    private readonly retryEmptyCatalogAfterMs: number | undefined,
    private readonly schedule:
      | SchedulerServiceTaskScheduleDefinition
      | undefined,
  ) {
    this.definitionById = new Map(definitions.map(d => [d.id, d]));
    this.definitionsBody = new JsonBody(JSON.stringify({ items: definitions }));
    this.values = MetricValuesCache.create({ store });
    this.history = MetricHistoryCache.create({
      store,
      metricIds: definitions.map(d => d.id),
    });
    this.latest = LatestMetricsCache.create({ store, definitions });
    this.findings = MetricFindingsCache.create({ store });
  }

  static create(options: {
    store: MetricsStore;
    definitions: MetricDefinition[];
    teams: TeamDirectory;
    access: OspoAccess;
    auditor: AuditorService;
    /** Starts a run now; throws a `ConflictError` while one is running. */
    triggerRun(): Promise<void>;
    /** How soon a run skipped for an empty catalog is retried, if it is. */
    retryEmptyCatalogAfterMs?: number;
    /**
     * The schedule of the runs, to tell when the next is due; without it,
     * that is never told. Create the service when the task is scheduled.
     */
    schedule?: SchedulerServiceTaskScheduleDefinition;
  }): MetricsService {
    return new MetricsService(
      options.store,
      options.definitions,
      options.teams,
      options.access,
      options.auditor,
      options.triggerRun,
      options.retryEmptyCatalogAfterMs,
      options.schedule,
    );
  }

  /** Every read needs `ospo.metrics.read` (403 otherwise). */
  authorizeRead(credentials: BackstageCredentials): Promise<void> {
    return this.access.authorize(
      ospoMetricsReadPermission,
      credentials,
      'You may not read OSPO metrics',
    );
  }

  getDefinitionsBody(): JsonBody {
    return this.definitionsBody;
  }

  async getStatus(): Promise<MetricsRunStatus> {
    const status = await this.store.getStatus();
    this.recentStatus = { readAt: Date.now(), status: Promise.resolve(status) };
    const nextRunAt = this.nextRunFrom(status);
    return {
      ...(nextRunAt && { nextRunAt: nextRunAt.toISOString() }),
      ...this.withNextAttempt(status),
    };
  }

  /**
   * When the next scheduled run is due (see {@link nextScheduledRun}); now
   * while one is going on or overdue, undefined when it cannot be told. Read
   * from a run status at most a few seconds old.
   */
  async nextRunAt(): Promise<Date | undefined> {
    return this.nextRunFrom(await this.readRecentStatus());
  }

  /** The latest figures of a scope: a stored body, or none yet. */
  async getLatest(
    scopeRef: string,
    credentials: BackstageCredentials,
  ): Promise<JsonBody | LatestMetrics> {
    await this.visibleScope(scopeRef, credentials);
    const run = await this.store.getLatestSuccessfulRun();
    const nextRunAt = (await this.nextRunAfter(run))?.toISOString();
    const stored = run
      ? await this.latest.get(run, scopeRef, nextRunAt)
      : undefined;
    if (stored) return stored;
    const body: LatestMetrics = {
      scope: await this.scopeOutsideRun(scopeRef, credentials),
      definitions: this.definitions,
      values: [],
    };
    if (run) body.computedAt = run.finishedAt;
    if (nextRunAt) body.nextRunAt = nextRunAt;
    return body;
  }

  /** Every metric's history of a scope in the range. */
  async getHistoryBody(
    query: { scopeRef: string; from: Date; to: Date },
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    await this.visibleScope(query.scopeRef, credentials);
    return this.history.getBody({
      ...query,
      metricIds: this.definitions.map(d => d.id),
    });
  }

  /** One metric's history of a scope in the range, as JSON. */
  async getMetricHistoryJson(
    metricId: string,
    query: { scopeRef: string; from: Date; to: Date },
    credentials: BackstageCredentials,
  ): Promise<string> {
    this.knownMetric(metricId);
    await this.visibleScope(query.scopeRef, credentials);
    const [series] = await this.history.getJson({
      ...query,
      metricIds: [metricId],
    });
    return series;
  }

  /**
   * A page of the latest run's findings in the scope. Findings about
   * entities the caller cannot see are left out before paging, as for
   * consultations: filtering a page afterwards would leave holes in it and a
   * totalCount that tells how many hidden entities are flagged.
   */
  async getFindings(
    metricId: string,
    query: { scopeRef: string; limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<{ items: MetricFinding[]; totalCount: number }> {
    this.knownMetric(metricId);
    await this.visibleScope(query.scopeRef, credentials);
    const run = await this.store.getLatestSuccessfulRun();
    if (!run) return { items: [], totalCount: 0 };
    const all = await this.findings.get(run, metricId, query.scopeRef);
    const visible = new Set(
      await this.teams.visibleEntityRefs(
        [...new Set(all.map(f => f.entityRef))],
        credentials,
      ),
    );
    const items = all.filter(f => visible.has(f.entityRef));
    return {
      totalCount: items.length,
      items: items.slice(query.offset, query.offset + query.limit),
    };
  }

  /** A metric's latest value for the Groups below `parent` (absent: all). */
  async getValuesBody(
    metricId: string,
    parent: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    this.knownMetric(metricId);
    if (parent !== undefined) await this.visibleScope(parent, credentials);
    const { run, index } = await this.values.get(metricId);
    if (!index) {
      return new JsonBody(
        JSON.stringify({ metricId, items: [] } satisfies MetricScopeValues),
      );
    }
    let bodies = this.valuesBodies.get(index);
    if (!bodies) {
      bodies = new Map();
      this.valuesBodies.set(index, bodies);
    }
    // Any string the schema allows is a parent: only those of the run's
    // Groups are kept, each once.
    const key = parent ?? '';
    let body = bodies.get(key);
    if (!body) {
      const scopeValues: MetricScopeValues = {
        metricId,
        items: index.below(parent),
      };
      if (run?.finishedAt) scopeValues.computedAt = run.finishedAt;
      body = new JsonBody(JSON.stringify(scopeValues));
      if (parent === undefined || index.covers(parent)) bodies.set(key, body);
    }
    return body;
  }

  /** A metric's latest value for every Group, for the CSV export. */
  async getAllValues(metricId: string): Promise<MetricScopeValues['items']> {
    this.knownMetric(metricId);
    const { index } = await this.values.get(metricId);
    return index?.items ?? [];
  }

  /** Starts a run now; OSPO staff only, every attempt audited. */
  async refresh(
    credentials: BackstageCredentials,
    request: Request<any, any, any, any, any>,
  ): Promise<MetricsRunStatus> {
    await audited(
      this.auditor,
      { eventId: 'metrics-refresh', severityLevel: 'low', request },
      async () => {
        await this.access.authorize(
          ospoMetricsRefreshPermission,
          credentials,
          'Only OSPO staff may start a metrics run',
        );
        try {
          await this.triggerRun();
        } catch (error) {
          if ((error as Error).name === 'ConflictError') {
            throw new ConflictError('A metrics run is already in progress');
          }
          throw error;
        }
      },
    );
    return this.getStatus();
  }

  /** When the run after `run`, the latest success, is due. */
  private async nextRunAfter(
    run: MetricRun | undefined,
  ): Promise<Date | undefined> {
    if (!this.schedule) return undefined;
    let status = await this.readRecentStatus();
    if (status.lastSuccess?.runId !== run?.id) {
      // A run succeeded since the kept status was read: the next is due
      // later than that status tells.
      status = await this.readRecentStatus({ fresh: true });
    }
    return this.nextRunFrom(status);
  }

  private nextRunFrom(status: MetricsRunStatus): Date | undefined {
    if (!this.schedule) return undefined;
    return nextScheduledRun({
      schedule: this.schedule,
      status,
      scheduledAt: this.scheduledAt,
      retryEmptyCatalogAfterMs: this.retryEmptyCatalogAfterMs,
      now: new Date(),
    });
  }

  /** The run status, read again when the kept one is a few seconds old. */
  private readRecentStatus(options?: {
    fresh?: boolean;
  }): Promise<MetricsRunStatus> {
    const now = Date.now();
    const kept = this.recentStatus;
    if (kept && !options?.fresh && now - kept.readAt < RECENT_STATUS_MS) {
      return kept.status;
    }
    const status = this.store.getStatus();
    const entry = { readAt: now, status };
    this.recentStatus = entry;
    // A failed read is not kept: the next caller reads again.
    status.catch(() => {
      if (this.recentStatus === entry) this.recentStatus = undefined;
    });
    return status;
  }

  /** Adds when a run skipped for an empty catalog is retried at the latest. */
  private withNextAttempt(status: MetricsRunStatus): MetricsRunStatus {
    const skip = status.lastSkip;
    if (!skip || this.retryEmptyCatalogAfterMs === undefined) return status;
    const nextAttemptBy = new Date(
      Date.parse(skip.finishedAt) + this.retryEmptyCatalogAfterMs,
    ).toISOString();
    return { ...status, lastSkip: { ...skip, nextAttemptBy } };
  }

  private knownMetric(metricId: string): void {
    if (!this.definitionById.has(metricId)) {
      throw new NotFoundError(`No metric '${metricId}'`);
    }
  }

  // A Group the caller cannot see in the catalog is reported as missing.
  private async visibleScope(
    scopeRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (
      scopeRef !== ORG_SCOPE &&
      !(await this.teams.teamExists(scopeRef, credentials))
    ) {
      throw new NotFoundError(`No team ${scopeRef} in the catalog`);
    }
  }

  /** A visible Group the latest run did not cover (new since): no figures yet. */
  private async scopeOutsideRun(
    scopeRef: string,
    credentials: BackstageCredentials,
  ): Promise<MetricScope> {
    if (scopeRef === ORG_SCOPE) {
      return ORG_METRIC_SCOPE;
    }
    const entity = await this.teams.getEntity(scopeRef, credentials);
    // Titled as the run titles Groups (TeamHierarchy), so that a team's
    // title does not change once a run covers it.
    const displayName = (
      entity?.spec as { profile?: { displayName?: unknown } } | undefined
    )?.profile?.displayName;
    return {
      ref: scopeRef,
      type: 'team',
      title:
        (typeof displayName === 'string' && displayName) ||
        entity?.metadata.title ||
        entity?.metadata.name ||
        scopeRef,
    };
  }
}
