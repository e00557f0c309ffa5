import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOspoConsultationCreateAction } from './createConsultationAction';
import {
  initiator,
  mockActionServices,
  ospoBaseUrl,
} from '../__testUtils__/mockActionServices';

const server = setupServer();
const consultationsUrl = `${ospoBaseUrl}/entities/component/default/petstore/consultations`;

const input = {
  entityRef: 'component:default/petstore',
  topic: 'publish',
  summary: 'Publish petstore',
  details: 'Apache-2.0',
  urgency: 'high' as const,
};

function setup() {
  const services = mockActionServices();
  const action = createOspoConsultationCreateAction({
    ...services,
    appBaseUrl: 'http://portal.example.com/',
  });
  return { action, ...services };
}

describe('ospo:consultation:create', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('files the request as the template user and outputs its link', async () => {
    const { action, auth } = setup();
    let authorization: string | null = null;
    let body: unknown;
    server.use(
      http.post(consultationsUrl, async ({ request }) => {
        authorization = request.headers.get('authorization');
        body = await request.json();
        return HttpResponse.json(
          { id: 'c-1', status: 'open', entityRef: input.entityRef },
          { status: 201 },
        );
      }),
    );
    // Set after the mock is made: createMockActionContext ignores both
    // getInitiatorCredentials and isDryRun among its options.
    const ctx = {
      ...createMockActionContext({ input }),
      getInitiatorCredentials: async () => initiator,
    };

    await action.handler(ctx);

    expect(auth.getPluginRequestToken).toHaveBeenCalledWith({
      onBehalfOf: initiator,
      targetPluginId: 'ospo',
    });
    expect(authorization).toBe('Bearer token-for-user:default/alice-to-ospo');
    // The requester comes from the token, never from the body.
    expect(body).toEqual({
      topic: 'publish',
      summary: 'Publish petstore',
      details: 'Apache-2.0',
      urgency: 'high',
    });
    expect(ctx.output).toHaveBeenCalledWith('id', 'c-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'http://portal.example.com/ospo/consultations/c-1',
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'open');
  });

  it('creates nothing in a dry run, after checking the topic and entity', async () => {
    const { action } = setup();
    const posted = jest.fn();
    const read: string[] = [];
    server.use(
      http.post(consultationsUrl, () => {
        posted();
        return HttpResponse.json({}, { status: 201 });
      }),
      http.get(`${ospoBaseUrl}/office`, () => {
        read.push('office');
        return HttpResponse.json({
          groupRef: 'group:default/ospo',
          contacts: [],
          topics: [{ id: 'publish', title: 'Publishing', description: '' }],
        });
      }),
      http.get(
        `${ospoBaseUrl}/entities/component/default/petstore/checklist-status`,
        () => {
          read.push('entity');
          return HttpResponse.json({ entityRef: input.entityRef });
        },
      ),
    );
    const ctx = {
      ...createMockActionContext({ input }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(posted).not.toHaveBeenCalled();
    expect(read).toEqual(['office', 'entity']);
    expect(ctx.output).toHaveBeenCalledWith('id', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'http://portal.example.com/ospo/consultations',
    );
  });

  it('fails a dry run on a topic the OSPO does not offer', async () => {
    const { action } = setup();
    server.use(
      http.get(`${ospoBaseUrl}/office`, () =>
        HttpResponse.json({
          groupRef: 'group:default/ospo',
          contacts: [],
          topics: [{ id: 'licensing', title: 'Licensing', description: '' }],
        }),
      ),
    );
    const ctx = {
      ...createMockActionContext({ input }),
      isDryRun: true,
    };

    await expect(action.handler(ctx)).rejects.toThrow(
      `Unknown consultation topic "publish"; the OSPO's topics are: licensing`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    [400, 'BadRequestError', 'Unknown topic "publish"'],
    [403, 'NotAllowedError', 'You may not file requests about this entity'],
    [404, 'NotFoundError', 'No entity component:default/petstore'],
  ])('fails with the server message on a %i', async (status, name, message) => {
    const { action } = setup();
    server.use(
      http.post(consultationsUrl, () =>
        HttpResponse.json(
          { error: { name, message }, response: { statusCode: status } },
          { status },
        ),
      ),
    );
    const ctx = createMockActionContext({ input });

    await expect(action.handler(ctx)).rejects.toThrow(
      `Could not file a consultation about component:default/petstore: ${message} (HTTP ${status})`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
