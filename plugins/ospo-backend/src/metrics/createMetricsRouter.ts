import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  LatestMetrics,
  MetricDefinition,
  MetricScope,
  MetricScopeValues,
  ORG_SCOPE,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import express from 'express';
import Router from 'express-promise-router';
import { MetricsStore } from './MetricsStore';
import {
  findingsQuerySchema,
  historyQuerySchema,
  latestQuerySchema,
  metricIdSchema,
  valuesCsvQuerySchema,
  valuesQuerySchema,
} from './metricsValidation';
import { MetricHistoryCache } from './MetricHistoryCache';
import { MetricValuesCache, MetricValuesIndex } from './MetricValuesCache';
import { MetricFindingsCache } from './MetricFindingsCache';
import { LatestMetricsCache } from './LatestMetricsCache';
import { JsonBody } from '../caching/JsonBody';
import { sendCsv } from '../http/csv';
import { TeamDirectory } from '../access/TeamDirectory';
import { parseInput } from '../http/validation';

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
  const values = MetricValuesCache.create({ store });
  const history = MetricHistoryCache.create({
    store,
    metricIds: definitions.map(d => d.id),
  });
  const latest = LatestMetricsCache.create({ store, definitions });
  const findings = MetricFindingsCache.create({ store });
  const definitionsBody = new JsonBody(JSON.stringify({ items: definitions }));
  // Per run and metric (the index), the bodies of the parents asked for.
  const valuesBodies = new WeakMap<MetricValuesIndex, Map<string, JsonBody>>();
  const router = Router();

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    message: string,
  ): Promise<void> {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message);
    }
  }
  async function canRead(req: express.Request) {
    const credentials = await credentialsOf(req);
    await authorize(
      credentials,
      ospoMetricsReadPermission,
      'You may not read OSPO metrics',
    );
    return credentials;
  }

  // A Group the caller cannot see in the catalog is reported as missing.
  async function visibleScope(
    scopeRef: string,
    credentials: BackstageCredentials,
  ) {
    if (
      scopeRef !== ORG_SCOPE &&
      !(await teams.teamExists(scopeRef, credentials))
    ) {
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
    definitionsBody.send(req, res);
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
    const stored = run ? await latest.get(run, scope) : undefined;
    if (stored) {
      stored.send(req, res);
      return;
    }
    const body: LatestMetrics = {
      scope: await scopeOutsideRun(scope, credentials),
      definitions,
      values: [],
    };
    if (run) body.computedAt = run.finishedAt;
    res.json(body);
  });

  router.get('/metrics/history', async (req, res) => {
    const credentials = await canRead(req);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await visibleScope(query.scope, credentials);
    const body = await history.getBody({
      scopeRef: query.scope,
      metricIds: definitions.map(d => d.id),
      from: query.from,
      to: query.to,
    });
    body.send(req, res);
  });

  router.get('/metrics/:metricId/history', async (req, res) => {
    const credentials = await canRead(req);
    const metricId = knownMetric(req.params);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await visibleScope(query.scope, credentials);
    const [series] = await history.getJson({
      scopeRef: query.scope,
      metricIds: [metricId],
      from: query.from,
      to: query.to,
    });
    res.type('application/json').send(series);
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
    // Leave out findings about entities the caller cannot see before paging,
    // as for consultations: filtering a page afterwards would leave holes in
    // it and a totalCount that tells how many hidden entities are flagged.
    const all = await findings.get(run, metricId, query.scope);
    const visible = new Set(
      await teams.visibleEntityRefs(
        [...new Set(all.map(f => f.entityRef))],
        credentials,
      ),
    );
    const items = all.filter(f => visible.has(f.entityRef));
    res.json({
      totalCount: items.length,
      items: items.slice(query.offset, query.offset + query.limit),
    });
  });

  router.get('/metrics/:metricId/values', async (req, res) => {
    const credentials = await canRead(req);
    const metricId = knownMetric(req.params);
    const { parent } = parseInput(valuesQuerySchema, req.query, 'query');
    if (parent !== undefined) await visibleScope(parent, credentials);
    const { run, index } = await values.get(metricId);
    if (!index) {
      res.json({ metricId, items: [] } satisfies MetricScopeValues);
      return;
    }
    let bodies = valuesBodies.get(index);
    if (!bodies) {
      bodies = new Map();
      valuesBodies.set(index, bodies);
    }
    // Any string the schema allows is a parent: only those of the run's
    // Groups are kept, each once.
    const key = parent ?? '';
    let body = bodies.get(key);
    if (!body) {
      const scopeValues: MetricScopeValues = {
        metricId,
        items: index.below(parent),
      };
      if (run?.finishedAt) scopeValues.computedAt = run.finishedAt;
      body = new JsonBody(JSON.stringify(scopeValues));
      if (parent === undefined || index.covers(parent)) bodies.set(key, body);
    }
    body.send(req, res);
  });

  router.get('/metrics/:metricId/values.csv', async (req, res) => {
    await canRead(req);
    const metricId = knownMetric(req.params);
    parseInput(valuesCsvQuerySchema, req.query, 'query');
    const { index } = await values.get(metricId);
    sendCsv(res, `ospo-metric-${metricId}.csv`, [
      [
        'Group ref',
        'Group',
        'Type',
        'Parent ref',
        'Value',
        'Numerator',
        'Denominator',
        'Computed at',
      ],
      ...(index?.items ?? []).map(({ scope, value }) => [
        scope.ref,
        scope.title,
        scope.type,
        scope.parentRef,
        value.value,
        value.numerator,
        value.denominator,
        value.computedAt,
      ]),
    ]);
  });

  router.post('/metrics/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    // Audited before the permission check, so that refusals are recorded too.
    const auditorEvent = await auditor.createEvent({
      eventId: 'metrics-refresh',
      severityLevel: 'low',
      request: req,
    });
    try {
      await authorize(
        credentials,
        ospoMetricsRefreshPermission,
        'Only OSPO staff may start a metrics run',
      );
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
    // Titled as the run titles Groups (TeamHierarchy), so that a team's
    // title does not change once a run covers it.
    const displayName = (
      entity?.spec as { profile?: { displayName?: unknown } } | undefined
    )?.profile?.displayName;
    return {
      ref: scopeRef,
      type: 'team',
      title:
        (typeof displayName === 'string' && displayName) ||
        entity?.metadata.title ||
        entity?.metadata.name ||
        scopeRef,
    };
  }

  return router;
}
