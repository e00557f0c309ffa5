import { formatMetricDetail } from './formatMetricDetail';

describe('formatMetricDetail', () => {
  it('gives the parts of a ratio', () => {
    expect(
      formatMetricDetail({ numerator: 12, denominator: 16 }, 'ratio'),
    ).toBe('12 of 16');
    expect(
      formatMetricDetail({ numerator: 1200, denominator: 1600 }, 'ratio'),
    ).toBe('1,200 of 1,600');
    expect(formatMetricDetail({ numerator: 0, denominator: 0 }, 'ratio')).toBe(
      '0 of 0',
    );
  });

  it('gives the number of samples of a median', () => {
    expect(formatMetricDetail({ denominator: 7 }, 'median')).toBe(
      'median of 7',
    );
    expect(formatMetricDetail({ denominator: 7 }, 'mean')).toBe('mean of 7');
  });

  it('adds nothing to a count or to a ratio without its parts', () => {
    expect(formatMetricDetail({ denominator: 7 }, 'count')).toBeUndefined();
    expect(formatMetricDetail({ numerator: 3 }, 'ratio')).toBeUndefined();
    expect(formatMetricDetail({}, 'median')).toBeUndefined();
  });
});
