import {
  MetricDirection,
  MetricHistoryPoint,
  MetricUnit,
} from '@ospo-kit/plugin-ospo-common';
import { HOURS_SHOWN_AS_DAYS, formatCount } from './formatMetricValue';

/** Whether a change is an improvement, a setback, or neither. */
export type MetricTone = 'good' | 'bad' | 'neutral';

/** How a metric moved over a period. */
export interface MetricChange {
  /** Which way it moved, at the precision shown. */
  trend: 'up' | 'down' | 'flat';
  /** "+25 pts", "−3", "+1.5 h"; "±0" when it did not move visibly. */
  text: string;
  /** Good or bad by the metric's direction; neutral when flat or neutral. */
  tone: MetricTone;
  /** The first figure of the period. */
  from: { computedAt: string; value: number };
  /** The last figure of the period. */
  to: { computedAt: string; value: number };
}

const MINUS = '\u2212';

/**
 * The change of a metric between the first figure of a series and its last,
 * which must be defined: a change to "nothing to measure" is no change.
 * Undefined when the series holds fewer than two figures.
 */
export function computeMetricChange(
  points: MetricHistoryPoint[],
  unit: MetricUnit,
  direction: MetricDirection,
): MetricChange | undefined {
  const last = points[points.length - 1];
  const first = points.find(point => point.value !== undefined);
  if (
    !first ||
    !last ||
    first === last ||
    first.value === undefined ||
    last.value === undefined
  ) {
    return undefined;
  }
  // Rounded as shown, so a change too small to show is flat and not
  // coloured as a gain or a loss.
  const shown = deltaAsShown(last.value - first.value, unit);
  let trend: MetricChange['trend'] = 'flat';
  if (shown.amount !== 0) {
    trend = shown.amount > 0 ? 'up' : 'down';
  }
  const sign = { up: '+', down: MINUS, flat: '±' }[trend];
  return {
    trend,
    text: `${sign}${formatCount(Math.abs(shown.amount))}${shown.suffix}`,
    tone: toneOf(trend, direction),
    from: { computedAt: first.computedAt, value: first.value },
    to: { computedAt: last.computedAt, value: last.value },
  };
}

/** A change in the units its figure is shown in, rounded the same way. */
function deltaAsShown(
  delta: number,
  unit: MetricUnit,
): { amount: number; suffix: string } {
  switch (unit) {
    case 'ratio':
      // Percentage points: 50% to 75% is +25 pts, not +50%.
      return { amount: Math.round(delta * 100), suffix: ' pts' };
    case 'hours':
      if (Math.abs(delta) >= HOURS_SHOWN_AS_DAYS) {
        return { amount: roundToTenth(delta / 24), suffix: ' d' };
      }
      return { amount: roundToTenth(delta), suffix: ' h' };
    default:
      return { amount: roundToTenth(delta), suffix: '' };
  }
}

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function toneOf(
  trend: MetricChange['trend'],
  direction: MetricDirection,
): MetricTone {
  if (trend === 'flat' || direction === 'neutral') {
    return 'neutral';
  }
  const up = trend === 'up';
  return up === (direction === 'higher-is-better') ? 'good' : 'bad';
}
