import { components, paths } from './schema/openapi.generated';
import { everyMember } from './schema/everyMember';

// The response bodies and queries of the dashboard routes, named as the
// OpenAPI spec (`plugins/ospo-backend/src/schema/openapi.yaml`) names them:
// the spec documents each field.

/**
 * A cell of the checklist heat map: the team's answer, or `unanswered`.
 *
 * @public
 */
export type ChecklistCellStatus = components['schemas']['ChecklistCellStatus'];

/**
 * Every cell status, in the order the heat map's legend shows them.
 *
 * @public
 */
export const CHECKLIST_CELL_STATUSES: readonly ChecklistCellStatus[] =
  everyMember<ChecklistCellStatus>()([
    'done',
    'expired',
    'in-progress',
    'not-started',
    'not-applicable',
    'unanswered',
  ]);

/**
 * A column of the heat map: one item of one checklist.
 *
 * @public
 */
export type ChecklistMatrixColumn =
  components['schemas']['ChecklistMatrixColumn'];

/**
 * How many teams gave each answer to one item.
 *
 * @public
 */
export type ChecklistStatusCounts =
  components['schemas']['ChecklistStatusCounts'];

/**
 * A row of the heat map for one team.
 *
 * @public
 */
export type ChecklistMatrixTeam = components['schemas']['ChecklistMatrixTeam'];

/**
 * A department row: every team below it, rolled up.
 *
 * @public
 */
export type ChecklistMatrixDepartment =
  components['schemas']['ChecklistMatrixDepartment'];

/**
 * Done and applicable items (not-applicable excluded), and their share;
 * `ratio` is undefined when nothing applies. The part a team's and a
 * department's row have in common.
 *
 * @public
 */
export type MatrixCompletion = Pick<
  ChecklistMatrixTeam,
  'done' | 'applicable' | 'ratio'
>;

/**
 * Filters, sorting and paging of the heat map; an empty filter is no filter.
 *
 * @public
 */
export type ChecklistMatrixQuery = NonNullable<
  paths['/dashboard/checklists']['get']['parameters']['query']
>;

/**
 * The checklist heat map: teams × checklist items, with department roll-ups.
 *
 * @public
 */
export type ChecklistMatrix = components['schemas']['ChecklistMatrix'];

/**
 * One metric's latest value for each Group below a scope.
 *
 * @public
 */
export type MetricScopeValues = components['schemas']['MetricScopeValues'];

/**
 * The consultation queue in figures.
 *
 * @public
 */
export type ConsultationSummary = components['schemas']['ConsultationSummary'];
