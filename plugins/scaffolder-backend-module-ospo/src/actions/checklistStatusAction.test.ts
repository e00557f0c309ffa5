import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOspoChecklistStatusAction } from './checklistStatusAction';
import {
  initiator,
  mockActionServices,
  ospoBaseUrl,
} from '../__testUtils__/mockActionServices';

const server = setupServer();
const statusUrl = `${ospoBaseUrl}/entities/component/default/petstore/checklist-status`;

function completion(done: number, applicable: number) {
  return { done, applicable, ratio: applicable ? done / applicable : 1 };
}

function checks(fail: number) {
  return {
    changedSinceEvaluation: false,
    canRefresh: false,
    summary: { pass: 3, warn: 1, fail, unknown: 0 },
    results: [],
  };
}

describe('ospo:checklist:status', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it("sums each owning team's checklists and reports the weakest team", async () => {
    const { auth, discovery } = mockActionServices();
    let authorization: string | null = null;
    server.use(
      http.get(statusUrl, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({
          entityRef: 'component:default/petstore',
          ownerRefs: ['group:default/team-a', 'group:default/team-b'],
          teams: [
            {
              teamRef: 'group:default/team-a',
              checklists: [
                { completion: completion(3, 4) },
                { completion: completion(1, 4) },
              ],
            },
            {
              teamRef: 'group:default/team-b',
              checklists: [{ completion: completion(0, 0) }],
            },
          ],
          unresolvedOwners: [],
          checks: checks(2),
        });
      }),
    );
    const action = createOspoChecklistStatusAction({ auth, discovery });
    const ctx = {
      ...createMockActionContext({
        input: { entityRef: 'component:default/petstore' },
      }),
      getInitiatorCredentials: async () => initiator,
    };

    await action.handler(ctx);

    expect(authorization).toBe('Bearer token-for-user:default/alice-to-ospo');
    expect(ctx.output).toHaveBeenCalledWith('teams', [
      { teamRef: 'group:default/team-a', ratio: 0.5, done: 4, applicable: 8 },
      { teamRef: 'group:default/team-b', ratio: 1, done: 0, applicable: 0 },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('completion', 0.5);
    expect(ctx.output).toHaveBeenCalledWith('complete', false);
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', 2);
  });

  it('reports no completion when no owner is a team', async () => {
    const { auth, discovery } = mockActionServices();
    server.use(
      http.get(statusUrl, () =>
        HttpResponse.json({
          entityRef: 'component:default/petstore',
          ownerRefs: ['user:default/bob'],
          teams: [],
          unresolvedOwners: [],
          checks: checks(0),
        }),
      ),
    );
    const action = createOspoChecklistStatusAction({ auth, discovery });
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/petstore' },
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('teams', []);
    expect(ctx.output).toHaveBeenCalledWith('completion', null);
    expect(ctx.output).toHaveBeenCalledWith('complete', false);
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', 0);
  });

  it('is complete when every team has done every applicable item', async () => {
    const { auth, discovery } = mockActionServices();
    server.use(
      http.get(statusUrl, () =>
        HttpResponse.json({
          entityRef: 'component:default/petstore',
          ownerRefs: ['group:default/team-a'],
          teams: [
            {
              teamRef: 'group:default/team-a',
              checklists: [{ completion: completion(5, 5) }],
            },
          ],
          unresolvedOwners: [],
          checks: checks(0),
        }),
      ),
    );
    const action = createOspoChecklistStatusAction({ auth, discovery });
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/petstore' },
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('completion', 1);
    expect(ctx.output).toHaveBeenCalledWith('complete', true);
  });

  it('fails with the server message when the entity is missing', async () => {
    const { auth, discovery } = mockActionServices();
    server.use(
      http.get(statusUrl, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No such entity' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const action = createOspoChecklistStatusAction({ auth, discovery });
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/petstore' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Could not read the OSPO checklist status of component:default/petstore: No such entity (HTTP 404)',
    );
  });
});
