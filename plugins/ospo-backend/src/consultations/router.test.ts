import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BulkConsultationResult,
  Consultation,
  ConsultationWithEvents,
  MetricScope,
  ORG_SCOPE,
  ospoConsultationManagePermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { restrictedCatalog, userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { RATING_REQUEST } from './ConsultationNotifier';
import { readOfficeConfig } from './readOfficeConfig';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee'; // files requests; not OSPO staff
const SAM = 'user:default/sam'; // another user; cannot see the secret component
const OLA = 'user:default/ola'; // OSPO staff
const KIM = 'user:default/kim'; // in the OSPO's group, so may be assigned
const ZOE = 'user:default/zoe'; // in the OSPO's group, without a display name
const GUEST = 'user:default/guest'; // may neither read nor file requests
const OSPO = 'group:default/ospo';
// The owners: team-a and team-c are in the department, team-b is not.
const DEPT = 'group:default/dept';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:default/team-c';
const VAULT = 'group:default/vault'; // hidden from SAM

const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const ola = mockCredentials.user.header(OLA);
const guest = mockCredentials.user.header(GUEST);
const service = mockCredentials.service.header();
const anonymous = mockCredentials.none.header();

const SVC_A = 'component:default/svc-a'; // owned by team-a
const SVC_B = 'component:default/svc-b'; // owned by team-b
const SVC_C = 'component:default/svc-c'; // owned by team-c
const SECRET = 'component:default/secret'; // owned by team-a

const ROUTES = {
  office: '/office',
  create: '/entities/{kind}/{namespace}/{name}/consultations',
  list: '/consultations',
  bulk: '/consultations/bulk',
  staff: '/office/staff',
  get: '/consultations/{id}',
  transitions: '/consultations/{id}/transitions',
  assignee: '/consultations/{id}/assignee',
  comments: '/consultations/{id}/comments',
  rating: '/consultations/{id}/rating',
};

const DAY_MS = 24 * 60 * 60 * 1000;

const CONFIG = {
  ospo: {
    // Off: these tests count the permission checks each request makes
    // (the cache has its own tests in cachedPermissions.test.ts).
    accessCache: { ttl: { seconds: 0 } },
    office: {
      group: 'ospo',
      contacts: [{ title: 'Chat', url: 'https://chat.example.com/ospo' }],
      officeHours: 'Thursdays 14:00-15:00',
    },
  },
};

function entity(
  kind: string,
  name: string,
  spec: Entity['spec'] = {},
  relations: Entity['relations'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations,
  };
}

const component = (name: string, owner: string) =>
  entity('Component', name, { owner }, [{ type: 'ownedBy', targetRef: owner }]);
const userEntity = (name: string, groups: string[], displayName?: string) =>
  entity(
    'User',
    name,
    displayName
      ? { profile: { displayName, email: `${name}@example.com` } }
      : {},
    groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  );

const ENTITIES = [
  component('svc-a', TEAM_A),
  component('svc-b', TEAM_B),
  component('svc-c', TEAM_C),
  component('secret', TEAM_A),
  entity('Group', 'ospo'),
  entity('Group', 'dept'),
  entity('Group', 'team-a', { parent: 'dept' }),
  entity('Group', 'team-b'),
  entity('Group', 'team-c', { parent: 'dept' }),
  entity('Group', 'vault'),
  userEntity('ola', [OSPO], 'Ola Nordmann'),
  userEntity('kim', [OSPO, TEAM_B], 'Kim Osei'),
  userEntity('zoe', [OSPO]),
  userEntity('sam', [TEAM_B], 'Sam Smith'),
  userEntity('lee', [TEAM_A], 'Lee Park'),
];

/**
 * The Group hierarchy as a metrics run stores it: the department holds
 * team-a and team-c.
 */
const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  {
    ref: DEPT,
    type: 'department',
    title: 'Department',
    childRefs: [TEAM_A, TEAM_C],
  },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: DEPT },
  { ref: TEAM_C, type: 'team', title: 'Team C', parentRef: DEPT },
  { ref: TEAM_B, type: 'team', title: 'Team B' },
  { ref: OSPO, type: 'team', title: 'OSPO' },
];

const isHidden = (userRef: string | undefined, e: Entity) =>
  userRef === SAM && ['secret', 'vault'].includes(e.metadata.name);

/**
 * The catalog, as the catalog's own permissions would show it: SAM cannot see
 * the secret component nor the vault group. Queries (the OSPO's staff) are
 * answered by an in-memory catalog, less what the caller cannot see.
 */
function catalogFactory() {
  const catalog = restrictedCatalog({ entities: ENTITIES, isHidden });
  const all = catalogServiceMock({ entities: ENTITIES });
  catalog.queryEntities.mockImplementation(async (query, options) => {
    const response = await all.queryEntities(query);
    return {
      ...response,
      items: response.items.filter(
        e =>
          !isHidden(
            userOf(
              (options as { credentials?: BackstageCredentials } | undefined)
                ?.credentials,
            ),
            e,
          ),
      ),
    };
  });
  return catalog;
}

/**
 * Everything is allowed, except managing requests (only OLA is OSPO staff)
 * and anything about consultations for GUEST.
 */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = userOf(options.credentials);
    return requests.map(({ permission }) => {
      let allowed = true;
      if (permission.name === ospoConsultationManagePermission.name) {
        allowed = user === OLA;
      }
      if (user === GUEST && permission.name.startsWith('ospo.consultation.')) {
        allowed = false;
      }
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    });
  },
});

const send = jest.fn<Promise<void>, [NotificationSendOptions]>();
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send }),
});

describe.each(databases.eachSupportedId())(
  'consultation routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();
    const logger = mockServices.logger.mock();
    const catalog = catalogFactory();

    // One backend per database, its tables emptied before each test: the
    // services it depends on are the same for every test here.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: CONFIG }),
          // The Group hierarchy is the one each test stores.
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalog.factory,
          permissions.factory,
          auditor.factory,
          logger.factory,
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
      await knex('ospo_metric_scopes').delete();
      await knex('ospo_metric_runs').delete();
      send.mockReset();
      send.mockResolvedValue(undefined);
      auditor.createEvent.mockClear();
      logger.warn.mockClear();
      permissions.authorize.mockClear();
      catalog.getEntitiesByRefs.mockClear();
    });

    const api = () => request(backend.server);

    async function file(
      body: object = {
        topic: 'new-dependency',
        summary: 'May we use libfoo?',
      },
      auth = lee,
      path = 'component/default/svc-a',
    ) {
      return api()
        .post(`/api/ospo/entities/${path}/consultations`)
        .set('Authorization', auth)
        .send(body);
    }

    /** Files a request and returns it. */
    async function filed(
      body: Record<string, unknown> = {},
      auth = lee,
      path = 'component/default/svc-a',
    ): Promise<Consultation> {
      const res = await file(
        { topic: 'new-dependency', summary: 'May we use libfoo?', ...body },
        auth,
        path,
      );
      expect(res.status).toBe(201);
      return res.body;
    }

    async function get(id: string, auth = lee) {
      return api()
        .get(`/api/ospo/consultations/${id}`)
        .set('Authorization', auth);
    }

    async function read(id: string): Promise<ConsultationWithEvents> {
      const res = await get(id, ola);
      expect(res.status).toBe(200);
      return res.body;
    }

    async function list(query = '', auth = lee) {
      return api()
        .get(`/api/ospo/consultations${query ? `?${query}` : ''}`)
        .set('Authorization', auth);
    }

    async function transition(id: string, body: object, auth = ola) {
      return api()
        .post(`/api/ospo/consultations/${id}/transitions`)
        .set('Authorization', auth)
        .send(body);
    }

    async function assign(id: string, body: object, auth = ola) {
      return api()
        .put(`/api/ospo/consultations/${id}/assignee`)
        .set('Authorization', auth)
        .send(body);
    }

    async function comment(id: string, body: object, auth = lee) {
      return api()
        .post(`/api/ospo/consultations/${id}/comments`)
        .set('Authorization', auth)
        .send(body);
    }

    async function rate(id: string, body: object, auth = lee) {
      return api()
        .post(`/api/ospo/consultations/${id}/rating`)
        .set('Authorization', auth)
        .send(body);
    }

    /** Files a request as LEE and has OSPO staff resolve or decline it. */
    async function answered(action: 'resolve' | 'decline' = 'resolve') {
      const c = await filed();
      expect((await transition(c.id, { action, note: 'Use v2' })).status).toBe(
        200,
      );
      return c;
    }

    async function storedRows() {
      return {
        consultations: await knex('ospo_consultations').orderBy('id'),
        events: await knex('ospo_consultation_events').orderBy('id'),
      };
    }

    /** The auditor events so far, with their outcome. */
    async function auditedEvents() {
      const events = await Promise.all(
        auditor.createEvent.mock.results.map(r => r.value),
      );
      return auditor.createEvent.mock.calls.map(([options], i) => ({
        eventId: options.eventId,
        meta: options.meta,
        success: events[i].success.mock.calls.length,
        failure: events[i].fail.mock.calls[0]?.[0]?.error?.name,
      }));
    }

    describe('GET /office', () => {
      it('returns the configured office to users and other plugins', async () => {
        for (const auth of [lee, service]) {
          const res = await api()
            .get('/api/ospo/office')
            .set('Authorization', auth);
          expect(res.status).toBe(200);
          expect(res.body).toEqual(readOfficeConfig(new ConfigReader(CONFIG)));
          expect(res.body).toMatchObject({
            groupRef: OSPO,
            contacts: [{ title: 'Chat', url: 'https://chat.example.com/ospo' }],
            officeHours: 'Thursdays 14:00-15:00',
          });
          expect(res.body.topics.length).toBeGreaterThan(0);
          expectMatchesSpec('GET', ROUTES.office, res);
        }
      });

      it('answers 401 without credentials', async () => {
        const res = await api()
          .get('/api/ospo/office')
          .set('Authorization', anonymous);
        expect(res.status).toBe(401);
        expectMatchesSpec('GET', ROUTES.office, res);
      });
    });

    describe('POST /entities/:kind/:namespace/:name/consultations', () => {
      it('files a request about the entity of the path, by the caller', async () => {
        const before = Date.now();
        const res = await file(
          {
            topic: 'license-compliance',
            summary: '  May we ship libfoo?  ',
            details: 'It is LGPL-2.1',
            urgency: 'high',
          },
          lee,
          'Component/default/SVC-A',
        );

        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/),
          entityRef: SVC_A,
          requesterRef: LEE,
          topic: 'license-compliance',
          summary: 'May we ship libfoo?',
          details: 'It is LGPL-2.1',
          urgency: 'high',
          status: 'open',
          createdAt: expect.any(String),
          updatedAt: res.body.createdAt,
          firstResponseDueAt: expect.any(String),
          overdue: false,
          commentCount: 0,
        });
        // Two days of weekday time after filing (48 hours without a weekend).
        expect(
          Date.parse(res.body.firstResponseDueAt) -
            Date.parse(res.body.createdAt),
        ).toBeGreaterThanOrEqual(2 * DAY_MS);
        expect(Date.parse(res.body.createdAt)).toBeGreaterThanOrEqual(
          before - 1000,
        );
        expectMatchesSpec('POST', ROUTES.create, res);

        const stored = await get(res.body.id);
        expect(stored.status).toBe(200);
        expect(stored.body).toEqual({
          ...res.body,
          events: [
            {
              id: expect.any(String),
              type: 'created',
              actorRef: LEE,
              createdAt: res.body.createdAt,
              toStatus: 'open',
            },
          ],
        });
        expectMatchesSpec('GET', ROUTES.get, stored);
      });

      it('defaults the urgency to normal and leaves blank details out', async () => {
        const res = await file({
          topic: 'other',
          summary: 'x'.repeat(200),
          details: '   ',
        });
        expect(res.status).toBe(201);
        expect(res.body.urgency).toBe('normal');
        expect(res.body.summary).toHaveLength(200);
        expect(res.body).not.toHaveProperty('details');
        expectMatchesSpec('POST', ROUTES.create, res);
      });

      it.each([
        [
          'a missing summary',
          { topic: 'other' },
          /required property 'summary'/,
        ],
        [
          'a blank summary',
          { topic: 'other', summary: '   ' },
          /summary is required/,
        ],
        [
          'a summary too long',
          { topic: 'other', summary: 'x'.repeat(201) },
          /request\/body\/summary must NOT have more than 200 characters/,
        ],
        ['a missing topic', { summary: 'Hi' }, /required property 'topic'/],
        [
          'an unknown topic',
          { topic: 'gossip', summary: 'Hi' },
          /topic must be one of new-dependency, contribute-upstream, publish, license-compliance, vulnerability, other$/,
        ],
        [
          'a bad urgency',
          { topic: 'other', summary: 'Hi', urgency: 'asap' },
          /request\/body\/urgency must be equal to one of the allowed values: low, normal, high, critical/,
        ],
        [
          'details that are not text',
          { topic: 'other', summary: 'Hi', details: 42 },
          /request\/body\/details must be string/,
        ],
        [
          'details too long',
          { topic: 'other', summary: 'Hi', details: 'x'.repeat(5001) },
          /request\/body\/details must NOT have more than 5000 characters/,
        ],
        [
          'an entity ref in the body',
          { topic: 'other', summary: 'Hi', entityRef: SVC_B },
          /request\/body must NOT have additional properties/,
        ],
        [
          'a requester in the body',
          { topic: 'other', summary: 'Hi', requesterRef: SAM },
          /request\/body must NOT have additional properties/,
        ],
        [
          'a status in the body',
          { topic: 'other', summary: 'Hi', status: 'resolved' },
          /request\/body must NOT have additional properties/,
        ],
      ])('answers 400 to %s, naming the field', async (_, body, message) => {
        const res = await file(body);

        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(
          /^(Invalid request: |request\/body)/,
        );
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('POST', ROUTES.create, res);
        expect(await storedRows()).toEqual({ consultations: [], events: [] });
        expect(send).not.toHaveBeenCalled();
        expect(auditor.createEvent).not.toHaveBeenCalled();
      });

      it('answers 400 to a bad path', async () => {
        const res = await file(undefined, lee, '1component/default/svc-a');
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^request\/params\/kind must match pattern/,
        );
        expectMatchesSpec('POST', ROUTES.create, res);
      });

      it.each([
        [
          'not in the catalog',
          lee,
          'component/default/nope',
          'component:default/nope',
        ],
        ['hidden from the caller', sam, 'component/default/secret', SECRET],
      ])('answers 404 for an entity %s', async (_, auth, path, ref) => {
        const res = await file(undefined, auth, path);
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({
          name: 'NotFoundError',
          message: `No entity ${ref} in the catalog`,
        });
        expectMatchesSpec('POST', ROUTES.create, res);
        expect(await storedRows()).toEqual({ consultations: [], events: [] });
      });

      it('answers 401 without credentials and 403 to services and users who may not file', async () => {
        const none = await file(undefined, anonymous);
        expect(none.status).toBe(401);
        expectMatchesSpec('POST', ROUTES.create, none);

        const asService = await file(undefined, service);
        expect(asService.status).toBe(403);
        expectMatchesSpec('POST', ROUTES.create, asService);

        const denied = await file(undefined, guest);
        expect(denied.status).toBe(403);
        expect(denied.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'You may not file consultation requests',
        });
        expectMatchesSpec('POST', ROUTES.create, denied);
        expect(await storedRows()).toEqual({ consultations: [], events: [] });
        expect(send).not.toHaveBeenCalled();
      });
    });

    describe('GET /consultations', () => {
      let requests: Record<string, Consultation>;

      async function fileFour() {
        requests = {
          low: await filed({ summary: 'low', urgency: 'low' }),
          normal: await filed(
            { summary: 'normal', urgency: 'normal', topic: 'publish' },
            sam,
            'component/default/svc-b',
          ),
          high: await filed(
            { summary: 'high', urgency: 'high' },
            lee,
            'component/default/svc-b',
          ),
          critical: await filed(
            { summary: 'critical', urgency: 'critical', topic: 'publish' },
            sam,
          ),
        };
        expect(
          (await assign(requests.high.id, { assigneeRef: OLA })).status,
        ).toBe(200);
        expect(
          (await assign(requests.normal.id, { assigneeRef: KIM })).status,
        ).toBe(200);
        expect(
          (
            await transition(requests.critical.id, {
              action: 'resolve',
              note: 'Done',
            })
          ).status,
        ).toBe(200);
      }

      async function summaries(query: string, auth = lee) {
        const res = await list(query, auth);
        expect(res.status).toBe(200);
        expectMatchesSpec('GET', ROUTES.list, res);
        return res.body.items.map((c: Consultation) => c.summary);
      }

      it('lists every request by default, 50 at a time', async () => {
        await fileFour();
        const res = await list();
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          items: expect.any(Array),
          totalCount: 4,
          limit: 50,
          offset: 0,
        });
        expect(
          res.body.items.map((c: Consultation) => c.summary).sort(),
        ).toEqual(['critical', 'high', 'low', 'normal']);
        // Newest first.
        const times = res.body.items.map((c: Consultation) =>
          Date.parse(c.createdAt),
        );
        expect([...times].sort((a, b) => b - a)).toEqual(times);
        expectMatchesSpec('GET', ROUTES.list, res);
      });

      it('filters, sorts and pages as asked', async () => {
        await fileFour();
        const urgencyAsc = 'orderBy=urgency&order=asc';
        expect(await summaries(urgencyAsc)).toEqual([
          'low',
          'normal',
          'high',
          'critical',
        ]);
        expect(await summaries('orderBy=urgency')).toEqual([
          'critical',
          'high',
          'normal',
          'low',
        ]);
        expect(
          await summaries(`${urgencyAsc}&status=open&status=resolved`),
        ).toEqual(['low', 'normal', 'high', 'critical']);
        expect(await summaries(`${urgencyAsc}&status=resolved`)).toEqual([
          'critical',
        ]);
        expect(await summaries(`${urgencyAsc}&entityRef=${SVC_B}`)).toEqual([
          'normal',
          'high',
        ]);
        // Entity refs are compared as the catalog does, in lower case.
        expect(
          await summaries(`${urgencyAsc}&entityRef=Component:default/SVC-B`),
        ).toEqual(['normal', 'high']);
        expect(await summaries(`${urgencyAsc}&topic=publish`)).toEqual([
          'normal',
          'critical',
        ]);
        expect(await summaries(`${urgencyAsc}&requesterRef=${SAM}`)).toEqual([
          'normal',
          'critical',
        ]);
        expect(await summaries(`${urgencyAsc}&assigneeRef=none`)).toEqual([
          'low',
          'critical',
        ]);
        expect(
          await summaries(`${urgencyAsc}&assigneeRef=User:default/Ola`),
        ).toEqual(['high']);
        expect(await summaries('orderBy=status&order=desc&limit=1')).toEqual([
          'critical',
        ]);

        const res = await list(`${urgencyAsc}&limit=2&offset=1`);
        expect(res.body).toMatchObject({ totalCount: 4, limit: 2, offset: 1 });
        expect(res.body.items.map((c: Consultation) => c.summary)).toEqual([
          'normal',
          'high',
        ]);
        const last = await list(`${urgencyAsc}&limit=200&offset=3`);
        expect(last.body.items.map((c: Consultation) => c.summary)).toEqual([
          'critical',
        ]);
      });

      it.each([
        [
          'status=closed',
          /^request\/query\/status\/0 must be equal to one of the allowed values: open, in-progress, resolved, declined, withdrawn/,
        ],
        [
          'status=open&status=nope',
          /request\/query\/status\/1 must be equal to one of/,
        ],
        ['limit=0', /request\/query\/limit must be >= 1/],
        ['limit=201', /request\/query\/limit must be <= 200/],
        ['limit=ten', /request\/query\/limit must be integer/],
        ['limit=2.5', /request\/query\/limit must be integer/],
        ['offset=-1', /request\/query\/offset must be >= 0/],
        [
          'orderBy=priority',
          /request\/query\/orderBy must be equal to one of the allowed values: createdAt, updatedAt, urgency, status/,
        ],
        [
          'order=up',
          /request\/query\/order must be equal to one of the allowed values: asc, desc/,
        ],
        ['assigneeRef=ola', /request\/query\/assigneeRef must match pattern/],
        ['requesterRef=lee', /request\/query\/requesterRef must match pattern/],
        ['entityRef=svc-a', /request\/query\/entityRef must match pattern/],
        ['page=2', /Unknown query parameter 'page'/],
      ])('answers 400 to %s, naming the parameter', async (query, message) => {
        const res = await list(query);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('GET', ROUTES.list, res);
      });

      it('leaves out requests about entities the caller cannot see, before paging', async () => {
        const a = await filed({ summary: 'a' });
        const secret = await filed(
          { summary: 'secret' },
          lee,
          'component/default/secret',
        );
        const b = await filed({ summary: 'b' }, lee, 'component/default/svc-b');

        const all = await list('', lee);
        expect(all.body.totalCount).toBe(3);

        const visible = await list('', sam);
        expect(visible.status).toBe(200);
        expect(
          visible.body.items.map((c: Consultation) => c.id).sort(),
        ).toEqual([a.id, b.id].sort());
        expect(visible.body.totalCount).toBe(2);
        expectMatchesSpec('GET', ROUTES.list, visible);
        // The catalog was asked with the caller's credentials.
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
          expect.objectContaining({
            entityRefs: expect.arrayContaining([SECRET]),
          }),
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: SAM }),
            }),
          },
        );

        // Every page is full and the total is the same on each.
        const ids: string[] = [];
        for (const offset of [0, 1, 2]) {
          const res = await list(`limit=1&offset=${offset}`, sam);
          expect(res.body.totalCount).toBe(2);
          expect(res.body.items).toHaveLength(offset < 2 ? 1 : 0);
          ids.push(...res.body.items.map((c: Consultation) => c.id));
        }
        expect(ids.sort()).toEqual([a.id, b.id].sort());

        expect((await list(`entityRef=${SECRET}`, sam)).body).toEqual({
          items: [],
          totalCount: 0,
          limit: 50,
          offset: 0,
        });
        // Nor can the request be read or acted on.
        const direct = await get(secret.id, sam);
        expect(direct.status).toBe(404);
        expect(direct.body.error.message).toBe(
          `No consultation request ${secret.id}`,
        );
        expect((await comment(secret.id, { body: 'Hi' }, sam)).status).toBe(
          404,
        );
      });

      it('is empty for callers who may not read requests, and open to other plugins', async () => {
        await filed();
        expect((await list('', guest)).body).toEqual({
          items: [],
          totalCount: 0,
          limit: 50,
          offset: 0,
        });
        const asService = await list('limit=10', service);
        expect(asService.status).toBe(200);
        expect(asService.body.totalCount).toBe(1);
      });

      it('answers 401 without credentials', async () => {
        const res = await list('', anonymous);
        expect(res.status).toBe(401);
        expectMatchesSpec('GET', ROUTES.list, res);
      });
    });

    describe('GET /consultations/:id', () => {
      it('returns the request with its thread, oldest first', async () => {
        const { id } = await filed();
        await comment(id, { body: 'Anyone?' });
        await transition(id, { action: 'start', note: 'On it' });

        const res = await get(id, lee);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('in-progress');
        expect(
          res.body.events.map((e: Record<string, unknown>) => [
            e.type,
            e.actorRef,
            e.body,
          ]),
        ).toEqual([
          ['created', LEE, undefined],
          ['comment', LEE, 'Anyone?'],
          ['status', OLA, 'On it'],
        ]);
        expectMatchesSpec('GET', ROUTES.get, res);

        const asService = await get(id, service);
        expect(asService.status).toBe(200);
      });

      it('answers 400 to a bad id, 404 to an unknown one and to those who may not read, 401 without credentials', async () => {
        const { id } = await filed();
        const bad = await get('not-a-uuid');
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(
          /^request\/params\/id must match pattern/,
        );
        expectMatchesSpec('GET', ROUTES.get, bad);

        const unknown = await get(randomUUID());
        expect(unknown.status).toBe(404);
        expectMatchesSpec('GET', ROUTES.get, unknown);

        expect((await get(id, guest)).status).toBe(404);

        const none = await get(id, anonymous);
        expect(none.status).toBe(401);
        expectMatchesSpec('GET', ROUTES.get, none);
      });
    });

    describe('POST /consultations/:id/transitions', () => {
      it('lets OSPO staff work a request through the state machine, and the requester withdraw it', async () => {
        const { id } = await filed();
        const steps = [
          [ola, { action: 'start' }, 'in-progress', undefined],
          [ola, { action: 'resolve', note: ' Use v2 ' }, 'resolved', 'Use v2'],
          [
            ola,
            { action: 'reopen', note: 'More questions' },
            'open',
            undefined,
          ],
          [
            ola,
            { action: 'decline', note: 'Not for us' },
            'declined',
            'Not for us',
          ],
          [ola, { action: 'reopen' }, 'open', undefined],
          [
            lee,
            { action: 'withdraw', note: 'Solved it' },
            'withdrawn',
            'Solved it',
          ],
          [ola, { action: 'reopen' }, 'open', undefined],
          [lee, { action: 'withdraw' }, 'withdrawn', undefined],
        ] as const;
        let firstResponseAt: string | undefined;
        for (const [auth, body, status, resolution] of steps) {
          const res = await transition(id, body, auth);
          expect([
            body.action,
            res.status,
            res.body.status,
            res.body.resolution,
          ]).toEqual([body.action, 200, status, resolution]);
          expectMatchesSpec('POST', ROUTES.transitions, res);
          firstResponseAt ??= res.body.firstResponseAt;
          expect(res.body.firstResponseAt).toBe(firstResponseAt);
        }

        const { events, ...stored } = await read(id);
        expect(stored.status).toBe('withdrawn');
        expect(
          events.map(e => [
            e.type,
            e.actorRef,
            e.fromStatus,
            e.toStatus,
            e.body,
          ]),
        ).toEqual([
          ['created', LEE, undefined, 'open', undefined],
          ['status', OLA, 'open', 'in-progress', undefined],
          ['status', OLA, 'in-progress', 'resolved', 'Use v2'],
          ['status', OLA, 'resolved', 'open', 'More questions'],
          ['status', OLA, 'open', 'declined', 'Not for us'],
          ['status', OLA, 'declined', 'open', undefined],
          ['status', LEE, 'open', 'withdrawn', 'Solved it'],
          ['status', OLA, 'withdrawn', 'open', undefined],
          ['status', LEE, 'open', 'withdrawn', undefined],
        ]);
        expect(firstResponseAt).toBe(events[1].createdAt);
      });

      it('counts no first response when the requester withdraws, even one of OSPO staff', async () => {
        for (const auth of [lee, ola]) {
          const { id } = await filed({}, auth);
          const res = await transition(id, { action: 'withdraw' }, auth);
          expect(res.status).toBe(200);
          expect(res.body.status).toBe('withdrawn');
          expect(res.body).not.toHaveProperty('firstResponseAt');
        }
      });

      it.each([
        [
          'resolve without a note',
          { action: 'resolve' },
          /note is required to resolve a request/,
        ],
        [
          'decline with a blank note',
          { action: 'decline', note: '  ' },
          /note is required to decline a request/,
        ],
        [
          'an unknown action',
          { action: 'close' },
          /request\/body\/action must be equal to one of the allowed values: start, resolve, decline, reopen, withdraw/,
        ],
        ['no action', { note: 'Hi' }, /required property 'action'/],
        [
          'an unknown field',
          { action: 'start', status: 'resolved' },
          /request\/body must NOT have additional properties/,
        ],
        [
          'a note too long',
          { action: 'withdraw', note: 'x'.repeat(5001) },
          /request\/body\/note must NOT have more than 5000 characters/,
        ],
        [
          'a note that is not text',
          { action: 'start', note: 7 },
          /request\/body\/note must be string/,
        ],
      ])('answers 400 to %s, naming the field', async (_, body, message) => {
        const { id } = await filed();
        const before = await storedRows();
        const res = await transition(id, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^(Invalid transition: |request\/body)/,
        );
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('POST', ROUTES.transitions, res);
        expect(await storedRows()).toEqual(before);
      });

      it('answers 403 when someone else than OSPO staff starts, resolves, declines or reopens', async () => {
        const { id } = await filed();
        const closed = await filed({ summary: 'closed' });
        await transition(closed.id, { action: 'resolve', note: 'Done' });
        const before = await storedRows();
        send.mockClear();

        for (const [target, action] of [
          [id, 'start'],
          [id, 'resolve'],
          [id, 'decline'],
          [closed.id, 'reopen'],
        ]) {
          const res = await transition(target, { action, note: 'Please' }, lee);
          expect([action, res.status, res.body.error.message]).toEqual([
            action,
            403,
            `Only OSPO staff may ${action} a request`,
          ]);
          expectMatchesSpec('POST', ROUTES.transitions, res);
        }
        expect(await storedRows()).toEqual(before);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: ospoConsultationManagePermission }],
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: LEE }),
            }),
          },
        );
        expect(send).not.toHaveBeenCalled();
      });

      it('answers 403 when someone else than the requester withdraws, OSPO staff included', async () => {
        const { id } = await filed();
        const before = await storedRows();
        for (const auth of [sam, ola]) {
          const res = await transition(id, { action: 'withdraw' }, auth);
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            'Only the requester may withdraw a request',
          );
          expectMatchesSpec('POST', ROUTES.transitions, res);
        }
        expect(await storedRows()).toEqual(before);
      });

      it('answers 409 to a change the status does not allow, and writes nothing', async () => {
        const { id } = await filed();
        await transition(id, { action: 'resolve', note: 'Done' });
        const before = await storedRows();
        send.mockClear();

        const start = await transition(id, { action: 'start' });
        expect(start.status).toBe(409);
        expect(start.body.error).toMatchObject({
          name: 'ConflictError',
          message:
            'The request is resolved; it cannot become in-progress from there',
        });
        expectMatchesSpec('POST', ROUTES.transitions, start);

        const withdraw = await transition(id, { action: 'withdraw' }, lee);
        expect(withdraw.status).toBe(409);
        expect(withdraw.body.error.message).toMatch(/cannot become withdrawn/);
        expectMatchesSpec('POST', ROUTES.transitions, withdraw);

        const reopened = await transition(id, { action: 'reopen' });
        expect(reopened.status).toBe(200);
        const again = await transition(id, { action: 'reopen' });
        expect(again.status).toBe(409);

        expect((await read(id)).events).toHaveLength(before.events.length + 1);
        expect(send).toHaveBeenCalledTimes(1);
      });

      it('answers 400 to a bad id, 404 to an unknown one, 401 without credentials, 403 to services', async () => {
        const { id } = await filed();
        const body = { action: 'start' };
        const bad = await transition('nope', body);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/^request\/params\/id /);
        expectMatchesSpec('POST', ROUTES.transitions, bad);

        const unknown = await transition(randomUUID(), body);
        expect(unknown.status).toBe(404);
        expectMatchesSpec('POST', ROUTES.transitions, unknown);

        expect((await transition(id, body, anonymous)).status).toBe(401);
        expect((await transition(id, body, service)).status).toBe(403);
        expect((await read(id)).status).toBe('open');
      });
    });

    describe('PUT /consultations/:id/assignee', () => {
      it('lets OSPO staff assign and unassign a request', async () => {
        const { id } = await filed();
        const assigned = await assign(id, { assigneeRef: 'User:default/Kim' });
        expect(assigned.status).toBe(200);
        expect(assigned.body).toMatchObject({
          id,
          status: 'open',
          // Stored as the catalog writes refs, so the list filter finds it.
          assigneeRef: KIM,
          firstResponseAt: expect.any(String),
        });
        expectMatchesSpec('PUT', ROUTES.assignee, assigned);
        expect(
          (await list(`assigneeRef=${KIM}`)).body.items.map(
            (c: Consultation) => c.id,
          ),
        ).toEqual([id]);

        const unassigned = await assign(id, { assigneeRef: null });
        expect(unassigned.status).toBe(200);
        expect(unassigned.body).not.toHaveProperty('assigneeRef');
        expect(unassigned.body.firstResponseAt).toBe(
          assigned.body.firstResponseAt,
        );
        expectMatchesSpec('PUT', ROUTES.assignee, unassigned);

        const { events } = await read(id);
        expect(
          events.slice(1).map(e => [e.type, e.actorRef, e.assigneeRef]),
        ).toEqual([
          ['assignment', OLA, KIM],
          ['assignment', OLA, undefined],
        ]);
      });

      it.each([
        ['no assignee', {}, /required property 'assigneeRef'/],
        [
          'a bare name',
          { assigneeRef: 'sam' },
          /request\/body\/assigneeRef must match pattern/,
        ],
        // Longer than the column: refused, not a database error.
        [
          'a ref too long',
          { assigneeRef: `user:default/${'x'.repeat(300)}` },
          /request\/body\/assigneeRef must match pattern/,
        ],
        [
          'an unknown field',
          { assigneeRef: OLA, note: 'You' },
          /request\/body must NOT have additional properties/,
        ],
      ])('answers 400 to %s, naming the field', async (_, body, message) => {
        const { id } = await filed();
        const res = await assign(id, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^request\/body/);
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('PUT', ROUTES.assignee, res);
        expect((await read(id)).events).toHaveLength(1);
      });

      it('answers 403 to anyone but OSPO staff, 404 to an unknown id, 401 without credentials', async () => {
        const { id } = await filed();
        const denied = await assign(id, { assigneeRef: LEE }, lee);
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toBe(
          'Only OSPO staff may assign requests',
        );
        expectMatchesSpec('PUT', ROUTES.assignee, denied);

        const unknown = await assign(randomUUID(), { assigneeRef: OLA });
        expect(unknown.status).toBe(404);
        expectMatchesSpec('PUT', ROUTES.assignee, unknown);

        expect((await assign(id, { assigneeRef: OLA }, anonymous)).status).toBe(
          401,
        );
        const stored = await read(id);
        expect(stored.events).toHaveLength(1);
        expect(stored).not.toHaveProperty('assigneeRef');
      });
    });

    describe('PUT /consultations/:id/assignee: who may be assigned', () => {
      it.each([
        [
          'a Component',
          SVC_A,
          `Invalid assignee: ${SVC_A} is a component, not a User; only members of the OSPO's group ${OSPO} can be assigned`,
        ],
        [
          'a Group',
          OSPO,
          `Invalid assignee: ${OSPO} is a group, not a User; only members of the OSPO's group ${OSPO} can be assigned`,
        ],
        [
          'a user outside the OSPO group',
          'User:default/Sam',
          `Invalid assignee: ${SAM} is not a member of the OSPO's group ${OSPO}`,
        ],
        [
          'an unknown user',
          'user:default/nobody',
          'Invalid assignee: there is no User user:default/nobody in the catalog',
        ],
      ])(
        'answers 400 to %s, naming it, and changes nothing',
        async (_, ref, message) => {
          const { id } = await filed();
          auditor.createEvent.mockClear();
          const res = await assign(id, { assigneeRef: ref });
          expect(res.status).toBe(400);
          expect(res.body.error).toEqual(
            expect.objectContaining({ name: 'InputError', message }),
          );
          expectMatchesSpec('PUT', ROUTES.assignee, res);
          const stored = await read(id);
          expect(stored.events).toHaveLength(1);
          expect(stored).not.toHaveProperty('assigneeRef');
          expect(stored).not.toHaveProperty('firstResponseAt');
          // A refused attempt on a visible request is recorded.
          expect(
            (await auditedEvents()).map(e => [e.eventId, e.failure]),
          ).toEqual([['consultation-assign', 'InputError']]);
        },
      );

      it('assigns any member of the OSPO group, with or without a display name', async () => {
        const { id } = await filed();
        for (const assigneeRef of [KIM, ZOE, OLA]) {
          const res = await assign(id, { assigneeRef });
          expect([assigneeRef, res.status]).toEqual([assigneeRef, 200]);
          expect(res.body.assigneeRef).toBe(assigneeRef);
        }
        // The permission is checked before the assignee.
        const denied = await assign(id, { assigneeRef: SVC_A }, lee);
        expect(denied.status).toBe(403);
      });
    });

    describe('GET /consultations: search, owner and mine', () => {
      async function summaries(query: string, auth = lee) {
        const res = await list(query, auth);
        expect([query, res.status]).toEqual([query, 200]);
        expectMatchesSpec('GET', ROUTES.list, res);
        return res.body.items.map((c: Consultation) => c.summary).sort();
      }

      async function listError(query: string, auth = lee) {
        const res = await list(query, auth);
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.body.error.name).toBe('InputError');
        expectMatchesSpec('GET', ROUTES.list, res);
        return res.body.error.message;
      }

      /** The Group hierarchy as the last metrics run saw it. */
      async function storeHierarchy() {
        const metricsStore = DatabaseMetricsStore.create({ database: knex });
        const run = await metricsStore.startRun({ staleBefore: new Date(0) });
        await metricsStore.completeRun(run.id, {
          scopes: SCOPES,
          figures: [],
          processedEntities: 0,
        });
      }

      it('searches summary and details, every word, in any case', async () => {
        await filed({
          summary: 'Upgrade libfoo',
          details: 'Its LGPL bothers us',
        });
        await filed({ summary: 'License of libbar' });
        await filed({ summary: 'Publish the CLI', details: 'Under MIT' }, sam);

        expect(await summaries('q=LIBFOO')).toEqual(['Upgrade libfoo']);
        expect(await summaries('q=lgpl%20upgrade')).toEqual(['Upgrade libfoo']);
        expect(await summaries('q=lib')).toEqual([
          'License of libbar',
          'Upgrade libfoo',
        ]);
        expect(await summaries('q=libbar%20lgpl')).toEqual([]);
        // Words shorter than two characters are left out.
        expect(await summaries('q=a%20mit')).toEqual(['Publish the CLI']);
        // With the other filters and paging, counted over all pages.
        const page = await list('q=lib&requesterRef=user:default/lee&limit=1');
        expect(page.body).toMatchObject({ totalCount: 2, limit: 1 });
        expect(page.body.items).toHaveLength(1);
        expect((await list('q=lib&topic=publish')).body.totalCount).toBe(0);

        expect(await listError('q=a%20b')).toBe(
          'Invalid query: q needs a word of at least 2 characters',
        );
        expect(await listError('q=x')).toMatch(
          /request\/query\/q must NOT have fewer than 2 characters/,
        );
      });

      it('keeps the requests about entities owned by a Group or a Group below it', async () => {
        await filed({ summary: 'a' });
        await filed({ summary: 'b' }, lee, 'component/default/svc-b');
        await filed({ summary: 'c' }, lee, 'component/default/svc-c');
        await filed({ summary: 'secret' }, lee, 'component/default/secret');

        // Before any metrics run, a Group stands alone.
        expect(await summaries(`ownerRef=${DEPT}`)).toEqual([]);
        expect(await summaries(`ownerRef=${TEAM_A}`)).toEqual(['a', 'secret']);

        await storeHierarchy();
        expect(await summaries(`ownerRef=${DEPT}`)).toEqual([
          'a',
          'c',
          'secret',
        ]);
        expect(await summaries('ownerRef=Group:default/Team-A')).toEqual([
          'a',
          'secret',
        ]);
        expect(await summaries(`ownerRef=${TEAM_B}`)).toEqual(['b']);
        expect(await summaries(`ownerRef=${OSPO}`)).toEqual([]);
        // Only what the caller may see, before paging and counting.
        expect(await summaries(`ownerRef=${DEPT}`, sam)).toEqual(['a', 'c']);
        const page = await list(`ownerRef=${DEPT}&limit=2&offset=1`, sam);
        expect(page.body).toMatchObject({ totalCount: 2, offset: 1 });
        expect(page.body.items).toHaveLength(1);
        // With the other filters.
        expect(await summaries(`ownerRef=${DEPT}&q=secret`)).toEqual([
          'secret',
        ]);
        expect(
          await summaries(`ownerRef=${DEPT}&entityRef=${SVC_C}&status=open`),
        ).toEqual(['c']);
        expect(await summaries(`ownerRef=${DEPT}&entityRef=${SVC_B}`)).toEqual(
          [],
        );
        // The catalog told the owners, with the caller's credentials.
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
          expect.objectContaining({
            entityRefs: expect.arrayContaining([SECRET]),
            fields: expect.arrayContaining(['relations']),
          }),
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: SAM }),
            }),
          },
        );
      });

      it('answers 400 to an owner that is no Group the caller can see', async () => {
        await filed();
        expect(await listError(`ownerRef=${SVC_A}`)).toBe(
          `Invalid query: ownerRef must be a Group, not ${SVC_A}`,
        );
        expect(await listError('ownerRef=group:default/nobody')).toBe(
          'Invalid query: ownerRef group:default/nobody is not a Group in the catalog',
        );
        expect(await listError(`ownerRef=${VAULT}`, sam)).toBe(
          `Invalid query: ownerRef ${VAULT} is not a Group in the catalog`,
        );
        expect(await summaries(`ownerRef=${VAULT}`)).toEqual([]);
        expect(await listError('ownerRef=team-a')).toMatch(
          /request\/query\/ownerRef must match pattern/,
        );
      });

      it("keeps the caller's own requests: assigned to OSPO staff, filed by anyone else", async () => {
        const r1 = await filed({ summary: 'r1' });
        const r2 = await filed({ summary: 'r2' });
        const r3 = await filed({ summary: 'r3' }, sam);
        await filed({ summary: 'r4' }, ola);
        for (const [{ id }, assigneeRef] of [
          [r1, OLA],
          [r2, KIM],
          [r3, OLA],
        ] as const) {
          expect((await assign(id, { assigneeRef })).status).toBe(200);
        }
        await transition(r3.id, { action: 'start' });

        // OLA is staff: what is assigned to her, not what she filed.
        expect(await summaries('mine=true', ola)).toEqual(['r1', 'r3']);
        expect(await summaries('mine=true', lee)).toEqual(['r1', 'r2']);
        expect(await summaries('mine=true', sam)).toEqual(['r3']);
        expect(await summaries('mine=false', lee)).toEqual([
          'r1',
          'r2',
          'r3',
          'r4',
        ]);
        // Combined with the other filters.
        expect(await summaries('mine=true&status=open', ola)).toEqual(['r1']);
        expect(await summaries(`mine=true&requesterRef=${SAM}`, ola)).toEqual([
          'r3',
        ]);
        expect(await summaries(`mine=true&assigneeRef=${KIM}`, ola)).toEqual(
          [],
        );
        expect(await summaries(`mine=true&assigneeRef=${KIM}`, lee)).toEqual([
          'r2',
        ]);
        expect(await summaries(`mine=true&requesterRef=${SAM}`, lee)).toEqual(
          [],
        );
        expect(await summaries('mine=true&q=r1', lee)).toEqual(['r1']);
        const page = await list('mine=true&limit=1&offset=1', ola);
        expect(page.body).toMatchObject({ totalCount: 2 });
        expect(page.body.items).toHaveLength(1);

        expect(await listError('mine=true', service)).toBe(
          "Invalid query: mine needs a user's credentials, not a service's",
        );
        expect(await listError('mine=yes')).toMatch(
          /request\/query\/mine must be boolean/,
        );
        // A caller who may not read requests still gets an empty page.
        expect((await list('mine=true', guest)).body.totalCount).toBe(0);
      });
    });

    describe('GET /office/staff', () => {
      async function staff(auth = lee) {
        return api().get('/api/ospo/office/staff').set('Authorization', auth);
      }

      it("lists the OSPO group's Users by display name, to users and other plugins", async () => {
        for (const auth of [lee, service]) {
          const res = await staff(auth);
          expect(res.status).toBe(200);
          expect(res.body).toEqual({
            groupRef: OSPO,
            items: [
              {
                userRef: KIM,
                displayName: 'Kim Osei',
                email: 'kim@example.com',
              },
              {
                userRef: OLA,
                displayName: 'Ola Nordmann',
                email: 'ola@example.com',
              },
              { userRef: ZOE, displayName: 'zoe' },
            ],
          });
          expectMatchesSpec('GET', ROUTES.staff, res);
        }
        // Asked of the catalog with the caller's credentials.
        expect(catalog.queryEntities).toHaveBeenCalledWith(
          expect.objectContaining({
            filter: { kind: 'user', 'relations.memberOf': OSPO },
          }),
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: LEE }),
            }),
          },
        );
      });

      it('answers 403 to those who may not read requests, 401 without credentials', async () => {
        const denied = await staff(guest);
        expect(denied.status).toBe(403);
        expect(denied.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'You may not read consultation requests',
        });
        expectMatchesSpec('GET', ROUTES.staff, denied);
        const none = await staff(anonymous);
        expect(none.status).toBe(401);
        expectMatchesSpec('GET', ROUTES.staff, none);
      });
    });

    describe('POST /consultations/bulk', () => {
      async function bulk(body: object, auth = ola) {
        return api()
          .post('/api/ospo/consultations/bulk')
          .set('Authorization', auth)
          .send(body);
      }

      async function outcomes(
        body: object,
        auth = ola,
      ): Promise<BulkConsultationResult> {
        const res = await bulk(body, auth);
        expect(res.status).toBe(200);
        expectMatchesSpec('POST', ROUTES.bulk, res);
        return res.body;
      }

      it('changes each request as the single route would, and tells the outcome of each', async () => {
        const a = await filed({ summary: 'a' });
        const b = await filed({ summary: 'b' });
        await transition(b.id, { action: 'start' });
        const unknown = randomUUID();
        send.mockClear();
        auditor.createEvent.mockClear();

        const result = await outcomes({
          ids: [a.id, unknown, b.id],
          action: 'start',
          note: ' Looking ',
        });
        expect(result.changed).toBe(1);
        expect(result.items).toEqual([
          {
            id: a.id,
            ok: true,
            consultation: expect.objectContaining({
              id: a.id,
              status: 'in-progress',
              firstResponseDueAt: expect.any(String),
            }),
          },
          {
            id: unknown,
            ok: false,
            status: 404,
            error: `No consultation request ${unknown}`,
          },
          {
            id: b.id,
            ok: false,
            status: 409,
            error:
              'The request is in-progress; it cannot become in-progress from there',
          },
        ]);
        expect((await read(a.id)).events.map(e => [e.type, e.body])).toEqual([
          ['created', undefined],
          ['status', 'Looking'],
        ]);
        expect((await read(b.id)).events).toHaveLength(2);
        // The requester of the changed one is told, as by the single route.
        expect(send).toHaveBeenCalledTimes(1);
        expect(send.mock.calls[0][0]).toMatchObject({
          recipients: { entityRef: LEE },
          payload: { link: `/ospo/consultations/${a.id}` },
        });
        // Audited per request, as by the single route, and as a whole.
        expect(await auditedEvents()).toEqual([
          {
            eventId: 'consultation-bulk',
            meta: { count: 3, action: 'start' },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-transition',
            meta: { id: a.id, action: 'start', fromStatus: 'open' },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-transition',
            meta: { id: b.id, action: 'start', fromStatus: 'in-progress' },
            success: 0,
            failure: 'ConflictError',
          },
        ]);
        const bulkEvent = await auditor.createEvent.mock.results[0].value;
        expect(bulkEvent.success).toHaveBeenCalledWith({
          meta: { changed: 1 },
        });
      });

      it('resolves with a note, and refuses to withdraw what the caller did not file', async () => {
        const a = await filed({ summary: 'a' });
        const own = await filed({ summary: 'own' }, ola);

        const withdrawn = await outcomes({
          ids: [a.id, own.id],
          action: 'withdraw',
        });
        expect(withdrawn.changed).toBe(1);
        expect(withdrawn.items.map(i => [i.id, i.ok, i.status])).toEqual([
          [a.id, false, 403],
          [own.id, true, undefined],
        ]);
        expect(withdrawn.items[0].error).toBe(
          'Only the requester may withdraw a request',
        );

        const resolved = await outcomes({
          ids: [a.id, own.id],
          action: 'resolve',
          note: 'Done',
        });
        expect(resolved.items.map(i => [i.ok, i.status])).toEqual([
          [true, undefined],
          [false, 409],
        ]);
        expect((await read(a.id)).resolution).toBe('Done');
      });

      it('assigns to a member of the OSPO, and unassigns', async () => {
        const a = await filed({ summary: 'a' });
        const b = await filed({ summary: 'b' });
        const unknown = randomUUID();

        const assigned = await outcomes({
          ids: [a.id, b.id, unknown],
          assigneeRef: 'User:default/Kim',
        });
        expect(assigned.changed).toBe(2);
        expect(
          assigned.items.map(i => [i.ok, i.consultation?.assigneeRef]),
        ).toEqual([
          [true, KIM],
          [true, KIM],
          [false, undefined],
        ]);
        expect(assigned.items[2].status).toBe(404);
        expect(
          (await list(`assigneeRef=${KIM}`)).body.items
            .map((c: Consultation) => c.id)
            .sort(),
        ).toEqual([a.id, b.id].sort());

        const unassigned = await outcomes({ ids: [a.id], assigneeRef: null });
        expect(unassigned.changed).toBe(1);
        expect(unassigned.items[0].consultation).not.toHaveProperty(
          'assigneeRef',
        );
        expect(
          (await read(a.id)).events.map(e => [e.type, e.assigneeRef]),
        ).toEqual([
          ['created', undefined],
          ['assignment', KIM],
          ['assignment', undefined],
        ]);
      });

      it('answers 403 to anyone but OSPO staff before looking at the body, and changes nothing', async () => {
        const { id } = await filed();
        const before = await storedRows();
        for (const body of [
          { ids: [id], action: 'start' },
          { ids: [id], action: 'start', assigneeRef: KIM },
          { ids: [id], assigneeRef: SAM },
        ]) {
          const res = await bulk(body, lee);
          expect(res.status).toBe(403);
          expect(res.body.error).toMatchObject({
            name: 'NotAllowedError',
            message: 'Only OSPO staff may change requests in bulk',
          });
          expectMatchesSpec('POST', ROUTES.bulk, res);
        }
        expect(
          (await bulk({ ids: [id], action: 'start' }, service)).status,
        ).toBe(403);
        expect(
          (await bulk({ ids: [id], action: 'start' }, anonymous)).status,
        ).toBe(401);
        expect(await storedRows()).toEqual(before);
      });

      it.each([
        [
          'both an assignee and an action',
          { assigneeRef: KIM, action: 'start' },
          'Invalid bulk change: give exactly one of assigneeRef and action',
        ],
        [
          'neither an assignee nor an action',
          { note: 'Hi' },
          'Invalid bulk change: give exactly one of assigneeRef and action',
        ],
        [
          'resolve without a note',
          { action: 'resolve' },
          'Invalid bulk change: note is required to resolve requests',
        ],
        [
          'decline with a blank note',
          { action: 'decline', note: '  ' },
          'Invalid bulk change: note is required to decline requests',
        ],
        [
          'a Component as the assignee',
          { assigneeRef: SVC_A },
          `Invalid assignee: ${SVC_A} is a component, not a User; only members of the OSPO's group ${OSPO} can be assigned`,
        ],
        [
          'a user outside the OSPO as the assignee',
          { assigneeRef: SAM },
          `Invalid assignee: ${SAM} is not a member of the OSPO's group ${OSPO}`,
        ],
      ])('answers 400 to %s, and changes nothing', async (_, body, message) => {
        const a = await filed({ summary: 'a' });
        const b = await filed({ summary: 'b' });
        const before = await storedRows();
        auditor.createEvent.mockClear();
        send.mockClear();

        const res = await bulk({ ids: [a.id, b.id], ...body });
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual(
          expect.objectContaining({ name: 'InputError', message }),
        );
        expectMatchesSpec('POST', ROUTES.bulk, res);
        expect(await storedRows()).toEqual(before);
        expect(send).not.toHaveBeenCalled();
        // Only the bulk change is recorded, as refused: no request was touched.
        expect(
          (await auditedEvents()).map(e => [e.eventId, e.failure]),
        ).toEqual([['consultation-bulk', 'InputError']]);
      });

      it.each([
        [
          'no ids',
          { ids: [], action: 'start' },
          /must NOT have fewer than 1 items/,
        ],
        [
          'more than 100 ids',
          {
            ids: Array.from({ length: 101 }, () => randomUUID()),
            action: 'start',
          },
          /must NOT have more than 100 items/,
        ],
        ['an id twice', 'twice', /must NOT have duplicate items/],
        [
          'an id that is no uuid',
          { ids: ['nope'], action: 'start' },
          /request\/body\/ids\/0 must match format "uuid"/,
        ],
        [
          'an unknown action',
          { ids: [randomUUID()], action: 'close' },
          /request\/body\/action must be equal to one of the allowed values/,
        ],
        [
          'an unknown field',
          { ids: [randomUUID()], action: 'start', status: 'open' },
          /request\/body must NOT have additional properties/,
        ],
      ])('answers 400 to %s, naming the field', async (_, body, message) => {
        const id = randomUUID();
        const res = await bulk(
          body === 'twice'
            ? { ids: [id, id], action: 'start' }
            : (body as object),
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^request\/body/);
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('POST', ROUTES.bulk, res);
        expect(auditor.createEvent).not.toHaveBeenCalled();
      });
    });

    describe('POST /consultations/:id/comments', () => {
      it('lets the requester and OSPO staff comment', async () => {
        const { id } = await filed();
        const mine = await comment(id, { body: '  Any news?  ' }, lee);
        expect(mine.status).toBe(201);
        expect(mine.body).toEqual({
          id: expect.any(String),
          type: 'comment',
          actorRef: LEE,
          createdAt: expect.any(String),
          body: 'Any news?',
        });
        expectMatchesSpec('POST', ROUTES.comments, mine);
        expect(await read(id)).not.toHaveProperty('firstResponseAt');

        const staff = await comment(id, { body: 'Yes: it is fine.' }, ola);
        expect(staff.status).toBe(201);
        expectMatchesSpec('POST', ROUTES.comments, staff);

        const stored = await read(id);
        expect(stored.commentCount).toBe(2);
        expect(stored.firstResponseAt).toBe(staff.body.createdAt);
        expect(stored.updatedAt).toBe(staff.body.createdAt);
        expect(stored.events.slice(1)).toEqual([mine.body, staff.body]);
      });

      it('answers 403 to a third party', async () => {
        const { id } = await filed();
        const res = await comment(id, { body: 'Me too' }, sam);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          'Only the requester and OSPO staff may comment on a request',
        );
        expectMatchesSpec('POST', ROUTES.comments, res);
        expect((await read(id)).commentCount).toBe(0);
      });

      it.each([
        ['no body', {}, /required property 'body'/],
        ['a blank body', { body: '   ' }, /^Invalid comment: body is required/],
        [
          'a body too long',
          { body: 'x'.repeat(5001) },
          /request\/body\/body must NOT have more than 5000 characters/,
        ],
        [
          'an unknown field',
          { body: 'Hi', actorRef: OLA },
          /request\/body must NOT have additional properties/,
        ],
      ])('answers 400 to %s, naming the field', async (_, body, message) => {
        const { id } = await filed();
        const res = await comment(id, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^(Invalid comment: |request\/body)/,
        );
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('POST', ROUTES.comments, res);
        expect((await read(id)).events).toHaveLength(1);
      });

      it('answers 404 to an unknown id and 401 without credentials', async () => {
        const { id } = await filed();
        const unknown = await comment(randomUUID(), { body: 'Hi' });
        expect(unknown.status).toBe(404);
        expectMatchesSpec('POST', ROUTES.comments, unknown);
        const none = await comment(id, { body: 'Hi' }, anonymous);
        expect(none.status).toBe(401);
        expectMatchesSpec('POST', ROUTES.comments, none);
      });
    });

    describe('POST /consultations/:id/rating', () => {
      it('lets the requester rate a resolved request once, which staff then see', async () => {
        const { id } = await answered();
        const res = await rate(id, { score: 4, comment: '  Clear, thanks  ' });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          score: 4,
          comment: 'Clear, thanks',
          ratedAt: expect.any(String),
        });
        expectMatchesSpec('POST', ROUTES.rating, res);

        const stored = await read(id);
        expect(stored.rating).toEqual(res.body);
        expect(stored.events[stored.events.length - 1]).toEqual({
          id: expect.any(String),
          type: 'rated',
          actorRef: LEE,
          createdAt: res.body.ratedAt,
          body: 'Clear, thanks',
          score: 4,
        });
        const listed = await list('status=resolved', ola);
        expect(listed.body.items[0].rating).toEqual(res.body);
        expectMatchesSpec('GET', ROUTES.list, listed);

        const before = await storedRows();
        const again = await rate(id, { score: 1 });
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          'The request has already been rated',
        );
        expectMatchesSpec('POST', ROUTES.rating, again);
        expect(await storedRows()).toEqual(before);
      });

      it('rates a declined request, a blank comment as none', async () => {
        const { id } = await answered('decline');
        const res = await rate(id, { score: 1, comment: '   ' });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ score: 1, ratedAt: expect.any(String) });
      });

      it('answers 403 to anyone but the requester, OSPO staff included, and writes nothing', async () => {
        const { id } = await answered();
        const before = await storedRows();
        for (const auth of [ola, sam]) {
          const res = await rate(id, { score: 5 }, auth);
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            'Only the requester may rate a request',
          );
          expectMatchesSpec('POST', ROUTES.rating, res);
        }
        expect((await rate(id, { score: 5 }, service)).status).toBe(403);
        expect(await storedRows()).toEqual(before);
      });

      it('answers 409 while the request is not resolved or declined, and writes nothing', async () => {
        const c = await filed();
        const open = await rate(c.id, { score: 3 });
        expect(open.status).toBe(409);
        expect(open.body.error.message).toBe(
          'The request is open; only a resolved or declined request can be rated',
        );
        expectMatchesSpec('POST', ROUTES.rating, open);
        await transition(c.id, { action: 'withdraw' }, lee);
        const before = await storedRows();
        expect((await rate(c.id, { score: 3 })).status).toBe(409);
        expect(await storedRows()).toEqual(before);
      });

      it.each([
        ['no score', {}, /score/],
        ['a score of 0', { score: 0 }, /score/],
        ['a score of 6', { score: 6 }, /score/],
        ['a score that is no whole number', { score: 4.5 }, /score/],
        ['a score as a string', { score: '5' }, /score/],
        [
          'a comment over 2000 characters',
          { score: 5, comment: 'x'.repeat(2001) },
          /comment/,
        ],
        ['an unknown field', { score: 5, stars: 5 }, /additional properties/],
      ])('answers 400 to %s, naming the field', async (_, body, field) => {
        const { id } = await answered();
        const before = await storedRows();
        const res = await rate(id, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(field);
        expectMatchesSpec('POST', ROUTES.rating, res);
        expect(await storedRows()).toEqual(before);
      });

      it('accepts a comment of 2000 characters', async () => {
        const { id } = await answered();
        const res = await rate(id, { score: 5, comment: 'x'.repeat(2000) });
        expect(res.status).toBe(201);
      });

      it('answers 400 to a bad id, 404 to an unknown one and to those who may not read, 401 without credentials', async () => {
        expect((await rate('42', { score: 5 })).status).toBe(400);
        const unknown = await rate(randomUUID(), { score: 5 });
        expect(unknown.status).toBe(404);
        expectMatchesSpec('POST', ROUTES.rating, unknown);
        const { id } = await answered();
        expect((await rate(id, { score: 5 }, guest)).status).toBe(404);
        const res = await rate(id, { score: 5 }, anonymous);
        expect(res.status).toBe(401);
        expectMatchesSpec('POST', ROUTES.rating, res);
      });

      it('stores one of two concurrent ratings: one 201, one 409', async () => {
        const { id } = await answered();
        const responses = await Promise.all([
          rate(id, { score: 5, comment: 'first' }),
          rate(id, { score: 1, comment: 'second' }),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([201, 409]);
        const winner = responses.find(r => r.status === 201)!.body;
        const stored = await read(id);
        expect(stored.rating).toEqual(winner);
        expect(stored.events.filter(e => e.type === 'rated')).toHaveLength(1);
      });
    });

    describe('first-response target', () => {
      it('marks an active request past its target without a response as overdue, until OSPO staff act', async () => {
        const fresh = await filed();
        const late = await filed({ summary: 'Late' });
        const lateAnswered = await filed({ summary: 'Late, answered' });
        const lateResolved = await filed({ summary: 'Late, withdrawn' });
        const monthAgo = new Date(Date.now() - 30 * DAY_MS);
        await knex('ospo_consultations')
          .whereIn('id', [late.id, lateAnswered.id, lateResolved.id])
          .update({ created_at: monthAgo });
        await comment(lateAnswered.id, { body: 'On it' }, ola);
        await transition(lateResolved.id, { action: 'withdraw' }, lee);

        const res = await list('orderBy=createdAt&order=asc', ola);
        expect(res.status).toBe(200);
        expectMatchesSpec('GET', ROUTES.list, res);
        const overdue = Object.fromEntries(
          res.body.items.map((c: Consultation) => [c.summary, c.overdue]),
        );
        expect(overdue).toEqual({
          'May we use libfoo?': false,
          Late: true,
          'Late, answered': false,
          'Late, withdrawn': false,
        });
        const item = res.body.items.find((c: Consultation) => c.id === late.id);
        // 30 days ago is past any two-day target; the due date counts from filing.
        expect(Date.parse(item.firstResponseDueAt)).toBeGreaterThanOrEqual(
          monthAgo.getTime() + 2 * DAY_MS,
        );
        expect(Date.parse(item.firstResponseDueAt)).toBeLessThanOrEqual(
          monthAgo.getTime() + 4 * DAY_MS,
        );
        expect((await read(late.id)).overdue).toBe(true);
        expect((await read(fresh.id)).overdue).toBe(false);

        // Starting it is a response: no longer overdue.
        const started = await transition(late.id, { action: 'start' });
        expect(started.body.overdue).toBe(false);
        expectMatchesSpec('POST', ROUTES.transitions, started);
      });
    });

    describe('auditing', () => {
      it('records filing, status changes, assignments, comments and ratings, refused ones included', async () => {
        const { id } = await filed({ topic: 'publish' });
        await transition(id, { action: 'start' });
        await transition(id, { action: 'start' }); // 409
        await transition(id, { action: 'resolve', note: 'x' }, lee); // 403
        await assign(id, { assigneeRef: KIM });
        await assign(id, { assigneeRef: null });
        await comment(id, { body: 'Hi' });
        await comment(id, { body: 'Hi' }, sam); // 403
        await file(undefined, guest); // 403
        await rate(id, { score: 5 }); // 409: in progress
        await transition(id, { action: 'resolve', note: 'x' });
        await rate(id, { score: 5 }, ola); // 403
        await rate(id, { score: 5 });
        // Malformed requests are refused before anything is audited.
        await transition(id, { action: 'fly' });
        await rate(id, { score: 9 });
        await file({ topic: 'publish' });

        expect(await auditedEvents()).toEqual([
          {
            eventId: 'consultation-create',
            meta: { entityRef: SVC_A, topic: 'publish' },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-transition',
            meta: { id, action: 'start', fromStatus: 'open' },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-transition',
            meta: { id, action: 'start', fromStatus: 'in-progress' },
            success: 0,
            failure: 'ConflictError',
          },
          {
            eventId: 'consultation-transition',
            meta: { id, action: 'resolve', fromStatus: 'in-progress' },
            success: 0,
            failure: 'NotAllowedError',
          },
          {
            eventId: 'consultation-assign',
            meta: { id, assigneeRef: KIM },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-assign',
            meta: { id },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-comment',
            meta: { id },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-comment',
            meta: { id },
            success: 0,
            failure: 'NotAllowedError',
          },
          {
            eventId: 'consultation-create',
            meta: { entityRef: SVC_A, topic: 'new-dependency' },
            success: 0,
            failure: 'NotAllowedError',
          },
          {
            eventId: 'consultation-rate',
            meta: { id, score: 5, status: 'in-progress' },
            success: 0,
            failure: 'ConflictError',
          },
          {
            eventId: 'consultation-transition',
            meta: { id, action: 'resolve', fromStatus: 'in-progress' },
            success: 1,
            failure: undefined,
          },
          {
            eventId: 'consultation-rate',
            meta: { id, score: 5, status: 'resolved' },
            success: 0,
            failure: 'NotAllowedError',
          },
          {
            eventId: 'consultation-rate',
            meta: { id, score: 5, status: 'resolved' },
            success: 1,
            failure: undefined,
          },
        ]);
        for (const [options] of auditor.createEvent.mock.calls) {
          expect(options.severityLevel).toBe('medium');
          expect(options.request).toBeDefined();
        }
      });
    });

    describe('notifications', () => {
      it('tells the OSPO group, but not the requester, about a new request', async () => {
        const c = await filed(
          {
            summary: 'Critical CVE in libbar',
            urgency: 'critical',
            topic: 'vulnerability',
          },
          ola,
        );
        expect(send).toHaveBeenCalledTimes(1);
        expect(send).toHaveBeenCalledWith({
          recipients: {
            type: 'entity',
            entityRef: OSPO,
            excludeEntityRef: OLA,
          },
          payload: {
            title: 'New OSPO consultation: Critical CVE in libbar',
            description: `${OLA} asks about ${SVC_A} (vulnerability, critical urgency).`,
            link: `/ospo/consultations/${c.id}`,
            severity: 'high',
            topic: `ospo-consultation-${c.id}`,
          },
        });

        send.mockClear();
        await filed({ urgency: 'high' });
        expect(send).toHaveBeenCalledWith(
          expect.objectContaining({
            recipients: {
              type: 'entity',
              entityRef: OSPO,
              excludeEntityRef: LEE,
            },
            payload: expect.objectContaining({ severity: 'normal' }),
          }),
        );
      });

      it("tells the requester about the OSPO's status changes and comments", async () => {
        const c = await filed();
        send.mockClear();

        await transition(c.id, { action: 'start' });
        await transition(c.id, { action: 'resolve', note: 'Use v2' });
        await comment(c.id, { body: 'Also, see the wiki.' }, ola);

        const toRequester = {
          type: 'entity',
          entityRef: LEE,
          excludeEntityRef: OLA,
        };
        const common = {
          link: `/ospo/consultations/${c.id}`,
          severity: 'normal',
          topic: `ospo-consultation-${c.id}`,
        };
        expect(send.mock.calls.map(([options]) => options)).toEqual([
          {
            recipients: toRequester,
            payload: {
              ...common,
              title:
                'Your OSPO consultation is in-progress: May we use libfoo?',
              description: undefined,
            },
          },
          {
            recipients: toRequester,
            payload: {
              ...common,
              title: 'Your OSPO consultation is resolved: May we use libfoo?',
              description: `Use v2\n\n${RATING_REQUEST}`,
            },
          },
          {
            recipients: toRequester,
            payload: {
              ...common,
              title: 'The OSPO commented on: May we use libfoo?',
              description: 'Also, see the wiki.',
            },
          },
        ]);
      });

      it('asks for a rating only while the answer is unrated', async () => {
        const { id } = await answered('decline');
        expect(send).toHaveBeenLastCalledWith(
          expect.objectContaining({
            payload: expect.objectContaining({
              title: 'Your OSPO consultation is declined: May we use libfoo?',
              description: 'Use v2\n\nHow did the OSPO do? Rate it 1–5.',
              link: `/ospo/consultations/${id}`,
            }),
          }),
        );
        await rate(id, { score: 2 });
        await transition(id, { action: 'reopen' });
        await transition(id, { action: 'resolve', note: 'Use v3' });
        expect(send).toHaveBeenLastCalledWith(
          expect.objectContaining({
            payload: expect.objectContaining({ description: 'Use v3' }),
          }),
        );
      });

      it("tells nobody about the requester's own comments and withdrawal, or about refused changes", async () => {
        const c = await filed();
        send.mockClear();
        await comment(c.id, { body: 'Any news?' }, lee);
        await transition(c.id, { action: 'start' }, lee); // 403
        await transition(c.id, { action: 'withdraw' }, lee);
        await transition(c.id, { action: 'withdraw' }, lee); // 409
        expect(send).not.toHaveBeenCalled();
      });

      it('shortens long comments in the notification', async () => {
        const c = await filed();
        send.mockClear();
        await comment(c.id, { body: 'x'.repeat(400) }, ola);
        expect(send.mock.calls[0][0].payload.description).toBe(
          `${'x'.repeat(297)}...`,
        );
      });

      it('still takes requests when notifications cannot be sent, and logs a warning', async () => {
        send.mockRejectedValue(
          new Error(
            'Failed to send notifications: Error: Request failed with status 404',
          ),
        );

        const created = await file();
        expect(created.status).toBe(201);
        const { id } = created.body;
        const started = await transition(id, { action: 'start' });
        expect(started.status).toBe(200);
        const commented = await comment(id, { body: 'Hi' }, ola);
        expect(commented.status).toBe(201);

        expect(send).toHaveBeenCalledTimes(3);
        expect(logger.warn).toHaveBeenCalledTimes(3);
        for (const [message] of logger.warn.mock.calls) {
          expect(message).toBe(
            `Could not send a notification about consultation ${id}: Error: Failed to send notifications: Error: Request failed with status 404`,
          );
        }
        const stored = await read(id);
        expect(stored).toMatchObject({
          status: 'in-progress',
          commentCount: 1,
        });
      });
    });
  },
);

describe('consultation routes without the notifications backend', () => {
  it('take requests and log that the notification could not be sent', async () => {
    const logger = mockServices.logger.mock();
    // The default notification service posts to the notifications backend,
    // which is not installed here.
    const backend = await startTestBackend({
      features: [
        ospoPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        logger.factory,
      ],
    });
    const res = await request(backend.server)
      .post('/api/ospo/entities/component/default/svc-a/consultations')
      .set('Authorization', lee)
      .send({ topic: 'other', summary: 'Hello' });

    expect(res.status).toBe(201);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^Could not send a notification about consultation ${res.body.id}: Error: Failed to send notifications`,
        ),
      ),
    );
    await backend.stop();
  });

  it('refuse to start with a malformed office in config', async () => {
    await expect(
      startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({
            knex: await databases.init('SQLITE_3'),
          }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.rootConfig.factory({
            data: {
              ospo: {
                office: {
                  topics: [{ id: 'Bad Id', title: 'X', description: 'Y' }],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/ospo\.office\.topics\[0\]\.id/);
  });
});
