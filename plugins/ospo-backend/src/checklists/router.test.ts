import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ORG_SCOPE,
  ospoChecklistAnswerUpdatePermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee';
const SAM = 'user:default/sam';
const lee = mockCredentials.user.header(LEE);
const sam = mockCredentials.user.header(SAM);
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const ROUTES = {
  team: '/teams/{namespace}/{name}/checklists',
  reattest:
    '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}/reattest',
  history:
    '/teams/{namespace}/{name}/checklists/{checklistId}/items/{itemId}/history',
  entity: '/entities/{kind}/{namespace}/{name}/checklist-status',
  matrix: '/dashboard/checklists',
};

const item = (team: string, itemId = 'stakeholders') =>
  `/api/ospo/teams/default/${team}/checklists/ospo/items/${itemId}`;

function entity(kind: string, name: string, ownedBy: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: kind === 'Group' ? { type: 'team', children: [] } : {},
    relations: ownedBy.map(targetRef => ({ type: 'ownedBy', targetRef })),
  };
}

const ENTITIES = [
  entity('Group', 'team-a'),
  entity('Group', 'team-b'),
  entity('Component', 'svc-a', [TEAM_A]),
];

/** Sam may change no team's answers; everything else is allowed. */
function decide(permissionName: string, credentials: BackstageCredentials) {
  const user = (credentials.principal as { userEntityRef?: string })
    .userEntityRef;
  return {
    result:
      user === SAM &&
      permissionName === ospoChecklistAnswerUpdatePermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  } as const;
}
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    return requests.map(r => decide(r.permission.name, options.credentials));
  },
  async authorizeConditional(requests, options) {
    return requests.map(r => decide(r.permission.name, options.credentials));
  },
});

describe.each(databases.eachSupportedId())(
  'answer expiry and re-attestation routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();

    // The whole plugin with the default checklist, whose Stakeholders item
    // holds for a year (P1Y); time is the database's.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          permissions.factory,
          auditor.factory,
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      for (const table of [
        'ospo_checklist_answer_history',
        'ospo_checklist_answers',
        'ospo_metric_scopes',
        'ospo_metric_runs',
      ]) {
        await knex(table).delete();
      }
      // A write tells the heat map's cache that answers changed.
      await knex('ospo_checklist_answers_version')
        .where({ id: 1 })
        .increment('version', 1);
      auditor.createEvent.mockClear();
    });

    /** An answer as it would be stored `ago` before the database's now. */
    async function storedAnswer(options: {
      teamRef?: string;
      itemId?: string;
      status?: string;
      ago: { years?: number; days?: number };
    }) {
      const [{ now }] = await knex
        .select({ now: knex.raw('CURRENT_TIMESTAMP') })
        .limit(1);
      const answeredAt = DateTime.fromJSDate(
        now instanceof Date ? now : new Date(`${now}Z`),
        { zone: 'utc' },
      )
        .minus(options.ago)
        .toJSDate();
      const row = {
        team_ref: options.teamRef ?? TEAM_A,
        checklist_id: 'ospo',
        item_id: options.itemId ?? 'stakeholders',
        status: options.status ?? 'done',
        note: 'Legal, HR and Engineering',
        evidence_url: 'https://wiki.example.com/ospo/stakeholders',
        answered_by: LEE,
        answered_at: answeredAt,
        version: 1,
      };
      await knex('ospo_checklist_answers').insert(row);
      await knex('ospo_checklist_answer_history').insert({
        team_ref: row.team_ref,
        checklist_id: row.checklist_id,
        item_id: row.item_id,
        to_status: row.status,
        note: row.note,
        evidence_url: row.evidence_url,
        changed_by: LEE,
        changed_at: answeredAt,
        version: 1,
      });
      await knex('ospo_checklist_answers_version')
        .where({ id: 1 })
        .increment('version', 1);
      return answeredAt;
    }

    const api = () => request(backend.server);
    const reattest = (
      team: string,
      body: unknown,
      auth = lee,
      itemId?: string,
    ) =>
      api()
        .post(`${item(team, itemId)}/reattest`)
        .set('Authorization', auth)
        .send(body as object);

    async function teamChecklist(team = 'team-a') {
      const res = await api()
        .get(`/api/ospo/teams/default/${team}/checklists`)
        .set('Authorization', lee);
      expect(res.status).toBe(200);
      expectMatchesSpec('GET', ROUTES.team, res);
      return res.body.checklists[0];
    }

    it('shows a done answer older than its validFor as expired, counted as not done', async () => {
      const answeredAt = await storedAnswer({ ago: { years: 1, days: 1 } });
      await storedAnswer({ itemId: 'creation', ago: { years: 5 } });

      const checklist = await teamChecklist();
      const expiresAt = DateTime.fromJSDate(answeredAt, { zone: 'utc' })
        .plus({ years: 1 })
        .toJSDate()
        .toISOString();
      expect(
        checklist.answers.map((a: any) => [a.itemId, a.expiresAt, a.expired]),
      ).toEqual([
        // Creation has no validFor: done forever.
        ['creation', undefined, undefined],
        ['stakeholders', expiresAt, true],
      ]);
      expect(checklist.completion).toMatchObject({
        done: 1,
        expired: 1,
        applicable: 5,
      });

      // The owners' checklist status on an entity page says the same.
      const status = await api()
        .get('/api/ospo/entities/component/default/svc-a/checklist-status')
        .set('Authorization', lee);
      expect(status.status).toBe(200);
      expectMatchesSpec('GET', ROUTES.entity, status);
      expect(status.body.teams[0].checklists[0].completion).toMatchObject({
        done: 1,
        expired: 1,
      });
    });

    it('keeps a done answer younger than its validFor done, with its expiry', async () => {
      await storedAnswer({ ago: { days: 364 } });
      const [answer] = (await teamChecklist()).answers;
      expect(answer.expired).toBeUndefined();
      expect(Date.parse(answer.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('re-attests an expired answer: a new version with the same note and evidence, given now', async () => {
      await storedAnswer({ ago: { years: 2 } });
      const res = await reattest('team-a', { expectedVersion: 1 });

      expect(res.status).toBe(200);
      expectMatchesSpec('POST', ROUTES.reattest, res);
      expect(res.body).toMatchObject({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'stakeholders',
        status: 'done',
        note: 'Legal, HR and Engineering',
        evidenceUrl: 'https://wiki.example.com/ospo/stakeholders',
        answeredBy: LEE,
        version: 2,
      });
      expect(res.body.expired).toBeUndefined();
      // Given now by the database's clock, expiring a year later.
      expect(
        Math.abs(Date.parse(res.body.answeredAt) - Date.now()),
      ).toBeLessThan(60_000);
      expect(res.body.expiresAt).toBe(
        DateTime.fromISO(res.body.answeredAt, { zone: 'utc' })
          .plus({ years: 1 })
          .toJSDate()
          .toISOString(),
      );

      const checklist = await teamChecklist();
      expect(checklist.completion).toMatchObject({ done: 1, expired: 0 });
      const history = await api()
        .get(`${item('team-a')}/history`)
        .set('Authorization', lee);
      expectMatchesSpec('GET', ROUTES.history, history);
      expect(
        history.body.items.map((h: any) => [
          h.version,
          h.fromStatus,
          h.toStatus,
          h.reattested,
        ]),
      ).toEqual([
        [2, 'done', 'done', true],
        [1, undefined, 'done', undefined],
      ]);

      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'checklist-answer-reattest',
          meta: expect.objectContaining({
            teamRef: TEAM_A,
            checklistId: 'ospo',
            itemId: 'stakeholders',
            expectedVersion: 1,
          }),
        }),
      );
      const [event] = await Promise.all(
        auditor.createEvent.mock.results.map(r => r.value),
      );
      expect(event.success).toHaveBeenCalledWith({ meta: { version: 2 } });
    });

    it('answers 409 to an answer that is not done, a missing one and a stale version, writing nothing', async () => {
      await storedAnswer({ status: 'in-progress', ago: { years: 2 } });
      await storedAnswer({ itemId: 'creation', ago: { years: 2 } });

      const notDone = await reattest('team-a', { expectedVersion: 1 });
      expect(notDone.status).toBe(409);
      expectMatchesSpec('POST', ROUTES.reattest, notDone);
      expect(notDone.body.error.message).toMatch(/Only a done answer/);

      const missing = await reattest(
        'team-a',
        { expectedVersion: 1 },
        lee,
        'awareness',
      );
      expect(missing.status).toBe(409);

      const stale = await reattest(
        'team-a',
        { expectedVersion: 2 },
        lee,
        'creation',
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/is at version 1/);

      const versions = await knex('ospo_checklist_answers')
        .select('item_id', 'version')
        .orderBy('item_id');
      expect(versions.map(v => [v.item_id, Number(v.version)])).toEqual([
        ['creation', 1],
        ['stakeholders', 1],
      ]);
      // Refused attempts are audited too.
      const events = await Promise.all(
        auditor.createEvent.mock.results.map(r => r.value),
      );
      expect(events).toHaveLength(3);
      for (const event of events) {
        expect(event.fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'ConflictError' }),
        });
      }
    });

    it.each([
      [
        'a bad checklist id',
        '/teams/default/team-a/checklists/Bad%20Id/items/stakeholders/reattest',
        { expectedVersion: 1 },
      ],
      [
        'a bad item id',
        '/teams/default/team-a/checklists/ospo/items/-x/reattest',
        { expectedVersion: 1 },
      ],
      [
        'a bad team name',
        '/teams/default/team%20a/checklists/ospo/items/stakeholders/reattest',
        { expectedVersion: 1 },
      ],
      [
        'no version',
        '/teams/default/team-a/checklists/ospo/items/stakeholders/reattest',
        {},
      ],
      [
        'version 0',
        '/teams/default/team-a/checklists/ospo/items/stakeholders/reattest',
        { expectedVersion: 0 },
      ],
      [
        'a version that is no integer',
        '/teams/default/team-a/checklists/ospo/items/stakeholders/reattest',
        { expectedVersion: '1' },
      ],
      [
        'an unknown field',
        '/teams/default/team-a/checklists/ospo/items/stakeholders/reattest',
        { expectedVersion: 1, status: 'done' },
      ],
    ])('answers 400 to %s, writing nothing', async (_, path, body) => {
      await storedAnswer({ ago: { years: 2 } });
      const res = await api()
        .post(`/api/ospo${path}`)
        .set('Authorization', lee)
        .send(body);
      expect(res.status).toBe(400);
      expectMatchesSpec('POST', ROUTES.reattest, res);
      expect(res.body.error.name).toBe('InputError');
      const [row] = await knex('ospo_checklist_answers').select('version');
      expect(Number(row.version)).toBe(1);
    });

    it('answers 401 without a user, 403 to services and to users who may not change the answers, 404 to what does not exist', async () => {
      await storedAnswer({ ago: { years: 2 } });
      const body = { expectedVersion: 1 };

      const anonymous = await reattest(
        'team-a',
        body,
        mockCredentials.none.header(),
      );
      expect(anonymous.status).toBe(401);
      const service = await reattest(
        'team-a',
        body,
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(403);
      const denied = await reattest('team-a', body, sam);
      expect(denied.status).toBe(403);
      expectMatchesSpec('POST', ROUTES.reattest, denied);
      expect(denied.body.error.message).toContain(
        `Only members of ${TEAM_A} and OSPO staff`,
      );
      const noTeam = await reattest('ghost', body);
      expect(noTeam.status).toBe(404);
      const noItem = await reattest('team-a', body, lee, 'nope');
      expect(noItem.status).toBe(404);
      expectMatchesSpec('POST', ROUTES.reattest, noItem);

      const [row] = await knex('ospo_checklist_answers').select('version');
      expect(Number(row.version)).toBe(1);
    });

    it('shows expired cells in the heat map and its CSV until re-attested', async () => {
      const metrics = DatabaseMetricsStore.create({ database: knex });
      const run = await metrics.startRun({ staleBefore: new Date(0) });
      await metrics.completeRun(run.id, {
        scopes: [
          { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
          { ref: TEAM_A, type: 'team', title: 'Team A' },
          { ref: TEAM_B, type: 'team', title: 'Team B' },
        ],
        figures: [],
        processedEntities: 0,
      });
      await storedAnswer({ ago: { years: 2 } });
      await storedAnswer({ teamRef: TEAM_B, ago: { days: 30 } });

      const matrix = async (query = '') => {
        const res = await api()
          .get(`/api/ospo/dashboard/checklists${query}`)
          .set('Authorization', lee);
        expect(res.status).toBe(200);
        expectMatchesSpec('GET', ROUTES.matrix, res);
        return res.body;
      };
      const before = await matrix();
      expect(
        before.teams.map((t: any) => [t.ref, t.statuses['ospo/stakeholders']]),
      ).toEqual([
        [TEAM_A, 'expired'],
        [TEAM_B, 'done'],
      ]);
      expect(before.total.counts['ospo/stakeholders']).toMatchObject({
        done: 1,
        expired: 1,
      });
      expect(before.total.done).toBe(1);
      expect(
        (await matrix('?status=expired')).teams.map((t: any) => t.ref),
      ).toEqual([TEAM_A]);

      const csv = await api()
        .get('/api/ospo/dashboard/checklists.csv')
        .set('Authorization', lee);
      expect(csv.status).toBe(200);
      const lines = csv.text.split('\r\n');
      expect(lines[1]).toMatch(
        /^group:default\/team-a,Team A,,unanswered,expired,/,
      );

      expect((await reattest('team-a', { expectedVersion: 1 })).status).toBe(
        200,
      );
      const after = await matrix();
      expect(after.teams[0].statuses['ospo/stakeholders']).toBe('done');
      expect(after.total.counts['ospo/stakeholders'].expired).toBe(0);
    });
  },
);
