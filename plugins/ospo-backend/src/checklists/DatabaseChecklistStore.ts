import { ConflictError } from '@backstage/errors';
import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { SharedReads } from '../caching/SharedReads';
import { Clock } from '../database/Clock';
import { DatabaseClock } from '../database/DatabaseClock';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { toIsoString } from '../database/timestamps';
import {
  AnswerKey,
  AnswerStatus,
  ChecklistStore,
  ReattestAnswerOptions,
  SetAnswerOptions,
} from './ChecklistStore';

const ANSWERS = 'ospo_checklist_answers';
const HISTORY = 'ospo_checklist_answer_history';
const VERSION = 'ospo_checklist_answers_version';

type AnswerRow = {
  team_ref: string;
  checklist_id: string;
  item_id: string;
  status: string;
  note: string | null;
  evidence_url: string | null;
  answered_by: string;
  answered_at: Date | string | number;
  version: number | string;
};

type HistoryRow = {
  id: number | string;
  team_ref: string;
  checklist_id: string;
  item_id: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  evidence_url: string | null;
  changed_by: string;
  changed_at: Date | string | number;
  version: number | string;
  reattested?: boolean | number;
};

/**
 * Keeps checklist answers in the plugin's database (SQLite or PostgreSQL).
 *
 * @public
 */
export class DatabaseChecklistStore implements ChecklistStore {
  private readonly reads = new SharedReads();

  private constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  /**
   * Wraps an already migrated database. Answers are stamped with the
   * database's time, which their expiry is judged by, unless `clock` says
   * otherwise (tests).
   */
  static create(options: {
    database: Knex;
    clock?: Clock;
  }): DatabaseChecklistStore {
    return new DatabaseChecklistStore(
      options.database,
      options.clock ?? DatabaseClock.create({ database: options.database }),
    );
  }

  async getAnswers(teamRefs: string[]): Promise<ChecklistAnswer[]> {
    if (teamRefs.length === 0) {
      return [];
    }
    const rows = await this.db<AnswerRow>(ANSWERS)
      .whereIn('team_ref', teamRefs)
      .orderBy(['team_ref', 'checklist_id', 'item_id']);
    return rows.map(toAnswer);
  }

  async listAnswerStatuses(): Promise<AnswerStatus[]> {
    const rows = await this.db<AnswerRow>(ANSWERS).select(
      'team_ref',
      'checklist_id',
      'item_id',
      'status',
      'answered_at',
      'version',
    );
    return rows.map(row => ({
      teamRef: row.team_ref,
      checklistId: row.checklist_id,
      itemId: row.item_id,
      status: row.status as ChecklistItemStatus,
      answeredAt: toIsoString(row.answered_at),
      version: Number(row.version),
    }));
  }

  async getAnswersVersion(): Promise<string> {
    // Asked on every heat map request: concurrent requests share the query.
    return this.reads.read('answersVersion', async () => {
      const row = await this.db<{ id: number; version: number | string }>(
        VERSION,
      )
        .where({ id: 1 })
        .first('version');
      return String(row?.version ?? '');
    });
  }

  async setAnswer(options: SetAnswerOptions): Promise<ChecklistAnswer> {
    const key = keyColumns(options);
    const now = await this.clock.now();
    const version = options.expectedVersion + 1;
    const values = {
      status: options.status,
      note: options.note ?? null,
      evidence_url: options.evidenceUrl ?? null,
      answered_by: options.actorRef,
      answered_at: now,
      version,
    };

    return this.reads.write(() =>
      this.db.transaction(async tx => {
        const current = await tx<AnswerRow>(ANSWERS).where(key).first();
        const storedVersion = current ? Number(current.version) : 0;
        if (storedVersion !== options.expectedVersion) {
          throw staleWrite(options.expectedVersion, storedVersion);
        }
        // Saving what is stored changes nothing: no version, no history row.
        if (
          current &&
          current.status === values.status &&
          (current.note ?? null) === values.note &&
          (current.evidence_url ?? null) === values.evidence_url
        ) {
          return toAnswer(current);
        }

        if (current) {
          // The version condition makes the write atomic: of two writers that
          // read the same version, only the first one's update matches a row.
          const updated = await tx<AnswerRow>(ANSWERS)
            .where({ ...key, version: options.expectedVersion })
            .update(values);
          if (updated !== 1) {
            throw staleWrite(options.expectedVersion, undefined);
          }
        } else {
          try {
            await tx<AnswerRow>(ANSWERS).insert({ ...key, ...values });
          } catch (error) {
            if (isUniqueViolation(error)) {
              throw staleWrite(options.expectedVersion, undefined);
            }
            throw error;
          }
        }

        await tx<HistoryRow>(HISTORY).insert({
          ...key,
          from_status: current?.status ?? null,
          to_status: options.status,
          note: values.note,
          evidence_url: values.evidence_url,
          changed_by: options.actorRef,
          changed_at: now,
          version,
        });
        // Last, so that concurrent writers only wait for each other here, and
        // committed with the answer: readers see both or neither.
        await tx(VERSION).where({ id: 1 }).increment('version', 1);

        return toAnswer({ ...key, ...values });
      }),
    );
  }

  async reattest(options: ReattestAnswerOptions): Promise<ChecklistAnswer> {
    const key = keyColumns(options);
    const now = await this.clock.now();
    return this.reads.write(() =>
      this.db.transaction(async tx => {
        const current = await tx<AnswerRow>(ANSWERS).where(key).first();
        if (current?.status !== 'done') {
          throw new ConflictError(
            current
              ? `Only a done answer can be re-attested; this one is ${current.status}`
              : 'There is no answer to re-attest; answer the item first',
          );
        }
        const storedVersion = Number(current.version);
        if (storedVersion !== options.expectedVersion) {
          throw staleWrite(options.expectedVersion, storedVersion);
        }
        const values = {
          answered_by: options.actorRef,
          answered_at: now,
          version: storedVersion + 1,
        };
        // As in setAnswer: of two writers from one version, one matches.
        const updated = await tx<AnswerRow>(ANSWERS)
          .where({ ...key, version: storedVersion })
          .update(values);
        if (updated !== 1) {
          throw staleWrite(options.expectedVersion, undefined);
        }
        await tx<HistoryRow>(HISTORY).insert({
          ...key,
          from_status: current.status,
          to_status: current.status,
          note: current.note,
          evidence_url: current.evidence_url,
          changed_by: options.actorRef,
          changed_at: now,
          version: values.version,
          reattested: true,
        });
        await tx(VERSION).where({ id: 1 }).increment('version', 1);
        return toAnswer({ ...current, ...values });
      }),
    );
  }

  async getHistory(key: AnswerKey): Promise<AnswerHistoryEntry[]> {
    const rows = await this.db<HistoryRow>(HISTORY)
      .where(keyColumns(key))
      .orderBy('id', 'desc');
    return rows.map(row => {
      const entry: AnswerHistoryEntry = {
        teamRef: row.team_ref,
        checklistId: row.checklist_id,
        itemId: row.item_id,
        fromStatus: (row.from_status ?? undefined) as
          | ChecklistItemStatus
          | undefined,
        toStatus: row.to_status as ChecklistItemStatus,
        note: row.note ?? undefined,
        evidenceUrl: row.evidence_url ?? undefined,
        changedBy: row.changed_by,
        changedAt: toIsoString(row.changed_at),
        version: Number(row.version),
      };
      // SQLite answers 0 or 1, PostgreSQL a boolean.
      if (row.reattested) entry.reattested = true;
      return entry;
    });
  }
}

function keyColumns(key: AnswerKey) {
  return {
    team_ref: key.teamRef,
    checklist_id: key.checklistId,
    item_id: key.itemId,
  };
}

function toAnswer(row: AnswerRow): ChecklistAnswer {
  return {
    teamRef: row.team_ref,
    checklistId: row.checklist_id,
    itemId: row.item_id,
    status: row.status as ChecklistItemStatus,
    note: row.note ?? undefined,
    evidenceUrl: row.evidence_url ?? undefined,
    answeredBy: row.answered_by,
    answeredAt: toIsoString(row.answered_at),
    version: Number(row.version),
  };
}

function staleWrite(expected: number, stored: number | undefined) {
  return new ConflictError(
    stored === undefined
      ? `The answer was changed by someone else after version ${expected} was read`
      : `The answer is at version ${stored}, but the change was made from version ${expected}; reload and try again`,
  );
}
