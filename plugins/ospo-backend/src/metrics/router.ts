import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Response } from 'express';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { JsonBody } from '../caching/JsonBody';
import { sendCsv } from '../http/csv';
import { OspoApiRouter } from '../schema/openapi';
import { historyRange } from './historyRange';
import { MetricsService } from './MetricsService';
import { toScopeRef } from './scopeRefs';

/**
 * What the metrics routes need.
 *
 * @internal
 */
export interface MetricsRoutesOptions {
  httpAuth: HttpAuthService;
  metrics: MetricsService;
}

/**
 * The metrics routes of the REST API (`src/schema/openapi.yaml`); the router
 * has validated each request.
 *
 * @internal
 */
export function addMetricsRoutes(
  router: OspoApiRouter,
  options: MetricsRoutesOptions,
): void {
  const { httpAuth, metrics } = options;
  const reader = async (req: Parameters<HttpAuthService['credentials']>[0]) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await metrics.authorizeRead(credentials);
    return credentials;
  };

  router.get('/metrics/definitions', async (req, res) => {
    await reader(req);
    metrics.getDefinitionsBody().send(req, res);
  });

  router.get('/metrics/status', async (req, res) => {
    await reader(req);
    res.json(await metrics.getStatus());
  });

  router.get('/metrics/latest', async (req, res) => {
    const credentials = await reader(req);
    const scopeRef = toScopeRef('scope', req.query.scope, ORG_SCOPE);
    const latest = await metrics.getLatest(scopeRef, credentials);
    if (latest instanceof JsonBody) latest.send(req, res);
    else res.json(latest);
  });

  router.get('/metrics/history', async (req, res) => {
    const credentials = await reader(req);
    const body = await metrics.getHistoryBody(
      {
        scopeRef: toScopeRef('scope', req.query.scope, ORG_SCOPE),
        ...historyRange(req.query.from, req.query.to),
      },
      credentials,
    );
    body.send(req, res);
  });

  router.get('/metrics/:metricId/history', async (req, res) => {
    const credentials = await reader(req);
    const json = await metrics.getMetricHistoryJson(
      req.params.metricId,
      {
        scopeRef: toScopeRef('scope', req.query.scope, ORG_SCOPE),
        ...historyRange(req.query.from, req.query.to),
      },
      credentials,
    );
    // Already serialised: sent as it is, not encoded again.
    (res as Response).type('application/json').send(json);
  });

  router.get('/metrics/:metricId/findings', async (req, res) => {
    const credentials = await reader(req);
    const { limit = 50, offset = 0 } = req.query;
    res.json(
      await metrics.getFindings(
        req.params.metricId,
        {
          scopeRef: toScopeRef('scope', req.query.scope, ORG_SCOPE),
          limit,
          offset,
        },
        credentials,
      ),
    );
  });

  router.get('/metrics/:metricId/values', async (req, res) => {
    const credentials = await reader(req);
    const body = await metrics.getValuesBody(
      req.params.metricId,
      toScopeRef('parent', req.query.parent, undefined),
      credentials,
    );
    body.send(req, res);
  });

  router.get('/metrics/:metricId/values.csv', async (req, res) => {
    await reader(req);
    const { metricId } = req.params;
    const items = await metrics.getAllValues(metricId);
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
      ...items.map(({ scope, value }) => [
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
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.status(202).json(await metrics.refresh(credentials, req));
  });
}
