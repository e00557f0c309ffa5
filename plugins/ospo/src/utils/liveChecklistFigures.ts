import {
  ChecklistMatrix,
  MetricHistoryPoint,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';

/** The built-in metric of the done share of applicable checklist items. */
export const CHECKLIST_COMPLETION_METRIC = 'checklist.completion';
/** The built-in metric of the share of teams with every item done. */
export const CHECKLIST_TEAMS_COMPLETE_METRIC = 'checklist.teams-complete';

/**
 * The metrics a run computes from the checklist answers. Answers change at
 * any time, so a run's figure of these can disagree with the checklists shown
 * next to it: it is either replaced by the live figure or labelled with its
 * run's time.
 */
export const CHECKLIST_METRIC_IDS: ReadonlySet<string> = new Set([
  CHECKLIST_COMPLETION_METRIC,
  CHECKLIST_TEAMS_COMPLETE_METRIC,
]);

/** A metric's figure as the current answers make it, keyed by metric id. */
export type LiveChecklistFigures = ReadonlyMap<string, MetricValue>;

function ratio(numerator: number, denominator: number) {
  return denominator > 0 ? numerator / denominator : undefined;
}

/**
 * The checklist metrics of a scope from the heat map of the teams it covers
 * (unfiltered for the organisation, `department` for a Group), counted as the
 * run counts them: the same teams (those of the run's Group hierarchy) and
 * the same items, only the answers are current. The share of complete teams
 * needs every team's row, so it is only told when the page holds them all.
 */
export function liveChecklistFigures(
  matrix: ChecklistMatrix,
  scopeRef: string,
  readAt: string,
): LiveChecklistFigures {
  const figures = new Map<string, MetricValue>();
  const { done, applicable } = matrix.total;
  figures.set(CHECKLIST_COMPLETION_METRIC, {
    metricId: CHECKLIST_COMPLETION_METRIC,
    scopeRef,
    computedAt: readAt,
    value: ratio(done, applicable),
    numerator: done,
    denominator: applicable,
  });
  if (matrix.teams.length === matrix.totalCount) {
    const complete = matrix.teams.filter(t => t.done === t.applicable).length;
    figures.set(CHECKLIST_TEAMS_COMPLETE_METRIC, {
      metricId: CHECKLIST_TEAMS_COMPLETE_METRIC,
      scopeRef,
      computedAt: readAt,
      value: ratio(complete, matrix.totalCount),
      numerator: complete,
      denominator: matrix.totalCount,
    });
  }
  return figures;
}

/** Whether a run's figure is the live one: same parts, so the same share. */
export function sameFigure(
  run: MetricValue | undefined,
  live: MetricValue,
): boolean {
  return (
    run !== undefined &&
    run.value === live.value &&
    run.numerator === live.numerator &&
    run.denominator === live.denominator
  );
}

/**
 * The runs' series followed by the live figure when it differs from the
 * latest run's, so that the change and the sparkline end where the figure
 * shown does.
 */
export function seriesWithLive(
  points: MetricHistoryPoint[],
  run: MetricValue | undefined,
  live: MetricValue | undefined,
): MetricHistoryPoint[] {
  if (!live || sameFigure(run, live)) return points;
  const { computedAt, value, numerator, denominator } = live;
  return [...points, { computedAt, value, numerator, denominator }];
}
