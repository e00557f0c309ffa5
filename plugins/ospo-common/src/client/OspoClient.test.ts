import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OspoClient } from './OspoClient';
import { TooManyRequestsError } from './TooManyRequestsError';

const baseUrl = 'http://localhost:7007/api/ospo';
const server = setupServer();

const client = new OspoClient({
  discoveryApi: { getBaseUrl: async () => baseUrl },
});

describe('OspoClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('addresses a team by namespace and name, defaulting both', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/teams/:namespace/:name/checklists`, ({ params }) => {
        seen.push(`${params.namespace}/${params.name}`);
        return HttpResponse.json({ teamRef: 'x', checklists: [] });
      }),
    );
    await client.getTeamChecklists('group:default/team-a');
    await client.getTeamChecklists('team-b');
    await client.getTeamChecklists('group:other/team-c');
    expect(seen).toEqual(['default/team-a', 'default/team-b', 'other/team-c']);
  });

  it('sends an answer as JSON with PUT and returns the stored answer', async () => {
    let body: unknown;
    server.use(
      http.put(
        `${baseUrl}/teams/default/team-a/checklists/ospo/items/creation`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({ status: 'done', version: 1 });
        },
      ),
    );
    const answer = await client.updateAnswer({
      teamRef: 'group:default/team-a',
      checklistId: 'ospo',
      itemId: 'creation',
      answer: { status: 'done', expectedVersion: 0 },
    });
    expect(body).toEqual({ status: 'done', expectedVersion: 0 });
    expect(answer).toMatchObject({ status: 'done', version: 1 });
  });

  it('re-attests an answer with POST and returns the stored answer', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${baseUrl}/teams/default/team-a/checklists/ospo/items/stakeholders/reattest`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({ status: 'done', version: 4 });
        },
      ),
    );
    const answer = await client.reattestAnswer({
      teamRef: 'group:default/team-a',
      checklistId: 'ospo',
      itemId: 'stakeholders',
      request: { expectedVersion: 3 },
    });
    expect(body).toEqual({ expectedVersion: 3 });
    expect(answer).toMatchObject({ status: 'done', version: 4 });
  });

  it('unwraps lists and encodes entity refs into the path', async () => {
    server.use(
      http.get(`${baseUrl}/checklists`, () =>
        HttpResponse.json({ items: [{ id: 'ospo' }] }),
      ),
      http.get(
        `${baseUrl}/entities/component/default/my%20service/checklist-status`,
        () => HttpResponse.json({ entityRef: 'component:default/my service' }),
      ),
    );
    expect(await client.getChecklists()).toEqual([{ id: 'ospo' }]);
    expect(
      await client.getEntityChecklistStatus('component:default/my service'),
    ).toEqual({ entityRef: 'component:default/my service' });
  });

  it('sends filters as a query string, repeating arrays and leaving out unset ones', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/consultations`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          limit: 1,
          offset: 0,
        });
      }),
      http.get(
        `${baseUrl}/metrics/:metricId/history`,
        ({ request, params }) => {
          seen.push(`${params.metricId}${new URL(request.url).search}`);
          return HttpResponse.json({
            metricId: 'x',
            scopeRef: 'org',
            points: [],
          });
        },
      ),
    );
    await client.listConsultations({
      status: ['open', 'in-progress'],
      entityRef: 'component:default/a b',
      topic: undefined,
      limit: 1,
    });
    await client.getMetricHistory({
      metricId: 'ownership.coverage',
      scopeRef: 'group:default/team-a',
      from: '2026-01-01T00:00:00Z',
    });
    expect(seen.map(decodeURIComponent)).toEqual([
      '?status=open&status=in-progress&entityRef=component:default/a b&limit=1',
      'ownership.coverage?scope=group:default/team-a&from=2026-01-01T00:00:00Z',
    ]);
  });

  it('unassigns with a null assignee and reads CSV exports as text', async () => {
    let body: unknown;
    server.use(
      http.put(`${baseUrl}/consultations/c-1/assignee`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'c-1' });
      }),
      http.get(
        `${baseUrl}/metrics/ownership.coverage/values.csv`,
        () =>
          new HttpResponse('Group ref,Value\ngroup:default/a,1\n', {
            headers: { 'Content-Type': 'text/csv' },
          }),
      ),
    );
    await client.assignConsultation('c-1', undefined);
    expect(body).toEqual({ assigneeRef: null });
    expect(await client.exportMetricValuesCsv('ownership.coverage')).toBe(
      'Group ref,Value\ngroup:default/a,1\n',
    );
  });

  it('asks for the SBOM reports with their query and reads their CSV exports as text', async () => {
    const seen: string[] = [];
    const offenders = {
      scannedEntityCount: 1,
      violationCount: 1,
      affectedEntityCount: 1,
      packageCount: 1,
      licenseCount: 1,
      packages: [
        {
          name: 'left-pad',
          license: 'GPL-3.0-only',
          culprits: ['GPL-3.0-only'],
          entityCount: 1,
          violationCount: 1,
        },
      ],
      licenses: [
        {
          license: 'GPL-3.0-only',
          entityCount: 1,
          violationCount: 1,
          packageCount: 1,
        },
      ],
    };
    server.use(
      http.get(`${baseUrl}/sbom/offenders`, ({ request }) => {
        seen.push(`offenders${new URL(request.url).search}`);
        return HttpResponse.json(offenders);
      }),
      http.get(`${baseUrl}/sbom/vulnerabilities`, ({ request }) => {
        seen.push(`vulnerabilities${new URL(request.url).search}`);
        return HttpResponse.json({ items: [] });
      }),
      http.get(`${baseUrl}/sbom/violations.csv`, ({ request }) => {
        seen.push(`violations.csv${new URL(request.url).search}`);
        return new HttpResponse('Entity ref\r\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
      http.get(`${baseUrl}/sbom/vulnerabilities.csv`, ({ request }) => {
        seen.push(`vulnerabilities.csv${new URL(request.url).search}`);
        return new HttpResponse("Entity ref\r\n'=x\r\n", {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    expect(await client.getSbomOffenders()).toEqual(offenders);
    await client.getSbomVulnerabilities({
      limit: 5,
      teamRef: 'group:default/team-a',
    });
    expect(await client.exportSbomViolationsCsv()).toBe('Entity ref\r\n');
    expect(
      await client.exportSbomVulnerabilitiesCsv({ teamRef: 'team-a' }),
    ).toBe("Entity ref\r\n'=x\r\n");
    expect(seen.map(decodeURIComponent)).toEqual([
      'offenders',
      'vulnerabilities?limit=5&teamRef=group:default/team-a',
      'violations.csv',
      'vulnerabilities.csv?teamRef=team-a',
    ]);
  });

  it('rejects a refused SBOM report with a ResponseError', async () => {
    server.use(
      http.get(`${baseUrl}/sbom/offenders`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'No metrics for you' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client.getSbomOffenders({ limit: 3 }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('No metrics for you');
  });

  it("sends every request through the given fetchApi, as Backstage's adds the user's token", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${baseUrl}/office`, ({ request }) => {
        authorization = request.headers.get('Authorization');
        return HttpResponse.json({ groupRef: 'group:default/ospo' });
      }),
    );
    const withToken = new OspoClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set('Authorization', 'Bearer token');
          return fetch(request);
        },
      },
    });
    expect(await withToken.getOffice()).toEqual({
      groupRef: 'group:default/ospo',
    });
    expect(authorization).toBe('Bearer token');
  });

  it('hands fetchApi a URL and the body as text, which a browser can copy into a new Request', async () => {
    const calls: Array<[unknown, RequestInit | undefined]> = [];
    server.use(
      http.post(`${baseUrl}/consultations/:id/comments`, async ({ request }) =>
        HttpResponse.json(await request.json(), { status: 201 }),
      ),
    );
    const recording = new OspoClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: {
        fetch: async (input, init) => {
          calls.push([input, init]);
          return fetch(input, init);
        },
      },
    });
    const id = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
    expect(await recording.commentOnConsultation(id, 'Thanks')).toEqual({
      body: 'Thanks',
    });
    const [[input, init]] = calls;
    expect(input).toBe(`${baseUrl}/consultations/${id}/comments`);
    expect(init).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ body: 'Thanks' }),
    });
  });

  it('posts a rating and returns it, and rejects a second one with the 409', async () => {
    const id = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
    const bodies: unknown[] = [];
    server.use(
      http.post(`${baseUrl}/consultations/:id/rating`, async ({ request }) => {
        bodies.push(await request.json());
        if (bodies.length > 1) {
          return HttpResponse.json(
            {
              error: { name: 'ConflictError', message: 'already rated' },
              request: { method: 'POST', url: '/' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          );
        }
        return HttpResponse.json(
          { score: 4, comment: 'Clear', ratedAt: '2026-12-01T10:00:00.000Z' },
          { status: 201 },
        );
      }),
    );
    expect(
      await client.rateConsultation(id, { score: 4, comment: 'Clear' }),
    ).toEqual({
      score: 4,
      comment: 'Clear',
      ratedAt: '2026-12-01T10:00:00.000Z',
    });
    await expect(
      client.rateConsultation(id, { score: 5 }),
    ).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { message: 'already rated' } },
    });
    expect(bodies).toEqual([{ score: 4, comment: 'Clear' }, { score: 5 }]);
  });

  it("posts a refresh of an entity's checks and returns them", async () => {
    const seen: string[] = [];
    const checks = {
      evaluatedAt: '2026-11-29T12:00:00Z',
      evaluatedBy: 'refresh',
      changedSinceEvaluation: false,
      canRefresh: true,
      summary: { pass: 1, warn: 0, fail: 0, unknown: 0 },
      results: [],
    };
    server.use(
      http.post(
        `${baseUrl}/entities/:kind/:namespace/:name/checks/refresh`,
        ({ params }) => {
          seen.push(`${params.kind}/${params.namespace}/${params.name}`);
          return HttpResponse.json(checks);
        },
      ),
    );
    expect(
      await client.refreshEntityChecks('component:default/checkout'),
    ).toEqual(checks);
    expect(seen).toEqual(['component/default/checkout']);
  });

  it('turns a 429 into an error that says when to try again', async () => {
    const refused = (retryAfter?: string) =>
      HttpResponse.json(
        {
          error: { name: 'Error', message: 'Checked too recently' },
          request: { method: 'POST', url: '/entities' },
          response: { statusCode: 429 },
        },
        {
          status: 429,
          headers: retryAfter ? { 'Retry-After': retryAfter } : {},
        },
      );
    const retryAfters = ['8', '1', undefined];
    server.use(
      http.post(
        `${baseUrl}/entities/:kind/:namespace/:name/checks/refresh`,
        () => refused(retryAfters.shift()),
      ),
    );

    const first = client.refreshEntityChecks('component:default/checkout');
    await expect(first).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(first).rejects.toMatchObject({
      message: 'Asked again too soon: try again in 8 seconds.',
      statusCode: 429,
      retryAfterSeconds: 8,
      cause: { statusCode: 429 },
    });
    await expect(
      client.refreshEntityChecks('component:default/checkout'),
    ).rejects.toThrow('Asked again too soon: try again in 1 second.');
    await expect(
      client.refreshEntityChecks('component:default/checkout'),
    ).rejects.toThrow('Asked again too soon: try again in a moment.');
  });

  it('creates, reads, patches and exports campaigns', async () => {
    const id = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/campaigns`, ({ request }) => {
        seen.push(`list ${new URL(request.url).search}`);
        return HttpResponse.json({ items: [] });
      }),
      http.post(`${baseUrl}/campaigns`, async ({ request }) => {
        seen.push(`create ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id }, { status: 201 });
      }),
      http.patch(`${baseUrl}/campaigns/${id}`, async ({ request }) => {
        seen.push(`patch ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id, status: 'closed' });
      }),
      http.get(`${baseUrl}/campaigns/${id}/burnup`, () =>
        HttpResponse.json({ points: [] }),
      ),
      http.get(
        `${baseUrl}/campaigns/${id}/progress.csv`,
        () =>
          new HttpResponse('Department\r\n', {
            headers: { 'Content-Type': 'text/csv' },
          }),
      ),
    );
    await client.listCampaigns({ teamRef: 'group:default/team-a' });
    await client.createCampaign({
      title: 'T',
      checklistId: 'ospo',
      targetRefs: ['group:default/eng'],
      startDate: '2027-01-01',
      targetDate: '2027-02-01',
    });
    expect(await client.updateCampaign(id, { status: 'closed' })).toEqual({
      id,
      status: 'closed',
    });
    expect(await client.getCampaignBurnup(id)).toEqual({ points: [] });
    expect(await client.exportCampaignProgressCsv(id)).toBe('Department\r\n');
    expect(seen).toEqual([
      'list ?teamRef=group%3Adefault%2Fteam-a',
      'create {"title":"T","checklistId":"ospo","targetRefs":["group:default/eng"],"startDate":"2027-01-01","targetDate":"2027-02-01"}',
      'patch {"status":"closed"}',
    ]);
  });

  it('turns an error response into a ResponseError with the server message', async () => {
    server.use(
      http.put(
        `${baseUrl}/teams/default/team-a/checklists/ospo/items/creation`,
        () =>
          HttpResponse.json(
            {
              error: { name: 'ConflictError', message: 'stale version' },
              request: { method: 'PUT', url: '/teams' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
      ),
    );
    const promise = client.updateAnswer({
      teamRef: 'group:default/team-a',
      checklistId: 'ospo',
      itemId: 'creation',
      answer: { status: 'done', expectedVersion: 3 },
    });
    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { name: 'ConflictError', message: 'stale version' } },
    });
  });
});
