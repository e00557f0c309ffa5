import {
  Consultation,
  ConsultationEvent,
  ConsultationQuery,
  ConsultationStatus,
  ConsultationUrgency,
  ConsultationWithEvents,
} from '@ospo-kit/plugin-ospo-common';

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
 * The filters of the consultation list, without ordering and paging.
 *
 * @public
 */
export type ConsultationFilter = Omit<
  ConsultationQuery,
  'orderBy' | 'order' | 'limit' | 'offset'
>;

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
}

/**
 * A request waiting for the OSPO, as the queue summary reads it.
 *
 * @public
 */
export type QueuedConsultation = Pick<
  Consultation,
  'id' | 'entityRef' | 'summary' | 'status' | 'createdAt'
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
  }): Promise<Consultation>;
  /**
   * One page of the requests matching the filters. Requests about the
   * entities in `excludeEntityRefs` are left out before paging, so that
   * `totalCount` and the pages only count what the caller may see.
   */
  list(
    query: Required<
      Pick<ConsultationQuery, 'orderBy' | 'order' | 'limit' | 'offset'>
    > &
      ConsultationQuery & { excludeEntityRefs?: string[] },
  ): Promise<{ items: Consultation[]; totalCount: number }>;
  /** The distinct entities of the requests matching the filters. */
  listEntityRefs(filter: ConsultationFilter): Promise<string[]>;
  get(id: string): Promise<ConsultationWithEvents | undefined>;
  /** Requests still open or in progress, and every request created since `createdSince`. */
  listMetricRecords(options: {
    createdSince: Date;
  }): Promise<ConsultationMetricRecord[]>;
  /** Every request open or in progress, oldest first. */
  listQueue(): Promise<QueuedConsultation[]>;
  /** Throws a `ConflictError` when the request's status is not in `from`. */
  transition(transition: ConsultationTransition): Promise<Consultation>;
  assign(options: {
    id: string;
    assigneeRef?: string;
    actorRef: string;
  }): Promise<Consultation>;
  comment(options: {
    id: string;
    actorRef: string;
    body: string;
    byStaff: boolean;
  }): Promise<ConsultationEvent>;
}
