import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AnswerHistoryEntry,
  CHECKLIST_CELL_STATUSES,
  CHECKLIST_ITEM_STATUSES,
  CONSULTATION_STATUSES,
  CONSULTATION_URGENCIES,
  ChecklistAnswer,
  ChecklistCellStatus,
  ChecklistCompletion,
  ChecklistDefinition,
  ChecklistItemDefinition,
  ChecklistMatrix,
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
  ChecklistMatrixTeam,
  ChecklistStatusCounts,
  Consultation,
  ConsultationEvent,
  ConsultationPage,
  ConsultationSummary,
  ConsultationTopic,
  ConsultationWithEvents,
  CreateConsultationRequest,
  EntityChecklistStatus,
  LatestMetrics,
  MetricAggregation,
  MetricDefinition,
  MetricDirection,
  MetricFinding,
  MetricFindingPage,
  MetricHistory,
  MetricHistoryPoint,
  MetricScope,
  MetricScopeType,
  MetricScopeValues,
  MetricUnit,
  MetricValue,
  MetricsRunStatus,
  OspoContact,
  OspoOffice,
  TeamChecklist,
  TeamChecklists,
  UpdateAnswerRequest,
} from '@ospo-kit/plugin-ospo-common';
import { ErrorResponseBody } from '@backstage/errors';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { ConsultationStore } from '../consultations/ConsultationStore';
import { MetricsStore } from '../metrics/MetricsStore';
import { ChecklistMatrixService } from '../dashboard/ChecklistMatrixService';
import { ChecklistService } from '../checklists/ChecklistService';
import { CONSULTATION_ACTIONS } from '../consultations/consultationActions';
import { ConsultationNotifier } from '../consultations/ConsultationNotifier';
import { createConsultationsRouter } from '../consultations/createConsultationsRouter';
import { createDashboardRouter } from '../dashboard/createDashboardRouter';
import {
  DEFAULT_MATRIX_LIMIT,
  MATRIX_ORDERS,
  MATRIX_SORTS,
  MAX_MATRIX_LIMIT,
  matrixCsvQuerySchema,
  matrixQuerySchema,
} from '../dashboard/dashboardValidation';
import {
  MAX_COMMENT_LENGTH,
  MAX_DETAILS_LENGTH,
  MAX_SUMMARY_LENGTH,
  assignSchema,
  commentSchema,
  consultationIdSchema,
  createConsultationSchema,
  listQuerySchema,
  transitionSchema,
} from '../consultations/consultationValidation';
import { DEFAULT_CONSULTATION_TOPICS } from '../consultations/defaultTopics';
import { createMetricsRouter } from '../metrics/createMetricsRouter';
import {
  DEFAULT_HISTORY_DAYS,
  MAX_FINDINGS_LIMIT,
  MAX_HISTORY_DAYS,
  findingsQuerySchema,
  historyQuerySchema,
  latestQuerySchema,
  metricIdSchema,
  valuesQuerySchema,
} from '../metrics/metricsValidation';
import { createChecklistsRouter } from '../checklists/createChecklistsRouter';
import { TeamDirectory } from '../access/TeamDirectory';
import {
  MAX_NOTE_LENGTH,
  MAX_URL_LENGTH,
  entityPathSchema,
  itemPathSchema,
} from '../http/validation';
import {
  OperationObject,
  ParameterObject,
  SchemaObject,
  loadOpenApiSpec,
  resolveRef,
  validateValue,
} from '../__testUtils__/openApiSpec';

const spec = loadOpenApiSpec();
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** `GET /teams/{namespace}/{name}/checklists`, the routes as the spec has them. */
function specRoutes(): string[] {
  return Object.entries(spec.paths).flatMap(([route, item]) =>
    Object.keys(item)
      .filter(key => METHODS.includes(key))
      .map(method => `${method.toUpperCase()} ${route}`),
  );
}

/** `GET /teams/{namespace}/{name}/checklists`, read from a router's Express stack. */
function mountedRoutes(router: express.Router): string[] {
  const stack = (
    router as unknown as {
      stack: Array<{
        route?: { path: string; methods: Record<string, boolean> };
      }>;
    }
  ).stack;
  return stack.flatMap(layer => {
    if (!layer.route) {
      return [];
    }
    const route = layer.route.path.replace(/:(\w+)/g, '{$1}');
    return Object.keys(layer.route.methods)
      .filter(method => layer.route!.methods[method])
      .map(method => `${method.toUpperCase()} ${route}`);
  });
}

/** The routes `createChecklistsRouter` mounts: checklists and answers. */
async function checklistRoutes(): Promise<string[]> {
  const store: ChecklistStore = {
    getAnswers: jest.fn(),
    listAnswerStatuses: jest.fn(),
    getAnswersVersion: jest.fn(),
    setAnswer: jest.fn(),
    getHistory: jest.fn(),
  };
  return mountedRoutes(
    await createChecklistsRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      checklists: ChecklistService.create({ definitions: [], store }),
      store,
      teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
    }),
  );
}

function consultationStore(): ConsultationStore {
  return {
    create: jest.fn(),
    list: jest.fn(),
    listEntityRefs: jest.fn(),
    get: jest.fn(),
    listMetricRecords: jest.fn(),
    listQueue: jest.fn(),
    transition: jest.fn(),
    assign: jest.fn(),
    comment: jest.fn(),
  };
}

function metricsStore(): MetricsStore {
  return {
    startRun: jest.fn(),
    updateProgress: jest.fn(),
    addFindings: jest.fn(),
    completeRun: jest.fn(),
    failRun: jest.fn(),
    prune: jest.fn(),
    getStatus: jest.fn(),
    getHistoryVersion: jest.fn(),
    getLatestSuccessfulRun: jest.fn(),
    getScopes: jest.fn(),
    getScope: jest.fn(),
    getValues: jest.fn(),
    getMetricValues: jest.fn(),
    getHistory: jest.fn(),
    getFindings: jest.fn(),
  };
}

/** The routes `createConsultationsRouter` mounts: the office and consultations. */
async function consultationRoutes(): Promise<string[]> {
  const store = consultationStore();
  return mountedRoutes(
    await createConsultationsRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      store,
      teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
      office: {
        groupRef: 'group:default/ospo',
        contacts: [],
        topics: DEFAULT_CONSULTATION_TOPICS,
      },
      notifier: ConsultationNotifier.create({
        notifications: { send: jest.fn() },
        logger: mockServices.logger.mock(),
        officeGroupRef: 'group:default/ospo',
      }),
    }),
  );
}

/** The routes `createMetricsRouter` mounts: metrics and their runs. */
async function metricRoutes(): Promise<string[]> {
  return mountedRoutes(
    await createMetricsRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      store: metricsStore(),
      definitions: [],
      teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
      triggerRun: jest.fn(),
    }),
  );
}

/** The routes `createDashboardRouter` mounts: the dashboard's aggregates. */
async function dashboardRoutes(): Promise<string[]> {
  return mountedRoutes(
    await createDashboardRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      matrix: ChecklistMatrixService.create({
        definitions: [],
        checklistStore: {
          getAnswers: jest.fn(),
          listAnswerStatuses: jest.fn(),
          getAnswersVersion: jest.fn(),
          setAnswer: jest.fn(),
          getHistory: jest.fn(),
        },
        metricsStore: metricsStore(),
      }),
      consultations: consultationStore(),
      teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
    }),
  );
}

function operations(): Array<[string, OperationObject]> {
  return Object.entries(spec.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([key]) => METHODS.includes(key))
      .map(
        ([method, operation]) =>
          [`${method.toUpperCase()} ${route}`, operation] as [
            string,
            OperationObject,
          ],
      ),
  );
}

function schema(name: string): SchemaObject {
  const found = spec.components.schemas[name];
  if (!found) {
    throw new Error(`No schema ${name} in the spec`);
  }
  return found;
}

function parameter(name: string): ParameterObject {
  return spec.components.parameters[name];
}

describe('openapi.yaml', () => {
  it('is an OpenAPI 3.0 document served under /api/ospo with bearer tokens', () => {
    expect(spec.openapi).toMatch(/^3\.0\.\d+$/);
    expect(spec.info.title).toBeTruthy();
    expect(spec.servers).toEqual([
      { url: '/api/ospo', description: expect.any(String) },
    ]);
    expect(spec.security).toEqual([{ BackstageToken: [] }]);
    expect(spec.components.securitySchemes.BackstageToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents exactly the routes the routers mount', async () => {
    const checklists = await checklistRoutes();
    const consultations = await consultationRoutes();
    const metrics = await metricRoutes();
    const dashboard = await dashboardRoutes();
    expect(checklists).toHaveLength(5);
    expect(consultations).toHaveLength(7);
    expect(metrics).toHaveLength(9);
    expect(dashboard).toHaveLength(3);
    const all = [...checklists, ...consultations, ...metrics, ...dashboard];
    // No route is mounted by two routers: the first would hide the other.
    expect(all.filter((r, i) => all.indexOf(r) !== i)).toEqual([]);
    expect([...specRoutes()].sort()).toEqual([...all].sort());
  });

  it('documents every operation with an id, a description, errors and its parameters', () => {
    // Problems are collected and compared once, so that one run names them all.
    const problems: string[] = [];
    const check = (ok: unknown, problem: string) => {
      if (!ok) {
        problems.push(problem);
      }
    };
    const ids = new Set<string>();
    for (const [route, operation] of operations()) {
      check(
        typeof operation.operationId === 'string',
        `${route}: no operationId`,
      );
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
      // something, 200 otherwise.
      let success = '200';
      if (route === 'POST /metrics/refresh') {
        success = '202';
      } else if (route.startsWith('POST') && !route.endsWith('/transitions')) {
        success = '201';
      }
      check(
        statuses.filter(status => status.startsWith('2')).join() === success,
        `${route}: success is not just ${success}`,
      );

      const template = route.split(' ')[1];
      const inPath = [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      const parameters = (operation.parameters ?? []).map(p =>
        resolveRef<ParameterObject>(spec, p),
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
        // Bodies are checked, unknown fields refused, and the example fits.
        const body = operation.requestBody.content['application/json'];
        check(operation.requestBody.required, `${route}: body not required`);
        check(statuses.includes('400'), `${route}: no 400 for the body`);
        check(
          resolveRef<SchemaObject>(spec, body.schema).additionalProperties ===
            false,
          `${route}: the body takes unknown fields`,
        );
        check(body.example !== undefined, `${route}: no example body`);
        for (const problem of validateValue(spec, body.schema, body.example)) {
          problems.push(`${route}: example ${problem}`);
        }
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = resolveRef(spec, response).content ?? {};
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
    expect(ids.size).toBe(24);
  });

  it('documents the answer update with its body and every error it can return', () => {
    const put =
      spec.paths[
        '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}'
      ].put;
    expect(put.requestBody).toMatchObject({
      required: true,
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/UpdateAnswerRequest' },
        },
      },
    });
    expect(Object.keys(put.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
    const example = put.requestBody!.content['application/json'].example;
    expect(validateValue(spec, schema('UpdateAnswerRequest'), example)).toEqual(
      [],
    );
  });

  it('has path parameter patterns that accept what the router accepts', () => {
    const samples = [
      'default',
      'team-a',
      'Team_A.1',
      'a',
      'x'.repeat(63),
      'x'.repeat(64),
      '',
      '-team',
      '.hidden',
      'team a',
      'team/a',
      'tëam',
      'ospo',
      'code.owners_1',
      'UPPER',
      'a'.repeat(100),
      'a'.repeat(101),
      'component',
      'Component',
      '1component',
      'api2',
    ];
    const zodShapes = {
      namespace: itemPathSchema.shape.namespace,
      name: itemPathSchema.shape.name,
      checklistId: itemPathSchema.shape.checklistId,
      itemId: itemPathSchema.shape.itemId,
      kind: entityPathSchema.shape.kind,
      metricId: metricIdSchema.shape.metricId,
    };
    for (const [name, zodSchema] of Object.entries(zodShapes)) {
      const pattern = new RegExp(parameter(name).schema.pattern!);
      for (const sample of samples) {
        expect([name, sample, pattern.test(sample)]).toEqual([
          name,
          sample,
          zodSchema.safeParse(sample).success,
        ]);
      }
    }
  });

  it('has the limits and statuses the router enforces', () => {
    const body = schema('UpdateAnswerRequest');
    expect(body.properties!.note.maxLength).toBe(MAX_NOTE_LENGTH);
    expect(body.properties!.evidenceUrl.maxLength).toBe(MAX_URL_LENGTH);
    expect(body.additionalProperties).toBe(false);
    expect(schema('ChecklistItemStatus').enum).toEqual([
      ...CHECKLIST_ITEM_STATUSES,
    ]);
  });

  it('has a consultation id pattern that accepts what the router accepts', () => {
    const uuid = randomUUID();
    const samples = [
      uuid,
      uuid.toUpperCase(),
      uuid.replace(/-/g, ''),
      `${uuid}0`,
      uuid.slice(1),
      '3f1c2b9e-8d4a-0e6f-9b1a-2c3d4e5f6a7b', // no version
      '3f1c2b9e-8d4a-4e6f-7b1a-2c3d4e5f6a7b', // no variant
      '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7g',
      '00000000-0000-0000-0000-000000000000',
      '',
      'abc',
    ];
    const pattern = new RegExp(parameter('id').schema.pattern!);
    expect(parameter('id').schema.format).toBe('uuid');
    for (const sample of samples) {
      expect([sample, pattern.test(sample)]).toEqual([
        sample,
        consultationIdSchema.shape.id.safeParse(sample).success,
      ]);
    }
    expect(pattern.test(uuid)).toBe(true);
  });

  describe('consultations', () => {
    const list = spec.paths['/consultations'].get;
    const query = (name: string) => {
      const found = (list.parameters ?? [])
        .map(p => resolveRef<ParameterObject>(spec, p))
        .find(p => p.name === name);
      if (!found) {
        throw new Error(`No query parameter ${name}`);
      }
      return found.schema;
    };

    /** Whether a value passes a schema's own checks (not only its $refs). */
    const specAccepts = (s: SchemaObject, value: unknown) =>
      validateValue(spec, s, value).length === 0;

    it('documents exactly the query parameters of the list', () => {
      expect(
        (list.parameters ?? []).map(
          p => resolveRef<ParameterObject>(spec, p).name,
        ),
      ).toEqual(Object.keys(listQuerySchema.shape));
      // Repeatable: status=open&status=in-progress.
      expect(query('status')).toMatchObject({
        type: 'array',
        items: { $ref: '#/components/schemas/ConsultationStatus' },
      });
    });

    it('has the paging bounds, defaults and sort keys the router enforces', () => {
      const defaults = listQuerySchema.parse({});
      for (const name of ['limit', 'offset', 'orderBy', 'order'] as const) {
        expect([name, query(name).default]).toEqual([name, defaults[name]]);
      }
      for (const name of ['limit', 'offset'] as const) {
        for (const n of [-1, 0, 1, 2, 50, 199, 200, 201, 1000, 1.5]) {
          expect([name, n, specAccepts(query(name), n)]).toEqual([
            name,
            n,
            listQuerySchema.safeParse({ [name]: String(n) }).success,
          ]);
        }
      }
      for (const name of ['orderBy', 'order'] as const) {
        const options = (
          listQuerySchema.shape[name] as unknown as {
            unwrap(): z.ZodEnum;
          }
        ).unwrap().options;
        expect([name, query(name).enum]).toEqual([name, options]);
      }
      expect(schema('ConsultationPage').properties!.limit).toMatchObject({
        minimum: query('limit').minimum,
        maximum: query('limit').maximum,
      });
    });

    it('has entity ref patterns that accept what the router accepts', () => {
      const samples = [
        'user:default/jane',
        'User:Default/Jane.Doe_1',
        'component:default/petstore',
        'group:other/team-a',
        'api2:default/x',
        `user:default/${'x'.repeat(63)}`,
        `user:default/${'x'.repeat(64)}`,
        `${'k'.repeat(64)}:default/x`,
        'user:jane',
        'jane',
        'user:/jane',
        'user:default/',
        ':default/jane',
        '1user:default/jane',
        'user:default/-jane',
        'user:default/ja ne',
        'user:default/jane/doe',
        'none',
        '',
      ];
      const zodOf = {
        entityRef: listQuerySchema.shape.entityRef,
        requesterRef: listQuerySchema.shape.requesterRef,
        assigneeRef: listQuerySchema.shape.assigneeRef,
        assign: assignSchema.shape.assigneeRef,
      };
      const specOf = {
        entityRef: query('entityRef'),
        requesterRef: query('requesterRef'),
        assigneeRef: query('assigneeRef'),
        assign: schema('AssignRequest').properties!.assigneeRef,
      };
      for (const [name, zodSchema] of Object.entries(zodOf)) {
        const pattern = new RegExp(
          specOf[name as keyof typeof specOf].pattern!,
        );
        for (const sample of samples) {
          expect([name, sample, pattern.test(sample)]).toEqual([
            name,
            sample,
            zodSchema.safeParse(sample).success,
          ]);
        }
      }
      // Only the list filter takes `none`; unassigning is null.
      expect(assignSchema.safeParse({ assigneeRef: null }).success).toBe(true);
      expect(specAccepts(schema('AssignRequest'), { assigneeRef: null })).toBe(
        true,
      );
    });

    it.each([
      ['CreateConsultationRequest', createConsultationSchema],
      ['TransitionRequest', transitionSchema],
      ['AssignRequest', assignSchema],
      ['CommentRequest', commentSchema],
    ] as Array<[string, z.ZodObject]>)(
      '%s has the fields and required fields the router takes',
      (name, zodSchema) => {
        const s = schema(name);
        expect(Object.keys(s.properties!)).toEqual(
          Object.keys(zodSchema.shape),
        );
        // Required: what the router refuses to go without.
        expect([...(s.required ?? [])].sort()).toEqual(
          Object.entries(zodSchema.shape)
            .filter(
              ([, field]) => !(field as z.ZodType).safeParse(undefined).success,
            )
            .map(([key]) => key)
            .sort(),
        );
        expect(s.additionalProperties).toBe(false);
      },
    );

    it('has the limits, states, urgencies and actions the router enforces', () => {
      const create = schema('CreateConsultationRequest').properties!;
      const consultation = schema('Consultation').properties!;
      expect(create.summary.maxLength).toBe(MAX_SUMMARY_LENGTH);
      expect(consultation.summary.maxLength).toBe(MAX_SUMMARY_LENGTH);
      expect(create.details.maxLength).toBe(MAX_DETAILS_LENGTH);
      expect(consultation.details.maxLength).toBe(MAX_DETAILS_LENGTH);
      expect(schema('TransitionRequest').properties!.note.maxLength).toBe(
        MAX_COMMENT_LENGTH,
      );
      expect(schema('CommentRequest').properties!.body.maxLength).toBe(
        MAX_COMMENT_LENGTH,
      );
      expect(create.urgency.default).toBe(
        createConsultationSchema.shape.urgency.parse(undefined),
      );
      expect(schema('ConsultationStatus').enum).toEqual([
        ...CONSULTATION_STATUSES,
      ]);
      expect(schema('ConsultationUrgency').enum).toEqual([
        ...CONSULTATION_URGENCIES,
      ]);
      expect(schema('ConsultationAction').enum).toEqual(
        Object.keys(CONSULTATION_ACTIONS),
      );
      expect(schema('ConsultationAction').enum).toEqual(
        transitionSchema.shape.action.options,
      );
    });

    it('describes the state machine as consultationActions has it', () => {
      const description =
        spec.paths['/consultations/{id}/transitions'].post.description!;
      const rows = description
        .split('\n')
        .filter(line => /^\| [a-z]+ /.test(line))
        .map(line => line.split('|').map(cell => cell.trim()))
        .filter(([, action]) => action !== 'action');
      expect(
        rows.map(([, action, from, to, who]) => [
          action,
          from.split(', '),
          to,
          who.startsWith('the requester') ? 'requester' : 'staff',
          who.includes('`note` required'),
        ]),
      ).toEqual(
        Object.entries(CONSULTATION_ACTIONS).map(([action, a]) => [
          action,
          [...a.from],
          a.to,
          a.by,
          // The actions whose note is required by transitionSchema.
          !transitionSchema.safeParse({ action }).success,
        ]),
      );
    });
  });

  describe('metrics', () => {
    const READS = [
      'GET /metrics/definitions',
      'GET /metrics/status',
      'GET /metrics/latest',
      'GET /metrics/history',
      'GET /metrics/{metricId}/history',
      'GET /metrics/{metricId}/findings',
      'GET /metrics/{metricId}/values',
      'GET /metrics/{metricId}/values.csv',
    ];
    const operation = (route: string) => {
      const [method, path] = route.split(' ');
      return spec.paths[path][method.toLowerCase()];
    };
    const queryOf = (route: string) =>
      (operation(route).parameters ?? [])
        .map(p => resolveRef<ParameterObject>(spec, p))
        .filter(p => p.in === 'query');
    const specAccepts = (s: SchemaObject, value: unknown) =>
      validateValue(spec, s, value).length === 0;

    it('documents exactly the query parameters each route takes', () => {
      const documented = Object.fromEntries(
        READS.map(route => [route, queryOf(route).map(p => p.name)]),
      );
      expect(documented).toEqual({
        'GET /metrics/definitions': [],
        'GET /metrics/status': [],
        'GET /metrics/latest': Object.keys(latestQuerySchema.shape),
        'GET /metrics/history': Object.keys(historyQuerySchema.in.shape),
        'GET /metrics/{metricId}/history': Object.keys(
          historyQuerySchema.in.shape,
        ),
        'GET /metrics/{metricId}/findings': Object.keys(
          findingsQuerySchema.shape,
        ),
        'GET /metrics/{metricId}/values': Object.keys(valuesQuerySchema.shape),
        'GET /metrics/{metricId}/values.csv': [],
      });
    });

    it('answers 403 to callers without the permission, and 409 only to a refresh', () => {
      for (const route of READS) {
        expect([route, Object.keys(operation(route).responses)]).toEqual([
          route,
          expect.arrayContaining(['200', '401', '403']),
        ]);
        expect([route, operation(route).responses['409']]).toEqual([
          route,
          undefined,
        ]);
      }
      expect(
        Object.keys(operation('POST /metrics/refresh').responses).sort(),
      ).toEqual(['202', '401', '403', '409']);
      expect(operation('POST /metrics/refresh').requestBody).toBeUndefined();
      // Every route that takes a scope may find its Group missing.
      for (const route of READS.filter(r =>
        queryOf(r).some(p => p.name === 'scope'),
      )) {
        expect([route, Object.keys(operation(route).responses)]).toEqual([
          route,
          expect.arrayContaining(['400', '404']),
        ]);
      }
    });

    it('has a scope pattern that accepts what the router accepts', () => {
      const samples = [
        'org',
        'Org',
        'team-a',
        'default/team-a',
        'group:default/team-a',
        'Group:Default/Team_A.1',
        'GROUP:other/x',
        `group:default/${'x'.repeat(63)}`,
        `group:default/${'x'.repeat(64)}`,
        `group:${'n'.repeat(64)}/x`,
        'component:default/x',
        'user:default/lee',
        'groups:default/x',
        'bad:',
        'group:',
        'group:/x',
        'group:default/',
        '/team-a',
        ':team-a',
        'group:default/a/b',
        'default/a b',
        'team a',
        '-team',
        'tëam',
        'group:default/team-a ',
      ];
      const pattern = new RegExp(parameter('scope').schema.pattern!);
      for (const sample of samples) {
        expect([sample, pattern.test(sample)]).toEqual([
          sample,
          latestQuerySchema.shape.scope.safeParse(sample).success,
        ]);
      }
      // Absent or empty is the organisation.
      expect(pattern.test('')).toBe(true);
      expect(latestQuerySchema.parse({ scope: '' }).scope).toBe('org');
      expect(parameter('scope').schema.default).toBe(
        latestQuerySchema.parse({}).scope,
      );
      for (const route of READS.filter(r => queryOf(r).length > 0)) {
        expect([
          route,
          queryOf(route).find(p => /^scope|parent$/.test(p.name)),
        ]).toEqual([
          route,
          parameter(route.endsWith('/values') ? 'parent' : 'scope'),
        ]);
      }
      // `parent` takes what `scope` takes, but is every Group when absent.
      expect(parameter('parent').schema.pattern).toBe(
        parameter('scope').schema.pattern,
      );
      for (const sample of samples) {
        expect([sample, pattern.test(sample)]).toEqual([
          sample,
          valuesQuerySchema.shape.parent.safeParse(sample).success,
        ]);
      }
      expect(valuesQuerySchema.parse({ parent: '' }).parent).toBeUndefined();
      expect(valuesQuerySchema.parse({}).parent).toBeUndefined();
      expect(valuesQuerySchema.parse({ parent: 'org' }).parent).toBe('org');
      expect(parameter('parent').schema.default).toBeUndefined();
    });

    it('has the timestamps, defaults and longest range the router enforces', () => {
      const samples = [
        '2026-01-02T03:04:05Z',
        '2026-01-02T03:04:05.678Z',
        '2026-01-02T03:04:05+02:00',
        '2026-01-02T03:04:05',
        '2026-01-02T03:04Z',
        '2026-01-02 03:04:05Z',
        '2026-01-02',
        '1',
        'yesterday',
        'March 7, 2026',
        '',
      ];
      for (const name of ['from', 'to'] as const) {
        for (const sample of samples) {
          expect([
            name,
            sample,
            specAccepts(parameter(name).schema, sample),
          ]).toEqual([
            name,
            sample,
            historyQuerySchema.in.shape[name].safeParse(sample).success,
          ]);
        }
      }
      const description = (
        parameter('from') as ParameterObject & { description: string }
      ).description;
      expect(description).toContain(`${DEFAULT_HISTORY_DAYS} days before`);
      expect(description).toContain(`${MAX_HISTORY_DAYS} days before`);
      // The default range is what the description says.
      const to = '2026-04-01T00:00:00.000Z';
      expect(historyQuerySchema.parse({ to }).from.toISOString()).toBe(
        '2026-01-01T00:00:00.000Z',
      );
      expect(DEFAULT_HISTORY_DAYS).toBe(90);
    });

    it('has the paging bounds and defaults of findings the router enforces', () => {
      const limit = parameter('findingsLimit');
      const offset = parameter('findingsOffset');
      expect([limit.name, offset.name]).toEqual(['limit', 'offset']);
      expect(limit.schema.maximum).toBe(MAX_FINDINGS_LIMIT);
      const defaults = findingsQuerySchema.parse({});
      expect([limit.schema.default, offset.schema.default]).toEqual([
        defaults.limit,
        defaults.offset,
      ]);
      for (const p of [limit, offset]) {
        for (const n of [-1, 0, 1, 2, 50, 499, 500, 501, 1000, 1.5]) {
          expect([p.name, n, specAccepts(p.schema, n)]).toEqual([
            p.name,
            n,
            findingsQuerySchema.safeParse({ [p.name]: String(n) }).success,
          ]);
        }
      }
    });

    it('has the metric units, directions, aggregations and scope types of the types', () => {
      // Records over the unions: the compiler insists on every member, and
      // on nothing else.
      const units: Record<MetricUnit, true> = {
        count: true,
        ratio: true,
        hours: true,
      };
      const directions: Record<MetricDirection, true> = {
        'higher-is-better': true,
        'lower-is-better': true,
        neutral: true,
      };
      const aggregations: Record<MetricAggregation, true> = {
        ratio: true,
        count: true,
        median: true,
      };
      const scopeTypes: Record<MetricScopeType, true> = {
        org: true,
        department: true,
        team: true,
      };
      expect(schema('MetricUnit').enum).toEqual(Object.keys(units));
      expect(schema('MetricDirection').enum).toEqual(Object.keys(directions));
      expect(schema('MetricAggregation').enum).toEqual(
        Object.keys(aggregations),
      );
      expect(schema('MetricScopeType').enum).toEqual(Object.keys(scopeTypes));
    });
  });

  describe('dashboard', () => {
    const operation = (route: string) => {
      const [method, path] = route.split(' ');
      return spec.paths[path][method.toLowerCase()];
    };
    const queryOf = (route: string) =>
      (operation(route).parameters ?? [])
        .map(p => resolveRef<ParameterObject>(spec, p))
        .filter(p => p.in === 'query');
    const specAccepts = (s: SchemaObject, value: unknown) =>
      validateValue(spec, s, value).length === 0;
    const MATRIX = 'GET /dashboard/checklists';
    const CSV = 'GET /dashboard/checklists.csv';
    const SUMMARY = 'GET /dashboard/consultations';

    it('documents exactly the query parameters each route takes', () => {
      expect(
        Object.fromEntries(
          [MATRIX, CSV, SUMMARY].map(route => [
            route,
            queryOf(route).map(p => p.name),
          ]),
        ),
      ).toEqual({
        [MATRIX]: Object.keys(matrixQuerySchema.shape),
        [CSV]: Object.keys(matrixCsvQuerySchema.shape),
        [SUMMARY]: [],
      });
      // The export takes the same filters as the heat map.
      expect(queryOf(CSV)).toEqual(queryOf(MATRIX).slice(0, 3));
    });

    it('answers 403 without the read permission, and 404 to unknown filters', () => {
      expect(Object.keys(operation(MATRIX).responses).sort()).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
      ]);
      expect(Object.keys(operation(CSV).responses).sort()).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
      ]);
      expect(Object.keys(operation(SUMMARY).responses).sort()).toEqual([
        '200',
        '400',
        '401',
        '403',
      ]);
    });

    it('has the paging bounds, defaults, sorts and statuses the router enforces', () => {
      const defaults = matrixQuerySchema.parse({});
      const param = (name: string) =>
        queryOf(MATRIX).find(p => p.name === name)!.schema;
      for (const name of ['sort', 'order', 'limit', 'offset'] as const) {
        expect([name, param(name).default]).toEqual([name, defaults[name]]);
      }
      expect(defaults.limit).toBe(DEFAULT_MATRIX_LIMIT);
      expect(param('limit').maximum).toBe(MAX_MATRIX_LIMIT);
      for (const name of ['limit', 'offset'] as const) {
        for (const n of [-1, 0, 1, 2, 100, 499, 500, 501, 1000, 1.5]) {
          expect([name, n, specAccepts(param(name), n)]).toEqual([
            name,
            n,
            matrixQuerySchema.safeParse({ [name]: String(n) }).success,
          ]);
        }
      }
      expect(param('sort').enum).toEqual([...MATRIX_SORTS]);
      expect(param('order').enum).toEqual([...MATRIX_ORDERS]);
      // Empty is no filter, as a form's "all" sends it.
      expect(param('status').enum).toEqual(['', ...CHECKLIST_CELL_STATUSES]);
      expect(schema('ChecklistCellStatus').enum).toEqual([
        ...CHECKLIST_CELL_STATUSES,
      ]);
      for (const sample of ['', ...CHECKLIST_CELL_STATUSES, 'Done', 'x']) {
        expect([sample, specAccepts(param('status'), sample)]).toEqual([
          sample,
          matrixQuerySchema.safeParse({ status: sample }).success,
        ]);
      }
      for (const sample of [
        '',
        'ospo',
        'a.b_c-1',
        'Ospo',
        '-x',
        'a'.repeat(101),
      ]) {
        expect([sample, specAccepts(param('checklistId'), sample)]).toEqual([
          sample,
          matrixQuerySchema.safeParse({ checklistId: sample }).success,
        ]);
      }
      for (const sample of [
        '',
        'engineering',
        'default/engineering',
        'group:default/engineering',
        'Group:Other/Eng_1',
        'user:default/lee',
        'group:',
        'a b',
        'org',
      ]) {
        expect([sample, specAccepts(param('department'), sample)]).toEqual([
          sample,
          matrixQuerySchema.safeParse({ department: sample }).success,
        ]);
      }
      expect(
        matrixQuerySchema.parse({ department: 'Engineering' }).department,
      ).toBe('group:default/engineering');
      expect(matrixQuerySchema.parse({ department: '' }).department).toBe(
        undefined,
      );
    });

    it('documents the CSV downloads with an example that fits the description', () => {
      for (const route of [CSV, 'GET /metrics/{metricId}/values.csv']) {
        const ok = resolveRef(spec, operation(route).responses['200']) as {
          headers?: Record<string, unknown>;
          content: Record<string, { example?: string }>;
        };
        expect(ok.headers).toHaveProperty('Content-Disposition');
        const example = ok.content['text/csv'].example!;
        expect(example).toMatch(/^[^\r\n]+\r\n([^\r\n]+\r\n)+$/);
        const [header] = example.split('\r\n');
        expect(operation(route).description).toContain(
          route === CSV
            ? '`Team ref`, `Team`, `Department`'
            : '`Group ref`, `Group`',
        );
        expect(header).toMatch(
          route === CSV
            ? /^Team ref,Team,Department,/
            : /^Group ref,Group,Type,Parent ref,Value,Numerator,Denominator,Computed at$/,
        );
      }
    });
  });

  describe('component schemas', () => {
    // `Required<T>` makes the compiler insist on every property of the type,
    // optional ones included, and object literals may not add any: so the keys
    // of these samples are exactly the properties of the TypeScript types.
    const item: Required<ChecklistItemDefinition> = {
      id: 'creation',
      title: 'Creation',
      description: 'The organisation has an OSPO.',
      guidanceUrl: 'https://example.com/guide',
    };
    const definition: Required<ChecklistDefinition> = {
      id: 'ospo',
      title: 'Creating an OSPO',
      description: 'Whether there is an OSPO',
      osmmLevel: 2,
      items: [item],
    };
    const answer: Required<ChecklistAnswer> = {
      teamRef: 'group:default/team-a',
      checklistId: 'ospo',
      itemId: 'creation',
      status: 'done',
      note: 'Approved',
      evidenceUrl: 'https://example.com/charter',
      answeredBy: 'user:default/lee',
      answeredAt: '2026-01-02T03:04:05.678Z',
      version: 2,
    };
    const completion: Required<ChecklistCompletion> = {
      total: 5,
      applicable: 4,
      done: 1,
      inProgress: 1,
      notStarted: 2,
      notApplicable: 1,
      unanswered: 1,
      ratio: 0.25,
    };
    const teamChecklist: Required<TeamChecklist> = {
      checklist: definition,
      answers: [answer],
      completion,
    };
    const teamChecklists: Required<TeamChecklists> = {
      teamRef: 'group:default/team-a',
      checklists: [teamChecklist],
    };
    const historyEntry: Required<AnswerHistoryEntry> = {
      teamRef: 'group:default/team-a',
      checklistId: 'ospo',
      itemId: 'creation',
      fromStatus: 'in-progress',
      toStatus: 'done',
      note: 'Approved',
      evidenceUrl: 'https://example.com/charter',
      changedBy: 'user:default/lee',
      changedAt: '2026-01-02T03:04:05.678Z',
      version: 2,
    };
    const updateRequest: Required<UpdateAnswerRequest> = {
      status: 'not-applicable',
      note: 'We have no open source yet',
      evidenceUrl: 'https://example.com/decision',
      expectedVersion: 0,
    };
    const unresolvedOwner: Required<
      EntityChecklistStatus['unresolvedOwners'][number]
    > = { ref: 'user:default/lee', reason: 'not-a-group' };
    const entityStatus: Required<EntityChecklistStatus> = {
      entityRef: 'component:default/petstore',
      ownerRefs: ['group:default/team-a', 'user:default/lee'],
      teams: [teamChecklists],
      unresolvedOwners: [unresolvedOwner],
    };
    const contact: Required<OspoContact> = {
      title: 'Chat',
      url: 'https://chat.example.com/ospo',
    };
    const topic: Required<ConsultationTopic> = {
      id: 'new-dependency',
      title: 'Using a new dependency',
      description: 'Check it first',
      guidanceUrl: 'https://example.com/dependencies',
    };
    const office: Required<OspoOffice> = {
      groupRef: 'group:default/ospo',
      contacts: [contact],
      officeHours: 'Thursdays 14:00-15:00',
      topics: [topic],
    };
    const consultation: Required<Consultation> = {
      id: randomUUID(),
      entityRef: 'component:default/petstore',
      requesterRef: 'user:default/lee',
      topic: 'new-dependency',
      summary: 'May we use libfoo?',
      details: 'In the app',
      urgency: 'high',
      status: 'resolved',
      assigneeRef: 'user:default/ola',
      resolution: 'Yes',
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-03T03:04:05.678Z',
      firstResponseAt: '2026-01-02T05:04:05.678Z',
      commentCount: 2,
    };
    const event: Required<ConsultationEvent> = {
      id: '7',
      type: 'status',
      actorRef: 'user:default/ola',
      createdAt: '2026-01-03T03:04:05.678Z',
      body: 'Yes',
      fromStatus: 'in-progress',
      toStatus: 'resolved',
      assigneeRef: 'user:default/ola',
    };
    const withEvents: Required<ConsultationWithEvents> = {
      ...consultation,
      events: [event],
    };
    const page: Required<ConsultationPage> = {
      items: [consultation],
      totalCount: 1,
      limit: 50,
      offset: 0,
    };
    const createRequest: Required<CreateConsultationRequest> = {
      topic: 'new-dependency',
      summary: 'May we use libfoo?',
      details: 'In the app',
      urgency: 'low',
    };
    const error: Required<ErrorResponseBody> = {
      error: {
        name: 'ConflictError',
        message: 'Stale',
        stack: 'at ...',
        code: 'x',
      },
      request: { method: 'PUT', url: '/api/ospo/teams/default/a' },
      response: { statusCode: 409 },
    };
    const computedAt = '2026-01-02T03:04:05.678Z';
    const metricDefinition: Required<MetricDefinition> = {
      id: 'ownership.coverage',
      title: 'Ownership coverage',
      description: 'The share of components owned by a team.',
      computation: 'Components whose owner is a Group, over all components.',
      unit: 'ratio',
      direction: 'higher-is-better',
      aggregation: 'ratio',
      kinds: ['Component'],
      breakdowns: { type: 'Component type' },
    };
    const metricValue: Required<MetricValue> = {
      metricId: 'ownership.coverage',
      scopeRef: 'group:default/team-a',
      value: 0.75,
      numerator: 3,
      denominator: 4,
      breakdown: { type: { service: 3, library: 1 } },
      computedAt,
    };
    const metricScope: Required<MetricScope> = {
      ref: 'group:default/engineering',
      type: 'department',
      title: 'Engineering',
      parentRef: 'group:default/tech',
      childRefs: ['group:default/team-a'],
    };
    const latestMetrics: Required<LatestMetrics> = {
      scope: metricScope,
      computedAt,
      definitions: [metricDefinition],
      values: [metricValue],
    };
    const historyPoint: Required<MetricHistoryPoint> = {
      computedAt,
      value: 0.75,
      numerator: 3,
      denominator: 4,
    };
    const metricHistory: Required<MetricHistory> = {
      metricId: 'ownership.coverage',
      scopeRef: 'org',
      points: [historyPoint],
    };
    const finding: Required<MetricFinding> = {
      metricId: 'license.denied',
      entityRef: 'component:default/petstore',
      teamRef: 'group:default/team-a',
      detail: 'GPL-3.0-only is denied',
    };
    const findingPage: Required<MetricFindingPage> = {
      items: [finding],
      totalCount: 1,
    };
    const runStatus: Required<MetricsRunStatus> = {
      running: {
        runId: randomUUID(),
        startedAt: computedAt,
        processedEntities: 10,
      },
      lastSuccess: {
        runId: randomUUID(),
        startedAt: computedAt,
        finishedAt: computedAt,
        processedEntities: 200,
      },
      lastFailure: {
        runId: randomUUID(),
        startedAt: computedAt,
        finishedAt: computedAt,
        error: 'The catalog did not answer',
      },
    };

    const counts: Required<ChecklistStatusCounts> = {
      done: 1,
      'in-progress': 0,
      'not-started': 2,
      'not-applicable': 0,
      unanswered: 1,
    };
    const column: Required<ChecklistMatrixColumn> = {
      key: 'ospo/creation',
      checklistId: 'ospo',
      itemId: 'creation',
      title: 'Creation',
    };
    const cell: ChecklistCellStatus = 'unanswered';
    const matrixTeam: Required<ChecklistMatrixTeam> = {
      ref: 'group:default/team-a',
      title: 'Team A',
      departmentRef: 'group:default/engineering',
      statuses: { 'ospo/creation': cell },
      done: 0,
      applicable: 1,
      ratio: 0,
    };
    const matrixDepartment: Required<ChecklistMatrixDepartment> = {
      ref: 'group:default/engineering',
      title: 'Engineering',
      parentRef: 'group:default/tech',
      depth: 1,
      teamCount: 4,
      counts: { 'ospo/creation': counts },
      done: 1,
      applicable: 4,
      ratio: 0.25,
    };
    const matrix: Required<ChecklistMatrix> = {
      checklists: [definition],
      columns: [column],
      total: { ...matrixDepartment, ref: 'org', depth: 0 },
      departments: [matrixDepartment],
      teams: [matrixTeam],
      totalCount: 4,
      hierarchyAsOf: computedAt,
    };
    const scopeValues: Required<MetricScopeValues> = {
      metricId: 'ownership.coverage',
      computedAt,
      items: [{ scope: metricScope, value: metricValue }],
    };
    const oldest: Required<NonNullable<ConsultationSummary['oldest']>> = {
      id: randomUUID(),
      summary: 'May we use libfoo?',
      entityRef: 'component:default/petstore',
      status: 'open',
      createdAt: computedAt,
    };
    const consultationSummary: Required<ConsultationSummary> = {
      open: 3,
      inProgress: 1,
      medianAgeHours: 36.5,
      oldest,
    };

    it.each([
      ['ChecklistItemDefinition', item],
      ['ChecklistDefinition', definition],
      ['ChecklistAnswer', answer],
      ['ChecklistCompletion', completion],
      ['TeamChecklist', teamChecklist],
      ['TeamChecklists', teamChecklists],
      ['AnswerHistoryEntry', historyEntry],
      ['UpdateAnswerRequest', updateRequest],
      ['UnresolvedOwner', unresolvedOwner],
      ['EntityChecklistStatus', entityStatus],
      ['OspoContact', contact],
      ['ConsultationTopic', topic],
      ['OspoOffice', office],
      ['Consultation', consultation],
      ['ConsultationEvent', event],
      ['ConsultationWithEvents', withEvents],
      ['ConsultationPage', page],
      ['CreateConsultationRequest', createRequest],
      ['MetricDefinition', metricDefinition],
      ['MetricValue', metricValue],
      ['MetricScope', metricScope],
      ['LatestMetrics', latestMetrics],
      ['MetricHistoryPoint', historyPoint],
      ['MetricHistory', metricHistory],
      ['MetricFinding', finding],
      ['MetricFindingPage', findingPage],
      ['MetricsRunStatus', runStatus],
      ['ChecklistStatusCounts', counts],
      ['ChecklistMatrixColumn', column],
      ['ChecklistMatrixTeam', matrixTeam],
      ['ChecklistMatrixDepartment', matrixDepartment],
      ['ChecklistMatrix', matrix],
      ['MetricScopeValues', scopeValues],
      ['ConsultationSummary', consultationSummary],
      ['Error', error],
    ] as Array<[string, object]>)(
      '%s has the properties of the TypeScript type',
      (name, sample) => {
        const s = schema(name);
        expect(Object.keys(s.properties ?? {}).sort()).toEqual(
          Object.keys(sample).sort(),
        );
        expect(validateValue(spec, s, sample)).toEqual([]);
      },
    );

    it.each([
      ['ChecklistItemDefinition', item, ['guidanceUrl']],
      ['ChecklistDefinition', definition, ['description', 'osmmLevel']],
      ['ChecklistAnswer', answer, ['note', 'evidenceUrl']],
      [
        'AnswerHistoryEntry',
        historyEntry,
        ['fromStatus', 'note', 'evidenceUrl'],
      ],
      ['UpdateAnswerRequest', updateRequest, ['note', 'evidenceUrl']],
      ['OspoContact', contact, []],
      ['ConsultationTopic', topic, ['guidanceUrl']],
      ['OspoOffice', office, ['officeHours']],
      [
        'Consultation',
        consultation,
        ['details', 'assigneeRef', 'resolution', 'firstResponseAt'],
      ],
      [
        'ConsultationEvent',
        event,
        ['body', 'fromStatus', 'toStatus', 'assigneeRef'],
      ],
      [
        'ConsultationWithEvents',
        withEvents,
        ['details', 'assigneeRef', 'resolution', 'firstResponseAt'],
      ],
      ['ConsultationPage', page, []],
      // The urgency is required in the TypeScript type but defaults to normal.
      ['CreateConsultationRequest', createRequest, ['details', 'urgency']],
      ['MetricDefinition', metricDefinition, ['breakdowns']],
      [
        'MetricValue',
        metricValue,
        ['value', 'numerator', 'denominator', 'breakdown'],
      ],
      ['MetricScope', metricScope, ['parentRef', 'childRefs']],
      ['LatestMetrics', latestMetrics, ['computedAt']],
      [
        'MetricHistoryPoint',
        historyPoint,
        ['value', 'numerator', 'denominator'],
      ],
      ['MetricHistory', metricHistory, []],
      ['MetricFinding', finding, ['teamRef']],
      ['MetricFindingPage', findingPage, []],
      [
        'MetricsRunStatus',
        runStatus,
        ['running', 'lastSuccess', 'lastFailure'],
      ],
      ['ChecklistStatusCounts', counts, []],
      ['ChecklistMatrixColumn', column, []],
      ['ChecklistMatrixTeam', matrixTeam, ['departmentRef', 'ratio']],
      ['ChecklistMatrixDepartment', matrixDepartment, ['parentRef', 'ratio']],
      ['ChecklistMatrix', matrix, ['hierarchyAsOf']],
      ['MetricScopeValues', scopeValues, ['computedAt']],
      [
        'ConsultationSummary',
        consultationSummary,
        ['medianAgeHours', 'oldest'],
      ],
      ['Error', error, ['request']],
    ] as Array<[string, Record<string, unknown>, string[]]>)(
      '%s requires every property but the optional ones',
      (name, sample, optional) => {
        const s = schema(name);
        expect([...(s.required ?? [])].sort()).toEqual(
          Object.keys(sample)
            .filter(key => !optional.includes(key))
            .sort(),
        );
        for (const key of optional) {
          const { [key]: _, ...rest } = sample;
          expect(validateValue(spec, s, rest)).toEqual([]);
        }
      },
    );

    it.each(['running', 'lastSuccess', 'lastFailure'] as const)(
      'MetricsRunStatus.%s has exactly the properties of the type, all required',
      key => {
        const s = schema('MetricsRunStatus').properties![key];
        const sample = runStatus[key];
        expect(Object.keys(s.properties ?? {}).sort()).toEqual(
          Object.keys(sample).sort(),
        );
        expect([...(s.required ?? [])].sort()).toEqual(
          Object.keys(sample).sort(),
        );
        expect(s.additionalProperties).toBe(false);
      },
    );

    it('has the nested objects of the dashboard types, all required', () => {
      const items = schema('MetricScopeValues').properties!.items.items!;
      const oldestSchema = schema('ConsultationSummary').properties!.oldest;
      for (const [s, sample] of [
        [items, scopeValues.items[0]],
        [oldestSchema, oldest],
      ] as Array<[SchemaObject, object]>) {
        expect(Object.keys(s.properties!).sort()).toEqual(
          Object.keys(sample).sort(),
        );
        expect([...s.required!].sort()).toEqual(Object.keys(sample).sort());
        expect(s.additionalProperties).toBe(false);
      }
      // Records: every status counted, cells only the known statuses.
      expect(schema('ChecklistStatusCounts').required).toEqual([
        ...CHECKLIST_CELL_STATUSES,
      ]);
    });

    it('rejects what the types do not allow', () => {
      expect(
        validateValue(spec, schema('ChecklistAnswer'), {
          ...answer,
          status: 'finished',
        }),
      ).toEqual([
        '$.status is not one of not-started, in-progress, done, not-applicable',
      ]);
      expect(
        validateValue(spec, schema('UpdateAnswerRequest'), {
          ...updateRequest,
          extra: true,
        }),
      ).toEqual(['$.extra is not in the schema']);
      expect(
        validateValue(spec, schema('AnswerHistoryEntry'), {
          ...historyEntry,
          version: '2',
        }),
      ).toEqual(['$.version is not a number']);
      expect(
        validateValue(spec, schema('EntityChecklistStatus'), {
          ...entityStatus,
          unresolvedOwners: [{ ref: 'x', reason: 'gone' }],
        }),
      ).toEqual([
        '$.unresolvedOwners[0].reason is not one of not-a-group, not-found',
      ]);
      expect(
        validateValue(spec, schema('Consultation'), {
          ...consultation,
          status: 'closed',
          urgency: 'urgent',
        }),
      ).toEqual([
        '$.urgency is not one of low, normal, high, critical',
        '$.status is not one of open, in-progress, resolved, declined, withdrawn',
      ]);
      // A consultation with its thread is not what the list returns.
      expect(
        validateValue(spec, schema('ConsultationPage'), {
          ...page,
          items: [withEvents],
        }),
      ).toEqual(['$.items[0].events is not in the schema']);
      expect(
        validateValue(spec, schema('ConsultationWithEvents'), {
          ...withEvents,
          events: [{ ...event, type: 'reaction' }],
        }),
      ).toEqual([
        '$.events[0].type is not one of created, comment, status, assignment',
      ]);
      expect(
        validateValue(spec, schema('CreateConsultationRequest'), {
          ...createRequest,
          entityRef: 'component:default/other',
        }),
      ).toEqual(['$.entityRef is not in the schema']);
      expect(
        validateValue(spec, schema('LatestMetrics'), {
          ...latestMetrics,
          definitions: [{ ...metricDefinition, unit: 'percent' }],
          scope: { ...metricScope, type: 'division' },
        }),
      ).toEqual([
        '$.scope.type is not one of org, department, team',
        '$.definitions[0].unit is not one of count, ratio, hours',
      ]);
      expect(
        validateValue(spec, schema('MetricsRunStatus'), {
          running: { runId: 'x', startedAt: computedAt },
          lastFailure: { ...runStatus.lastFailure, processedEntities: 3 },
        }),
      ).toEqual([
        '$.running.processedEntities is required',
        '$.lastFailure.processedEntities is not in the schema',
      ]);
      expect(
        validateValue(spec, schema('MetricFindingPage'), {
          items: [{ metricId: 'license.denied', entityRef: 'x' }],
          totalCount: -1,
        }),
      ).toEqual(['$.items[0].detail is required', '$.totalCount is below 0']);
      expect(
        validateValue(spec, schema('ChecklistMatrix'), {
          ...matrix,
          teams: [{ ...matrixTeam, statuses: { 'ospo/creation': 'unknown' } }],
          departments: [
            {
              ...matrixDepartment,
              counts: { 'ospo/creation': { ...counts, unanswered: -1 } },
            },
          ],
        }),
      ).toEqual([
        '$.departments[0].counts.ospo/creation.unanswered is below 0',
        '$.teams[0].statuses.ospo/creation is not one of done, in-progress, not-started, not-applicable, unanswered',
      ]);
      expect(
        validateValue(spec, schema('ConsultationSummary'), {
          open: 1,
          inProgress: 0,
          oldest: { ...oldest, status: 'resolved', details: 'x' },
        }),
      ).toEqual(['$.oldest.details is not in the schema']);
    });
  });
});
