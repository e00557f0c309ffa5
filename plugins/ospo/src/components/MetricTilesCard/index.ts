export { MetricTilesCard, METRIC_PERIODS } from './MetricTilesCard';
export type { MetricTilesCardProps } from './MetricTilesCard';
