import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CHECKLIST_CELL_STATUSES,
  ChecklistCellStatus,
} from '@ospo-kit/plugin-ospo-common';
import {
  DEFAULT_HEAT_MAP_SORT,
  HeatMapFilterValues,
  HeatMapSort,
} from './heatMapQuery';

/** What the heat map shows: filters, order and page. */
export interface HeatMapView {
  filters: HeatMapFilterValues;
  sort: HeatMapSort;
  /** From 0; the URL counts from 1. */
  page: number;
}

/** Every team, grouped by department, from the first page. */
export const DEFAULT_HEAT_MAP_VIEW: HeatMapView = {
  filters: {},
  sort: DEFAULT_HEAT_MAP_SORT,
  page: 0,
};

/** The query parameters of the heat map in the page's URL. */
const PARAM = {
  department: 'department',
  checklistId: 'checklist',
  status: 'status',
  sort: 'sort',
  order: 'order',
  page: 'page',
} as const;

/** A Group's full ref, or undefined for anything that is not one. */
function groupRef(value: string | null): string | undefined {
  if (!value) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group'
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

function cellStatus(value: string | null): ChecklistCellStatus | undefined {
  return CHECKLIST_CELL_STATUSES.find(status => status === value);
}

function heatMapSort(sort: string | null, order: string | null): HeatMapSort {
  // Grouping by department only goes one way.
  if (sort === 'completion') {
    return { sort: 'completion', order: order === 'desc' ? 'desc' : 'asc' };
  }
  return DEFAULT_HEAT_MAP_SORT;
}

/** `page=2` is the second page; anything but a whole number from 1 is the first. */
function pageIndex(value: string | null): number {
  if (!value || !/^\d+$/.test(value)) {
    return 0;
  }
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page - 1 : 0;
}

/**
 * The heat map's view as a URL's query asks for it. A value the heat map
 * does not know (a status, a sort, a page, something that is not a Group
 * ref) falls back to its default rather than fail: links outlive releases
 * and get typed by hand. Whether a department or checklist exists is left to
 * the server, which knows.
 */
export function readHeatMapView(params: URLSearchParams): HeatMapView {
  const checklistId = params.get(PARAM.checklistId) || undefined;
  return {
    filters: {
      department: groupRef(params.get(PARAM.department)),
      checklistId,
      status: cellStatus(params.get(PARAM.status)),
    },
    sort: heatMapSort(params.get(PARAM.sort), params.get(PARAM.order)),
    page: pageIndex(params.get(PARAM.page)),
  };
}

/**
 * The URL's query with the heat map's view in it. Defaults are left out, so
 * the unfiltered dashboard keeps a plain URL; parameters that are not the
 * heat map's stay as they are.
 */
export function writeHeatMapView(
  params: URLSearchParams,
  view: HeatMapView,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of Object.values(PARAM)) {
    next.delete(name);
  }
  const { filters, sort, page } = view;
  if (filters.department) {
    next.set(PARAM.department, filters.department);
  }
  if (filters.checklistId) {
    next.set(PARAM.checklistId, filters.checklistId);
  }
  if (filters.status) {
    next.set(PARAM.status, filters.status);
  }
  if (sort.sort !== DEFAULT_HEAT_MAP_SORT.sort) {
    next.set(PARAM.sort, sort.sort);
  }
  if (sort.order !== DEFAULT_HEAT_MAP_SORT.order) {
    next.set(PARAM.order, sort.order);
  }
  if (page > 0) {
    next.set(PARAM.page, String(page + 1));
  }
  return next;
}
