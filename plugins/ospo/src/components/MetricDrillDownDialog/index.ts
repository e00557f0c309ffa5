export { MetricDrillDownDialog } from './MetricDrillDownDialog';
export type { MetricDrillDownDialogProps } from './MetricDrillDownDialog';
