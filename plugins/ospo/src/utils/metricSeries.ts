import { MetricHistoryPoint, MetricValue } from '@ospo-kit/plugin-ospo-common';

/**
 * The history ending with the latest figure, so the change and the
 * sparkline agree with the figure shown, even when the history request
 * raced a run that just finished. A metric the run did not measure ends
 * with a gap, so it shows no change.
 */
export function metricSeries(
  points: MetricHistoryPoint[],
  value: MetricValue | undefined,
  computedAt: string,
): MetricHistoryPoint[] {
  const last = points[points.length - 1];
  const latestAt = value?.computedAt ?? computedAt;
  if (last && Date.parse(last.computedAt) >= Date.parse(latestAt)) {
    return points;
  }
  return [
    ...points,
    {
      computedAt: latestAt,
      value: value?.value,
      numerator: value?.numerator,
      denominator: value?.denominator,
    },
  ];
}
