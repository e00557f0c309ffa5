import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { CronTime } from 'cron';
import { isEmptyCatalogRetryDue } from './scheduleEmptyCatalogRetry';

type Duration = NonNullable<
  SchedulerServiceTaskScheduleDefinition['initialDelay']
>;

function toMilliseconds(duration: Duration): number {
  // A Luxon Duration, as code (not config) may give.
  return 'toMillis' in duration
    ? duration.toMillis()
    : durationToMilliseconds(duration as HumanDuration);
}

/** How the schedule repeats: every so often, on a cron expression, or never. */
function cadenceOf(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): { everyMs: number } | { cron: CronTime } | undefined {
  if ('trigger' in frequency) return undefined;
  if ('cron' in frequency) {
    try {
      // Without a time zone, as the scheduler reads it: the server's own.
      return { cron: new CronTime(frequency.cron) };
    } catch {
      return undefined;
    }
  }
  const everyMs = toMilliseconds(frequency as Duration);
  return everyMs > 0 ? { everyMs } : undefined;
}

/** The latest run that is over, whatever its outcome. */
function lastFinishedRun(
  status: MetricsRunStatus,
): { startedAt: number; finishedAt: number } | undefined {
  let last: { startedAt: number; finishedAt: number } | undefined;
  for (const run of [status.lastSuccess, status.lastFailure, status.lastSkip]) {
    if (!run) continue;
    const startedAt = Date.parse(run.startedAt);
    if (!last || startedAt > last.startedAt) {
      last = { startedAt, finishedAt: Date.parse(run.finishedAt) };
    }
  }
  return last;
}

/**
 * When the next metrics run is due, estimated as the Backstage scheduler
 * plans it:
 *
 * - every so often: the last run's start plus the frequency (a run started
 *   on request restarts the count, as the scheduler does);
 * - on a cron expression: its next time after the last run finished;
 * - before any run: `initialDelay` after this instance scheduled the task,
 *   or the cron expression's first time. An instance also waits
 *   `initialDelay` after it started before it runs anything;
 * - after a run skipped for an empty catalog: the retry, when sooner.
 *
 * A run in progress, or one overdue, makes it `now`. Undefined for a
 * schedule that only runs when triggered, or a frequency that cannot be read.
 *
 * @internal
 */
export function nextScheduledRun(options: {
  schedule: SchedulerServiceTaskScheduleDefinition;
  status: MetricsRunStatus;
  /** When this instance scheduled the task. */
  scheduledAt: Date;
  /** How soon a run skipped for an empty catalog is retried, if it is. */
  retryEmptyCatalogAfterMs?: number;
  now: Date;
}): Date | undefined {
  const { schedule, status, scheduledAt, retryEmptyCatalogAfterMs } = options;
  const now = options.now.getTime();
  if (status.running) return new Date(now);

  const cadence = cadenceOf(schedule.frequency);
  const initialDelayMs = schedule.initialDelay
    ? toMilliseconds(schedule.initialDelay)
    : 0;
  const last = lastFinishedRun(status);
  let due: number | undefined;
  if (cadence) {
    const readyAt = scheduledAt.getTime() + initialDelayMs;
    if ('everyMs' in cadence) {
      due = last ? last.startedAt + cadence.everyMs : readyAt;
    } else if (last || initialDelayMs === 0) {
      due = cadence.cron
        .getNextDateFrom(new Date(last?.finishedAt ?? scheduledAt.getTime()))
        .toMillis();
    } else {
      due = readyAt;
    }
    due = Math.max(due, readyAt);
  }

  const skip = status.lastSkip;
  if (
    skip &&
    retryEmptyCatalogAfterMs !== undefined &&
    isEmptyCatalogRetryDue(status)
  ) {
    const retryAt = Date.parse(skip.finishedAt) + retryEmptyCatalogAfterMs;
    due = due === undefined ? retryAt : Math.min(due, retryAt);
  }

  return due === undefined || Number.isNaN(due)
    ? undefined
    : new Date(Math.max(due, now));
}
