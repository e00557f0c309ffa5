import { mockServices } from '@backstage/backend-test-utils';
import { CampaignService } from '../campaigns/CampaignService';
import { ChecklistService } from '../checklists/ChecklistService';
import { ConsultationService } from '../consultations/ConsultationService';
import { DashboardService } from '../dashboard/DashboardService';
import { MetricsService } from '../metrics/MetricsService';
import { createRouter } from '../router';
import { EntityStatusService } from '../entities/EntityStatusService';
import { SbomReportService } from '../sbom/SbomReportService';
import { SbomService } from '../sbom/SbomService';
import { spec } from './openapi';

type Parameter = { name: string; in: string; required?: boolean };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema: { $ref?: string }; example?: unknown }>;
  };
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema: any }> }
  >;
};

const paths = spec.paths as unknown as Record<
  string,
  Record<string, Operation>
>;

function resolve<T>(node: T | { $ref: string }): T {
  if (node && typeof node === 'object' && '$ref' in node && node.$ref) {
    return node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: any, key) => at[key], spec) as T;
  }
  return node as T;
}

/** `GET /teams/{namespace}/{name}/checklists` for every operation. */
function operations(): Array<[string, Operation]> {
  return Object.entries(paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(
      ([method, operation]) =>
        [`${method.toUpperCase()} ${route}`, operation] as [string, Operation],
    ),
  );
}

/** The routes the router mounts, in the spec's form. */
async function mountedRoutes(): Promise<string[]> {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
    // The routes are only mounted, never called.
    checklists: {} as ChecklistService,
    consultations: {} as ConsultationService,
    metrics: {} as MetricsService,
    dashboard: {} as DashboardService,
    entities: {} as EntityStatusService,
    sbomReports: {} as SbomReportService,
    sbom: {} as SbomService,
    campaigns: {} as CampaignService,
  });
  const stack = (router as unknown as { stack: any[] }).stack;
  return stack
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys(layer.route.methods).map(
        method =>
          `${method.toUpperCase()} ${layer.route.path.replace(
            /:(\w+)/g,
            '{$1}',
          )}`,
      ),
    )
    .filter(route => route !== 'GET /openapi.json');
}

describe('openapi.yaml', () => {
  it('is an OpenAPI 3.0 document served under /api/ospo with bearer tokens', () => {
    expect(spec.openapi).toMatch(/^3\.0\.\d+$/);
    expect(spec.servers).toEqual([
      { url: '/', description: expect.any(String) },
    ]);
    expect(spec.security).toEqual([{ BackstageToken: [] }]);
    expect(spec.components.securitySchemes.BackstageToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents exactly the routes the router mounts, each once', async () => {
    const mounted = await mountedRoutes();
    expect(mounted.filter((r, i) => mounted.indexOf(r) !== i)).toEqual([]);
    expect([...mounted].sort()).toEqual(
      operations()
        .map(([r]) => r)
        .sort(),
    );
    expect(mounted).toHaveLength(41);
  });

  it('documents every operation with an id, a description, errors and its parameters', () => {
    // Problems are collected and compared once, so that one run names them all.
    const problems: string[] = [];
    const check = (ok: unknown, problem: string) => {
      if (!ok) problems.push(problem);
    };
    const ids = new Set<string>();
    for (const [route, operation] of operations()) {
      check(operation.operationId, `${route}: no operationId`);
      ids.add(operation.operationId!);
      check(
        /\w/.test(operation.summary ?? '') &&
          /\w/.test(operation.description ?? ''),
        `${route}: no summary or description`,
      );
      // Every route needs a token; none is opened with security: [].
      check(operation.security === undefined, `${route}: own security`);
      const statuses = Object.keys(operation.responses);
      check(statuses.includes('401'), `${route}: no 401`);
      // One success: 202 for what only starts work, 201 for what creates
      // something, 200 otherwise (a transition, checks evaluated at once, a
      // bulk change, a re-attested answer).
      let success = '200';
      if (route === 'POST /metrics/refresh') {
        success = '202';
      } else if (
        route.startsWith('POST') &&
        !route.endsWith('/transitions') &&
        !route.endsWith('/checks/refresh') &&
        route !== 'POST /consultations/bulk' &&
        !route.endsWith('/reattest')
      ) {
        success = '201';
      }
      check(
        statuses.filter(status => status.startsWith('2')).join() === success,
        `${route}: success is not just ${success}`,
      );

      const template = route.split(' ')[1];
      const inPath = [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      const parameters = (operation.parameters ?? []).map(p =>
        resolve<Parameter>(p),
      );
      const pathParameters = parameters.filter(p => p.in !== 'query');
      check(
        pathParameters.map(p => p.name).join() === inPath.join(),
        `${route}: path parameters are not ${inPath}`,
      );
      for (const p of pathParameters) {
        check(
          p.in === 'path' && p.required === true,
          `${route}: ${p.name} is not a required path parameter`,
        );
      }
      if (inPath.length > 0) {
        // Bad path parameters are rejected, unknown teams and entities too.
        check(
          statuses.includes('400') && statuses.includes('404'),
          `${route}: no 400 or 404`,
        );
      }
      for (const p of parameters.filter(q => q.in === 'query')) {
        // Query parameters are optional, and checked.
        check(!p.required, `${route}: ${p.name} is required`);
        check(statuses.includes('400'), `${route}: no 400 for ${p.name}`);
      }
      if (operation.requestBody) {
        // Bodies are checked, unknown fields refused, with an example.
        const body = operation.requestBody.content['application/json'];
        check(operation.requestBody.required, `${route}: body not required`);
        check(statuses.includes('400'), `${route}: no 400 for the body`);
        check(
          resolve<{ additionalProperties?: boolean }>(body.schema as any)
            .additionalProperties === false,
          `${route}: the body takes unknown fields`,
        );
        check(body.example !== undefined, `${route}: no example body`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = resolve(response).content ?? {};
        // A `.csv` route answers CSV text, and errors as JSON like the rest.
        if (route.endsWith('.csv') && status === '200') {
          check(
            Object.keys(content).join() === 'text/csv' &&
              content['text/csv'].schema.type === 'string',
            `${route}: ${status} is not text/csv`,
          );
          continue;
        }
        const schemaOf = content['application/json']?.schema;
        check(schemaOf, `${route}: ${status} has no JSON schema`);
        check(
          status.startsWith('2') ||
            schemaOf?.$ref === '#/components/schemas/Error',
          `${route}: ${status} is not an Error`,
        );
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(operations().length);
  });
});
