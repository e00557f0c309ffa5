import { components } from './schema/openapi.generated';

// The response bodies of the metrics routes, named as the OpenAPI spec
// (`plugins/ospo-backend/src/schema/openapi.yaml`) names them: the spec
// documents each field.

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
export type MetricUnit = components['schemas']['MetricUnit'];

/**
 * Which way a metric should move: up, down, or neither (an inventory).
 *
 * @public
 */
export type MetricDirection = components['schemas']['MetricDirection'];

/**
 * How a metric's observations are combined into a team's, a department's or
 * the organisation's figure.
 *
 * - `ratio`: numerators and denominators are summed; the value is their quotient.
 * - `count`: counts are summed.
 * - `median`: the value is the median of the samples.
 * - `mean`: the value is the mean of the samples.
 *
 * @public
 */
export type MetricAggregation = components['schemas']['MetricAggregation'];

/**
 * The published definition of a metric, shown next to every figure.
 *
 * @public
 */
export type MetricDefinition = components['schemas']['MetricDefinition'];

/**
 * The kind of scope a figure covers.
 *
 * @public
 */
export type MetricScopeType = components['schemas']['MetricScopeType'];

/**
 * One metric's figure for one scope at one run.
 *
 * @public
 */
export type MetricValue = components['schemas']['MetricValue'];

/**
 * A scope the metrics cover: the organisation, or a Group with what it covers.
 *
 * @public
 */
export type MetricScope = components['schemas']['MetricScope'];

/**
 * The latest figures of every metric for one scope, with their definitions.
 *
 * @public
 */
export type LatestMetrics = components['schemas']['LatestMetrics'];

/**
 * One point in a metric's history.
 *
 * @public
 */
export type MetricHistoryPoint = components['schemas']['MetricHistoryPoint'];

/**
 * The history of one metric for one scope, oldest first.
 *
 * @public
 */
export type MetricHistory = components['schemas']['MetricHistory'];

/**
 * An entity a metric flags for attention, e.g. a component with a denied license.
 *
 * @public
 */
export type MetricFinding = components['schemas']['MetricFinding'];

/**
 * A page of findings.
 *
 * @public
 */
export type MetricFindingPage = components['schemas']['MetricFindingPage'];

/**
 * Whether metrics are being computed, and how the last runs went.
 *
 * @public
 */
export type MetricsRunStatus = components['schemas']['MetricsRunStatus'];
