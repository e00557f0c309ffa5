import {
  BackendFeature,
  coreServices,
  createBackendModule,
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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  OSPO_TEAM_RESOURCE_TYPE,
  ospoChecklistAnswerUpdatePermission,
  ospoChecklistReadPermission,
  ospoEntityChecksRefreshPermission,
  ospoPermissions,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from './permissions';
import { ospoPlugin } from './plugin';
import { OSPO_MATURITY_CHECKLIST } from './checklists/defaultChecklists';
import { createTestDatabases } from './__testUtils__/testDatabases';
import {
  permissionsConditionalFor,
  restrictedCatalog,
} from './__testUtils__/restrictedCatalog';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';

jest.setTimeout(60_000);

type ConfigData = NonNullable<mockServices.rootConfig.Options['data']>;

const databases = createTestDatabases();

const LEE = 'user:default/lee';
const SAM = 'user:default/sam';
const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const anonymous = mockCredentials.none.header();

const TEAMS = '/api/ospo/teams';
const itemUrl = (team: string, checklistId = 'ospo', itemId = 'creation') =>
  `${TEAMS}/${team}/checklists/${checklistId}/items/${itemId}`;

const ROUTES = {
  checklists: '/checklists',
  team: '/teams/{namespace}/{name}/checklists',
  item: '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}',
  history:
    '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}/history',
  entity: '/entities/{kind}/{namespace}/{name}/checklist-status',
};

function entity(
  kind: string,
  name: string,
  extra: { namespace?: string; spec?: Entity['spec']; ownedBy?: string[] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: extra.namespace ?? 'default' },
    spec: extra.spec ?? {},
    relations: (extra.ownedBy ?? []).map(targetRef => ({
      type: 'ownedBy',
      targetRef,
    })),
  };
}

const ENTITIES: Entity[] = [
  entity('Group', 'team-a', { spec: { type: 'team', children: [] } }),
  entity('Group', 'team-b', { spec: { type: 'team', children: [] } }),
  entity('Group', 'platform', { namespace: 'other', spec: { type: 'team' } }),
  entity('User', 'lee', { spec: { memberOf: ['team-a'] } }),
  entity('Component', 'svc-a', { ownedBy: ['group:default/team-a'] }),
  entity('Component', 'svc-user', { ownedBy: [LEE] }),
  entity('Component', 'svc-ghost', { ownedBy: ['group:default/ghost'] }),
  entity('Component', 'svc-none'),
  entity('Component', 'svc-mixed', {
    ownedBy: [
      'group:default/team-a',
      LEE,
      'group:default/ghost',
      'group:other/platform',
    ],
  }),
  // Not yet processed by the catalog: only spec.owner, no relations.
  entity('Component', 'svc-spec', { spec: { owner: 'team-b' } }),
];

/** The checks of an entity no metrics run has evaluated yet. */
const NOT_YET_CHECKED = {
  results: [],
  summary: { pass: 0, warn: 0, fail: 0, unknown: 0 },
  changedSinceEvaluation: true,
  // The first scheduled run, after the schedule's initial delay.
  nextRunAt: expect.any(String),
  canRefresh: true,
};

/** A permissions service that denies the named permissions and allows the rest. */
function permissionsDenying(...names: string[]) {
  const decide = (name: string) => ({
    result: names.includes(name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  });
  return mockServices.permissions.mock({
    authorize: async requests => requests.map(r => decide(r.permission.name)),
    authorizeConditional: async requests =>
      requests.map(r => decide(r.permission.name)) as any,
  });
}

describe.each(databases.eachSupportedId())(
  'ospo backend plugin on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    async function start(
      options: {
        config?: ConfigData;
        features?: BackendFeature[];
      } = {},
    ): Promise<TestBackend> {
      return startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.rootConfig.factory({ data: options.config ?? {} }),
          ...(options.features ?? []),
        ],
      });
    }

    async function put(
      backend: TestBackend,
      team: string,
      body: object,
      auth = lee,
      checklistId = 'ospo',
      itemId = 'creation',
    ) {
      return request(backend.server)
        .put(itemUrl(team, checklistId, itemId))
        .set('Authorization', auth)
        .send(body);
    }

    describe('GET /checklists', () => {
      it('lists the default checklist when none is configured', async () => {
        const backend = await start();
        const res = await request(backend.server)
          .get('/api/ospo/checklists')
          .set('Authorization', lee);

        expect(res.status).toBe(200);
        expect(res.body).toEqual({ items: [OSPO_MATURITY_CHECKLIST] });
        expect(res.body.items[0].items).toHaveLength(5);
        expectMatchesSpec('GET', ROUTES.checklists, res);
      });

      it('lists the configured checklists, also to other backend plugins', async () => {
        const backend = await start({
          config: {
            ospo: {
              checklists: [
                {
                  id: 'licensing',
                  title: 'Licensing',
                  items: [
                    { id: 'spdx', title: 'SPDX', description: 'Use SPDX ids' },
                  ],
                },
              ],
            },
          },
        });
        const res = await request(backend.server)
          .get('/api/ospo/checklists')
          .set('Authorization', mockCredentials.service.header());

        expect(res.status).toBe(200);
        expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([
          'licensing',
        ]);
        expectMatchesSpec('GET', ROUTES.checklists, res);
      });

      it('refuses to start with a malformed checklist in config', async () => {
        await expect(
          start({
            config: {
              ospo: { checklists: [{ id: 'Bad Id', title: 'X', items: [] }] },
            },
          }),
        ).rejects.toThrow(/ospo\.checklists\[0\]\.id/);
      });

      it('answers 401 without credentials', async () => {
        const backend = await start();
        const res = await request(backend.server)
          .get('/api/ospo/checklists')
          .set('Authorization', anonymous);

        expect(res.status).toBe(401);
        expect(res.body.error.name).toBe('AuthenticationError');
        expectMatchesSpec('GET', ROUTES.checklists, res);
      });
    });

    describe('GET /teams/:namespace/:name/checklists', () => {
      it("returns a team's checklists with no answers yet", async () => {
        const backend = await start();
        const res = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);

        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          teamRef: 'group:default/team-a',
          checklists: [
            {
              checklist: OSPO_MATURITY_CHECKLIST,
              answers: [],
              completion: {
                total: 5,
                applicable: 5,
                done: 0,
                expired: 0,
                inProgress: 0,
                notStarted: 5,
                notApplicable: 0,
                unanswered: 5,
                ratio: 0,
              },
            },
          ],
        });
        expectMatchesSpec('GET', ROUTES.team, res);
      });

      it('returns the answers given and their completion', async () => {
        const backend = await start();
        expect(
          (
            await put(backend, 'default/team-a', {
              status: 'done',
              expectedVersion: 0,
            })
          ).status,
        ).toBe(200);
        expect(
          (
            await put(
              backend,
              'default/team-a',
              {
                status: 'not-applicable',
                note: 'No budget',
                expectedVersion: 0,
              },
              lee,
              'ospo',
              'measurement',
            )
          ).status,
        ).toBe(200);
        // Another team's answers stay with that team.
        expect(
          (
            await put(backend, 'default/team-b', {
              status: 'in-progress',
              expectedVersion: 0,
            })
          ).status,
        ).toBe(200);

        const res = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', mockCredentials.service.header());

        expect(res.status).toBe(200);
        const [ospo] = res.body.checklists;
        expect(ospo.answers.map((a: { itemId: string }) => a.itemId)).toEqual([
          'creation',
          'measurement',
        ]);
        expect(ospo.completion).toMatchObject({
          total: 5,
          applicable: 4,
          done: 1,
          notApplicable: 1,
          unanswered: 3,
          ratio: 0.25,
        });
        expectMatchesSpec('GET', ROUTES.team, res);
      });

      it('treats the team name case-insensitively, like the catalog', async () => {
        const backend = await start();
        const written = await put(backend, 'default/Team-A', {
          status: 'done',
          expectedVersion: 0,
        });
        expect(written.status).toBe(200);
        expect(written.body.teamRef).toBe('group:default/team-a');

        const res = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);
        expect(res.body.checklists[0].answers).toEqual([written.body]);
      });

      it.each([
        ['an unknown team', 'default/nobody'],
        ['a team in another namespace', 'other/team-a'],
        ['a User rather than a Group', 'default/lee'],
      ])('answers 404 for %s', async (_, team) => {
        const backend = await start();
        const res = await request(backend.server)
          .get(`${TEAMS}/${team}/checklists`)
          .set('Authorization', lee);

        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({
          name: 'NotFoundError',
          message: expect.stringContaining(`group:${team}`),
        });
        expectMatchesSpec('GET', ROUTES.team, res);
      });

      it.each([
        ['name', 'default/bad%20name'],
        ['namespace', '-default/team-a'],
        ['name', `default/${'x'.repeat(64)}`],
      ])('answers 400 naming the bad %s', async (field, team) => {
        const backend = await start();
        const res = await request(backend.server)
          .get(`${TEAMS}/${team}/checklists`)
          .set('Authorization', lee);

        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(
          new RegExp(`^request/params/${field} must match pattern`),
        );
        expectMatchesSpec('GET', ROUTES.team, res);
      });

      it('answers 401 without credentials', async () => {
        const backend = await start();
        const res = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', anonymous);
        expect(res.status).toBe(401);
      });

      it("reuses a user's permission decision for ospo.accessCache.ttl", async () => {
        for (const [config, expectedChecks] of [
          [{}, 1],
          [{ ospo: { accessCache: { ttl: { seconds: 0 } } } }, 3],
        ] as const) {
          const permissions = permissionsDenying();
          const backend = await start({
            config,
            features: [permissions.factory],
          });
          for (let i = 0; i < 3; i++) {
            const res = await request(backend.server)
              .get(`${TEAMS}/default/team-a/checklists`)
              .set('Authorization', lee);
            expect(res.status).toBe(200);
          }
          expect(permissions.authorize).toHaveBeenCalledTimes(expectedChecks);
          await backend.stop();
        }
      });

      it('answers 404 when the read permission is denied', async () => {
        const permissions = permissionsDenying(
          ospoChecklistReadPermission.name,
        );
        const backend = await start({ features: [permissions.factory] });
        const res = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);

        expect(res.status).toBe(404);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: ospoChecklistReadPermission }],
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: LEE }),
            }),
          },
        );
      });
    });

    describe('PUT /teams/:namespace/:name/checklists/:checklistId/items/:itemId', () => {
      it('stores a first answer and then a change made from its version', async () => {
        const backend = await start();
        const first = await put(backend, 'default/team-a', {
          status: 'in-progress',
          note: 'Charter drafted',
          evidenceUrl: 'https://wiki.example.com/ospo',
          expectedVersion: 0,
        });

        expect(first.status).toBe(200);
        expect(first.body).toEqual({
          teamRef: 'group:default/team-a',
          checklistId: 'ospo',
          itemId: 'creation',
          status: 'in-progress',
          note: 'Charter drafted',
          evidenceUrl: 'https://wiki.example.com/ospo',
          answeredBy: LEE,
          answeredAt: expect.any(String),
          version: 1,
        });
        expectMatchesSpec('PUT', ROUTES.item, first);

        const second = await put(
          backend,
          'default/team-a',
          { status: 'done', note: '', evidenceUrl: null, expectedVersion: 1 },
          sam,
        );
        expect(second.status).toBe(200);
        expect(second.body).toEqual({
          ...first.body,
          status: 'done',
          // Empty strings and null clear the note and the link.
          note: undefined,
          evidenceUrl: undefined,
          answeredBy: SAM,
          answeredAt: expect.any(String),
          version: 2,
        });
        expect(second.body).not.toHaveProperty('note');
        expectMatchesSpec('PUT', ROUTES.item, second);
      });

      it('accepts a note of exactly the maximum length', async () => {
        const backend = await start();
        const res = await put(backend, 'default/team-a', {
          status: 'not-applicable',
          note: 'x'.repeat(2000),
          expectedVersion: 0,
        });
        expect(res.status).toBe(200);
        expect(res.body.note).toHaveLength(2000);
      });

      it('answers 409 to a stale write and keeps the newer answer', async () => {
        const backend = await start();
        await put(backend, 'default/team-a', {
          status: 'in-progress',
          expectedVersion: 0,
        });
        const newer = await put(
          backend,
          'default/team-a',
          { status: 'done', expectedVersion: 1 },
          sam,
        );

        const stale = await put(backend, 'default/team-a', {
          status: 'not-started',
          expectedVersion: 1,
        });

        expect(stale.status).toBe(409);
        expect(stale.body.error).toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining('version 2'),
        });
        expectMatchesSpec('PUT', ROUTES.item, stale);
        const team = await request(backend.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);
        expect(team.body.checklists[0].answers).toEqual([newer.body]);
        const history = await request(backend.server)
          .get(`${itemUrl('default/team-a')}/history`)
          .set('Authorization', lee);
        expect(history.body.items).toHaveLength(2);
      });

      it.each([
        [
          'status',
          { status: 'finished', expectedVersion: 0 },
          /request\/body\/status must be equal to one of the allowed values: not-started, in-progress, done, not-applicable/,
        ],
        [
          'status',
          { expectedVersion: 0 },
          /must have required property 'status'/,
        ],
        [
          'evidenceUrl',
          {
            status: 'done',
            // eslint-disable-next-line no-script-url -- deliberately unsafe input the API must reject
            evidenceUrl: 'javascript:alert(1)',
            expectedVersion: 0,
          },
          /request\/body\/evidenceUrl must match pattern/,
        ],
        [
          'evidenceUrl',
          { status: 'done', evidenceUrl: 'not a url', expectedVersion: 0 },
          /request\/body\/evidenceUrl must match pattern/,
        ],
        [
          'evidenceUrl',
          {
            status: 'done',
            evidenceUrl: `https://example.com/${'a'.repeat(2048)}`,
            expectedVersion: 0,
          },
          /request\/body\/evidenceUrl must NOT have more than 2048 characters/,
        ],
        [
          'note',
          { status: 'done', note: 'x'.repeat(2001), expectedVersion: 0 },
          /request\/body\/note must NOT have more than 2000 characters/,
        ],
        [
          'note',
          { status: 'done', note: 42, expectedVersion: 0 },
          /request\/body\/note must be string/,
        ],
        [
          'note',
          { status: 'not-applicable', expectedVersion: 0 },
          /^Invalid answer: note a justification is required when the status is not-applicable/,
        ],
        [
          'note',
          { status: 'not-applicable', note: '   ', expectedVersion: 0 },
          /^Invalid answer: note a justification is required/,
        ],
        [
          'an unknown field',
          { status: 'done', expectedVersion: 0, answeredBy: SAM },
          /request\/body must NOT have additional properties/,
        ],
        [
          'expectedVersion',
          { status: 'done' },
          /must have required property 'expectedVersion'/,
        ],
        [
          'expectedVersion',
          { status: 'done', expectedVersion: '0' },
          /request\/body\/expectedVersion must be integer/,
        ],
        [
          'expectedVersion',
          { status: 'done', expectedVersion: -1 },
          /request\/body\/expectedVersion must be >= 0/,
        ],
        [
          'expectedVersion',
          { status: 'done', expectedVersion: 1.5 },
          /expectedVersion/,
        ],
      ])('answers 400 naming %s', async (_, body, message) => {
        const backend = await start();
        const res = await put(backend, 'default/team-a', body);

        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(
          /^(Invalid answer: |request\/body)/,
        );
        expect(res.body.error.message).toMatch(message);
        expectMatchesSpec('PUT', ROUTES.item, res);
        // Nothing was written.
        expect(await knex('ospo_checklist_answers').select()).toEqual([]);
        expect(await knex('ospo_checklist_answer_history').select()).toEqual(
          [],
        );
      });

      it('answers 400 to a body that is not a JSON object', async () => {
        const backend = await start();
        const array = await put(backend, 'default/team-a', []);
        expect(array.status).toBe(400);
        expect(array.body.error.message).toMatch(
          /^request\/body must be object/,
        );

        const text = await request(backend.server)
          .put(itemUrl('default/team-a'))
          .set('Authorization', lee)
          .set('Content-Type', 'text/plain')
          .send('done');
        expect(text.status).toBe(400);
        expect(text.body.error.message).toMatch(
          /unsupported media type text\/plain|must be object|required property 'status'/,
        );
      });

      it.each([
        ['checklistId', 'default/team-a', 'Ospo', 'creation'],
        ['itemId', 'default/team-a', 'ospo', 'Creation!'],
        ['name', 'default/team%20a', 'ospo', 'creation'],
      ])(
        'answers 400 naming a bad %s in the path',
        async (field, team, checklistId, itemId) => {
          const backend = await start();
          const res = await put(
            backend,
            team,
            { status: 'done', expectedVersion: 0 },
            lee,
            checklistId,
            itemId,
          );
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(
            new RegExp(`^request/params/${field} must match pattern`),
          );
          expectMatchesSpec('PUT', ROUTES.item, res);
        },
      );

      it.each([
        [
          'an unknown team',
          'default/nobody',
          'ospo',
          'creation',
          /No team group:default\/nobody/,
        ],
        [
          'an unknown item',
          'default/team-a',
          'ospo',
          'nope',
          /Checklist 'ospo' has no item 'nope'/,
        ],
        [
          'an unknown checklist',
          'default/team-a',
          'nope',
          'creation',
          /Checklist 'nope' has no item 'creation'/,
        ],
      ])(
        'answers 404 for %s',
        async (_, team, checklistId, itemId, message) => {
          const backend = await start();
          const res = await put(
            backend,
            team,
            { status: 'done', expectedVersion: 0 },
            lee,
            checklistId,
            itemId,
          );
          expect(res.status).toBe(404);
          expect(res.body.error).toMatchObject({
            name: 'NotFoundError',
            message: expect.stringMatching(message),
          });
          expectMatchesSpec('PUT', ROUTES.item, res);
          expect(await knex('ospo_checklist_answers').select()).toEqual([]);
        },
      );

      it('answers 401 without credentials and 403 to a service', async () => {
        const backend = await start();
        const body = { status: 'done', expectedVersion: 0 };
        const none = await put(backend, 'default/team-a', body, anonymous);
        expect(none.status).toBe(401);
        expectMatchesSpec('PUT', ROUTES.item, none);

        const service = await put(
          backend,
          'default/team-a',
          body,
          mockCredentials.service.header(),
        );
        expect(service.status).toBe(403);
        expectMatchesSpec('PUT', ROUTES.item, service);
        expect(await knex('ospo_checklist_answers').select()).toEqual([]);
      });

      it('asks for the update permission on the team and answers 403 when denied', async () => {
        const permissions = permissionsDenying(
          ospoChecklistAnswerUpdatePermission.name,
        );
        const backend = await start({ features: [permissions.factory] });

        const res = await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });

        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining('group:default/team-a'),
        });
        expectMatchesSpec('PUT', ROUTES.item, res);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: ospoChecklistAnswerUpdatePermission,
              resourceRef: 'group:default/team-a',
            },
          ],
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: LEE }),
            }),
          },
        );
        expect(await knex('ospo_checklist_answers').select()).toEqual([]);
        expect(await knex('ospo_checklist_answer_history').select()).toEqual(
          [],
        );
      });

      it('answers 404 when the read permission is denied', async () => {
        const permissions = permissionsDenying(
          ospoChecklistReadPermission.name,
        );
        const backend = await start({ features: [permissions.factory] });
        const res = await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });
        expect(res.status).toBe(404);
        expect(await knex('ospo_checklist_answers').select()).toEqual([]);
      });

      it('records each change, and each refused one, with the auditor', async () => {
        const auditor = mockServices.auditor.mock();
        const backend = await start({ features: [auditor.factory] });

        await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });
        await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });

        expect(auditor.createEvent).toHaveBeenCalledTimes(2);
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: 'checklist-answer-update',
            meta: expect.objectContaining({
              teamRef: 'group:default/team-a',
              checklistId: 'ospo',
              itemId: 'creation',
              status: 'done',
              expectedVersion: 0,
            }),
          }),
        );
        const [ok, refused] = await Promise.all(
          auditor.createEvent.mock.results.map(r => r.value),
        );
        expect(ok.success).toHaveBeenCalledWith({ meta: { version: 1 } });
        expect(ok.fail).not.toHaveBeenCalled();
        expect(refused.fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'ConflictError' }),
        });
        expect(refused.success).not.toHaveBeenCalled();
      });

      it('audits refused attempts too: denied permission and unknown team', async () => {
        const auditor = mockServices.auditor.mock();
        const permissions = permissionsDenying(
          ospoChecklistAnswerUpdatePermission.name,
        );
        const backend = await start({
          features: [auditor.factory, permissions.factory],
        });

        const denied = await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });
        const unknown = await put(backend, 'default/nobody', {
          status: 'done',
          expectedVersion: 0,
        });
        // Malformed requests are rejected before anything is audited.
        const malformed = await put(backend, 'default/team-a', {
          status: 'done',
        });

        expect([denied.status, unknown.status, malformed.status]).toEqual([
          403, 404, 400,
        ]);
        expect(auditor.createEvent).toHaveBeenCalledTimes(2);
        expect(
          auditor.createEvent.mock.calls.map(([e]) => e.meta?.teamRef),
        ).toEqual(['group:default/team-a', 'group:default/nobody']);
        const events = await Promise.all(
          auditor.createEvent.mock.results.map(r => r.value),
        );
        expect(events[0].fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'NotAllowedError' }),
        });
        expect(events[1].fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'NotFoundError' }),
        });
        for (const event of events) {
          expect(event.success).not.toHaveBeenCalled();
        }
      });

      it('lets exactly one of several concurrent requests from the same version win', async () => {
        const backend = await start();
        const responses = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            put(backend, 'default/team-a', {
              status: 'done',
              note: `request ${i}`,
              expectedVersion: 0,
            }),
          ),
        );
        expect(responses.map(r => r.status).sort()).toEqual([
          200, 409, 409, 409, 409, 409,
        ]);
        expect(
          await knex('ospo_checklist_answer_history').select(),
        ).toHaveLength(1);
      });
    });

    describe('GET …/items/:itemId/history', () => {
      it('lists the changes newest first', async () => {
        const backend = await start();
        await put(backend, 'default/team-a', {
          status: 'not-started',
          expectedVersion: 0,
        });
        await put(
          backend,
          'default/team-a',
          { status: 'in-progress', note: 'Asked', expectedVersion: 1 },
          sam,
        );
        await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 2,
        });
        // Another item's change is not part of it.
        await put(
          backend,
          'default/team-a',
          { status: 'done', expectedVersion: 0 },
          lee,
          'ospo',
          'awareness',
        );

        const res = await request(backend.server)
          .get(`${itemUrl('default/team-a')}/history`)
          .set('Authorization', lee);

        expect(res.status).toBe(200);
        expect(
          res.body.items.map((h: Record<string, unknown>) => [
            h.fromStatus,
            h.toStatus,
            h.changedBy,
            h.version,
          ]),
        ).toEqual([
          ['in-progress', 'done', LEE, 3],
          ['not-started', 'in-progress', SAM, 2],
          [undefined, 'not-started', LEE, 1],
        ]);
        expect(res.body.items[1].note).toBe('Asked');
        expectMatchesSpec('GET', ROUTES.history, res);
      });

      it('is empty for an item never answered', async () => {
        const backend = await start();
        const res = await request(backend.server)
          .get(`${itemUrl('default/team-b')}/history`)
          .set('Authorization', mockCredentials.service.header());
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ items: [] });
        expectMatchesSpec('GET', ROUTES.history, res);
      });

      it('answers 400, 401 and 404', async () => {
        const backend = await start();
        const badPath = await request(backend.server)
          .get(`${itemUrl('default/team-a', 'ospo', 'Bad.Item')}/history`)
          .set('Authorization', lee);
        expect(badPath.status).toBe(400);
        expect(badPath.body.error.message).toMatch(
          /^request\/params\/itemId must match pattern/,
        );
        expectMatchesSpec('GET', ROUTES.history, badPath);

        const none = await request(backend.server)
          .get(`${itemUrl('default/team-a')}/history`)
          .set('Authorization', anonymous);
        expect(none.status).toBe(401);

        const unknown = await request(backend.server)
          .get(`${itemUrl('default/nobody')}/history`)
          .set('Authorization', lee);
        expect(unknown.status).toBe(404);
        expectMatchesSpec('GET', ROUTES.history, unknown);
      });

      it('answers 404 when the read permission is denied', async () => {
        const permissions = permissionsDenying(
          ospoChecklistReadPermission.name,
        );
        const backend = await start({ features: [permissions.factory] });
        const res = await request(backend.server)
          .get(`${itemUrl('default/team-a')}/history`)
          .set('Authorization', lee);
        expect(res.status).toBe(404);
      });
    });

    describe('GET /entities/:kind/:namespace/:name/checklist-status', () => {
      async function status(backend: TestBackend, path: string, auth = lee) {
        return request(backend.server)
          .get(`/api/ospo/entities/${path}/checklist-status`)
          .set('Authorization', auth);
      }

      it('returns the checklists of the owning group', async () => {
        const backend = await start();
        await put(backend, 'default/team-a', {
          status: 'done',
          expectedVersion: 0,
        });

        const res = await status(backend, 'component/default/svc-a');

        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          entityRef: 'component:default/svc-a',
          ownerRefs: ['group:default/team-a'],
          unresolvedOwners: [],
        });
        expect(res.body.teams).toHaveLength(1);
        expect(res.body.teams[0].teamRef).toBe('group:default/team-a');
        expect(res.body.teams[0].checklists[0].completion).toMatchObject({
          done: 1,
          ratio: 0.2,
        });
        expectMatchesSpec('GET', ROUTES.entity, res);
      });

      it('reports an owning user as not a group', async () => {
        const backend = await start();
        const res = await status(backend, 'Component/default/svc-user');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          entityRef: 'component:default/svc-user',
          ownerRefs: [LEE],
          teams: [],
          unresolvedOwners: [{ ref: LEE, reason: 'not-a-group' }],
          checks: NOT_YET_CHECKED,
        });
        expectMatchesSpec('GET', ROUTES.entity, res);
      });

      it('reports an owning group missing from the catalog as not found', async () => {
        const backend = await start();
        const res = await status(backend, 'component/default/svc-ghost');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          entityRef: 'component:default/svc-ghost',
          ownerRefs: ['group:default/ghost'],
          teams: [],
          unresolvedOwners: [
            { ref: 'group:default/ghost', reason: 'not-found' },
          ],
          checks: NOT_YET_CHECKED,
        });
        expectMatchesSpec('GET', ROUTES.entity, res);
      });

      it('returns empty lists for an entity without an owner', async () => {
        const backend = await start();
        const res = await status(backend, 'component/default/svc-none');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          entityRef: 'component:default/svc-none',
          ownerRefs: [],
          teams: [],
          unresolvedOwners: [],
          checks: NOT_YET_CHECKED,
        });
        expectMatchesSpec('GET', ROUTES.entity, res);
      });

      it('sorts several owners into teams and unresolved owners', async () => {
        const backend = await start();
        const res = await status(
          backend,
          'component/default/svc-mixed',
          mockCredentials.service.header(),
        );
        expect(res.status).toBe(200);
        expect(res.body.ownerRefs).toEqual([
          'group:default/team-a',
          LEE,
          'group:default/ghost',
          'group:other/platform',
        ]);
        expect(
          res.body.teams.map((t: { teamRef: string }) => t.teamRef),
        ).toEqual(['group:default/team-a', 'group:other/platform']);
        expect(res.body.unresolvedOwners).toEqual([
          { ref: LEE, reason: 'not-a-group' },
          { ref: 'group:default/ghost', reason: 'not-found' },
        ]);
        expectMatchesSpec('GET', ROUTES.entity, res);
      });

      it('falls back to spec.owner when the entity has no relations yet', async () => {
        const backend = await start();
        const res = await status(backend, 'component/default/svc-spec');
        expect(res.status).toBe(200);
        expect(res.body.ownerRefs).toEqual(['group:default/team-b']);
        expect(
          res.body.teams.map((t: { teamRef: string }) => t.teamRef),
        ).toEqual(['group:default/team-b']);
      });

      it('answers 404 for an unknown entity, 400 for a bad kind, 401 without credentials', async () => {
        const backend = await start();
        const unknown = await status(backend, 'component/default/nope');
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.message).toContain('component:default/nope');
        expectMatchesSpec('GET', ROUTES.entity, unknown);

        const badKind = await status(backend, '1component/default/svc-a');
        expect(badKind.status).toBe(400);
        expect(badKind.body.error.message).toMatch(
          /^request\/params\/kind must match pattern/,
        );
        expectMatchesSpec('GET', ROUTES.entity, badKind);

        const none = await status(
          backend,
          'component/default/svc-a',
          anonymous,
        );
        expect(none.status).toBe(401);
      });

      it('answers 404 when the read permission is denied', async () => {
        const permissions = permissionsDenying(
          ospoChecklistReadPermission.name,
        );
        const backend = await start({ features: [permissions.factory] });
        const res = await status(backend, 'component/default/svc-a');
        expect(res.status).toBe(404);
        expect(res.body.error.message).toContain('component:default/svc-a');
      });

      /**
       * The catalog as its permissions show it: Lee may read every entity;
       * Sam's decision is conditional, and the catalog hides svc-a and
       * team-a from him.
       */
      async function startRestricted(config: ConfigData = {}) {
        const catalog = restrictedCatalog({
          entities: ENTITIES,
          isHidden: (user, e) =>
            user === SAM && ['svc-a', 'team-a'].includes(e.metadata.name),
        });
        const permissions = permissionsConditionalFor(SAM);
        const backend = await startTestBackend({
          features: [
            ospoPlugin,
            mockServices.database.factory({ knex }),
            catalog.factory,
            permissions.factory,
            mockServices.rootConfig.factory({ data: config }),
          ],
        });
        return { backend, catalog };
      }

      it('reads the catalog once for the entity and its owners, then not again within ospo.accessCache.ttl', async () => {
        const { backend, catalog } = await startRestricted();
        for (let i = 0; i < 3; i++) {
          const res = await status(backend, 'component/default/svc-a');
          expect(res.status).toBe(200);
          expect(res.body.teams[0].teamRef).toBe('group:default/team-a');
        }
        // The entity, then whether its owner exists: each read once.
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
        expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      });

      it('never shows a caller an entity or owner the catalog hides from them', async () => {
        const { backend, catalog } = await startRestricted();
        expect((await status(backend, 'component/default/svc-a')).status).toBe(
          200,
        );
        const hidden = await status(backend, 'component/default/svc-a', sam);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error.message).toContain('component:default/svc-a');
        expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
          expect.anything(),
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({ userEntityRef: SAM }),
            }),
          },
        );

        await status(backend, 'component/default/svc-mixed');
        const mixed = await status(backend, 'component/default/svc-mixed', sam);
        expect(mixed.status).toBe(200);
        expect(
          mixed.body.teams.map((t: { teamRef: string }) => t.teamRef),
        ).toEqual(['group:other/platform']);
        expect(mixed.body.unresolvedOwners).toEqual([
          { ref: 'group:default/team-a', reason: 'not-found' },
          { ref: LEE, reason: 'not-a-group' },
          { ref: 'group:default/ghost', reason: 'not-found' },
        ]);
      });

      it('reads the catalog on every request when ospo.accessCache.ttl is 0', async () => {
        const { backend, catalog } = await startRestricted({
          ospo: { accessCache: { ttl: { seconds: 0 } } },
        });
        for (let i = 0; i < 2; i++) {
          expect(
            (await status(backend, 'component/default/svc-a')).status,
          ).toBe(200);
        }
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(4);
      });
    });

    describe('checklist definitions changed in config', () => {
      const config = (itemIds: string[]) => ({
        ospo: {
          checklists: [
            {
              id: 'ospo',
              title: 'OSPO',
              items: itemIds.map(id => ({ id, title: id, description: id })),
            },
          ],
        },
      });

      it('keeps answers to removed items but neither shows nor counts them', async () => {
        const before = await start({ config: config(['kept', 'removed']) });
        for (const itemId of ['kept', 'removed']) {
          const res = await put(
            before,
            'default/team-a',
            { status: 'done', expectedVersion: 0 },
            lee,
            'ospo',
            itemId,
          );
          expect(res.status).toBe(200);
        }
        await before.stop();

        const after = await start({ config: config(['kept', 'added']) });
        const team = await request(after.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);
        expect(team.status).toBe(200);
        expect(
          team.body.checklists[0].answers.map(
            (a: { itemId: string }) => a.itemId,
          ),
        ).toEqual(['kept']);
        expect(team.body.checklists[0].completion).toMatchObject({
          total: 2,
          done: 1,
          unanswered: 1,
          ratio: 0.5,
        });
        // The removed item cannot be answered any more...
        const write = await put(
          after,
          'default/team-a',
          { status: 'not-started', expectedVersion: 1 },
          lee,
          'ospo',
          'removed',
        );
        expect(write.status).toBe(404);
        // ...but its answer is still stored.
        const rows = await knex('ospo_checklist_answers')
          .select('item_id')
          .orderBy('item_id');
        expect(rows.map(r => r.item_id)).toEqual(['kept', 'removed']);
        await after.stop();

        // Putting the item back brings its answer back.
        const restored = await start({ config: config(['kept', 'removed']) });
        const again = await request(restored.server)
          .get(`${TEAMS}/default/team-a/checklists`)
          .set('Authorization', lee);
        expect(again.body.checklists[0].completion).toMatchObject({
          done: 2,
          ratio: 1,
        });
      });
    });
  },
);

describe('ospo backend plugin with the permission framework', () => {
  // A policy like the one the app installs: team members change their own
  // team's answers, through a conditional decision that the permission backend
  // hands back to this plugin's apply-conditions endpoint.
  const policyModule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
        async init({ policy, userInfo }) {
          policy.setPolicy({
            async handle(req, user) {
              if (
                isPermission(
                  req.permission,
                  ospoChecklistAnswerUpdatePermission,
                ) ||
                isPermission(req.permission, ospoEntityChecksRefreshPermission)
              ) {
                if (!user) {
                  return { result: AuthorizeResult.DENY };
                }
                const { ownershipEntityRefs } = await userInfo.getUserInfo(
                  user.credentials,
                );
                return createOspoTeamConditionalDecision(
                  req.permission,
                  ospoTeamConditions.isTeamMember({
                    claims: ownershipEntityRefs,
                  }),
                );
              }
              return { result: AuthorizeResult.ALLOW };
            },
          });
        },
      });
    },
  });

  const memberships: Record<string, string[]> = {
    [LEE]: [LEE, 'group:default/team-a'],
    [SAM]: [SAM],
  };
  const userInfoFactory = createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: memberships[userEntityRef] ?? [userEntityRef],
        };
      },
    }),
  });

  // The mock auth service turns a plugin's token on behalf of a user into
  // plain user credentials, which the apply-conditions endpoint refuses (it
  // wants the calling plugin as the actor, as real tokens have). Issue mock
  // user tokens with an actor instead.
  const authFactory = createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const auth = mockServices.auth({ pluginId: plugin.getId() });
      return {
        authenticate: auth.authenticate.bind(auth),
        getNoneCredentials: auth.getNoneCredentials.bind(auth),
        getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
        isPrincipal: auth.isPrincipal.bind(auth) as typeof auth.isPrincipal,
        getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
        listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
        async getPluginRequestToken(options) {
          if (auth.isPrincipal(options.onBehalfOf, 'user')) {
            return {
              token: mockCredentials.user.token(
                options.onBehalfOf.principal.userEntityRef,
                { actor: { subject: `plugin:${plugin.getId()}` } },
              ),
            };
          }
          return auth.getPluginRequestToken(options);
        },
      };
    },
  });

  it('lets members change their own team only', async () => {
    const backend = await startTestBackend({
      features: [
        ospoPlugin,
        permissionPlugin,
        policyModule,
        userInfoFactory,
        authFactory,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    const body = { status: 'done', expectedVersion: 0 };

    const own = await request(backend.server)
      .put(itemUrl('default/team-a'))
      .set('Authorization', lee)
      .send(body);
    expect(own.status).toBe(200);
    expect(own.body.answeredBy).toBe(LEE);

    const other = await request(backend.server)
      .put(itemUrl('default/team-b'))
      .set('Authorization', lee)
      .send(body);
    expect(other.status).toBe(403);

    const outsider = await request(backend.server)
      .put(itemUrl('default/team-a', 'ospo', 'awareness'))
      .set('Authorization', sam)
      .send(body);
    expect(outsider.status).toBe(403);

    // Reading stays open to everyone under this policy.
    const read = await request(backend.server)
      .get(`${TEAMS}/default/team-a/checklists`)
      .set('Authorization', sam);
    expect(read.status).toBe(200);
    expect(read.body.checklists[0].answers).toHaveLength(1);

    // Re-attesting is changing the answer: members only.
    const reattest = (auth: string) =>
      request(backend.server)
        .post(`${itemUrl('default/team-a')}/reattest`)
        .set('Authorization', auth)
        .send({ expectedVersion: 1 });
    const nonMember = await reattest(sam);
    expect(nonMember.status).toBe(403);
    expect(nonMember.body.error.message).toContain(
      'Only members of group:default/team-a and OSPO staff',
    );
    const member = await reattest(lee);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ version: 2, answeredBy: LEE });
  });

  it('lets members of an owning team have its entity checked again, and tells the others', async () => {
    const backend = await startTestBackend({
      features: [
        ospoPlugin,
        permissionPlugin,
        policyModule,
        userInfoFactory,
        authFactory,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    const status = (auth: string) =>
      request(backend.server)
        .get('/api/ospo/entities/component/default/svc-a/checklist-status')
        .set('Authorization', auth);
    const refresh = (auth: string) =>
      request(backend.server)
        .post('/api/ospo/entities/component/default/svc-a/checks/refresh')
        .set('Authorization', auth);

    expect((await status(lee)).body.checks.canRefresh).toBe(true);
    expect((await status(sam)).body.checks.canRefresh).toBe(false);
    const member = await refresh(lee);
    expect(member.status).toBe(200);
    expect(member.body.evaluatedBy).toBe('refresh');
    const outsider = await refresh(sam);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain(
      'Only members of group:default/team-a and OSPO staff',
    );
  });

  it('registers the ospo-team resource type with its rule', async () => {
    const backend = await startTestBackend({
      features: [
        ospoPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
      ],
    });
    const res = await request(backend.server)
      .get('/api/ospo/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    const names = res.body.permissions.map((p: { name: string }) => p.name);
    // Every permission of the plugin, once, the checklist ones included.
    expect([...names].sort()).toEqual(ospoPermissions.map(p => p.name).sort());
    expect(names).toEqual(
      expect.arrayContaining([
        ospoChecklistAnswerUpdatePermission.name,
        ospoChecklistReadPermission.name,
      ]),
    );
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_TEAM_MEMBER',
        resourceType: OSPO_TEAM_RESOURCE_TYPE,
      }),
    ]);
  });
});
