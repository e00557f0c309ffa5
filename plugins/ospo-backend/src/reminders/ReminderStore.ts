/**
 * The steps of reminding a team about one answer: before it expires, and
 * once it has.
 *
 * @internal
 */
export type ReminderStep = 'expiring' | 'expired';

/**
 * One reminder step about one version of a team's answer: sent at most once.
 *
 * @internal
 */
export interface ReminderKey {
  teamRef: string;
  checklistId: string;
  itemId: string;
  answerVersion: number;
  step: ReminderStep;
}

/**
 * Reminders claimed for sending: the steps, whom they go to and on which
 * (UTC) day, which counts against each recipient's daily limit.
 *
 * @internal
 */
export interface ReminderClaim {
  keys: ReminderKey[];
  recipients: string[];
  day: string;
  sentAt: Date;
}

/**
 * Which answer reminders were sent, and how many reminders each user got on
 * a day.
 *
 * @internal
 */
export interface ReminderStore {
  /** The reminders sent about these teams' answers. */
  listSent(teamRefs: string[]): Promise<ReminderKey[]>;
  /** How many reminders each of these users was sent on `day`. */
  countSentOn(userRefs: string[], day: string): Promise<Map<string, number>>;
  /**
   * Records the reminders as sent and counts one for each recipient's day,
   * atomically, before they are sent: false, and nothing recorded, when one
   * of them already was.
   */
  claim(claim: ReminderClaim): Promise<boolean>;
  /** Undoes a claim whose notification could not be sent, to retry it. */
  release(claim: ReminderClaim): Promise<void>;
  /** Forgets the daily counts of days before `day`. */
  pruneCountsBefore(day: string): Promise<void>;
}

/** One string per key, for sets. */
export function reminderKeyString(key: ReminderKey): string {
  return JSON.stringify([
    key.teamRef,
    key.checklistId,
    key.itemId,
    key.answerVersion,
    key.step,
  ]);
}
