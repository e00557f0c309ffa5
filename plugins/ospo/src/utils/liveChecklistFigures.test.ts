import {
  makeChecklistMatrix,
  makeMatrixDepartment,
  makeMatrixTeam,
} from '../__testUtils__/dashboardFixtures';
import { makeMetricValue } from '../__testUtils__/metricFixtures';
import {
  CHECKLIST_COMPLETION_METRIC,
  CHECKLIST_TEAMS_COMPLETE_METRIC,
  liveChecklistFigures,
  sameFigure,
  seriesWithLive,
} from './liveChecklistFigures';

const NOW = '2025-06-02T12:00:00.000Z';
const done = { 'ospo/creation': 'done' } as const;
const allDone = {
  'ospo/creation': 'done',
  'ospo/stakeholders': 'done',
  'ospo/awareness': 'not-applicable',
  'ospo/consultation': 'done',
  'ospo/measurement': 'done',
  'innersource/contributing': 'done',
  'innersource/mentoring': 'done',
} as const;

describe('liveChecklistFigures', () => {
  it('counts the roll-up’s items, and complete teams when every team is on the page', () => {
    const a = makeMatrixTeam('group:default/a', 'A', undefined, allDone);
    const b = makeMatrixTeam('group:default/b', 'B', undefined, done);
    const total = makeMatrixDepartment('org', 'Organisation', { depth: 0 }, [
      a,
      b,
    ]);
    const figures = liveChecklistFigures(
      makeChecklistMatrix({ total, teams: [a, b], totalCount: 2 }),
      'org',
      NOW,
    );
    expect(figures.get(CHECKLIST_COMPLETION_METRIC)).toEqual({
      metricId: CHECKLIST_COMPLETION_METRIC,
      scopeRef: 'org',
      computedAt: NOW,
      value: 7 / 13,
      numerator: 7,
      denominator: 13,
    });
    expect(figures.get(CHECKLIST_TEAMS_COMPLETE_METRIC)).toEqual({
      metricId: CHECKLIST_TEAMS_COMPLETE_METRIC,
      scopeRef: 'org',
      computedAt: NOW,
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
  });

  it('leaves complete teams out when the page holds some of the teams only', () => {
    const a = makeMatrixTeam('group:default/a', 'A', undefined, allDone);
    const figures = liveChecklistFigures(
      makeChecklistMatrix({ teams: [a], totalCount: 40 }),
      'org',
      NOW,
    );
    expect(figures.has(CHECKLIST_COMPLETION_METRIC)).toBe(true);
    expect(figures.has(CHECKLIST_TEAMS_COMPLETE_METRIC)).toBe(false);
  });

  it('has no share when nothing applies, as the run', () => {
    const total = makeMatrixDepartment('org', 'Organisation', { depth: 0 }, []);
    const figures = liveChecklistFigures(
      makeChecklistMatrix({ total, teams: [], totalCount: 0 }),
      'group:default/new',
      NOW,
    );
    expect(figures.get(CHECKLIST_COMPLETION_METRIC)).toMatchObject({
      value: undefined,
      numerator: 0,
      denominator: 0,
    });
    expect(figures.get(CHECKLIST_TEAMS_COMPLETE_METRIC)).toMatchObject({
      value: undefined,
      denominator: 0,
    });
  });
});

describe('seriesWithLive', () => {
  const run = makeMetricValue('org', CHECKLIST_COMPLETION_METRIC, {
    value: 0.5,
    numerator: 1,
    denominator: 2,
  });
  const points = [
    {
      computedAt: '2025-06-01T00:00:00.000Z',
      value: 0.5,
      numerator: 1,
      denominator: 2,
    },
  ];

  it('ends with the live figure when it differs from the run’s', () => {
    const live = { ...run, computedAt: NOW, value: 1, numerator: 2 };
    expect(sameFigure(run, live)).toBe(false);
    expect(seriesWithLive(points, run, live)).toEqual([
      ...points,
      { computedAt: NOW, value: 1, numerator: 2, denominator: 2 },
    ]);
  });

  it('is the runs’ series when the live figure is the same, or unknown', () => {
    const live = { ...run, computedAt: NOW };
    expect(sameFigure(run, live)).toBe(true);
    expect(seriesWithLive(points, run, live)).toBe(points);
    expect(seriesWithLive(points, run, undefined)).toBe(points);
  });
});
