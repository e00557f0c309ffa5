import {
  MetricAggregation,
  MetricHistoryPoint,
} from '@ospo-kit/plugin-ospo-common';
import { formatCount } from './formatMetricValue';

/**
 * What a figure is made of, shown under it: "12 of 16" for a ratio, "median
 * of 7" for a median over 7 samples, "mean of 7" for a mean. Undefined when there is nothing to add.
 */
export function formatMetricDetail(
  value: Pick<MetricHistoryPoint, 'numerator' | 'denominator'>,
  aggregation: MetricAggregation,
): string | undefined {
  const { numerator, denominator } = value;
  if (aggregation === 'ratio') {
    if (numerator === undefined || denominator === undefined) {
      return undefined;
    }
    return `${formatCount(numerator)} of ${formatCount(denominator)}`;
  }
  if (
    (aggregation === 'median' || aggregation === 'mean') &&
    denominator !== undefined
  ) {
    return `${aggregation} of ${formatCount(denominator)}`;
  }
  return undefined;
}
