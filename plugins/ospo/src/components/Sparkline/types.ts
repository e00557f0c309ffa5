/**
 * One point of a sparkline: when it was measured and what, if anything.
 */
export interface SparklinePoint {
  computedAt: string;
  /** Undefined for a gap: there was nothing to measure then. */
  value?: number;
}
