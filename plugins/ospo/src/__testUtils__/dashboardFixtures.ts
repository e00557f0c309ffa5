import {
  CHECKLIST_CELL_STATUSES,
  ChecklistCellStatus,
  ChecklistDefinition,
  ChecklistMatrix,
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
  ChecklistMatrixTeam,
  ChecklistStatusCounts,
  ConsultationSummary,
  MetricFinding,
  MetricFindingPage,
  MetricScope,
  MetricScopeValues,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { latestRunAt } from './metricFixtures';
import { daysAgo, ospoChecklist } from './ospoFixtures';

/** A second, shorter checklist, so the heat map has two column groups. */
export const innerSourceChecklist: ChecklistDefinition = {
  id: 'innersource',
  title: 'Inner source',
  description: 'Working in the open inside the company.',
  items: [
    {
      id: 'contributing',
      title: 'Contributing guide',
      description: 'Every repository says how to contribute.',
    },
    {
      id: 'mentoring',
      title: 'Mentoring',
      description: 'Trusted committers mentor contributors.',
    },
  ],
};

/** The heat map's columns of some checklists, in their order. */
export function matrixColumns(
  checklists: ChecklistDefinition[] = [ospoChecklist, innerSourceChecklist],
): ChecklistMatrixColumn[] {
  return checklists.flatMap(checklist =>
    checklist.items.map(item => ({
      key: `${checklist.id}/${item.id}`,
      checklistId: checklist.id,
      itemId: item.id,
      title: item.title,
    })),
  );
}

/** Status counts, zero where not given. */
export function statusCounts(
  counts: Partial<ChecklistStatusCounts> = {},
): ChecklistStatusCounts {
  const all = {} as ChecklistStatusCounts;
  for (const status of CHECKLIST_CELL_STATUSES) {
    all[status] = counts[status] ?? 0;
  }
  return all;
}

/** Done and applicable of some statuses, as the backend computes them. */
function completionOf(statuses: ChecklistCellStatus[]) {
  const done = statuses.filter(s => s === 'done').length;
  const applicable = statuses.filter(s => s !== 'not-applicable').length;
  return {
    done,
    applicable,
    ratio: applicable > 0 ? done / applicable : undefined,
  };
}

/**
 * A team's row; `statuses` by column key, unanswered where not given, over
 * the given columns.
 */
export function makeMatrixTeam(
  ref: string,
  title: string,
  departmentRef: string | undefined,
  statuses: Record<string, ChecklistCellStatus>,
  columns: ChecklistMatrixColumn[] = matrixColumns(),
): ChecklistMatrixTeam {
  const cells = columns.map(c => statuses[c.key] ?? 'unanswered');
  return {
    ref,
    title,
    departmentRef,
    statuses,
    ...completionOf(cells),
  };
}

/** A department's roll-up over the given teams (all of them at any depth). */
export function makeMatrixDepartment(
  ref: string,
  title: string,
  fields: { parentRef?: string; depth: number },
  teams: ChecklistMatrixTeam[],
  columns: ChecklistMatrixColumn[] = matrixColumns(),
): ChecklistMatrixDepartment {
  const counts: Record<string, ChecklistStatusCounts> = {};
  const cells: ChecklistCellStatus[] = [];
  for (const column of columns) {
    const columnCounts = statusCounts();
    for (const team of teams) {
      const status = team.statuses[column.key] ?? 'unanswered';
      columnCounts[status] += 1;
      cells.push(status);
    }
    counts[column.key] = columnCounts;
  }
  return {
    ref,
    title,
    ...fields,
    teamCount: teams.length,
    counts,
    ...completionOf(cells),
  };
}

export const checkout = makeMatrixTeam(
  'group:default/checkout',
  'Checkout',
  'group:default/commerce',
  {
    'ospo/creation': 'done',
    'ospo/stakeholders': 'in-progress',
    'ospo/awareness': 'not-started',
    'ospo/consultation': 'not-applicable',
    'innersource/contributing': 'done',
  },
);
export const billing = makeMatrixTeam(
  'group:default/billing',
  'Billing',
  'group:default/commerce',
  {
    'ospo/creation': 'done',
    'ospo/stakeholders': 'done',
    // Done once, more than its validFor ago.
    'ospo/measurement': 'expired',
  },
);
export const platform = makeMatrixTeam(
  'group:default/platform',
  'Platform',
  'group:default/engineering',
  { 'ospo/creation': 'not-started' },
);
export const brand = makeMatrixTeam(
  'group:default/brand',
  'Brand',
  'group:default/marketing',
  { 'ospo/creation': 'in-progress' },
);

export const engineering = makeMatrixDepartment(
  'group:default/engineering',
  'Engineering',
  { depth: 0 },
  [checkout, billing, platform],
);
export const commerce = makeMatrixDepartment(
  'group:default/commerce',
  'Commerce',
  { depth: 1, parentRef: 'group:default/engineering' },
  [checkout, billing],
);
export const marketing = makeMatrixDepartment(
  'group:default/marketing',
  'Marketing',
  { depth: 0 },
  [brand],
);

/**
 * The heat map of a small organisation: Engineering (Platform, and Commerce
 * with Checkout and Billing) and Marketing (Brand). Departments are listed
 * parents first, breadth first, as the contract allows.
 */
export function makeChecklistMatrix(
  overrides: Partial<ChecklistMatrix> = {},
): ChecklistMatrix {
  const teams = overrides.teams ?? [platform, checkout, billing, brand];
  return {
    checklists: [ospoChecklist, innerSourceChecklist],
    columns: matrixColumns(),
    total: makeMatrixDepartment('org', 'Organisation', { depth: -1 }, [
      checkout,
      billing,
      platform,
      brand,
    ]),
    departments: [engineering, marketing, commerce],
    teams,
    totalCount: teams.length,
    hierarchyAsOf: latestRunAt,
    ...overrides,
  };
}

/** What GET /dashboard/consultations returns. */
export const consultationSummary: ConsultationSummary = {
  open: 7,
  inProgress: 3,
  overdue: 2,
  medianAgeHours: 60,
  oldest: {
    id: '6f1c9a52-0d5e-4a55-9a58-1f6a3c1e2b01',
    summary: 'Can we publish the payments SDK?',
    entityRef: 'component:default/payments-api',
    status: 'open',
    createdAt: daysAgo(5.5),
  },
};

/** A page of findings: the given ones, of `totalCount` in all. */
export function makeFindingPage(
  metricId: string,
  items: Array<Omit<MetricFinding, 'metricId'>>,
  totalCount: number = items.length,
): MetricFindingPage {
  return { items: items.map(i => ({ metricId, ...i })), totalCount };
}

/** A Group scope of the metrics. */
export function makeScope(
  ref: string,
  title: string,
  fields: Partial<MetricScope> = {},
): MetricScope {
  return { ref, title, type: 'team', ...fields };
}

/** What GET /metrics/:id/values returns for these Groups. */
export function makeScopeValues(
  metricId: string,
  items: Array<{ scope: MetricScope; value: Partial<MetricValue> }>,
): MetricScopeValues {
  return {
    metricId,
    computedAt: latestRunAt,
    items: items.map(({ scope, value }) => ({
      scope,
      value: {
        metricId,
        scopeRef: scope.ref,
        computedAt: latestRunAt,
        ...value,
      },
    })),
  };
}
