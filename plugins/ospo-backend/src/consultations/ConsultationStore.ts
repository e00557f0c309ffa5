import {
  Consultation,
  ConsultationEvent,
  ConsultationQuery,
  ConsultationRating,
  ConsultationStatus,
  ConsultationUrgency,
} from '@ospo-kit/plugin-ospo-common';

/**
 * A request as stored: without what the service derives from the office's
 * response target when it is read (`firstResponseDueAt`, `overdue`).
 *
 * @public
 */
export type StoredConsultation = Omit<
  Consultation,
  'firstResponseDueAt' | 'overdue'
>;

/**
 * A stored request with its whole thread, oldest first.
 *
 * @public
 */
export type StoredConsultationWithEvents = StoredConsultation & {
  events: ConsultationEvent[];
};

/**
 * A status change, applied only when the request is in one of `from`.
 *
 * @public
 */
export interface ConsultationTransition {
  id: string;
  from: readonly ConsultationStatus[];
  to: ConsultationStatus;
  actorRef: string;
  note?: string;
  /** The note becomes the request's resolution (resolve, decline, withdraw). */
  setsResolution: boolean;
  /** Whether the actor is OSPO staff, for the first-response time. */
  byStaff: boolean;
}

/**
 * The filters of the consultation list as the database applies them: those
 * of the query without ordering and paging, and with what the service
 * resolves (`q` into words; `ownerRef` and `mine` into entities and people).
 *
 * @public
 */
export type ConsultationFilter = Omit<
  ConsultationQuery,
  'orderBy' | 'order' | 'limit' | 'offset' | 'q' | 'ownerRef' | 'mine'
> & {
  /**
   * Words that must each occur in the summary or the details, ignoring case
   * (as the database's `lower()` does); `%` and `_` match themselves.
   */
  words?: string[];
};

/**
 * A page of the consultation list: the filters, the entities to keep or
 * leave out, the order and the page.
 *
 * @public
 */
export type ConsultationListQuery = ConsultationFilter &
  Required<
    Pick<ConsultationQuery, 'orderBy' | 'order' | 'limit' | 'offset'>
  > & {
    /** Only requests about these entities (none: no request). */
    includeEntityRefs?: string[];
    /** No request about these entities. */
    excludeEntityRefs?: string[];
  };

/**
 * What the consultation metrics read of a request.
 *
 * @public
 */
export interface ConsultationMetricRecord {
  entityRef: string;
  status: ConsultationStatus;
  createdAt: Date;
  firstResponseAt?: Date;
  /** When it was last resolved, declined or withdrawn; absent while active. */
  closedAt?: Date;
  rating?: { score: number; ratedAt: Date };
}

/**
 * A request waiting for the OSPO, as the queue summary reads it.
 *
 * @public
 */
export type QueuedConsultation = Pick<
  Consultation,
  'id' | 'entityRef' | 'summary' | 'status' | 'createdAt' | 'firstResponseAt'
>;

/**
 * Where consultation requests and their threads are kept.
 *
 * @public
 */
export interface ConsultationStore {
  create(options: {
    entityRef: string;
    requesterRef: string;
    topic: string;
    summary: string;
    details?: string;
    urgency: ConsultationUrgency;
  }): Promise<StoredConsultation>;
  /**
   * One page of the requests matching the filters. Requests about entities
   * outside `includeEntityRefs` or in `excludeEntityRefs` are left out
   * before paging, so that `totalCount` and the pages only count what the
   * caller may see.
   */
  list(
    query: ConsultationListQuery,
  ): Promise<{ items: StoredConsultation[]; totalCount: number }>;
  /** The distinct entities of the requests matching the filters. */
  listEntityRefs(filter: ConsultationFilter): Promise<string[]>;
  get(id: string): Promise<StoredConsultationWithEvents | undefined>;
  /**
   * Requests still open or in progress, and every request created, closed
   * or rated since `since`.
   */
  listMetricRecords(options: {
    since: Date;
  }): Promise<ConsultationMetricRecord[]>;
  /** Every request open or in progress, oldest first. */
  listQueue(): Promise<QueuedConsultation[]>;
  /** Throws a `ConflictError` when the request's status is not in `from`. */
  transition(transition: ConsultationTransition): Promise<StoredConsultation>;
  assign(options: {
    id: string;
    assigneeRef?: string;
    actorRef: string;
  }): Promise<StoredConsultation>;
  comment(options: {
    id: string;
    actorRef: string;
    body: string;
    byStaff: boolean;
  }): Promise<ConsultationEvent>;
  /**
   * Stores the rating of a resolved or declined request that has none, at
   * the database's time, with a `rated` event. The condition makes it
   * atomic: of two concurrent ratings only one is stored. Throws a
   * `NotFoundError` for an unknown request and a `ConflictError` when it is
   * not resolved or declined, or already rated.
   */
  rate(options: {
    id: string;
    actorRef: string;
    score: number;
    comment?: string;
  }): Promise<ConsultationRating>;
}
