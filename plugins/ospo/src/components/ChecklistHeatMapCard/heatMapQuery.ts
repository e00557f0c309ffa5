import {
  ChecklistCellStatus,
  ChecklistMatrixQuery,
} from '@ospo-kit/plugin-ospo-common';

/** Teams per page of the heat map. */
export const HEAT_MAP_PAGE_SIZE = 100;

/** What the heat map is filtered by; an unset filter lets everything in. */
export interface HeatMapFilterValues {
  department?: string;
  checklistId?: string;
  status?: ChecklistCellStatus;
}

/**
 * How the teams are ordered: grouped along the hierarchy, or ranked by
 * completion across departments.
 */
export interface HeatMapSort {
  sort: 'department' | 'completion';
  order: 'asc' | 'desc';
}

/** Grouped by department, as the organisation is laid out. */
export const DEFAULT_HEAT_MAP_SORT: HeatMapSort = {
  sort: 'department',
  order: 'asc',
};

/** The backend query of one page of the heat map. */
export function heatMapQuery(
  filters: HeatMapFilterValues,
  sort: HeatMapSort,
  page: number,
): ChecklistMatrixQuery {
  return {
    ...filters,
    sort: sort.sort,
    order: sort.order,
    limit: HEAT_MAP_PAGE_SIZE,
    offset: page * HEAT_MAP_PAGE_SIZE,
  };
}

/** Whether any filter narrows the teams or the columns. */
export function hasHeatMapFilters(
  filters: Pick<ChecklistMatrixQuery, keyof HeatMapFilterValues>,
): boolean {
  return Boolean(filters.department || filters.checklistId || filters.status);
}
