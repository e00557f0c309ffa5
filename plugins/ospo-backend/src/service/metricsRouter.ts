import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  LatestMetrics,
  MetricDefinition,
  MetricScope,
  ORG_SCOPE,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import express from 'express';
import Router from 'express-promise-router';
import { MetricsStore } from '../database/MetricsStore';
import {
  findingsQuerySchema,
  historyQuerySchema,
  latestQuerySchema,
  metricIdSchema,
} from './metricsValidation';
import { TeamDirectory } from './TeamDirectory';
import { parseInput } from './validation';
import { collectDescendants } from '../metrics/TeamHierarchy';

/**
 * What the metrics router needs; built by the plugin's `init`.
 *
 * @internal
 */
export interface MetricsRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: MetricsStore;
  definitions: MetricDefinition[];
  teams: TeamDirectory;
  /** Starts a run now; throws a `ConflictError` while one is running. */
  triggerRun(): Promise<void>;
}

/**
 * The metrics part of the REST API in `src/schema/openapi.yaml`. Figures are
 * only ever read from stored snapshots, never computed on request.
 *
 * @internal
 */
export async function createMetricsRouter(
  options: MetricsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, definitions, teams } = options;
  const definitionById = new Map(definitions.map(d => [d.id, d]));
  const router = Router();

  async function authorize(
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
  const canRead = (req: express.Request) =>
    authorize(req, ospoMetricsReadPermission, 'You may not read OSPO metrics');

  // A Group the caller cannot see in the catalog is reported as missing.
  async function visibleScope(
    scopeRef: string,
    credentials: BackstageCredentials,
  ) {
    if (scopeRef !== ORG_SCOPE && !(await teams.teamExists(scopeRef, credentials))) {
      throw new NotFoundError(`No team ${scopeRef} in the catalog`);
    }
  }

  function knownMetric(params: unknown) {
    const { metricId } = parseInput(metricIdSchema, params, 'path');
    if (!definitionById.has(metricId)) {
      throw new NotFoundError(`No metric '${metricId}'`);
    }
    return metricId;
  }

  router.get('/metrics/definitions', async (req, res) => {
    await canRead(req);
    res.json({ items: definitions });
  });

  router.get('/metrics/status', async (req, res) => {
    await canRead(req);
    res.json(await store.getStatus());
  });

  router.get('/metrics/latest', async (req, res) => {
    const credentials = await canRead(req);
    const { scope } = parseInput(latestQuerySchema, req.query, 'query');
    await visibleScope(scope, credentials);
    const run = await store.getLatestSuccessfulRun();
    const stored = run ? await store.getScope(run.id, scope) : undefined;
    const body: LatestMetrics = {
      scope: stored ?? (await scopeOutsideRun(scope, credentials)),
      definitions,
      values: stored && run ? await store.getValues(run.id, scope) : [],
    };
    if (run) body.computedAt = run.finishedAt;
    res.json(body);
  });

  router.get('/metrics/history', async (req, res) => {
    const credentials = await canRead(req);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await visibleScope(query.scope, credentials);
    const items = await store.getHistory({
      scopeRef: query.scope,
      metricIds: definitions.map(d => d.id),
      from: query.from,
      to: query.to,
    });
    res.json({ items });
  });

  router.get('/metrics/:metricId/history', async (req, res) => {
    const credentials = await canRead(req);
    const metricId = knownMetric(req.params);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await visibleScope(query.scope, credentials);
    const [history] = await store.getHistory({
      scopeRef: query.scope,
      metricIds: [metricId],
      from: query.from,
      to: query.to,
    });
    res.json(history);
  });

  router.get('/metrics/:metricId/findings', async (req, res) => {
    const credentials = await canRead(req);
    const metricId = knownMetric(req.params);
    const query = parseInput(findingsQuerySchema, req.query, 'query');
    await visibleScope(query.scope, credentials);
    const run = await store.getLatestSuccessfulRun();
    if (!run) {
      res.json({ items: [], totalCount: 0 });
      return;
    }
    const page = await store.getFindings({
      runId: run.id,
      metricId,
      teamRefs:
        query.scope === ORG_SCOPE
          ? undefined
          : descendants(await store.getScopes(run.id), query.scope),
      limit: query.limit,
      offset: query.offset,
    });
    // Entities the caller cannot see are left out of the page.
    const visible = new Set(
      await teams.visibleEntityRefs(
        page.items.map(f => f.entityRef),
        credentials,
      ),
    );
    res.json({
      totalCount: page.totalCount,
      items: page.items.filter(f => visible.has(f.entityRef)),
    });
  });

  router.post('/metrics/refresh', async (req, res) => {
    await authorize(
      req,
      ospoMetricsRefreshPermission,
      'Only OSPO staff may start a metrics run',
    );
    const auditorEvent = await auditor.createEvent({
      eventId: 'metrics-refresh',
      severityLevel: 'low',
      request: req,
    });
    try {
      try {
        await options.triggerRun();
      } catch (error) {
        if ((error as Error).name === 'ConflictError') {
          throw new ConflictError('A metrics run is already in progress');
        }
        throw error;
      }
      await auditorEvent.success();
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
    res.status(202).json(await store.getStatus());
  });

  /** A visible Group the latest run did not cover (new since): no figures yet. */
  async function scopeOutsideRun(
    scopeRef: string,
    credentials: BackstageCredentials,
  ): Promise<MetricScope> {
    if (scopeRef === ORG_SCOPE) {
      return { ref: ORG_SCOPE, type: 'org', title: 'Organisation' };
    }
    const entity = await teams.getEntity(scopeRef, credentials);
    return {
      ref: scopeRef,
      type: 'team',
      title: entity?.metadata.title ?? entity?.metadata.name ?? scopeRef,
    };
  }

  return router;
}

/** The Group and every Group below it, as the run saw the hierarchy. */
function descendants(scopes: MetricScope[], ref: string): string[] {
  const children = new Map(scopes.map(s => [s.ref, s.childRefs ?? []]));
  return collectDescendants(ref, current => children.get(current));
}
