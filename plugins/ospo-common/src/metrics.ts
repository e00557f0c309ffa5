/**
 * The scope of the organisation as a whole, as opposed to a Group's entity ref.
 *
 * @public
 */
export const ORG_SCOPE = 'org';

/**
 * How a metric's figure is expressed: a count, a share between 0 and 1
 * (shown as a percentage), or a duration in hours.
 *
 * @public
 */
export type MetricUnit = 'count' | 'ratio' | 'hours';

/**
 * Which way a metric should move: up, down, or neither (an inventory).
 *
 * @public
 */
export type MetricDirection =
  | 'higher-is-better'
  | 'lower-is-better'
  | 'neutral';

/**
 * How a metric's observations are combined into a team's, a department's or
 * the organisation's figure.
 *
 * - `ratio`: numerators and denominators are summed; the value is their quotient.
 * - `count`: counts are summed.
 * - `median`: the value is the median of the samples.
 *
 * @public
 */
export type MetricAggregation = 'ratio' | 'count' | 'median';

/**
 * The published definition of a metric, shown next to every figure.
 *
 * @public
 */
export interface MetricDefinition {
  /** Stable id, e.g. `ownership.coverage`. */
  id: string;
  title: string;
  /** What the metric tells, in a sentence. */
  description: string;
  /** How it is computed, in words. */
  computation: string;
  unit: MetricUnit;
  direction: MetricDirection;
  aggregation: MetricAggregation;
  /** The catalog entity kinds it looks at (empty when it reads none). */
  kinds: string[];
  /** Titles of the breakdown dimensions, by dimension id, when it has any. */
  breakdowns?: Record<string, string>;
}

/**
 * The kind of scope a figure covers.
 *
 * @public
 */
export type MetricScopeType = 'org' | 'department' | 'team';

/**
 * One metric's figure for one scope at one run.
 *
 * @public
 */
export interface MetricValue {
  metricId: string;
  /** `org` or a Group's entity ref. */
  scopeRef: string;
  /** Undefined when there is nothing to measure, e.g. a share of zero components. */
  value?: number;
  /** For ratios: the part that counts. */
  numerator?: number;
  /** For ratios: the whole. For medians: the number of samples. */
  denominator?: number;
  /** Counts by dimension and key, e.g. `{ type: { service: 3 } }`. */
  breakdown?: Record<string, Record<string, number>>;
  computedAt: string;
}

/**
 * A scope the metrics cover: the organisation, or a Group with what it covers.
 *
 * @public
 */
export interface MetricScope {
  ref: string;
  type: MetricScopeType;
  title: string;
  /** Parent Group, for Groups that have one. */
  parentRef?: string;
  /** Direct child Groups, for departments. */
  childRefs?: string[];
}

/**
 * The latest figures of every metric for one scope, with their definitions.
 *
 * @public
 */
export interface LatestMetrics {
  scope: MetricScope;
  /** When the run the figures come from finished; undefined before the first run. */
  computedAt?: string;
  definitions: MetricDefinition[];
  values: MetricValue[];
}

/**
 * One point in a metric's history.
 *
 * @public
 */
export interface MetricHistoryPoint {
  computedAt: string;
  value?: number;
  numerator?: number;
  denominator?: number;
}

/**
 * The history of one metric for one scope, oldest first.
 *
 * @public
 */
export interface MetricHistory {
  metricId: string;
  scopeRef: string;
  points: MetricHistoryPoint[];
}

/**
 * An entity a metric flags for attention, e.g. a component with a denied license.
 *
 * @public
 */
export interface MetricFinding {
  metricId: string;
  entityRef: string;
  /** The owning Group, when the owner resolves to one. */
  teamRef?: string;
  /** Why it is flagged, e.g. `GPL-3.0-only is denied`. */
  detail: string;
}

/**
 * A page of findings.
 *
 * @public
 */
export interface MetricFindingPage {
  items: MetricFinding[];
  totalCount: number;
}

/**
 * Whether metrics are being computed, and how the last runs went.
 *
 * @public
 */
export interface MetricsRunStatus {
  running?: {
    runId: string;
    startedAt: string;
    /** Catalog entities read so far. */
    processedEntities: number;
  };
  lastSuccess?: {
    runId: string;
    startedAt: string;
    finishedAt: string;
    processedEntities: number;
  };
  /** The last failed run, when it came after the last success. */
  lastFailure?: {
    runId: string;
    startedAt: string;
    finishedAt: string;
    error: string;
  };
}
