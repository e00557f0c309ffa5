import {
  MetricFinding,
  MetricFindingPage,
  MetricHistory,
  MetricScope,
  MetricValue,
  MetricsRunStatus,
} from '@ospo-kit/plugin-ospo-common';

/**
 * A finished run's figure for one metric and scope.
 *
 * @internal
 */
export type MetricFigure = Omit<MetricValue, 'computedAt'>;

/**
 * A stored run.
 *
 * @internal
 */
export interface MetricRun {
  id: string;
  /** `skipped`: the run found the catalog empty and stored no figures. */
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  startedAt: string;
  finishedAt?: string;
  processedEntities: number;
  error?: string;
}

/**
 * Where metric runs, snapshots and findings are kept.
 *
 * @internal
 */
export interface MetricsStore {
  /**
   * Records the start of a run. Runs still marked running that started
   * before `staleBefore` were cut off (a crash, a restart) and are marked
   * failed.
   */
  startRun(options: { staleBefore: Date }): Promise<MetricRun>;
  updateProgress(runId: string, processedEntities: number): Promise<void>;
  addFindings(runId: string, findings: MetricFinding[]): Promise<void>;
  /** Stores the run's snapshot and marks it succeeded, all at once. */
  completeRun(
    runId: string,
    result: {
      scopes: MetricScope[];
      figures: MetricFigure[];
      processedEntities: number;
    },
  ): Promise<void>;
  /** Marks the run failed and drops what it had stored. */
  failRun(runId: string, error: string): Promise<void>;
  /**
   * Marks the run skipped, as one that found the catalog empty, and drops
   * what it had stored. Earlier skipped runs are deleted: only the latest
   * tells anything, and an empty catalog is retried every few minutes.
   */
  skipRun(runId: string): Promise<void>;
  /**
   * Deletes runs that started before `before`, except the latest successful
   * one, which stays however old it is. Returns how many were deleted.
   */
  prune(before: Date): Promise<number>;
  getStatus(): Promise<MetricsRunStatus>;
  /**
   * A value that changes whenever the stored history does: when a run
   * succeeds, and when runs are pruned. Cheap enough to ask on every read of
   * a cache.
   */
  getHistoryVersion(): Promise<string>;
  getLatestSuccessfulRun(): Promise<MetricRun | undefined>;
  getScopes(runId: string): Promise<MetricScope[]>;
  getScope(runId: string, scopeRef: string): Promise<MetricScope | undefined>;
  getValues(runId: string, scopeRef: string): Promise<MetricValue[]>;
  /** One metric's value for every scope of a run, in one query. */
  getMetricValues(runId: string, metricId: string): Promise<MetricValue[]>;
  /** Every metric's series for one scope, or only those of `metricIds`. */
  getHistory(options: {
    scopeRef: string;
    metricIds?: string[];
    from: Date;
    to: Date;
  }): Promise<MetricHistory[]>;
  getFindings(options: {
    runId: string;
    metricId: string;
    /** Only findings of entities owned by these Groups; all when undefined. */
    teamRefs?: string[];
    limit: number;
    offset: number;
  }): Promise<MetricFindingPage>;
}
