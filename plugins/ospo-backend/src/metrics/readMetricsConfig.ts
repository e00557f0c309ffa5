import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';

/**
 * The settings of the metric runs, from `ospo.metrics`.
 *
 * @internal
 */
export interface MetricsConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The schedule's timeout: a run still marked running after it was cut off. */
  timeoutMs: number;
  retentionMs: number;
  /** After a run found the catalog empty, the next one starts within this. */
  retryEmptyCatalogAfterMs: number;
  pageSize: number;
  consultationPeriodDays: number;
  /** An SBOM scan older than this many days is stale. */
  sbomFreshDays: number;
  /** The period, in days, the time-to-fix metrics look back over. */
  timeToFixPeriodDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 30 },
};

/**
 * Reads `ospo.metrics`; throws at start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readMetricsConfig(config: Config): MetricsConfig {
  const metrics = config.getOptionalConfig('ospo.metrics');
  const schedule = metrics?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        metrics.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const retentionMs = metrics?.has('retention')
    ? durationToMilliseconds(
        readDurationFromConfig(metrics, { key: 'retention' }),
      )
    : durationToMilliseconds({ days: 400 });
  if (!(retentionMs > 0)) {
    throw new Error('ospo.metrics.retention must be longer than zero');
  }
  const retryEmptyCatalogAfterMs = metrics?.has('retryEmptyCatalogAfter')
    ? durationToMilliseconds(
        readDurationFromConfig(metrics, { key: 'retryEmptyCatalogAfter' }),
      )
    : durationToMilliseconds({ minutes: 2 });
  if (!(retryEmptyCatalogAfterMs > 0) || retryEmptyCatalogAfterMs > DAY_MS) {
    throw new Error(
      'ospo.metrics.retryEmptyCatalogAfter must be longer than zero and at most 1 day',
    );
  }
  const pageSize = metrics?.getOptionalNumber('pageSize') ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000) {
    throw new Error(
      'ospo.metrics.pageSize must be a whole number from 1 to 10000',
    );
  }
  const consultationPeriodDays =
    metrics?.getOptionalNumber('consultationPeriodDays') ?? 30;
  if (!Number.isInteger(consultationPeriodDays) || consultationPeriodDays < 1) {
    throw new Error(
      'ospo.metrics.consultationPeriodDays must be a whole number of days, at least 1',
    );
  }
  const wholeDays = (key: string, fallback: number) => {
    const days = metrics?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(
        `ospo.metrics.${key} must be a whole number of days, at least 1`,
      );
    }
    return days;
  };
  const sbomFreshDays = wholeDays('sbomFreshDays', 30);
  const timeToFixPeriodDays = wholeDays('timeToFixPeriodDays', 90);
  const timeout = schedule.timeout;
  return {
    schedule: { ...schedule, scope: 'global' },
    timeoutMs:
      'toMillis' in timeout
        ? timeout.toMillis()
        : durationToMilliseconds(timeout as HumanDuration),
    retentionMs,
    retryEmptyCatalogAfterMs,
    pageSize,
    consultationPeriodDays,
    sbomFreshDays,
    timeToFixPeriodDays,
  };
}
