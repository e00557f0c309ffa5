import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AnswerHistoryEntry,
  CHECKLIST_ITEM_STATUSES,
  ChecklistAnswer,
  ChecklistCompletion,
  ChecklistDefinition,
  ChecklistItemDefinition,
  EntityChecklistStatus,
  TeamChecklist,
  TeamChecklists,
  UpdateAnswerRequest,
} from '@ospo-kit/plugin-ospo-common';
import { ErrorResponseBody } from '@backstage/errors';
import { ChecklistStore } from '../database/ChecklistStore';
import { ChecklistService } from '../service/ChecklistService';
import { createRouter } from '../service/router';
import { TeamDirectory } from '../service/TeamDirectory';
import {
  MAX_NOTE_LENGTH,
  MAX_URL_LENGTH,
  entityPathSchema,
  itemPathSchema,
} from '../service/validation';
import {
  OperationObject,
  ParameterObject,
  SchemaObject,
  loadOpenApiSpec,
  resolveRef,
  validateValue,
} from '../testUtils/openApiSpec';

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

/** The routes `createRouter` mounts, read from its Express stack. */
async function routerRoutes(): Promise<string[]> {
  const store: ChecklistStore = {
    getAnswers: jest.fn(),
    setAnswer: jest.fn(),
    getHistory: jest.fn(),
  };
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    auditor: mockServices.auditor.mock(),
    checklists: ChecklistService.create({ definitions: [], store }),
    store,
    teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
  });
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

  it('documents exactly the routes the router mounts', async () => {
    const mounted = await routerRoutes();
    expect(mounted).toHaveLength(5);
    expect([...specRoutes()].sort()).toEqual([...mounted].sort());
  });

  it('documents every operation with an id, a description, errors and its path parameters', () => {
    const ids = new Set<string>();
    for (const [route, operation] of operations()) {
      expect([route, typeof operation.operationId]).toEqual([route, 'string']);
      ids.add(operation.operationId!);
      expect([route, operation.summary && operation.description]).toEqual([
        route,
        expect.stringMatching(/\w/),
      ]);
      // Every route needs a token; none is opened with security: [].
      expect([route, operation.security]).toEqual([route, undefined]);
      expect([route, Object.keys(operation.responses)]).toEqual([
        route,
        expect.arrayContaining(['200', '401']),
      ]);

      const template = route.split(' ')[1];
      const inPath = [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      const parameters = (operation.parameters ?? []).map(p =>
        resolveRef<ParameterObject>(spec, p),
      );
      expect([route, parameters.map(p => p.name)]).toEqual([route, inPath]);
      for (const p of parameters) {
        expect([route, p.name, p.in, p.required]).toEqual([
          route,
          p.name,
          'path',
          true,
        ]);
      }
      if (inPath.length > 0) {
        // Bad path parameters are rejected, unknown teams and entities too.
        expect([route, Object.keys(operation.responses)]).toEqual([
          route,
          expect.arrayContaining(['400', '404']),
        ]);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const { content } = resolveRef(spec, response);
        expect([route, status, content?.['application/json']?.schema]).toEqual([
          route,
          status,
          expect.any(Object),
        ]);
        if (status !== '200') {
          expect([route, status, content!['application/json'].schema]).toEqual([
            route,
            status,
            { $ref: '#/components/schemas/Error' },
          ]);
        }
      }
    }
    expect(ids.size).toBe(operations().length);
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
    });
  });
});
