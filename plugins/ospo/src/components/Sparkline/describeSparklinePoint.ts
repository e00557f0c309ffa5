import { SparklinePoint } from './types';

/**
 * One point of a sparkline in words, for its tooltip: "Jun 12, 2025, 2:05 PM:
 * 75%", or "…: no value" for a gap. The date is in the reader's locale.
 */
export function describeSparklinePoint(
  point: SparklinePoint,
  formatValue: (value: number) => string,
): string {
  const time = Date.parse(point.computedAt);
  const date = Number.isNaN(time)
    ? point.computedAt
    : new Date(time).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      });
  const value =
    point.value !== undefined && Number.isFinite(point.value)
      ? formatValue(point.value)
      : 'no value';
  return `${date}: ${value}`;
}
