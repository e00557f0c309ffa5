export { Sparkline } from './Sparkline';
export type { SparklineProps } from './Sparkline';
export type { SparklinePoint } from './types';
