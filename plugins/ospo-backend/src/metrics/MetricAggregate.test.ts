import { MetricAggregate } from './MetricAggregate';

describe('MetricAggregate', () => {
  it('takes the mean and the median of samples', () => {
    const aggregate = new MetricAggregate();
    for (const sample of [1, 2, 3, 10]) aggregate.add({ sample });
    expect(aggregate.toFigure('mean')).toEqual({ value: 4, denominator: 4 });
    expect(aggregate.toFigure('median')).toEqual({
      value: 2.5,
      denominator: 4,
    });
    expect(new MetricAggregate().toFigure('mean')).toEqual({
      value: undefined,
      denominator: 0,
    });
  });

  it('adds tallies up under their keys, and merges them along the hierarchy', () => {
    const team = new MetricAggregate();
    team.add({ count: 3, tally: { severity: { critical: 1, high: 2 } } });
    team.add({ count: 1, tally: { severity: { high: 1, low: 0 } } });
    const department = new MetricAggregate();
    department.add({ count: 2, breakdown: { severity: 'low' } });
    department.merge(team);
    expect(team.toFigure('count')).toEqual({
      value: 4,
      breakdown: { severity: { critical: 1, high: 3 } },
    });
    expect(department.toFigure('count')).toEqual({
      value: 6,
      breakdown: { severity: { low: 1, critical: 1, high: 3 } },
    });
  });
});
