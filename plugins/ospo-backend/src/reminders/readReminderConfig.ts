import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { DateTime, Duration } from 'luxon';

/**
 * The settings of the reminders about expiring checklist answers, from
 * `ospo.reminders`.
 *
 * @internal
 */
export interface ReminderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How long before an answer expires its team is first reminded. */
  before: Duration;
  /** The most reminders one user is sent on one (UTC) day. */
  maxPerUserPerDay: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/**
 * Reads `ospo.reminders`; throws at start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readReminderConfig(config: Config): ReminderConfig {
  const reminders = config.getOptionalConfig('ospo.reminders');
  const schedule = reminders?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        reminders.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;

  let before = Duration.fromObject({ days: 14 });
  if (reminders?.has('before')) {
    try {
      before = Duration.fromObject(
        readDurationFromConfig(reminders, { key: 'before' }),
      );
    } catch (error) {
      throw new Error(
        `ospo.reminders.before: not a duration such as P14D or { days: 14 } (${error})`,
      );
    }
    const start = DateTime.fromMillis(0, { zone: 'utc' });
    if (!(start.plus(before) > start)) {
      throw new Error('ospo.reminders.before must be longer than zero');
    }
  }

  const maxPerUserPerDay =
    reminders?.getOptionalNumber('maxPerUserPerDay') ?? 5;
  if (!Number.isInteger(maxPerUserPerDay) || maxPerUserPerDay < 1) {
    throw new Error(
      'ospo.reminders.maxPerUserPerDay must be a whole number, at least 1',
    );
  }
  // One instance of a cluster sends them, whatever the config says.
  return {
    schedule: { ...schedule, scope: 'global' },
    before,
    maxPerUserPerDay,
  };
}
