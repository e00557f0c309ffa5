import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';

/**
 * How campaign reminders are sent.
 *
 * @internal
 */
export interface CampaignsConfig {
  /** The reminder task's schedule, global: one instance runs it. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The most reminders one person gets a day. */
  dailyCapPerUser: number;
}

const DEFAULT_FREQUENCY = { hours: 24 };
const DEFAULT_TIMEOUT = { minutes: 15 };

/**
 * Reads `ospo.campaigns`; throws at start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readCampaignsConfig(config: Config): CampaignsConfig {
  const reminders = config.getOptionalConfig('ospo.campaigns.reminders');
  let frequency: SchedulerServiceTaskScheduleDefinition['frequency'] =
    DEFAULT_FREQUENCY;
  if (reminders?.has('frequency')) {
    try {
      // The scheduler's own reader takes durations, ISO strings and crons.
      frequency = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader({
          frequency: reminders.get('frequency'),
          timeout: DEFAULT_TIMEOUT,
        }),
      ).frequency;
    } catch (error) {
      throw new Error(
        `ospo.campaigns.reminders.frequency: not a duration such as { hours: 24 }, PT24H or a cron (${error})`,
      );
    }
  }
  const dailyCapPerUser = reminders?.getOptionalNumber('dailyCapPerUser') ?? 5;
  if (
    !Number.isInteger(dailyCapPerUser) ||
    dailyCapPerUser < 1 ||
    dailyCapPerUser > 100
  ) {
    throw new Error(
      'ospo.campaigns.reminders.dailyCapPerUser must be a whole number from 1 to 100',
    );
  }
  return {
    schedule: {
      frequency,
      timeout: DEFAULT_TIMEOUT,
      initialDelay: { minutes: 1 },
      scope: 'global',
    },
    dailyCapPerUser,
  };
}
