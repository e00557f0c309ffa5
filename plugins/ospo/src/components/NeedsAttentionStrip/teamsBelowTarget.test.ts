import { ChecklistMatrixTeam } from '@ospo-kit/plugin-ospo-common';
import { teamsBelowTarget } from './teamsBelowTarget';

function team(ratio: number | undefined): ChecklistMatrixTeam {
  return {
    ref: `group:default/t-${ratio}`,
    title: `T ${ratio}`,
    statuses: {},
    done: 0,
    applicable: ratio === undefined ? 0 : 4,
    ratio,
  };
}

describe('teamsBelowTarget', () => {
  it('counts the teams below the target, not those at it or with nothing applicable', () => {
    expect(
      teamsBelowTarget(
        {
          teams: [team(0), team(0.25), team(0.5), team(1), team(undefined)],
          totalCount: 5,
        },
        0.5,
      ),
    ).toEqual({ count: 2, atLeast: false });
  });

  it('tells when the page holds only teams below it and more follow', () => {
    expect(
      teamsBelowTarget({ teams: [team(0), team(0.1)], totalCount: 9 }, 0.5),
    ).toEqual({ count: 2, atLeast: true });
    // The page is all there is.
    expect(
      teamsBelowTarget({ teams: [team(0), team(0.1)], totalCount: 2 }, 0.5),
    ).toEqual({ count: 2, atLeast: false });
  });

  it('is zero without teams', () => {
    expect(teamsBelowTarget({ teams: [], totalCount: 0 }, 0.5)).toEqual({
      count: 0,
      atLeast: false,
    });
  });
});
