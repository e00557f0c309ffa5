import { MetricHistoryPoint } from '@ospo-kit/plugin-ospo-common';
import { computeMetricChange } from './computeMetricChange';

function series(...values: Array<number | undefined>): MetricHistoryPoint[] {
  return values.map((value, index) => ({
    computedAt: new Date(Date.UTC(2025, 5, index + 1)).toISOString(),
    value,
  }));
}

describe('computeMetricChange', () => {
  it('gives a ratio change in percentage points', () => {
    const change = computeMetricChange(
      series(0.5, 0.6, 0.75),
      'ratio',
      'higher-is-better',
    );
    expect(change).toEqual({
      trend: 'up',
      text: '+25 pts',
      tone: 'good',
      from: { computedAt: '2025-06-01T00:00:00.000Z', value: 0.5 },
      to: { computedAt: '2025-06-03T00:00:00.000Z', value: 0.75 },
    });
  });

  it('colours a change by which way is better', () => {
    expect(
      computeMetricChange(series(0.8, 0.6), 'ratio', 'higher-is-better'),
    ).toMatchObject({ trend: 'down', text: '\u221220 pts', tone: 'bad' });
    expect(
      computeMetricChange(series(5, 2), 'count', 'lower-is-better'),
    ).toMatchObject({ trend: 'down', text: '\u22123', tone: 'good' });
    expect(
      computeMetricChange(series(2, 1500), 'count', 'lower-is-better'),
    ).toMatchObject({ trend: 'up', text: '+1,498', tone: 'bad' });
    expect(
      computeMetricChange(series(10, 15), 'count', 'neutral'),
    ).toMatchObject({ trend: 'up', text: '+5', tone: 'neutral' });
  });

  it('gives a change in hours, or days when large', () => {
    expect(
      computeMetricChange(series(5, 3.5), 'hours', 'lower-is-better'),
    ).toMatchObject({ text: '\u22121.5 h', tone: 'good' });
    expect(
      computeMetricChange(series(12, 84), 'hours', 'lower-is-better'),
    ).toMatchObject({ text: '+3 d', tone: 'bad' });
  });

  it('calls a change too small to show flat and neutral', () => {
    expect(
      computeMetricChange(series(0.75, 0.752), 'ratio', 'higher-is-better'),
    ).toMatchObject({ trend: 'flat', text: '±0 pts', tone: 'neutral' });
  });

  it('skips gaps at the start of the period', () => {
    expect(
      computeMetricChange(
        series(undefined, 0.4, undefined, 0.5),
        'ratio',
        'higher-is-better',
      ),
    ).toMatchObject({
      text: '+10 pts',
      from: { computedAt: '2025-06-02T00:00:00.000Z', value: 0.4 },
    });
  });

  it('has no change without two figures or without a current one', () => {
    expect(computeMetricChange([], 'count', 'neutral')).toBeUndefined();
    expect(computeMetricChange(series(3), 'count', 'neutral')).toBeUndefined();
    expect(
      computeMetricChange(series(undefined, 3), 'count', 'neutral'),
    ).toBeUndefined();
    expect(
      computeMetricChange(series(0.5, undefined), 'ratio', 'higher-is-better'),
    ).toBeUndefined();
  });
});
