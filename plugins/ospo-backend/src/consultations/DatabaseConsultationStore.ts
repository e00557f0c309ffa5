import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CONSULTATION_STATUSES,
  CONSULTATION_URGENCIES,
  ConsultationEvent,
  ConsultationRating,
  ConsultationStatus,
  ConsultationUrgency,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { SharedReads } from '../caching/SharedReads';
import { databaseNow, toIsoString } from '../database/timestamps';
import { whereInList } from '../database/whereInList';
import {
  ConsultationFilter,
  ConsultationListQuery,
  ConsultationMetricRecord,
  ConsultationStore,
  ConsultationTransition,
  QueuedConsultation,
  StoredConsultation,
  StoredConsultationWithEvents,
} from './ConsultationStore';

const CONSULTATIONS = 'ospo_consultations';
const EVENTS = 'ospo_consultation_events';

/** Where a request is answered, and so may be rated. */
const RATEABLE: ConsultationStatus[] = ['resolved', 'declined'];
/**
 * The escape character of the search's LIKE patterns: not a backslash, whose
 * meaning in a string literal differs between databases and settings.
 */
const LIKE_ESCAPE = '!';

/** Where a request is closed, since `closed_at`. */
const CLOSED: ConsultationStatus[] = ['resolved', 'declined', 'withdrawn'];

type Timestamp = Date | string | number;

type ConsultationRow = {
  id: string;
  entity_ref: string;
  requester_ref: string;
  topic: string;
  summary: string;
  details: string | null;
  urgency: string;
  status: string;
  assignee_ref: string | null;
  resolution: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  first_response_at: Timestamp | null;
  comment_count: number | string;
  closed_at?: Timestamp | null;
  rating_score?: number | string | null;
  rating_comment?: string | null;
  rated_at?: Timestamp | null;
};

type EventRow = {
  id: number | string;
  consultation_id: string;
  type: string;
  actor_ref: string;
  body: string | null;
  from_status: string | null;
  to_status: string | null;
  assignee_ref: string | null;
  score?: number | string | null;
  created_at: Date | string | number;
};

/**
 * Keeps consultation requests in the plugin's database (SQLite or PostgreSQL).
 *
 * @public
 */
export class DatabaseConsultationStore implements ConsultationStore {
  // The dashboard's queue summary reads the queue on every request:
  // concurrent requests share the query.
  private readonly reads = new SharedReads();

  private constructor(private readonly db: Knex) {}

  /** Wraps an already migrated database. */
  static create(options: { database: Knex }): DatabaseConsultationStore {
    return new DatabaseConsultationStore(options.database);
  }

  async create(options: {
    entityRef: string;
    requesterRef: string;
    topic: string;
    summary: string;
    details?: string;
    urgency: ConsultationUrgency;
  }): Promise<StoredConsultation> {
    return this.reads.write(async () => {
      const now = new Date();
      const row = {
        id: randomUUID(),
        entity_ref: options.entityRef,
        requester_ref: options.requesterRef,
        topic: options.topic,
        summary: options.summary,
        details: options.details ?? null,
        urgency: options.urgency,
        status: 'open',
        assignee_ref: null,
        resolution: null,
        created_at: now,
        updated_at: now,
        first_response_at: null,
        comment_count: 0,
        closed_at: null,
        rating_score: null,
        rating_comment: null,
        rated_at: null,
      };
      await this.db.transaction(async tx => {
        await tx(CONSULTATIONS).insert(row);
        await tx(EVENTS).insert({
          consultation_id: row.id,
          type: 'created',
          actor_ref: options.requesterRef,
          to_status: 'open',
          created_at: now,
        });
      });
      return toConsultation(row);
    });
  }

  async list(
    query: ConsultationListQuery,
  ): Promise<{ items: StoredConsultation[]; totalCount: number }> {
    const filtered = this.filtered(query);
    if (query.includeEntityRefs) {
      whereInList(this.db, filtered, 'entity_ref', query.includeEntityRefs);
    }
    if (query.excludeEntityRefs) {
      whereInList(this.db, filtered, 'entity_ref', query.excludeEntityRefs, {
        not: true,
      });
    }

    const [{ count }] = await filtered.clone().count({ count: '*' });
    const direction = query.order === 'asc' ? 'asc' : 'desc';
    const rows = filtered.clone().select('*');
    switch (query.orderBy) {
      case 'urgency':
        rows.orderByRaw(
          `${rank('urgency', CONSULTATION_URGENCIES)} ${direction}`,
        );
        break;
      case 'status':
        rows.orderByRaw(
          `${rank('status', CONSULTATION_STATUSES)} ${direction}`,
        );
        break;
      case 'updatedAt':
        rows.orderBy('updated_at', direction);
        break;
      default:
        rows.orderBy('created_at', direction);
    }
    // A stable order across pages when the sort key ties.
    rows.orderBy('id', 'asc').limit(query.limit).offset(query.offset);
    return {
      items: (await rows).map(toConsultation),
      totalCount: Number(count),
    };
  }

  async listEntityRefs(filter: ConsultationFilter): Promise<string[]> {
    const rows = await this.filtered(filter)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  private filtered(filter: ConsultationFilter) {
    return this.db<ConsultationRow>(CONSULTATIONS).where(builder => {
      if (filter.entityRef) builder.where('entity_ref', filter.entityRef);
      if (filter.status?.length) builder.whereIn('status', filter.status);
      if (filter.topic) builder.where('topic', filter.topic);
      if (filter.requesterRef)
        builder.where('requester_ref', filter.requesterRef);
      if (filter.assigneeRef === 'none') builder.whereNull('assignee_ref');
      else if (filter.assigneeRef)
        builder.where('assignee_ref', filter.assigneeRef);
      // Each word in the summary or the details: lower() on both sides, so
      // that both databases fold the case of the text and the word alike.
      for (const word of filter.words ?? []) {
        const pattern = `%${escapeLike(word)}%`;
        builder.where(either =>
          either
            .whereRaw(`lower(summary) LIKE lower(?) ESCAPE '${LIKE_ESCAPE}'`, [
              pattern,
            ])
            .orWhereRaw(
              `lower(details) LIKE lower(?) ESCAPE '${LIKE_ESCAPE}'`,
              [pattern],
            ),
        );
      }
    });
  }

  async listMetricRecords(options: {
    since: Date;
  }): Promise<ConsultationMetricRecord[]> {
    const rows = await this.db<ConsultationRow>(CONSULTATIONS)
      .select(
        'entity_ref',
        'status',
        'created_at',
        'first_response_at',
        'closed_at',
        'rating_score',
        'rated_at',
      )
      .whereIn('status', ['open', 'in-progress'])
      .orWhere('created_at', '>=', options.since)
      .orWhere('closed_at', '>=', options.since)
      .orWhere('rated_at', '>=', options.since);
    return rows.map(row => {
      const record: ConsultationMetricRecord = {
        entityRef: row.entity_ref,
        status: row.status as ConsultationStatus,
        createdAt: toDate(row.created_at),
      };
      if (row.first_response_at) {
        record.firstResponseAt = toDate(row.first_response_at);
      }
      if (row.closed_at) record.closedAt = toDate(row.closed_at);
      if (row.rating_score !== null && row.rating_score !== undefined) {
        record.rating = {
          score: Number(row.rating_score),
          ratedAt: toDate(row.rated_at!),
        };
      }
      return record;
    });
  }

  async listQueue(): Promise<QueuedConsultation[]> {
    return this.reads.read('queue', () => this.readQueue());
  }

  private async readQueue(): Promise<QueuedConsultation[]> {
    const rows = await this.db<ConsultationRow>(CONSULTATIONS)
      .select(
        'id',
        'entity_ref',
        'summary',
        'status',
        'created_at',
        'first_response_at',
      )
      .whereIn('status', ['open', 'in-progress'])
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => {
      const queued: QueuedConsultation = {
        id: row.id,
        entityRef: row.entity_ref,
        summary: row.summary,
        status: row.status as ConsultationStatus,
        createdAt: toIsoString(row.created_at),
      };
      if (row.first_response_at) {
        queued.firstResponseAt = toIsoString(row.first_response_at);
      }
      return queued;
    });
  }

  async get(id: string): Promise<StoredConsultationWithEvents | undefined> {
    const row = await this.db<ConsultationRow>(CONSULTATIONS)
      .where({ id })
      .first();
    if (!row) {
      return undefined;
    }
    const events = await this.db<EventRow>(EVENTS)
      .where({ consultation_id: id })
      .orderBy('id', 'asc');
    return { ...toConsultation(row), events: events.map(toEvent) };
  }

  async transition(t: ConsultationTransition): Promise<StoredConsultation> {
    return this.reads.write(async () => {
      return this.db.transaction(async tx => {
        const current = await this.require(tx, t.id);
        const now = new Date();
        const changes: Partial<ConsultationRow> & Record<string, unknown> = {
          status: t.to,
          updated_at: now,
        };
        if (t.setsResolution) changes.resolution = t.note ?? null;
        else if (t.to === 'open') changes.resolution = null;
        if (t.byStaff && !current.first_response_at)
          changes.first_response_at = now;
        if (CLOSED.includes(t.to)) changes.closed_at = now;
        else changes.closed_at = null;

        // The status condition makes the change atomic: of two concurrent
        // transitions from the same status only the first one matches.
        const updated = await tx(CONSULTATIONS)
          .where({ id: t.id })
          .whereIn('status', [...t.from])
          .update(changes);
        if (updated !== 1) {
          throw new ConflictError(
            `The request is ${current.status}; it cannot become ${t.to} from there`,
          );
        }
        await tx(EVENTS).insert({
          consultation_id: t.id,
          type: 'status',
          actor_ref: t.actorRef,
          body: t.note ?? null,
          from_status: current.status,
          to_status: t.to,
          created_at: now,
        });
        return toConsultation({ ...current, ...changes } as ConsultationRow);
      });
    });
  }

  async assign(options: {
    id: string;
    assigneeRef?: string;
    actorRef: string;
  }): Promise<StoredConsultation> {
    return this.reads.write(async () => {
      return this.db.transaction(async tx => {
        const current = await this.require(tx, options.id);
        const now = new Date();
        const changes: Record<string, unknown> = {
          assignee_ref: options.assigneeRef ?? null,
          updated_at: now,
        };
        if (!current.first_response_at) changes.first_response_at = now;
        await tx(CONSULTATIONS).where({ id: options.id }).update(changes);
        await tx(EVENTS).insert({
          consultation_id: options.id,
          type: 'assignment',
          actor_ref: options.actorRef,
          assignee_ref: options.assigneeRef ?? null,
          created_at: now,
        });
        return toConsultation({ ...current, ...changes } as ConsultationRow);
      });
    });
  }

  async comment(options: {
    id: string;
    actorRef: string;
    body: string;
    byStaff: boolean;
  }): Promise<ConsultationEvent> {
    return this.reads.write(async () => {
      return this.db.transaction(async tx => {
        const current = await this.require(tx, options.id);
        const now = new Date();
        const changes: Record<string, unknown> = { updated_at: now };
        if (options.byStaff && !current.first_response_at) {
          changes.first_response_at = now;
        }
        await tx(CONSULTATIONS)
          .where({ id: options.id })
          .update({ ...changes, comment_count: tx.raw('comment_count + 1') });
        const row = {
          consultation_id: options.id,
          type: 'comment',
          actor_ref: options.actorRef,
          body: options.body,
          created_at: now,
        };
        const [inserted] = await tx(EVENTS).insert(row, ['id']);
        const id = typeof inserted === 'object' ? inserted.id : inserted;
        return toEvent({
          ...row,
          id,
          from_status: null,
          to_status: null,
          assignee_ref: null,
        });
      });
    });
  }

  async rate(options: {
    id: string;
    actorRef: string;
    score: number;
    comment?: string;
  }): Promise<ConsultationRating> {
    return this.reads.write(async () => {
      return this.db.transaction(async tx => {
        // The conditions make rating once atomic: a concurrent rating waits
        // for this one's row lock (PostgreSQL) or transaction (SQLite), and
        // then no longer matches.
        const updated = await tx(CONSULTATIONS)
          .where({ id: options.id })
          .whereIn('status', RATEABLE)
          .whereNull('rating_score')
          .update({
            rating_score: options.score,
            rating_comment: options.comment ?? null,
            rated_at: databaseNow(tx),
            updated_at: new Date(),
          });
        if (updated !== 1) {
          const row = await tx<ConsultationRow>(CONSULTATIONS)
            .select('status', 'rating_score')
            .where({ id: options.id })
            .first();
          if (!row) {
            throw new NotFoundError(`No consultation request ${options.id}`);
          }
          if (row.rating_score !== null) {
            throw new ConflictError('The request has already been rated');
          }
          throw new ConflictError(
            `The request is ${row.status}; only a resolved or declined request can be rated`,
          );
        }
        const row = (await tx<ConsultationRow>(CONSULTATIONS)
          .select('rating_score', 'rating_comment', 'rated_at')
          .where({ id: options.id })
          .first())!;
        await tx(EVENTS).insert({
          consultation_id: options.id,
          type: 'rated',
          actor_ref: options.actorRef,
          body: options.comment ?? null,
          score: options.score,
          created_at: row.rated_at,
        });
        return toRating(row)!;
      });
    });
  }

  // Locks the row (on PostgreSQL; SQLite runs one transaction at a time) so
  // that concurrent changes of one request take turns: each then records the
  // status it really changed from and keeps the first response time.
  private async require(tx: Knex.Transaction, id: string) {
    const row = await tx<ConsultationRow>(CONSULTATIONS)
      .where({ id })
      .forUpdate()
      .first();
    if (!row) {
      throw new NotFoundError(`No consultation request ${id}`);
    }
    return row;
  }
}

/** A word as a LIKE pattern that matches it literally, `%` and `_` too. */
function escapeLike(word: string): string {
  return word.replace(/[!%_]/g, c => `${LIKE_ESCAPE}${c}`);
}

// Sorts by the position of a value in a fixed list, the same on every database.
function rank(column: string, values: readonly string[]): string {
  const cases = values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ');
  return `CASE ${column} ${cases} ELSE ${values.length} END`;
}

function toDate(value: Timestamp): Date {
  return new Date(toIsoString(value));
}

function toRating(
  row: Pick<ConsultationRow, 'rating_score' | 'rating_comment' | 'rated_at'>,
): ConsultationRating | undefined {
  if (row.rating_score === null || row.rating_score === undefined) {
    return undefined;
  }
  const rating: ConsultationRating = {
    score: Number(row.rating_score),
    ratedAt: toIsoString(row.rated_at!),
  };
  if (row.rating_comment) rating.comment = row.rating_comment;
  return rating;
}

function toConsultation(row: ConsultationRow): StoredConsultation {
  const consultation: StoredConsultation = {
    id: row.id,
    entityRef: row.entity_ref,
    requesterRef: row.requester_ref,
    topic: row.topic,
    summary: row.summary,
    details: row.details ?? undefined,
    urgency: row.urgency as ConsultationUrgency,
    status: row.status as ConsultationStatus,
    assigneeRef: row.assignee_ref ?? undefined,
    resolution: row.resolution ?? undefined,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    firstResponseAt: row.first_response_at
      ? toIsoString(row.first_response_at)
      : undefined,
    commentCount: Number(row.comment_count),
  };
  if (row.closed_at) consultation.closedAt = toIsoString(row.closed_at);
  const rating = toRating(row);
  if (rating) consultation.rating = rating;
  return consultation;
}

function toEvent(row: EventRow): ConsultationEvent {
  return {
    id: String(row.id),
    type: row.type as ConsultationEvent['type'],
    actorRef: row.actor_ref,
    createdAt: toIsoString(row.created_at),
    body: row.body ?? undefined,
    fromStatus: (row.from_status ?? undefined) as
      | ConsultationStatus
      | undefined,
    toStatus: (row.to_status ?? undefined) as ConsultationStatus | undefined,
    assigneeRef: row.assignee_ref ?? undefined,
    score:
      row.score === null || row.score === undefined
        ? undefined
        : Number(row.score),
  };
}
