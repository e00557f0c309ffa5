import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';
import { DateTime, Duration } from 'luxon';
import { expiresAtOf, validityRulesOf } from '../checklists/answerExpiry';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { Clock } from '../database/Clock';
import { DueAnswer, reminderMessage } from './reminderMessage';
import {
  ReminderKey,
  ReminderStep,
  ReminderStore,
  reminderKeyString,
} from './ReminderStore';
import { TeamContacts, TeamMembers } from './TeamMembers';

/**
 * What one run of the reminders did.
 *
 * @internal
 */
export interface ReminderRunSummary {
  /** Notifications sent: one per team and step. */
  notifications: number;
  /** Answer steps they reminded of. */
  reminded: number;
  /**
   * Answer steps left to a later run: every member of the team had had
   * their reminders for the day, the team has no members, or sending failed.
   */
  deferred: number;
}

/** One team's answers due for one step. */
interface Due {
  teamRef: string;
  step: ReminderStep;
  keys: ReminderKey[];
  answers: DueAnswer[];
}

/**
 * Reminds teams of their done answers that expire soon (`before` ahead)
 * and of those that have expired, by the database's time: one notification
 * per team and step, to the team's members, linking to the team's page.
 *
 * No storms: each step of each answer version is reminded of once (a
 * re-attested or changed answer starts over; an answer first seen expired
 * skips "expires soon"), and no user is sent more than `maxPerUserPerDay`
 * reminders a day. A team whose members have all had theirs is reminded on
 * a later run; expired answers go first.
 *
 * @internal
 */
export class AnswerReminders {
  private constructor(
    private readonly options: {
      definitions: ChecklistDefinition[];
      checklistStore: ChecklistStore;
      store: ReminderStore;
      teams: TeamMembers;
      notifications: NotificationService;
      clock: Clock;
      logger: LoggerService;
      before: Duration;
      maxPerUserPerDay: number;
    },
  ) {}

  static create(options: {
    definitions: ChecklistDefinition[];
    checklistStore: ChecklistStore;
    store: ReminderStore;
    teams: TeamMembers;
    notifications: NotificationService;
    clock: Clock;
    logger: LoggerService;
    before: Duration;
    maxPerUserPerDay: number;
  }): AnswerReminders {
    return new AnswerReminders(options);
  }

  async run(): Promise<ReminderRunSummary> {
    const { store, clock, logger, maxPerUserPerDay } = this.options;
    const now = await clock.now();
    const day = now.toISOString().slice(0, 10);
    await store.pruneCountsBefore(day);

    const due = await this.dueReminders(now);
    const summary: ReminderRunSummary = {
      notifications: 0,
      reminded: 0,
      deferred: 0,
    };
    if (due.length === 0) return summary;

    const contacts = await this.options.teams.contactsOf([
      ...new Set(due.map(d => d.teamRef)),
    ]);
    const everyone = [
      ...new Set([...contacts.values()].flatMap(c => c.members)),
    ];
    const sentToday = await store.countSentOn(everyone, day);
    const failures: string[] = [];

    for (const reminder of due) {
      const team = contacts.get(reminder.teamRef);
      const recipients = (team?.members ?? []).filter(
        user => (sentToday.get(user) ?? 0) < maxPerUserPerDay,
      );
      if (!team || recipients.length === 0) {
        summary.deferred += reminder.keys.length;
        continue;
      }
      const claim = { keys: reminder.keys, recipients, day, sentAt: now };
      if (!(await store.claim(claim))) {
        // Sent by another run meanwhile.
        continue;
      }
      try {
        await this.send(reminder, team, recipients);
      } catch (error) {
        await store.release(claim);
        failures.push(`${reminder.teamRef} (${reminder.step}): ${error}`);
        summary.deferred += reminder.keys.length;
        continue;
      }
      for (const user of recipients) {
        sentToday.set(user, (sentToday.get(user) ?? 0) + 1);
      }
      summary.notifications += 1;
      summary.reminded += reminder.keys.length;
    }
    if (failures.length > 0) {
      logger.warn(
        `Could not send ${
          failures.length
        } checklist answer reminder(s), to be retried: ${failures.join('; ')}`,
      );
    }
    return summary;
  }

  /**
   * Each team's done answers that expire within `before` or have expired,
   * grouped by team and step and not yet reminded of: expired ones first.
   */
  private async dueReminders(now: Date): Promise<Due[]> {
    const { definitions, checklistStore, store, before } = this.options;
    const validity = validityRulesOf(definitions);
    if (validity.size === 0) return [];
    const titles = new Map(
      definitions.flatMap(c =>
        c.items.map(i => [
          `${c.id}/${i.id}`,
          { checklistTitle: c.title, itemTitle: i.title },
        ]),
      ),
    );
    const remindFrom = (expiresAt: Date) =>
      DateTime.fromJSDate(expiresAt, { zone: 'utc' }).minus(before).toJSDate();

    const candidates: Array<{ key: ReminderKey; answer: DueAnswer }> = [];
    for (const answer of await checklistStore.listAnswerStatuses()) {
      const expiresAt = expiresAtOf(validity, answer);
      if (!expiresAt) continue;
      let step: ReminderStep | undefined;
      if (expiresAt <= now) {
        step = 'expired';
      } else if (remindFrom(expiresAt) <= now) {
        step = 'expiring';
      }
      if (!step) continue;
      candidates.push({
        key: {
          teamRef: answer.teamRef,
          checklistId: answer.checklistId,
          itemId: answer.itemId,
          answerVersion: answer.version,
          step,
        },
        answer: {
          ...titles.get(`${answer.checklistId}/${answer.itemId}`)!,
          expiresAt,
        },
      });
    }
    if (candidates.length === 0) return [];

    const sent = new Set(
      (
        await store.listSent([...new Set(candidates.map(c => c.key.teamRef))])
      ).map(reminderKeyString),
    );
    const byTeamAndStep = new Map<string, Due>();
    for (const { key, answer } of candidates) {
      if (sent.has(reminderKeyString(key))) continue;
      const group = `${key.step === 'expired' ? 0 : 1} ${key.teamRef}`;
      let due = byTeamAndStep.get(group);
      if (!due) {
        due = { teamRef: key.teamRef, step: key.step, keys: [], answers: [] };
        byTeamAndStep.set(group, due);
      }
      due.keys.push(key);
      due.answers.push(answer);
    }
    return [...byTeamAndStep.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, due]) => due);
  }

  private async send(
    reminder: Due,
    team: TeamContacts,
    recipients: string[],
  ): Promise<void> {
    const { namespace, name } = parseEntityRef(reminder.teamRef);
    const message = reminderMessage(
      reminder.step,
      team.title,
      reminder.answers,
    );
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        ...message,
        link: `/catalog/${encodeURIComponent(
          namespace,
        )}/group/${encodeURIComponent(name)}`,
        severity: reminder.step === 'expired' ? 'high' : 'normal',
        topic: 'ospo-checklist-reminders',
      },
    });
  }
}
