import {
  ENTITY_CHECK_VERDICTS,
  EntityCheckResult,
  EntityCheckVerdict,
  EntityChecks,
} from '@ospo-kit/plugin-ospo-common';

/** One check's verdict; a non-pass comes with a fix unless overridden. */
export function makeCheckResult(
  checkId: string,
  verdict: EntityCheckVerdict,
  overrides: Partial<EntityCheckResult> = {},
): EntityCheckResult {
  return {
    checkId,
    title: `Check ${checkId}`,
    verdict,
    reason: `Reason of ${checkId}`,
    ...(verdict === 'pass' ? {} : { fix: `Fix of ${checkId}` }),
    ...overrides,
  };
}

/**
 * An entity's checks as the backend returns them: evaluated by the last
 * run an hour ago, current, not refreshable, the results worst first with
 * their summary.
 */
export function makeEntityChecks(
  results: EntityCheckResult[],
  overrides: Partial<Omit<EntityChecks, 'results' | 'summary'>> = {},
): EntityChecks {
  const sorted = [...results].sort(
    (a, b) =>
      ENTITY_CHECK_VERDICTS.indexOf(a.verdict) -
      ENTITY_CHECK_VERDICTS.indexOf(b.verdict),
  );
  const summary = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const result of results) {
    summary[result.verdict] += 1;
  }
  return {
    evaluatedAt: hoursFromNow(-1),
    evaluatedBy: 'run',
    changedSinceEvaluation: false,
    nextRunAt: hoursFromNow(5),
    canRefresh: false,
    summary,
    results: sorted,
    ...overrides,
  };
}

/** The checks of an entity no run has evaluated yet. */
export function makeUncheckedEntityChecks(
  overrides: Partial<EntityChecks> = {},
): EntityChecks {
  return {
    changedSinceEvaluation: true,
    nextRunAt: hoursFromNow(5),
    canRefresh: false,
    summary: { pass: 0, warn: 0, fail: 0, unknown: 0 },
    results: [],
    ...overrides,
  };
}

/** An ISO timestamp some hours from now (before it, when negative). */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * 60 * 60 * 1000).toISOString();
}
