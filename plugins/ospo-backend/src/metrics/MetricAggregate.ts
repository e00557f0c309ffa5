import { MetricAggregation } from '@ospo-kit/plugin-ospo-common';
import { MetricObservation } from '@ospo-kit/plugin-ospo-node';

/**
 * The running total of one metric for one scope. Everything in it adds up, so
 * a department's aggregate is the merge of its teams'.
 *
 * @internal
 */
export class MetricAggregate {
  numerator = 0;
  denominator = 0;
  count = 0;
  readonly samples: number[] = [];
  readonly breakdown = new Map<string, Map<string, number>>();

  add(observation: MetricObservation): void {
    this.numerator += observation.numerator ?? 0;
    this.denominator += observation.denominator ?? 0;
    this.count += observation.count ?? 0;
    if (observation.sample !== undefined) this.samples.push(observation.sample);
    if (observation.breakdown) {
      for (const [dimension, key] of Object.entries(observation.breakdown)) {
        this.addToBreakdown(dimension, key, 1);
      }
    }
    if (observation.tally) {
      for (const [dimension, counts] of Object.entries(observation.tally)) {
        for (const [key, n] of Object.entries(counts)) {
          if (Number.isFinite(n) && n !== 0) {
            this.addToBreakdown(dimension, key, n);
          }
        }
      }
    }
  }

  merge(other: MetricAggregate): void {
    this.numerator += other.numerator;
    this.denominator += other.denominator;
    this.count += other.count;
    for (const sample of other.samples) this.samples.push(sample);
    for (const [dimension, counts] of other.breakdown) {
      for (const [key, n] of counts) this.addToBreakdown(dimension, key, n);
    }
  }

  /** The figure, as stored in a snapshot. */
  toFigure(aggregation: MetricAggregation): {
    value?: number;
    numerator?: number;
    denominator?: number;
    breakdown?: Record<string, Record<string, number>>;
  } {
    const breakdown =
      this.breakdown.size > 0
        ? Object.fromEntries(
            [...this.breakdown].map(([dimension, counts]) => [
              dimension,
              Object.fromEntries(counts),
            ]),
          )
        : undefined;
    switch (aggregation) {
      case 'ratio':
        return {
          value:
            this.denominator > 0
              ? this.numerator / this.denominator
              : undefined,
          numerator: this.numerator,
          denominator: this.denominator,
          breakdown,
        };
      case 'median':
        return {
          value: median(this.samples),
          denominator: this.samples.length,
          breakdown,
        };
      case 'mean':
        return {
          value: mean(this.samples),
          denominator: this.samples.length,
          breakdown,
        };
      default:
        return { value: this.count, breakdown };
    }
  }

  private addToBreakdown(dimension: string, key: string, n: number) {
    let counts = this.breakdown.get(dimension);
    if (!counts) {
      counts = new Map();
      this.breakdown.set(dimension, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
}

function mean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
