import { formatMetricValue } from './formatMetricValue';

describe('formatMetricValue', () => {
  it('shows a ratio as a whole percentage', () => {
    expect(formatMetricValue(0.75, 'ratio')).toBe('75%');
    expect(formatMetricValue(0.666, 'ratio')).toBe('67%');
    expect(formatMetricValue(0, 'ratio')).toBe('0%');
    expect(formatMetricValue(1, 'ratio')).toBe('100%');
  });

  it('does not round a ratio to complete or to nothing', () => {
    expect(formatMetricValue(199 / 200, 'ratio')).toBe('99%');
    expect(formatMetricValue(1 / 500, 'ratio')).toBe('<1%');
  });

  it('shows a count with thousands separators', () => {
    expect(formatMetricValue(12, 'count')).toBe('12');
    expect(formatMetricValue(1234567, 'count')).toBe('1,234,567');
    expect(formatMetricValue(2.25, 'count')).toBe('2.3');
  });

  it('shows a score, such as a mean rating, with one decimal', () => {
    expect(formatMetricValue(4, 'score')).toBe('4');
    expect(formatMetricValue(3.4666, 'score')).toBe('3.5');
  });

  it('shows hours, as minutes when short and as days when long', () => {
    expect(formatMetricValue(3.5, 'hours')).toBe('3.5 h');
    expect(formatMetricValue(3, 'hours')).toBe('3 h');
    expect(formatMetricValue(47.9, 'hours')).toBe('47.9 h');
    expect(formatMetricValue(0.25, 'hours')).toBe('15 min');
    expect(formatMetricValue(48, 'hours')).toBe('2 d');
    expect(formatMetricValue(108, 'hours')).toBe('4.5 d');
  });

  it('shows a dash for a figure there was nothing to compute from', () => {
    expect(formatMetricValue(undefined, 'ratio')).toBe('—');
    expect(formatMetricValue(NaN, 'count')).toBe('—');
    expect(formatMetricValue(Infinity, 'hours')).toBe('—');
  });
});
