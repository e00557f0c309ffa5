import {
  TestBackend,
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MetricScope,
  ORG_SCOPE,
  ospoCampaignManagePermission,
  ospoChecklistReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { ospoPlugin } from '../plugin';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { userOf } from '../__testUtils__/restrictedCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const OLIVIA = 'user:default/olivia'; // OSPO staff
const LEE = 'user:default/lee'; // reads
const GUEST = 'user:default/guest'; // may not read checklists

const olivia = mockCredentials.user.header(OLIVIA);
const lee = mockCredentials.user.header(LEE);
const guest = mockCredentials.user.header(GUEST);
const anonymous = mockCredentials.none.header();

const ENG = 'group:default/eng';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  {
    ref: ENG,
    type: 'department',
    title: '=Engineering',
    childRefs: [TEAM_A, TEAM_B],
  },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: ENG },
  { ref: TEAM_B, type: 'team', title: 'Team B', parentRef: ENG },
];

function entity(kind: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const ENTITIES = [
  entity('Group', 'eng'),
  entity('Group', 'team-a'),
  entity('Group', 'team-b'),
  entity('Component', 'svc'),
];

const CHECKLISTS = [
  {
    id: 'ospo',
    title: 'Creating an OSPO',
    items: [
      { id: 'creation', title: 'Creation', description: 'x' },
      { id: 'awareness', title: 'Awareness', description: 'x' },
    ],
  },
];

/** Only Olivia runs campaigns; the guest may not read checklists. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = userOf(options.credentials);
    return requests.map(({ permission }) => {
      if (permission.name === ospoCampaignManagePermission.name) {
        return {
          result:
            user === OLIVIA ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      }
      if (permission.name === ospoChecklistReadPermission.name) {
        return {
          result: user === GUEST ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        };
      }
      return { result: AuthorizeResult.ALLOW };
    });
  },
});

const send = jest.fn<Promise<void>, [NotificationSendOptions]>();
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send }),
});

const BODY = {
  title: 'Know the OSPO',
  goal: 'Every team knows the OSPO.',
  checklistId: 'ospo',
  itemIds: ['creation'],
  targetRefs: [ENG],
  startDate: '2026-01-01',
  targetDate: '2026-02-01',
};

describe.each(databases.eachSupportedId())(
  'campaign routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let backend: TestBackend;
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          ospoPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              ospo: { checklists: CHECKLISTS, accessCache: { ttl: 'PT0S' } },
            },
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          permissions.factory,
          auditor.factory,
          notifications,
        ],
      });
      const metricsStore = DatabaseMetricsStore.create({ database: knex });
      const run = await metricsStore.startRun({ staleBefore: new Date(0) });
      await metricsStore.completeRun(run.id, {
        scopes: SCOPES,
        figures: [],
        processedEntities: 0,
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    beforeEach(async () => {
      await knex('ospo_campaign_reminders').delete();
      await knex('ospo_campaigns').delete();
      auditor.createEvent.mockClear();
    });

    const api = () => request(backend.server);
    const create = (body: object, auth = olivia) =>
      api().post('/api/ospo/campaigns').set('Authorization', auth).send(body);

    it('lets OSPO staff start a campaign, audited, and shows its progress', async () => {
      const res = await create(BODY);
      expect(res.status).toBe(201);
      expectMatchesSpec('post', '/campaigns', res);
      expect(res.body).toMatchObject({
        title: 'Know the OSPO',
        status: 'active',
        createdBy: OLIVIA,
        targetRefs: [ENG],
      });
      const [options] = auditor.createEvent.mock.calls[0];
      expect(options).toMatchObject({
        eventId: 'campaign-create',
        meta: expect.objectContaining({ title: 'Know the OSPO' }),
      });
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { campaignId: res.body.id },
      });

      const progress = await api()
        .get(`/api/ospo/campaigns/${res.body.id}`)
        .set('Authorization', lee);
      expect(progress.status).toBe(200);
      expectMatchesSpec('get', '/campaigns/{campaignId}', progress);
      expect(progress.body.teams.map((t: any) => t.teamRef)).toEqual([
        TEAM_A,
        TEAM_B,
      ]);
      // The target date is in the past: both teams are overdue.
      expect(progress.body.overdueTeams).toEqual([TEAM_A, TEAM_B]);

      const list = await api()
        .get(`/api/ospo/campaigns?teamRef=${encodeURIComponent(TEAM_A)}`)
        .set('Authorization', lee);
      expect(list.status).toBe(200);
      expectMatchesSpec('get', '/campaigns', list);
      expect(list.body.items.map((s: any) => s.campaign.id)).toEqual([
        res.body.id,
      ]);

      const burnup = await api()
        .get(`/api/ospo/campaigns/${res.body.id}/burnup`)
        .set('Authorization', lee);
      expect(burnup.status).toBe(200);
      expectMatchesSpec('get', '/campaigns/{campaignId}/burnup', burnup);
      expect(burnup.body.points[0]).toEqual({
        date: '2026-01-01',
        itemsDone: 0,
        items: 2,
        ratio: 0,
        teamsDone: 0,
      });
    });

    it('refuses non-staff with 403 and writes nothing, audited', async () => {
      const res = await create(BODY, lee);
      expect(res.status).toBe(403);
      expectMatchesSpec('post', '/campaigns', res);
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalled();
      expect(await knex('ospo_campaigns').select()).toEqual([]);
    });

    it('answers 400 naming the field', async () => {
      const cases: Array<[object, RegExp]> = [
        [{ ...BODY, title: undefined }, /title/],
        [{ ...BODY, title: '   ' }, /title is required/],
        [{ ...BODY, checklistId: 'nope' }, /checklistId 'nope'/],
        [{ ...BODY, itemIds: ['ghost'] }, /itemIds 'ghost'/],
        [{ ...BODY, targetDate: '2025-12-31' }, /targetDate 2025-12-31/],
        [{ ...BODY, startDate: 'soon' }, /startDate/],
        [{ ...BODY, targetRefs: ['component:default/svc'] }, /targetRefs/],
        [{ ...BODY, targetRefs: ['group:default/ghost'] }, /ghost/],
        [{ ...BODY, colour: 'red' }, /additional properties/],
      ];
      for (const [body, message] of cases) {
        const res = await create(body);
        expect([res.status, res.body.error?.message]).toEqual([
          400,
          expect.stringMatching(message),
        ]);
      }
      expect(await knex('ospo_campaigns').select()).toEqual([]);
    });

    it('answers 404 for unknown campaigns and for callers who may not read', async () => {
      const { body } = await create(BODY);
      const unknown = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';
      for (const path of [
        `/campaigns/${unknown}`,
        `/campaigns/${unknown}/burnup`,
        `/campaigns/${unknown}/progress.csv`,
      ]) {
        const res = await api()
          .get(`/api/ospo${path}`)
          .set('Authorization', lee);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const hidden = await api()
        .get(`/api/ospo/campaigns/${body.id}`)
        .set('Authorization', guest);
      expect(hidden.status).toBe(404);
      const list = await api()
        .get('/api/ospo/campaigns')
        .set('Authorization', guest);
      expect(list.body).toEqual({ items: [] });
      const bad = await api()
        .get('/api/ospo/campaigns/not-a-uuid')
        .set('Authorization', lee);
      expect(bad.status).toBe(400);
      expect(
        (await api().get('/api/ospo/campaigns').set('Authorization', anonymous))
          .status,
      ).toBe(401);
    });

    it('lets staff close a campaign, and only staff', async () => {
      const { body } = await create(BODY);
      const denied = await api()
        .patch(`/api/ospo/campaigns/${body.id}`)
        .set('Authorization', lee)
        .send({ status: 'closed' });
      expect(denied.status).toBe(403);
      const badDate = await api()
        .patch(`/api/ospo/campaigns/${body.id}`)
        .set('Authorization', olivia)
        .send({ targetDate: '2025-01-01' });
      expect([badDate.status, badDate.body.error.message]).toEqual([
        400,
        expect.stringMatching(/targetDate/),
      ]);
      const closed = await api()
        .patch(`/api/ospo/campaigns/${body.id}`)
        .set('Authorization', olivia)
        .send({ status: 'closed', title: 'Known' });
      expect(closed.status).toBe(200);
      expectMatchesSpec('patch', '/campaigns/{campaignId}', closed);
      expect(closed.body).toMatchObject({ status: 'closed', title: 'Known' });
      expect(auditor.createEvent.mock.calls.map(([o]) => o.eventId)).toEqual([
        'campaign-create',
        'campaign-update',
        'campaign-update',
        'campaign-update',
      ]);
      const active = await api()
        .get('/api/ospo/campaigns?status=active')
        .set('Authorization', lee);
      expect(active.body.items).toEqual([]);
    });

    it('exports the progress as CSV with formulas defused', async () => {
      const { body } = await create(BODY);
      const res = await api()
        .get(`/api/ospo/campaigns/${body.id}/progress.csv`)
        .set('Authorization', lee);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="ospo-campaign.csv"',
      );
      expect(res.text).toBe(
        'Department,Team ref,Team,Done,Items,Completion %,State\r\n' +
          "'=Engineering,group:default/team-a,Team A,0,1,0,overdue\r\n" +
          "'=Engineering,group:default/team-b,Team B,0,1,0,overdue\r\n",
      );
    });
  },
);
