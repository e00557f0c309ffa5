import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { nextScheduledRun } from './nextScheduledRun';
import { readMetricsConfig } from './readMetricsConfig';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** A fixed day, in the server's time zone as cron expressions read it. */
const at = (hours: number, minutes = 0, seconds = 0) =>
  new Date(2025, 5, 2, hours, minutes, seconds);
const iso = (date: Date) => date.toISOString();

const SIX_HOURS: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
};

/** This instance scheduled the task long before the runs below. */
const LONG_AGO = at(0);

function success(startedAt: Date, finishedAt = startedAt) {
  return {
    runId: `s-${iso(startedAt)}`,
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
    processedEntities: 10,
  };
}

function failure(startedAt: Date, finishedAt = startedAt) {
  return {
    runId: `f-${iso(startedAt)}`,
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
    error: 'The catalog did not answer',
  };
}

function skip(startedAt: Date, finishedAt = startedAt) {
  return {
    runId: `k-${iso(startedAt)}`,
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
    reason: 'catalog-empty' as const,
  };
}

function next(
  schedule: SchedulerServiceTaskScheduleDefinition,
  status: MetricsRunStatus,
  now: Date,
  options: { scheduledAt?: Date; retryEmptyCatalogAfterMs?: number } = {},
) {
  return nextScheduledRun({
    schedule,
    status,
    now,
    scheduledAt: options.scheduledAt ?? LONG_AGO,
    retryEmptyCatalogAfterMs: options.retryEmptyCatalogAfterMs,
  });
}

describe('nextScheduledRun', () => {
  it("is the last run's start plus the frequency", () => {
    const status = { lastSuccess: success(at(10), at(10, 20)) };
    expect(next(SIX_HOURS, status, at(12))).toEqual(at(16));
    expect(
      next({ ...SIX_HOURS, frequency: { minutes: 90 } }, status, at(10, 30)),
    ).toEqual(at(11, 30));
  });

  it('counts from the latest run, whatever its outcome', () => {
    const status = {
      lastSuccess: success(at(4)),
      lastFailure: failure(at(9), at(9, 5)),
      lastSkip: skip(at(7)),
    };
    expect(next(SIX_HOURS, status, at(12))).toEqual(at(15));
  });

  it('reads a frequency written as an ISO duration in config', () => {
    const { schedule } = readMetricsConfig(
      new ConfigReader({
        ospo: {
          metrics: { schedule: { frequency: 'PT4H', timeout: 'PT30M' } },
        },
      }),
    );
    expect(next(schedule, { lastSuccess: success(at(10)) }, at(12))).toEqual(
      at(14),
    );
  });

  it('is now while a run is in progress, and when the run is overdue', () => {
    const running: MetricsRunStatus = {
      running: { runId: 'r', startedAt: iso(at(11)), processedEntities: 3 },
      lastSuccess: success(at(10)),
    };
    expect(next(SIX_HOURS, running, at(11, 1))).toEqual(at(11, 1));
    const overdue = { lastSuccess: success(at(3)) };
    expect(next(SIX_HOURS, overdue, at(12))).toEqual(at(12));
  });

  it('is the next time of a cron expression after the last run finished', () => {
    const every6Hours = { ...SIX_HOURS, frequency: { cron: '0 */6 * * *' } };
    expect(
      next(every6Hours, { lastSuccess: success(at(6), at(6, 10)) }, at(7)),
    ).toEqual(at(12));
    // A run that went past a cron time does not make the next one overdue:
    // the scheduler plans from when the run ended.
    expect(
      next(
        every6Hours,
        { lastSuccess: success(at(5, 59, 50), at(6, 0, 10)) },
        at(6, 1),
      ),
    ).toEqual(at(12));
    const daily = { ...SIX_HOURS, frequency: { cron: '30 2 * * *' } };
    expect(next(daily, { lastSuccess: success(at(2, 30)) }, at(9))).toEqual(
      new Date(2025, 5, 3, 2, 30),
    );
  });

  it('is unknown for a schedule that only runs when triggered, or a bad cron expression', () => {
    const status = { lastSuccess: success(at(10)) };
    expect(
      next({ ...SIX_HOURS, frequency: { trigger: 'manual' } }, status, at(12)),
    ).toBeUndefined();
    expect(
      next({ ...SIX_HOURS, frequency: { cron: 'not a cron' } }, status, at(12)),
    ).toBeUndefined();
    expect(
      next({ ...SIX_HOURS, frequency: { hours: 0 } }, status, at(12)),
    ).toBeUndefined();
  });

  it('waits the initial delay after this instance started, before the first run and after a restart', () => {
    const schedule = { ...SIX_HOURS, initialDelay: { seconds: 30 } };
    const scheduledAt = at(12);
    expect(next(schedule, {}, at(12, 0, 5), { scheduledAt })).toEqual(
      at(12, 0, 30),
    );
    // Past it without a run: overdue.
    expect(next(schedule, {}, at(12, 1), { scheduledAt })).toEqual(at(12, 1));
    // Restarted long after the last run: not before the delay is over.
    const restarted = { lastSuccess: success(at(1)) };
    expect(next(schedule, restarted, at(12, 0, 5), { scheduledAt })).toEqual(
      at(12, 0, 30),
    );
    // Without a delay, the first run is due at once.
    expect(next(SIX_HOURS, {}, at(12, 0, 5), { scheduledAt })).toEqual(
      at(12, 0, 5),
    );
  });

  it('waits for the first time of a cron expression before the first run, unless delayed', () => {
    const hourly = { ...SIX_HOURS, frequency: { cron: '15 * * * *' } };
    const scheduledAt = at(12, 20);
    expect(next(hourly, {}, at(12, 21), { scheduledAt })).toEqual(at(13, 15));
    expect(
      next({ ...hourly, initialDelay: { minutes: 2 } }, {}, at(12, 21), {
        scheduledAt,
      }),
    ).toEqual(at(12, 22));
  });

  it('is the retry after a run found the catalog empty, when sooner', () => {
    const retryEmptyCatalogAfterMs = 2 * MINUTE;
    const skipped = { lastSuccess: success(at(6)), lastSkip: skip(at(12)) };
    expect(
      next(SIX_HOURS, skipped, at(12, 1), { retryEmptyCatalogAfterMs }),
    ).toEqual(at(12, 2));
    // Even with a schedule that only runs when triggered.
    expect(
      next(
        { ...SIX_HOURS, frequency: { trigger: 'manual' } },
        { lastSkip: skip(at(12)) },
        at(12, 1),
        { retryEmptyCatalogAfterMs },
      ),
    ).toEqual(at(12, 2));
    // A failure after the skip is left to the schedule, as the retry does.
    const failedSince = { ...skipped, lastFailure: failure(at(12, 5)) };
    expect(
      next(SIX_HOURS, failedSince, at(12, 6), { retryEmptyCatalogAfterMs }),
    ).toEqual(new Date(at(12, 5).getTime() + 6 * HOUR));
    // Without a retry configured, the schedule alone.
    expect(next(SIX_HOURS, skipped, at(12, 1))).toEqual(at(18));
  });
});
