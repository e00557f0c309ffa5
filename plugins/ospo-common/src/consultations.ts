/**
 * Where a consultation request stands. `open`, `in-progress` are active;
 * `resolved`, `declined` and `withdrawn` are closed until reopened.
 *
 * @public
 */
export type ConsultationStatus =
  | 'open'
  | 'in-progress'
  | 'resolved'
  | 'declined'
  | 'withdrawn';

/**
 * Every {@link ConsultationStatus}, active ones first.
 *
 * @public
 */
export const CONSULTATION_STATUSES: readonly ConsultationStatus[] = [
  'open',
  'in-progress',
  'resolved',
  'declined',
  'withdrawn',
];

/**
 * How soon the requester needs an answer.
 *
 * @public
 */
export type ConsultationUrgency = 'low' | 'normal' | 'high' | 'critical';

/**
 * Every {@link ConsultationUrgency}, least urgent first.
 *
 * @public
 */
export const CONSULTATION_URGENCIES: readonly ConsultationUrgency[] = [
  'low',
  'normal',
  'high',
  'critical',
];

/**
 * A change of status, and who may make it:
 * - `start`: open → in-progress (OSPO staff)
 * - `resolve`, `decline`: open or in-progress → resolved / declined, with a
 *   note (OSPO staff)
 * - `reopen`: resolved, declined or withdrawn → open (OSPO staff)
 * - `withdraw`: open or in-progress → withdrawn (the requester)
 *
 * @public
 */
export type ConsultationAction =
  | 'start'
  | 'resolve'
  | 'decline'
  | 'reopen'
  | 'withdraw';

/**
 * Something the OSPO helps with, offered when filing a request.
 *
 * @public
 */
export interface ConsultationTopic {
  id: string;
  title: string;
  description: string;
  guidanceUrl?: string;
}

/**
 * A way to reach the OSPO, such as a chat channel or mailing list.
 *
 * @public
 */
export interface OspoContact {
  title: string;
  url: string;
}

/**
 * Who the OSPO is, how to reach it and what it helps with (`ospo.office`).
 *
 * @public
 */
export interface OspoOffice {
  /** Entity ref of the OSPO's Group; its members are OSPO staff. */
  groupRef: string;
  contacts: OspoContact[];
  officeHours?: string;
  topics: ConsultationTopic[];
}

/**
 * A request for the OSPO's advice about one catalog entity.
 *
 * @public
 */
export interface Consultation {
  id: string;
  entityRef: string;
  requesterRef: string;
  topic: string;
  summary: string;
  details?: string;
  urgency: ConsultationUrgency;
  status: ConsultationStatus;
  assigneeRef?: string;
  /** The OSPO's answer when resolved or declined, or the reason for withdrawing. */
  resolution?: string;
  createdAt: string;
  updatedAt: string;
  /** When OSPO staff first acted on it (a comment, assignment or status change). */
  firstResponseAt?: string;
  commentCount: number;
}

/**
 * One entry of a consultation's thread.
 *
 * @public
 */
export interface ConsultationEvent {
  id: string;
  type: 'created' | 'comment' | 'status' | 'assignment';
  actorRef: string;
  createdAt: string;
  /** The comment, or the note given with a status change. */
  body?: string;
  fromStatus?: ConsultationStatus;
  toStatus?: ConsultationStatus;
  /** The new assignee of an assignment; absent when unassigned. */
  assigneeRef?: string;
}

/**
 * A consultation with its whole thread, oldest first.
 *
 * @public
 */
export interface ConsultationWithEvents extends Consultation {
  events: ConsultationEvent[];
}

/**
 * The body of a new request. The entity comes from the route and the
 * requester from the caller's identity, never from the body.
 *
 * @public
 */
export interface CreateConsultationRequest {
  topic: string;
  summary: string;
  details?: string;
  urgency: ConsultationUrgency;
}

/**
 * Filters and paging of the consultation list.
 *
 * @public
 */
export interface ConsultationQuery {
  entityRef?: string;
  status?: ConsultationStatus[];
  topic?: string;
  /** An entity ref, or `none` for unassigned requests. */
  assigneeRef?: string;
  requesterRef?: string;
  orderBy?: 'createdAt' | 'updatedAt' | 'urgency' | 'status';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/**
 * One page of consultations.
 *
 * @public
 */
export interface ConsultationPage {
  items: Consultation[];
  totalCount: number;
  limit: number;
  offset: number;
}
