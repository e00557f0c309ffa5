import { randomUUID } from 'node:crypto';
import {
  Campaign,
  CampaignStatus,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { databaseNow, toIsoString } from '../database/timestamps';
import { whereInList } from '../database/whereInList';
import {
  AnswerChangeRow,
  CampaignChange,
  CampaignStore,
  NewCampaign,
  ReminderRecord,
} from './CampaignStore';

const CAMPAIGNS = 'ospo_campaigns';
const REMINDERS = 'ospo_campaign_reminders';
// Written by the checklists; only read here, for the burn-up.
const ANSWER_HISTORY = 'ospo_checklist_answer_history';

type CampaignRow = {
  id: string;
  title: string;
  goal: string | null;
  checklist_id: string;
  item_ids: string | null;
  target_refs: string;
  start_date: string;
  target_date: string;
  status: string;
  created_by: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

/**
 * Keeps campaigns and the reminders sent about them in the plugin's
 * database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class DatabaseCampaignStore implements CampaignStore {
  private constructor(private readonly db: Knex) {}

  /** Wraps an already migrated database. */
  static create(options: { database: Knex }): DatabaseCampaignStore {
    return new DatabaseCampaignStore(options.database);
  }

  async now(): Promise<Date> {
    const row = await this.db
      .select(databaseNow(this.db).wrap('(', ') AS now'))
      .first();
    return new Date(toIsoString((row as { now: Date | string | number }).now));
  }

  async create(campaign: NewCampaign): Promise<Campaign> {
    const id = randomUUID();
    const now = databaseNow(this.db);
    await this.db<CampaignRow>(CAMPAIGNS).insert({
      id,
      title: campaign.title,
      goal: campaign.goal || null,
      checklist_id: campaign.checklistId,
      item_ids: campaign.itemIds ? JSON.stringify(campaign.itemIds) : null,
      target_refs: JSON.stringify(campaign.targetRefs),
      start_date: campaign.startDate,
      target_date: campaign.targetDate,
      status: 'active',
      created_by: campaign.createdBy,
      created_at: now as unknown as Date,
      updated_at: now as unknown as Date,
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Campaign | undefined> {
    const row = await this.db<CampaignRow>(CAMPAIGNS).where({ id }).first();
    return row ? toCampaign(row) : undefined;
  }

  async list(filter: { status?: CampaignStatus } = {}): Promise<Campaign[]> {
    const query = this.db<CampaignRow>(CAMPAIGNS).orderBy([
      { column: 'start_date', order: 'desc' },
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.status) query.where({ status: filter.status });
    return (await query).map(toCampaign);
  }

  async update(
    id: string,
    change: CampaignChange,
  ): Promise<Campaign | undefined> {
    const values: Partial<Record<keyof CampaignRow, unknown>> = {};
    if (change.title !== undefined) values.title = change.title;
    if (change.goal !== undefined) values.goal = change.goal || null;
    if (change.targetDate !== undefined) values.target_date = change.targetDate;
    if (change.status !== undefined) values.status = change.status;
    const updated = await this.db(CAMPAIGNS)
      .where({ id })
      .update({ ...values, updated_at: databaseNow(this.db) });
    return updated ? this.get(id) : undefined;
  }

  async listAnswerChanges(
    teamRefs: string[],
    checklistId: string,
    before: Date,
  ): Promise<AnswerChangeRow[]> {
    const rows: Array<{
      team_ref: string;
      item_id: string;
      to_status: string;
      changed_at: Date | string | number;
    }> = await whereInList(
      this.db,
      this.db(ANSWER_HISTORY)
        .select('team_ref', 'item_id', 'to_status', 'changed_at')
        .where('checklist_id', checklistId)
        .where('changed_at', '<', before)
        .orderBy([
          { column: 'changed_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]),
      'team_ref',
      teamRefs,
    );
    return rows.map(row => ({
      teamRef: row.team_ref,
      itemId: row.item_id,
      toStatus: row.to_status as ChecklistItemStatus,
      changedAt: new Date(toIsoString(row.changed_at)),
    }));
  }

  async recordReminder(reminder: ReminderRecord): Promise<boolean> {
    // The key (campaign, step, user) makes a second reminder of the same
    // step a no-op, even from two runs at once.
    const inserted = await this.db(REMINDERS)
      .insert({
        campaign_id: reminder.campaignId,
        step: reminder.step,
        user_ref: reminder.userRef,
        team_refs: JSON.stringify(reminder.teamRefs),
        sent_on: reminder.sentOn,
        sent_at: reminder.sentAt,
      })
      .onConflict(['campaign_id', 'step', 'user_ref'])
      .ignore()
      .returning('user_ref');
    return inserted.length === 1;
  }

  async listRemindedUsers(
    campaignId: string,
    step: string,
  ): Promise<Set<string>> {
    const rows: Array<{ user_ref: string }> = await this.db(REMINDERS)
      .select('user_ref')
      .where({ campaign_id: campaignId, step });
    return new Set(rows.map(row => row.user_ref));
  }

  async countRemindersOn(
    userRefs: string[],
    sentOn: string,
  ): Promise<Map<string, number>> {
    const rows: Array<{ user_ref: string; count: number | string }> =
      await whereInList(
        this.db,
        this.db(REMINDERS)
          .select('user_ref')
          .count({ count: '*' })
          .where('sent_on', sentOn)
          .groupBy('user_ref'),
        'user_ref',
        userRefs,
      );
    return new Map(rows.map(row => [row.user_ref, Number(row.count)]));
  }
}

function toCampaign(row: CampaignRow): Campaign {
  const campaign: Campaign = {
    id: row.id,
    title: row.title,
    checklistId: row.checklist_id,
    targetRefs: JSON.parse(row.target_refs),
    startDate: row.start_date,
    targetDate: row.target_date,
    status: row.status as CampaignStatus,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
  if (row.goal) campaign.goal = row.goal;
  if (row.item_ids) campaign.itemIds = JSON.parse(row.item_ids);
  return campaign;
}
