import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';
import { sendCsv } from '../http/csv';
import { toScopeRef } from '../metrics/scopeRefs';
import { OspoApiRouter } from '../schema/openapi';
import { ChecklistMatrixFilter } from './ChecklistAggregate';
import { DashboardService } from './DashboardService';

/**
 * What the dashboard routes need.
 *
 * @internal
 */
export interface DashboardRoutesOptions {
  httpAuth: HttpAuthService;
  dashboard: DashboardService;
}

/** The heat map's filters from the query; an empty one is no filter. */
function filterOf(query: {
  department?: string;
  checklistId?: string;
  status?: ChecklistCellStatus | '';
}): ChecklistMatrixFilter {
  const filter: ChecklistMatrixFilter = {};
  const department = toScopeRef('department', query.department, undefined);
  if (department) filter.department = department;
  if (query.checklistId) filter.checklistId = query.checklistId;
  if (query.status) filter.status = query.status;
  return filter;
}

/**
 * The dashboard routes of the REST API (`src/schema/openapi.yaml`): the
 * checklist heat map (and its CSV) and the consultation queue in figures;
 * the router has validated each request.
 *
 * @internal
 */
export function addDashboardRoutes(
  router: OspoApiRouter,
  options: DashboardRoutesOptions,
): void {
  const { httpAuth, dashboard } = options;
  const anyone = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dashboard/checklists', async (req, res) => {
    const credentials = await anyone(req);
    const {
      sort = 'department',
      order = 'asc',
      limit = 100,
      offset = 0,
    } = req.query;
    const body = await dashboard.getChecklistMatrixBody(
      { ...filterOf(req.query), sort, order, limit, offset },
      credentials,
    );
    body.send(req, res);
  });

  router.get('/dashboard/checklists.csv', async (req, res) => {
    const credentials = await anyone(req);
    const filter = filterOf(req.query);
    const aggregate = await dashboard.getChecklistAggregate(
      filter,
      credentials,
    );
    const { checklists, columns, rows } = aggregate.exportRows(filter);
    const checklistTitle = new Map(checklists.map(c => [c.id, c.title]));
    sendCsv(res, 'ospo-checklists.csv', [
      [
        'Team ref',
        'Team',
        'Department',
        ...columns.map(
          c => `${checklistTitle.get(c.checklistId)} / ${c.title}`,
        ),
        'Done',
        'Applicable',
        'Completion %',
      ],
      ...rows.map(row => [
        row.ref,
        row.title,
        row.departmentTitle ?? row.departmentRef,
        ...row.statuses,
        row.done,
        row.applicable,
        row.ratio === undefined ? undefined : Math.round(row.ratio * 1000) / 10,
      ]),
    ]);
  });

  router.get('/dashboard/consultations', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await dashboard.getConsultationSummary(credentials));
  });
}
