import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { MetricsStore } from './MetricsStore';
import {
  METRICS_RETRY_TASK_ID,
  isEmptyCatalogRetryDue,
  scheduleEmptyCatalogRetry,
} from './scheduleEmptyCatalogRetry';

const SKIP = {
  runId: 'skip',
  startedAt: '2026-01-01T00:10:00.000Z',
  finishedAt: '2026-01-01T00:10:01.000Z',
  reason: 'catalog-empty' as const,
};
const FAILURE = {
  runId: 'failure',
  startedAt: '2026-01-01T00:20:00.000Z',
  finishedAt: '2026-01-01T00:20:01.000Z',
  error: 'Boom',
};

async function schedule(status: MetricsRunStatus, retryAfterMs = 90_000) {
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const store = { getStatus: async () => status } as MetricsStore;
  await scheduleEmptyCatalogRetry({
    scheduler,
    store,
    logger,
    retryAfterMs,
    metricsTaskId: 'ospo-metrics',
  });
  expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
  const task = scheduler.scheduleTask.mock.calls[0][0];
  return {
    scheduler,
    logger,
    task,
    tick: () => task.fn(new AbortController().signal),
  };
}

describe('scheduleEmptyCatalogRetry', () => {
  it('checks at the configured interval, once per cluster', async () => {
    const { task } = await schedule({}, 90_000);
    expect(task).toMatchObject<Partial<SchedulerServiceTaskScheduleDefinition>>(
      {
        frequency: { milliseconds: 90_000 },
        initialDelay: { milliseconds: 90_000 },
        scope: 'global',
      },
    );
    expect(task.id).toBe(METRICS_RETRY_TASK_ID);
  });

  it('starts the metrics task on its next check after a run found the catalog empty', async () => {
    const { scheduler, tick } = await schedule({ lastSkip: SKIP });
    await tick();
    expect(scheduler.triggerTask).toHaveBeenCalledWith('ospo-metrics');
  });

  it.each<[string, MetricsRunStatus]>([
    ['before any run', {}],
    [
      'after a success',
      {
        lastSuccess: {
          runId: 'ok',
          startedAt: SKIP.startedAt,
          finishedAt: SKIP.finishedAt,
          processedEntities: 3,
        },
      },
    ],
    [
      'when a failure came after the skip',
      { lastSkip: SKIP, lastFailure: FAILURE },
    ],
  ])('does nothing %s', async (_, status) => {
    const { scheduler, tick } = await schedule(status);
    await tick();
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
  });

  it('leaves a run already going on alone, and reports other trouble', async () => {
    const { scheduler, logger, tick } = await schedule({ lastSkip: SKIP });
    scheduler.triggerTask.mockRejectedValueOnce(
      new ConflictError('Task ospo-metrics is currently running'),
    );
    await tick();
    expect(logger.warn).not.toHaveBeenCalled();

    scheduler.triggerTask.mockRejectedValueOnce(new Error('database gone'));
    await tick();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('database gone'),
    );
  });
});

describe('isEmptyCatalogRetryDue', () => {
  it('is due when the skip is the latest outcome', () => {
    expect(isEmptyCatalogRetryDue({ lastSkip: SKIP })).toBe(true);
    expect(
      isEmptyCatalogRetryDue({
        lastSkip: { ...SKIP, startedAt: '2026-01-01T00:30:00.000Z' },
        lastFailure: FAILURE,
      }),
    ).toBe(true);
    expect(
      isEmptyCatalogRetryDue({ lastSkip: SKIP, lastFailure: FAILURE }),
    ).toBe(false);
  });
});
