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

/** Whose requests to show. */
export type AssigneeFilter = 'anyone' | 'me' | 'unassigned';

/** What the queue shows; the defaults are the work at hand. */
export interface QueueFilters {
  status: StatusFilter;
  /** A topic id, or empty for every topic. */
  topic: string;
  assignee: AssigneeFilter;
}

/** The queue as it opens: every active request, whoever works on it. */
export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: 'active',
  topic: '',
  assignee: 'anyone',
};

/** The sort orders the backend offers. */
export type QueueOrder = Required<Pick<ConsultationQuery, 'orderBy' | 'order'>>;

/**
 * The list query for the filters, sort and page. Undefined while the filter
 * needs the signed-in user and they are not known yet.
 */
export function queueQuery(options: {
  filters: QueueFilters;
  order: QueueOrder;
  page: number;
  pageSize: number;
  currentUserRef?: string;
}): ConsultationQuery | undefined {
  const { filters, order, page, pageSize, currentUserRef } = options;
  let assigneeRef: string | undefined;
  if (filters.assignee === 'me') {
    if (!currentUserRef) {
      return undefined;
    }
    assigneeRef = currentUserRef;
  } else if (filters.assignee === 'unassigned') {
    assigneeRef = 'none';
  }
  const statuses = STATUS_FILTERS.find(f => f.id === filters.status)?.statuses;
  return {
    status: statuses ? [...statuses] : undefined,
    topic: filters.topic || undefined,
    assigneeRef,
    orderBy: order.orderBy,
    order: order.order,
    limit: pageSize,
    offset: page * pageSize,
  };
}
