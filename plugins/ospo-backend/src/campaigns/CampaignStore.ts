import {
  Campaign,
  CampaignStatus,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';

/**
 * A campaign as it is written, without what the store stamps.
 *
 * @internal
 */
export interface NewCampaign {
  title: string;
  goal?: string;
  checklistId: string;
  itemIds?: string[];
  targetRefs: string[];
  startDate: string;
  targetDate: string;
  createdBy: string;
}

/**
 * A change of a campaign; what is left out stays. An empty `goal` clears it.
 *
 * @internal
 */
export interface CampaignChange {
  title?: string;
  goal?: string;
  targetDate?: string;
  status?: CampaignStatus;
}

/**
 * One change of an answer, as the burn-up replays them.
 *
 * @internal
 */
export interface AnswerChangeRow {
  teamRef: string;
  itemId: string;
  toStatus: ChecklistItemStatus;
  changedAt: Date;
}

/**
 * A reminder about to be sent: recorded first, so that it goes out once.
 *
 * @internal
 */
export interface ReminderRecord {
  campaignId: string;
  step: string;
  userRef: string;
  teamRefs: string[];
  /** The day it is sent on (UTC, `YYYY-MM-DD`), for the daily cap. */
  sentOn: string;
  sentAt: Date;
}

/**
 * Where campaigns and their reminders are kept.
 *
 * @internal
 */
export interface CampaignStore {
  /** The database's clock: the time reminders and progress are judged at. */
  now(): Promise<Date>;
  create(campaign: NewCampaign): Promise<Campaign>;
  get(id: string): Promise<Campaign | undefined>;
  /** Newest start first. */
  list(filter?: { status?: CampaignStatus }): Promise<Campaign[]>;
  update(id: string, change: CampaignChange): Promise<Campaign | undefined>;
  /**
   * Every change of the teams' answers to the checklist, oldest first,
   * until `before`.
   */
  listAnswerChanges(
    teamRefs: string[],
    checklistId: string,
    before: Date,
  ): Promise<AnswerChangeRow[]>;
  /**
   * Records a reminder unless one of the campaign's step went to the user
   * already; whether it was recorded (and so is to be sent).
   */
  recordReminder(reminder: ReminderRecord): Promise<boolean>;
  /** The users already reminded of the campaign's step. */
  listRemindedUsers(campaignId: string, step: string): Promise<Set<string>>;
  /** How many reminders each of the users got on the day. */
  countRemindersOn(
    userRefs: string[],
    sentOn: string,
  ): Promise<Map<string, number>>;
}
