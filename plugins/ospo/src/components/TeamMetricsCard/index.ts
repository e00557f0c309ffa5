export { TeamMetricsCard } from './TeamMetricsCard';
export type { TeamMetricsCardProps } from './TeamMetricsCard';
