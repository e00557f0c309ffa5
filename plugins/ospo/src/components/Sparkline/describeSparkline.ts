import { SparklinePoint } from './types';

/**
 * What a sparkline shows, in words, for people who cannot see it: "Docs
 * coverage: from 50% to 75% over 4 points".
 */
export function describeSparkline(
  label: string,
  points: SparklinePoint[],
  formatValue: (value: number) => string,
): string {
  if (points.length === 0) {
    return `${label}: no data yet`;
  }
  const values = points
    .map(p => p.value)
    .filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (values.length === 0) {
    return `${label}: no values over ${pointCount(points.length)}`;
  }
  const missing = points.length - values.length;
  const over = `over ${pointCount(points.length)}${
    missing > 0 ? ` (${missing} without a value)` : ''
  }`;
  if (points.length === 1) {
    return `${label}: ${formatValue(values[0])}, a single point`;
  }
  const first = formatValue(values[0]);
  const last = formatValue(values[values.length - 1]);
  if (Math.min(...values) === Math.max(...values)) {
    return `${label}: steady at ${first} ${over}`;
  }
  return `${label}: from ${first} to ${last} ${over}`;
}

function pointCount(count: number): string {
  return count === 1 ? '1 point' : `${count} points`;
}
