import { Knex } from 'knex';
import { isUniqueViolation } from '../database/isUniqueViolation';
import {
  ReminderClaim,
  ReminderKey,
  ReminderStep,
  ReminderStore,
} from './ReminderStore';

const REMINDERS = 'ospo_checklist_answer_reminders';
const QUOTA = 'ospo_checklist_reminder_quota';
/** Keeps `IN (...)` lists well below the databases' parameter limits. */
const BATCH = 500;

type ReminderRow = {
  team_ref: string;
  checklist_id: string;
  item_id: string;
  answer_version: number | string;
  step: string;
  sent_at: Date;
  recipient_count: number;
};

type QuotaRow = { user_ref: string; day: string; sent: number | string };

/**
 * Keeps the sent answer reminders and the users' daily counts in the
 * plugin's database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class DatabaseReminderStore implements ReminderStore {
  private constructor(private readonly db: Knex) {}

  static create(options: { database: Knex }): DatabaseReminderStore {
    return new DatabaseReminderStore(options.database);
  }

  async listSent(teamRefs: string[]): Promise<ReminderKey[]> {
    const keys: ReminderKey[] = [];
    for (let i = 0; i < teamRefs.length; i += BATCH) {
      const rows = await this.db<ReminderRow>(REMINDERS)
        .whereIn('team_ref', teamRefs.slice(i, i + BATCH))
        .select(
          'team_ref',
          'checklist_id',
          'item_id',
          'answer_version',
          'step',
        );
      for (const row of rows) {
        keys.push({
          teamRef: row.team_ref,
          checklistId: row.checklist_id,
          itemId: row.item_id,
          answerVersion: Number(row.answer_version),
          step: row.step as ReminderStep,
        });
      }
    }
    return keys;
  }

  async countSentOn(
    userRefs: string[],
    day: string,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < userRefs.length; i += BATCH) {
      const rows = await this.db<QuotaRow>(QUOTA)
        .where({ day })
        .whereIn('user_ref', userRefs.slice(i, i + BATCH))
        .select('user_ref', 'sent');
      for (const row of rows) counts.set(row.user_ref, Number(row.sent));
    }
    return counts;
  }

  async claim(claim: ReminderClaim): Promise<boolean> {
    try {
      await this.db.transaction(async tx => {
        await tx<ReminderRow>(REMINDERS).insert(
          claim.keys.map(key => ({
            ...keyColumns(key),
            sent_at: claim.sentAt,
            recipient_count: claim.recipients.length,
          })),
        );
        for (let i = 0; i < claim.recipients.length; i += BATCH) {
          await tx<QuotaRow>(QUOTA)
            .insert(
              claim.recipients
                .slice(i, i + BATCH)
                .map(user_ref => ({ user_ref, day: claim.day, sent: 1 })),
            )
            .onConflict(['user_ref', 'day'])
            .merge({ sent: tx.raw('??.?? + 1', [QUOTA, 'sent']) });
        }
      });
      return true;
    } catch (error) {
      // Another run sent one of them in the meantime: none is recorded.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async release(claim: ReminderClaim): Promise<void> {
    await this.db.transaction(async tx => {
      for (const key of claim.keys) {
        await tx(REMINDERS).where(keyColumns(key)).delete();
      }
      for (let i = 0; i < claim.recipients.length; i += BATCH) {
        await tx(QUOTA)
          .where({ day: claim.day })
          .whereIn('user_ref', claim.recipients.slice(i, i + BATCH))
          .where('sent', '>', 0)
          .decrement('sent', 1);
      }
    });
  }

  async pruneCountsBefore(day: string): Promise<void> {
    await this.db(QUOTA).where('day', '<', day).delete();
  }
}

function keyColumns(key: ReminderKey) {
  return {
    team_ref: key.teamRef,
    checklist_id: key.checklistId,
    item_id: key.itemId,
    answer_version: key.answerVersion,
    step: key.step,
  };
}
