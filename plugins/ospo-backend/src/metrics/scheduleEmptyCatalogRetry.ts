import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { MetricsStore } from './MetricsStore';

/**
 * The id of the scheduled task that starts the metrics run again soon after
 * one found the catalog empty.
 *
 * @internal
 */
export const METRICS_RETRY_TASK_ID = 'ospo-metrics-retry';

/**
 * Whether a run should start again now: the latest outcome is a run skipped
 * for an empty catalog. A failure after it is left to the regular schedule,
 * like any failure.
 *
 * @internal
 */
export function isEmptyCatalogRetryDue(status: MetricsRunStatus): boolean {
  const skip = status.lastSkip;
  if (!skip) return false;
  return !status.lastFailure || status.lastFailure.startedAt < skip.startedAt;
}

/**
 * Schedules a short-interval task that, while the latest run was skipped for
 * an empty catalog, starts the metrics task again: the next attempt comes
 * within `retryAfterMs` of the skip rather than at the next regular run,
 * hours later. Otherwise the task only reads the run status.
 *
 * Both the state (the runs table) and the trigger (the scheduler's tasks
 * table) are shared, and the task is global, so with several instances one
 * of them retries, whichever ran the skipped run.
 *
 * @internal
 */
export async function scheduleEmptyCatalogRetry(options: {
  scheduler: SchedulerService;
  store: MetricsStore;
  logger: LoggerService;
  retryAfterMs: number;
  metricsTaskId: string;
}): Promise<void> {
  const { scheduler, store, logger, retryAfterMs, metricsTaskId } = options;
  await scheduler.scheduleTask({
    id: METRICS_RETRY_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: retryAfterMs },
    initialDelay: { milliseconds: retryAfterMs },
    timeout: { minutes: 1 },
    fn: async () => {
      if (!isEmptyCatalogRetryDue(await store.getStatus())) return;
      try {
        await scheduler.triggerTask(metricsTaskId);
      } catch (error) {
        // Already running: that run is the retry.
        if (isError(error) && error.name === 'ConflictError') return;
        logger.warn(
          `OSPO metrics: could not start a run after an empty catalog: ${error}`,
        );
      }
    },
  });
}
