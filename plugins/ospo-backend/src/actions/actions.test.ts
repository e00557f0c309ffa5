import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { ospoPlugin } from '../plugin';
import { userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // member of team-a
const GUEST = 'user:default/guest'; // may read, but not file requests
const lee = mockCredentials.user.header(LEE);
const guest = mockCredentials.user.header(GUEST);

const ACTIONS = '/api/ospo/.backstage/actions/v1/actions';
const invokeUrl = (name: string) => `${ACTIONS}/ospo:${name}/invoke`;

function entity(
  kind: string,
  name: string,
  extra: { spec?: Entity['spec']; ownedBy?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: extra.spec ?? {},
    relations: extra.ownedBy
      ? [{ type: 'ownedBy', targetRef: extra.ownedBy }]
      : [],
  };
}

const ENTITIES = [
  entity('Group', 'team-a', { spec: { type: 'team', children: [] } }),
  entity('Group', 'ospo', { spec: { type: 'team', children: [] } }),
  entity('Component', 'checkout', {
    spec: { owner: 'team-a' },
    ownedBy: 'group:default/team-a',
  }),
];

/** Everything is allowed, except filing requests for GUEST. */
const decide = (name: string, credentials: BackstageCredentials) => ({
  result:
    userOf(credentials) === GUEST && name === 'ospo.consultation.create'
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
});
const permissions = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(r => decide(r.permission.name, options.credentials)),
  authorizeConditional: async (requests, options) =>
    requests.map(r => decide(r.permission.name, options.credentials)) as any,
});

const send = jest.fn(async () => {});
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send }),
});

describe.each(databases.eachSupportedId())(
  'OSPO actions on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          actionsRegistryServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { ospo: { office: { group: 'ospo' } } },
          }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          permissions.factory,
          auditor.factory,
          notifications,
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      await knex('ospo_consultation_events').delete();
      await knex('ospo_consultations').delete();
      auditor.createEvent.mockClear();
    });

    async function countRequests(): Promise<number> {
      const [{ n }] = await knex('ospo_consultations').count({ n: '*' });
      return Number(n);
    }

    function invoke(name: string, input: object, auth = lee) {
      return request(backend.server)
        .post(invokeUrl(name))
        .set('Authorization', auth)
        .send(input);
    }

    const fileRequest = (input: object = {}, auth = lee) =>
      invoke(
        'create-consultation-request',
        {
          entityRef: 'component:default/checkout',
          topic: 'publish',
          summary: 'May we publish checkout?',
          ...input,
        },
        auth,
      );

    it('lists the five OSPO actions with their schemas', async () => {
      const res = await request(backend.server)
        .get(ACTIONS)
        .set('Authorization', lee);

      expect(res.status).toBe(200);
      const byId = Object.fromEntries(
        res.body.actions.map((a: { id: string }) => [a.id, a]),
      );
      expect(Object.keys(byId).sort()).toEqual([
        'ospo:create-consultation-request',
        'ospo:get-consultation-request',
        'ospo:get-entity-ospo-status',
        'ospo:list-consultation-requests',
        'ospo:list-team-checklist-answers',
      ]);
      const create = byId['ospo:create-consultation-request'];
      expect(create.attributes).toEqual({
        readOnly: false,
        destructive: false,
        idempotent: false,
      });
      expect(create.schema.input.required).toEqual([
        'entityRef',
        'topic',
        'summary',
      ]);
      // The configured topics are named, for the model to choose from.
      expect(create.description).toContain('publish (');
      expect(
        byId['ospo:get-entity-ospo-status'].schema.input.properties.entityRef
          .description,
      ).toContain('component:default/checkout');
      expect(byId['ospo:get-entity-ospo-status'].attributes.readOnly).toBe(
        true,
      );
    });

    it("reads an entity's status with its owners, checklists and checks", async () => {
      const res = await invoke('get-entity-ospo-status', {
        entityRef: 'component:default/checkout',
      });

      expect(res.status).toBe(200);
      const status = res.body.output;
      expect(status.entityRef).toBe('component:default/checkout');
      expect(status.ownerRefs).toEqual(['group:default/team-a']);
      expect(status.teams).toHaveLength(1);
      expect(status.teams[0].teamRef).toBe('group:default/team-a');
      expect(status.teams[0].checklists[0].completion).toMatchObject({
        done: 0,
        ratio: 0,
      });
      // Nothing passed through the schema was dropped.
      expect(status.teams[0].checklists[0].checklist.items.length).toBe(5);
      expect(status.checks.summary).toEqual({
        pass: 0,
        warn: 0,
        fail: 0,
        unknown: 0,
      });
    });

    it('answers 404 for an entity that is not in the catalog', async () => {
      const res = await invoke('get-entity-ospo-status', {
        entityRef: 'component:default/nowhere',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('component:default/nowhere');
    });

    it("lists a team's checklist answers, and refuses a ref that is no group", async () => {
      const ok = await invoke('list-team-checklist-answers', {
        teamRef: 'team-a',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.output.teamRef).toBe('group:default/team-a');
      expect(ok.body.output.checklists[0].completion.applicable).toBe(5);

      const bad = await invoke('list-team-checklist-answers', {
        teamRef: 'component:default/checkout',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
      expect(bad.body.error.message).toContain('group:default/team-a');
    });

    it('files a request as the caller, audited as the REST route is', async () => {
      const res = await fileRequest({ urgency: 'high', details: ' Soon ' });

      expect(res.status).toBe(200);
      const filed = res.body.output;
      expect(filed).toMatchObject({
        entityRef: 'component:default/checkout',
        requesterRef: LEE,
        topic: 'publish',
        urgency: 'high',
        status: 'open',
        details: 'Soon',
      });
      expect(await countRequests()).toBe(1);

      expect(auditor.createEvent).toHaveBeenCalledTimes(1);
      const [options] = auditor.createEvent.mock.calls[0];
      expect(options).toMatchObject({
        eventId: 'consultation-create',
        meta: {
          entityRef: 'component:default/checkout',
          topic: 'publish',
          actorRef: LEE,
        },
      });
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalled();

      // Read back through the other actions.
      const one = await invoke('get-consultation-request', { id: filed.id });
      expect(one.status).toBe(200);
      expect(one.body.output.events[0]).toMatchObject({
        type: 'created',
        actorRef: LEE,
      });
      const mine = await invoke('list-consultation-requests', {
        mine: true,
        status: ['open'],
      });
      expect(mine.status).toBe(200);
      expect(mine.body.output.totalCount).toBe(1);
      expect(mine.body.output.items[0].id).toBe(filed.id);
      const others = await invoke('list-consultation-requests', {
        entityRef: 'component:default/other',
      });
      expect(others.body.output).toEqual({
        items: [],
        totalCount: 0,
        limit: 50,
        offset: 0,
      });
    });

    it('refuses to file a request when the permission policy denies it', async () => {
      const res = await fileRequest({}, guest);

      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(await countRequests()).toBe(0);
      // The refused attempt is recorded, as the REST route records it.
      const event = await auditor.createEvent.mock.results[0].value;
      expect(auditor.createEvent.mock.calls[0][0].meta?.actorRef).toBe(GUEST);
      expect(event.fail).toHaveBeenCalled();
    });

    it('refuses to file a request for a service, which is no requester', async () => {
      const res = await fileRequest({}, mockCredentials.service.header());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('Only users');
    });

    it.each([
      ['no summary', { summary: undefined }, 'Invalid input'],
      ['an unknown urgency', { urgency: 'asap' }, 'Invalid input'],
      [
        'a ref without a kind',
        { entityRef: 'checkout' },
        'kind:namespace/name',
      ],
      ['an unknown topic', { topic: 'lunch' }, 'topic must be one of'],
    ])('answers 400 to %s', async (_, input, message) => {
      const res = await fileRequest(input);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      expect(await countRequests()).toBe(0);
    });

    it('answers 400 to an id that is no UUID, and 404 to an unknown one', async () => {
      const bad = await invoke('get-consultation-request', { id: '42' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');

      const unknown = await invoke('get-consultation-request', {
        id: '3f2c9a0e-5b7d-4c1e-9f00-6a1b2c3d4e5f',
      });
      expect(unknown.status).toBe(404);
    });

    it('answers 401 to an anonymous caller', async () => {
      const res = await fileRequest({}, mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  },
);
