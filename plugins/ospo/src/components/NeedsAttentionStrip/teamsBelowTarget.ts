import { ChecklistMatrix } from '@ospo-kit/plugin-ospo-common';

/** How many teams are below the target, as far as a page of the heat map tells. */
export interface TeamsBelowTarget {
  count: number;
  /**
   * Every team of the page is below the target and more follow it: there
   * are at least `count`, and a longer page would tell how many.
   */
  atLeast: boolean;
}

/**
 * The teams whose checklist completion is below `target` (a share), from
 * the first page of the heat map sorted by completion, lowest first (teams
 * with nothing applicable come last, and are never below it).
 */
export function teamsBelowTarget(
  matrix: Pick<ChecklistMatrix, 'teams' | 'totalCount'>,
  target: number,
): TeamsBelowTarget {
  const count = matrix.teams.filter(
    team => team.ratio !== undefined && team.ratio < target,
  ).length;
  return {
    count,
    atLeast: count === matrix.teams.length && matrix.totalCount > count,
  };
}
