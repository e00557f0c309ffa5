import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ConsultationSummary,
  ospoChecklistReadPermission,
  ospoConsultationReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import express from 'express';
import Router from 'express-promise-router';
import {
  ConsultationStore,
  QueuedConsultation,
} from '../consultations/ConsultationStore';
import {
  ChecklistAggregate,
  ChecklistMatrixFilter,
} from './ChecklistAggregate';
import { ChecklistMatrixService } from './ChecklistMatrixService';
import { sendCsv } from '../http/csv';
import {
  consultationSummaryQuerySchema,
  matrixCsvQuerySchema,
  matrixQuerySchema,
} from './dashboardValidation';
import { TeamDirectory } from '../access/TeamDirectory';
import { parseInput } from '../http/validation';

/**
 * Entities asked of the catalog at first while looking for the oldest
 * request the caller can see, doubling each time none is: usually the first
 * few are visible, and the catalog checks each one it is asked about.
 */
const FIRST_VISIBILITY_BATCH = 5;
const HOUR_MS = 60 * 60 * 1000;

/**
 * What the dashboard router needs; built by the plugin's `init`.
 *
 * @internal
 */
export interface DashboardRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  matrix: ChecklistMatrixService;
  consultations: ConsultationStore;
  teams: TeamDirectory;
}

/**
 * The aggregates of the OSPO's dashboard in `src/schema/openapi.yaml`: the
 * checklist heat map (and its CSV) and the consultation queue in figures.
 *
 * @internal
 */
export async function createDashboardRouter(
  options: DashboardRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, matrix, consultations, teams } = options;
  const router = Router();

  async function authorized(
    req: express.Request,
    permission: BasicPermission,
    message: string,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message);
    }
    return credentials;
  }

  /**
   * The aggregate, once the filters are known to it: a department the
   * latest run did not see and an unconfigured checklist are 404s. The
   * catalog is not asked: the heat map is the run's hierarchy, the same for
   * every reader, and shows every department unfiltered anyway.
   */
  async function aggregateFor(
    filter: ChecklistMatrixFilter,
  ): Promise<ChecklistAggregate> {
    const aggregate = await matrix.getAggregate();
    if (filter.checklistId && !aggregate.hasChecklist(filter.checklistId)) {
      throw new NotFoundError(`No checklist '${filter.checklistId}'`);
    }
    if (filter.department && !aggregate.hasGroup(filter.department)) {
      throw new NotFoundError(`No department ${filter.department}`);
    }
    return aggregate;
  }

  const readChecklists = (req: express.Request) =>
    authorized(
      req,
      ospoChecklistReadPermission,
      'You may not read OSPO checklists',
    );

  router.get('/dashboard/checklists', async (req, res) => {
    await readChecklists(req);
    const query = parseInput(matrixQuerySchema, req.query, 'query');
    const aggregate = await aggregateFor(query);
    aggregate.matrixJson(query).send(req, res);
  });

  router.get('/dashboard/checklists.csv', async (req, res) => {
    await readChecklists(req);
    const filter = parseInput(matrixCsvQuerySchema, req.query, 'query');
    const aggregate = await aggregateFor(filter);
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
    const credentials = await authorized(
      req,
      ospoConsultationReadPermission,
      'You may not read consultation requests',
    );
    parseInput(consultationSummaryQuerySchema, req.query, 'query');
    const queue = await consultations.listQueue();
    const now = Date.now();
    const summary: ConsultationSummary = {
      open: queue.filter(c => c.status === 'open').length,
      inProgress: queue.filter(c => c.status === 'in-progress').length,
    };
    const median = medianOf(
      queue.map(c => (now - Date.parse(c.createdAt)) / HOUR_MS),
    );
    if (median !== undefined) summary.medianAgeHours = median;
    const oldest = await oldestVisible(queue, credentials);
    if (oldest) {
      summary.oldest = {
        id: oldest.id,
        summary: oldest.summary,
        entityRef: oldest.entityRef,
        status: oldest.status,
        createdAt: oldest.createdAt,
      };
    }
    res.json(summary);
  });

  /**
   * The oldest request whose entity the caller can see; the catalog is asked
   * about the entities oldest first, a growing batch at a time, until one is
   * visible.
   */
  async function oldestVisible(
    queue: QueuedConsultation[],
    credentials: BackstageCredentials,
  ): Promise<QueuedConsultation | undefined> {
    const entityRefs = [...new Set(queue.map(c => c.entityRef))];
    let batch = FIRST_VISIBILITY_BATCH;
    for (let i = 0; i < entityRefs.length; i += batch, batch *= 2) {
      const visible = new Set(
        await teams.visibleEntityRefs(
          entityRefs.slice(i, i + batch),
          credentials,
        ),
      );
      const found = queue.find(c => visible.has(c.entityRef));
      if (found) return found;
    }
    return undefined;
  }

  return router;
}

/** The median, undefined for no values. */
function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
