import {
  ConsultationQuery,
  ConsultationStatus,
} from '@ospo-kit/plugin-ospo-common';

/** The status choices of the queue, from the work at hand to everything. */
export const STATUS_FILTERS = [
  {
    id: 'active',
    label: 'Open or in progress',
    statuses: ['open', 'in-progress'],
  },
  { id: 'open', label: 'Open', statuses: ['open'] },
  { id: 'in-progress', label: 'In progress', statuses: ['in-progress'] },
  { id: 'resolved', label: 'Resolved', statuses: ['resolved'] },
  { id: 'declined', label: 'Declined', statuses: ['declined'] },
  { id: 'withdrawn', label: 'Withdrawn', statuses: ['withdrawn'] },
  {
    id: 'closed',
    label: 'Closed (resolved, declined or withdrawn)',
    statuses: ['resolved', 'declined', 'withdrawn'],
  },
  { id: 'all', label: 'Any status', statuses: undefined },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  statuses: readonly ConsultationStatus[] | undefined;
}>;

/** One of the {@link STATUS_FILTERS}. */
export type StatusFilter = (typeof STATUS_FILTERS)[number]['id'];

/**
 * Whose requests to show: anyone's, nobody's yet, or one staff member's
 * (their entity ref).
 */
export type AssigneeFilter = 'anyone' | 'unassigned' | string;

/** The shortest search the backend takes. */
export const MIN_SEARCH_LENGTH = 2;

/** The longest search the backend takes. */
export const MAX_SEARCH_LENGTH = 200;

/** What the queue shows; the defaults are the work at hand. */
export interface QueueFilters {
  status: StatusFilter;
  /** A topic id, or empty for every topic. */
  topic: string;
  /** Words every request shown contains, or empty. */
  q: string;
  /** The requester's entity ref, or empty. */
  requesterRef: string;
  /** The entity's ref, or empty. */
  entityRef: string;
  /** A Group owning the entity, directly or from above; or empty. */
  ownerRef: string;
  assignee: AssigneeFilter;
  /** Only the signed-in user's requests: filed by them, or for staff assigned to them. */
  mine: boolean;
}

/** The queue as it opens: every active request, whoever works on it. */
export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: 'active',
  topic: '',
  q: '',
  requesterRef: '',
  entityRef: '',
  ownerRef: '',
  assignee: 'anyone',
  mine: false,
};

/** The filters folded under "More filters", to count the ones in use. */
export const SECONDARY_FILTERS = [
  'topic',
  'requesterRef',
  'entityRef',
  'ownerRef',
] as const satisfies ReadonlyArray<keyof QueueFilters>;

/** How many of the folded filters are set. */
export function countSecondaryFilters(filters: QueueFilters): number {
  return SECONDARY_FILTERS.filter(name => filters[name] !== '').length;
}

/** Whether the filters are the defaults. */
export function isDefaultFilters(filters: QueueFilters): boolean {
  return (
    Object.keys(DEFAULT_QUEUE_FILTERS) as Array<keyof QueueFilters>
  ).every(name => filters[name] === DEFAULT_QUEUE_FILTERS[name]);
}

/** The sort orders the backend offers. */
export type QueueOrder = Required<Pick<ConsultationQuery, 'orderBy' | 'order'>>;

/** Newest requests first, as people expect of a list of things to look at. */
export const DEFAULT_ORDER: QueueOrder = {
  orderBy: 'createdAt',
  order: 'desc',
};

/** The list query for the filters, sort and page. */
export function queueQuery(options: {
  filters: QueueFilters;
  order: QueueOrder;
  page: number;
  pageSize: number;
}): ConsultationQuery {
  const { filters, order, page, pageSize } = options;
  let assigneeRef: string | undefined;
  if (filters.assignee === 'unassigned') {
    assigneeRef = 'none';
  } else if (filters.assignee !== 'anyone') {
    assigneeRef = filters.assignee;
  }
  const statuses = STATUS_FILTERS.find(f => f.id === filters.status)?.statuses;
  const q = filters.q.trim();
  return {
    status: statuses ? [...statuses] : undefined,
    topic: filters.topic || undefined,
    q: q.length >= MIN_SEARCH_LENGTH ? q : undefined,
    requesterRef: filters.requesterRef || undefined,
    entityRef: filters.entityRef || undefined,
    ownerRef: filters.ownerRef || undefined,
    assigneeRef,
    mine: filters.mine || undefined,
    orderBy: order.orderBy,
    order: order.order,
    limit: pageSize,
    offset: page * pageSize,
  };
}
