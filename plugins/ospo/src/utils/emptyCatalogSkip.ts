import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { formatRelativeTime } from './formatRelativeTime';

type MetricsRunSkip = NonNullable<MetricsRunStatus['lastSkip']>;

/**
 * The run skipped for an empty catalog, when it is the latest outcome: the
 * backend reports it only after the last success, and a failure after it is
 * the newer news.
 */
export function latestEmptyCatalogSkip(
  status: MetricsRunStatus | undefined,
): MetricsRunSkip | undefined {
  const skip = status?.lastSkip;
  if (!skip) return undefined;
  const failure = status?.lastFailure;
  return failure && failure.startedAt > skip.startedAt ? undefined : skip;
}

/**
 * When the backend tries again, as a sentence: "The next attempt is due in 2
 * minutes." Empty when it cannot tell.
 */
export function nextAttemptSentence(
  skip: MetricsRunSkip,
  now: number = Date.now(),
): string {
  if (!skip.nextAttemptBy) return '';
  const due = Date.parse(skip.nextAttemptBy);
  if (Number.isNaN(due)) return '';
  // The retry starts at most a few seconds late: "1 minute ago" would mislead.
  if (due - now < 60_000) return 'The next attempt is due within a minute.';
  return `The next attempt is due ${formatRelativeTime(
    skip.nextAttemptBy,
    now,
  )}.`;
}
