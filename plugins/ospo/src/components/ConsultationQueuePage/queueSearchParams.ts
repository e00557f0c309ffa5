import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_ORDER,
  DEFAULT_QUEUE_FILTERS,
  MAX_SEARCH_LENGTH,
  QueueFilters,
  QueueOrder,
  STATUS_FILTERS,
  StatusFilter,
} from './queueFilters';

/** The page sizes people can choose. */
export const PAGE_SIZES = [10, 20, 50];

/** The page size the queue opens with. */
export const DEFAULT_PAGE_SIZE = 20;

/** What the queue shows: filters, order and page. */
export interface QueueView {
  filters: QueueFilters;
  order: QueueOrder;
  /** From 0; the URL counts from 1. */
  page: number;
  pageSize: number;
}

/** The query parameters of the queue in the page's URL. */
const PARAM = {
  status: 'status',
  topic: 'topic',
  q: 'q',
  requesterRef: 'requester',
  entityRef: 'entity',
  ownerRef: 'owner',
  assignee: 'assignee',
  mine: 'mine',
  orderBy: 'sort',
  order: 'order',
  page: 'page',
  pageSize: 'size',
} as const;

/** The refs the backend takes, e.g. `user:default/lee`. */
const FULL_REF =
  /^[A-Za-z][A-Za-z0-9]{0,62}:[A-Za-z0-9][A-Za-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * A full entity ref, or empty for anything that is not one (of the given
 * kind). A short ref such as `lee` for a User is completed.
 */
export function fullEntityRef(value: string | null, kind?: string): string {
  if (!value) {
    return '';
  }
  try {
    const ref = stringifyEntityRef(
      parseEntityRef(value, { defaultKind: kind, defaultNamespace: 'default' }),
    );
    if (!FULL_REF.test(ref)) {
      return '';
    }
    if (kind && !ref.toLocaleLowerCase('en-US').startsWith(`${kind}:`)) {
      return '';
    }
    return ref;
  } catch {
    return '';
  }
}

function statusFilter(value: string | null): StatusFilter {
  return (
    STATUS_FILTERS.find(filter => filter.id === value)?.id ??
    DEFAULT_QUEUE_FILTERS.status
  );
}

function assigneeFilter(value: string | null): string {
  if (value === 'unassigned') {
    return value;
  }
  return fullEntityRef(value, 'user') || DEFAULT_QUEUE_FILTERS.assignee;
}

function queueOrder(orderBy: string | null, order: string | null): QueueOrder {
  const by = (['createdAt', 'updatedAt', 'urgency', 'status'] as const).find(
    key => key === orderBy,
  );
  if (!by) {
    return DEFAULT_ORDER;
  }
  return { orderBy: by, order: order === 'asc' ? 'asc' : 'desc' };
}

/** `page=2` is the second page; anything but a whole number from 1 is the first. */
function pageIndex(value: string | null): number {
  if (!value || !/^\d+$/.test(value)) {
    return 0;
  }
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page - 1 : 0;
}

function pageSize(value: string | null): number {
  return PAGE_SIZES.find(size => String(size) === value) ?? DEFAULT_PAGE_SIZE;
}

/**
 * The queue's view as a URL's query asks for it. A value the queue does not
 * know falls back to its default rather than fail: links outlive releases
 * and get typed by hand.
 */
export function readQueueView(params: URLSearchParams): QueueView {
  return {
    filters: {
      status: statusFilter(params.get(PARAM.status)),
      topic: params.get(PARAM.topic) ?? '',
      q: (params.get(PARAM.q) ?? '').slice(0, MAX_SEARCH_LENGTH),
      requesterRef: fullEntityRef(params.get(PARAM.requesterRef), 'user'),
      entityRef: fullEntityRef(params.get(PARAM.entityRef)),
      ownerRef: fullEntityRef(params.get(PARAM.ownerRef), 'group'),
      assignee: assigneeFilter(params.get(PARAM.assignee)),
      mine: params.get(PARAM.mine) === 'true',
    },
    order: queueOrder(params.get(PARAM.orderBy), params.get(PARAM.order)),
    page: pageIndex(params.get(PARAM.page)),
    pageSize: pageSize(params.get(PARAM.pageSize)),
  };
}

/**
 * The URL's query with the queue's view in it. Defaults are left out, so the
 * unfiltered queue keeps a plain URL; parameters that are not the queue's
 * stay as they are.
 */
export function writeQueueView(
  params: URLSearchParams,
  view: QueueView,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of Object.values(PARAM)) {
    next.delete(name);
  }
  const { filters, order, page } = view;
  const set = (name: string, value: string, fallback: string) => {
    if (value !== fallback) {
      next.set(name, value);
    }
  };
  set(PARAM.status, filters.status, DEFAULT_QUEUE_FILTERS.status);
  set(PARAM.topic, filters.topic, '');
  set(PARAM.q, filters.q.trim(), '');
  set(PARAM.requesterRef, filters.requesterRef, '');
  set(PARAM.entityRef, filters.entityRef, '');
  set(PARAM.ownerRef, filters.ownerRef, '');
  set(PARAM.assignee, filters.assignee, DEFAULT_QUEUE_FILTERS.assignee);
  set(PARAM.mine, String(filters.mine), 'false');
  if (
    order.orderBy !== DEFAULT_ORDER.orderBy ||
    order.order !== DEFAULT_ORDER.order
  ) {
    next.set(PARAM.orderBy, order.orderBy);
    next.set(PARAM.order, order.order);
  }
  set(PARAM.page, String(page + 1), '1');
  set(PARAM.pageSize, String(view.pageSize), String(DEFAULT_PAGE_SIZE));
  return next;
}
