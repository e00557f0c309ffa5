import { ConsultationStatus } from './consultations';
import { MetricScope, MetricValue } from './metrics';
import { ChecklistDefinition, ChecklistItemStatus } from './types';

/**
 * A cell of the checklist heat map: the team's answer, or `unanswered`.
 *
 * @public
 */
export type ChecklistCellStatus = ChecklistItemStatus | 'unanswered';

/**
 * Every cell status, in the order the heat map's legend shows them.
 *
 * @public
 */
export const CHECKLIST_CELL_STATUSES: readonly ChecklistCellStatus[] = [
  'done',
  'in-progress',
  'not-started',
  'not-applicable',
  'unanswered',
];

/**
 * A column of the heat map: one item of one checklist.
 *
 * @public
 */
export interface ChecklistMatrixColumn {
  /** `<checklistId>/<itemId>`, the key of the cells. */
  key: string;
  checklistId: string;
  itemId: string;
  title: string;
}

/**
 * How many teams gave each answer to one item.
 *
 * @public
 */
export type ChecklistStatusCounts = Record<ChecklistCellStatus, number>;

/**
 * Done and applicable items (not-applicable excluded), and their share;
 * `ratio` is undefined when nothing applies.
 *
 * @public
 */
export interface MatrixCompletion {
  done: number;
  applicable: number;
  ratio?: number;
}

/**
 * A row of the heat map for one team.
 *
 * @public
 */
export interface ChecklistMatrixTeam extends MatrixCompletion {
  ref: string;
  title: string;
  /** The parent Group, when the team has one. */
  departmentRef?: string;
  /** The cell of each column, by column key. */
  statuses: Record<string, ChecklistCellStatus>;
}

/**
 * A department row: every team below it, rolled up.
 *
 * @public
 */
export interface ChecklistMatrixDepartment extends MatrixCompletion {
  ref: string;
  title: string;
  parentRef?: string;
  /** 0 for a top-level Group. */
  depth: number;
  /** Teams below it, at any depth. */
  teamCount: number;
  /** Answer counts over those teams, by column key. */
  counts: Record<string, ChecklistStatusCounts>;
}

/**
 * Filters, sorting and paging of the heat map.
 *
 * @public
 */
export interface ChecklistMatrixQuery {
  /** A department's Group ref: only the teams below it. */
  department?: string;
  /** Only this checklist's columns. */
  checklistId?: string;
  /** Only teams with at least one cell in this status. */
  status?: ChecklistCellStatus;
  /** `department` (the default) keeps a department's teams together. */
  sort?: 'department' | 'completion' | 'title';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/**
 * The checklist heat map: teams × checklist items, with department roll-ups.
 *
 * @public
 */
export interface ChecklistMatrix {
  checklists: ChecklistDefinition[];
  columns: ChecklistMatrixColumn[];
  /** The organisation as a whole, over the filtered teams. */
  total: ChecklistMatrixDepartment;
  /** Every department with a filtered team below it, parents before children. */
  departments: ChecklistMatrixDepartment[];
  /** One page of the filtered teams. */
  teams: ChecklistMatrixTeam[];
  totalCount: number;
  /** When the metrics run whose Group hierarchy is used finished. */
  hierarchyAsOf?: string;
}

/**
 * One metric's latest value for each Group below a scope.
 *
 * @public
 */
export interface MetricScopeValues {
  metricId: string;
  computedAt?: string;
  items: Array<{ scope: MetricScope; value: MetricValue }>;
}

/**
 * The consultation queue in figures.
 *
 * @public
 */
export interface ConsultationSummary {
  open: number;
  inProgress: number;
  /** Median age in hours of the requests open or in progress. */
  medianAgeHours?: number;
  /** The oldest request open or in progress that the caller may see. */
  oldest?: {
    id: string;
    summary: string;
    entityRef: string;
    status: ConsultationStatus;
    createdAt: string;
  };
}
