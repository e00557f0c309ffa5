import { MetricUnit } from '@ospo-kit/plugin-ospo-common';

/** What stands for a figure there was nothing to compute from. */
export const NO_METRIC_VALUE = '—';

/** Past two days, a duration reads better in days than in hours. */
export const HOURS_SHOWN_AS_DAYS = 48;

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/**
 * A metric's figure as people read it: a ratio as a percentage ("75%"), a
 * count with thousands separators ("1,234"), hours as "3.5 h", or as days
 * ("4.5 d") once they pass two days, and a score with one decimal ("4.3").
 * An undefined figure is "—", never NaN.
 */
export function formatMetricValue(
  value: number | undefined,
  unit: MetricUnit,
): string {
  if (value === undefined || !Number.isFinite(value)) {
    return NO_METRIC_VALUE;
  }
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'hours':
      return formatHours(value);
    default:
      return formatCount(value);
  }
}

/** A count, with thousands separators and at most one decimal. */
export function formatCount(value: number): string {
  return oneDecimal.format(value);
}

function formatPercent(ratio: number): string {
  const percent = Math.round(ratio * 100);
  // Rounding must not claim a goal is met, or that nothing is, when it is
  // not quite so: 199 of 200 is not "100%", 1 of 500 is not "0%".
  if (percent >= 100 && ratio < 1) {
    return '99%';
  }
  if (percent <= 0 && ratio > 0) {
    return '<1%';
  }
  return `${percent}%`;
}

function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60);
  if (Math.abs(minutes) < 60) {
    return `${minutes} min`;
  }
  if (Math.abs(hours) >= HOURS_SHOWN_AS_DAYS) {
    return `${oneDecimal.format(hours / 24)} d`;
  }
  return `${oneDecimal.format(hours)} h`;
}
