import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ChecklistDefinition,
  ChecklistItemStatus,
  MetricScope,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { DatabaseChecklistStore } from '../checklists/DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { CampaignReminders } from './CampaignReminders';
import { CampaignService } from './CampaignService';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ref = (name: string) => `group:default/${name}`;
const ENG = ref('eng');
const TEAM_A = ref('team-a');
const TEAM_B = ref('team-b');
const SOLO = ref('solo');
const OSPO = ref('ospo');
const ANN = 'user:default/ann'; // in team-a and team-b
const BOB = 'user:default/bob'; // in team-b
const CID = 'user:default/cid'; // in solo
const OLIVIA = 'user:default/olivia'; // OSPO staff

const SCOPES: MetricScope[] = [
  { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
  {
    ref: ENG,
    type: 'department',
    title: 'Engineering',
    childRefs: [TEAM_A, TEAM_B],
  },
  { ref: TEAM_A, type: 'team', title: 'Team A', parentRef: ENG },
  { ref: TEAM_B, type: 'team', title: 'Team B', parentRef: ENG },
  { ref: SOLO, type: 'team', title: 'Solo' },
];

const CHECKLISTS: ChecklistDefinition[] = [
  {
    id: 'ospo',
    title: 'Creating an OSPO',
    items: [
      { id: 'creation', title: 'Creation', description: 'x' },
      { id: 'awareness', title: 'Awareness', description: 'x' },
      { id: 'measurement', title: 'Measurement', description: 'x' },
    ],
  },
];

function group(name: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
}

const ENTITIES = [
  group('eng', []),
  group('team-a', [ANN]),
  group('team-b', [ANN, BOB]),
  group('solo', [CID]),
  group('ospo', [OLIVIA]),
];

const staff = mockCredentials.user(OLIVIA);

/** Runs `fn` with `Date` at `time`, so the checklist store stamps it. */
async function at<T>(time: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(time),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

describe.each(databases.eachSupportedId())(
  'campaigns on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseCampaignStore;
    let answers: DatabaseChecklistStore;
    let metricsStore: DatabaseMetricsStore;
    const clock = { now: new Date('2027-01-01T09:00:00Z') };
    const send = jest.fn<
      ReturnType<NotificationService['send']>,
      Parameters<NotificationService['send']>
    >(async () => undefined);
    const versions = new Map<string, number>();

    /**
     * The store with its database clock fixed at `clock.now`: the service
     * and the reminders take their time from the store unless told
     * otherwise, so the tests go through that path.
     */
    function fixedStore(): DatabaseCampaignStore {
      return Object.assign(Object.create(store), {
        now: async () => clock.now,
      });
    }

    function service() {
      return CampaignService.create({
        store: fixedStore(),
        definitions: CHECKLISTS,
        answers,
        metricsStore,
        teams: TeamDirectory.create({
          catalog: catalogServiceMock({ entities: ENTITIES }),
        }),
        access: OspoAccess.create({
          permissions: mockServices.permissions(),
        }),
      });
    }

    function reminders(dailyCapPerUser = 5) {
      return CampaignReminders.create({
        campaigns: service(),
        store: fixedStore(),
        catalog: catalogServiceMock({ entities: ENTITIES }),
        auth: mockServices.auth(),
        notifications: { send } as unknown as NotificationService,
        logger: mockServices.logger.mock(),
        officeGroupRef: OSPO,
        dailyCapPerUser,
      });
    }

    async function answer(
      teamRef: string,
      itemId: string,
      status: ChecklistItemStatus,
      time: string,
    ) {
      const key = `${teamRef}/${itemId}`;
      const expectedVersion = versions.get(key) ?? 0;
      await at(time, () =>
        answers.setAnswer({
          teamRef,
          checklistId: 'ospo',
          itemId,
          status,
          note: status === 'not-applicable' ? 'n/a' : undefined,
          expectedVersion,
          actorRef: ANN,
        }),
      );
      versions.set(key, expectedVersion + 1);
    }

    async function campaign(overrides: Record<string, unknown> = {}) {
      return service().create(
        {
          title: 'Know the OSPO',
          checklistId: 'ospo',
          itemIds: ['creation', 'awareness'],
          targetRefs: [ENG, SOLO],
          startDate: '2027-01-01',
          targetDate: '2027-01-21',
          ...overrides,
        },
        staff,
      );
    }

    /** Who got which notification, in order. */
    const sent = () =>
      send.mock.calls.map(([n]) => [
        (n.recipients as { entityRef: string }).entityRef,
        n.payload.title,
      ]);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseCampaignStore.create({ database: knex });
      // Answers are stamped with the clock's time: `at` fakes it.
      answers = DatabaseChecklistStore.create({
        database: knex,
        clock: { now: async () => new Date() },
      });
      metricsStore = DatabaseMetricsStore.create({ database: knex });
      const run = await metricsStore.startRun({ staleBefore: new Date(0) });
      await metricsStore.completeRun(run.id, {
        scopes: SCOPES,
        figures: [],
        processedEntities: 0,
      });
    });

    beforeEach(async () => {
      await knex('ospo_campaign_reminders').delete();
      await knex('ospo_campaigns').delete();
      await knex('ospo_checklist_answer_history').delete();
      await knex('ospo_checklist_answers').delete();
      versions.clear();
      send.mockClear();
      clock.now = new Date('2027-01-01T09:00:00Z');
    });

    it('reads the time from the database by default', async () => {
      const before = Date.now();
      const now = (await store.now()).getTime();
      // The database's clock and this one may differ a little.
      expect(Math.abs(now - before)).toBeLessThan(60_000);
    });

    it('resolves departments to their teams and tells progress and overdue teams', async () => {
      const created = await campaign();
      await answer(TEAM_A, 'creation', 'done', '2027-01-02T10:00:00Z');
      await answer(
        TEAM_A,
        'awareness',
        'not-applicable',
        '2027-01-03T10:00:00Z',
      );
      await answer(TEAM_B, 'creation', 'done', '2027-01-03T10:00:00Z');
      // Not an item of the campaign: does not count.
      await answer(SOLO, 'measurement', 'done', '2027-01-03T10:00:00Z');

      clock.now = new Date('2027-01-22T00:00:01Z');
      const progress = await service().getProgress(created.id, staff);
      expect(progress.today).toBe('2027-01-22');
      expect(progress.teams).toEqual([
        expect.objectContaining({
          teamRef: TEAM_A,
          departmentRef: ENG,
          itemsDone: 2,
          items: 2,
          done: true,
          overdue: false,
        }),
        expect.objectContaining({
          teamRef: TEAM_B,
          title: 'Team B',
          itemsDone: 1,
          ratio: 0.5,
          done: false,
          overdue: true,
        }),
        expect.objectContaining({ teamRef: SOLO, itemsDone: 0, overdue: true }),
      ]);
      expect(progress.departments).toEqual([
        {
          ref: ENG,
          title: 'Engineering',
          counts: {
            teams: 2,
            teamsDone: 1,
            teamsOverdue: 1,
            items: 4,
            itemsDone: 3,
            ratio: 0.75,
          },
        },
        expect.objectContaining({ ref: SOLO, title: 'Solo' }),
      ]);
      expect(progress.overdueTeams).toEqual([TEAM_B, SOLO]);

      // The day before, nobody was overdue yet.
      clock.now = new Date('2027-01-21T23:59:59Z');
      expect(
        (await service().getProgress(created.id, staff)).overdueTeams,
      ).toEqual([]);
    });

    it('lists the campaigns that concern a team', async () => {
      const forEng = await campaign();
      await campaign({ title: 'Solo only', targetRefs: [SOLO] });
      const list = await service().list({ teamRef: TEAM_A }, staff);
      expect(list.map(s => s.campaign.id)).toEqual([forEng.id]);
      expect(list[0].totals).toMatchObject({ teams: 3, teamsDone: 0 });
      expect(await service().list({ teamRef: ref('nobody') }, staff)).toEqual(
        [],
      );
    });

    it('draws the burn-up from the history of answers, not from today', async () => {
      const created = await campaign({ targetDate: '2027-01-05' });
      await answer(TEAM_A, 'creation', 'done', '2027-01-01T12:00:00Z');
      await answer(TEAM_A, 'awareness', 'done', '2027-01-02T12:00:00Z');
      // Done on the 3rd, undone on the 4th: the 3rd counts it, the 4th not.
      await answer(TEAM_B, 'creation', 'done', '2027-01-03T08:00:00Z');
      await answer(TEAM_B, 'creation', 'in-progress', '2027-01-04T08:00:00Z');
      // Before the campaign: counts from the first day.
      await answer(SOLO, 'creation', 'not-applicable', '2026-12-01T08:00:00Z');

      clock.now = new Date('2027-01-04T20:00:00Z');
      const burnup = await service().getBurnup(created.id, staff);
      expect(burnup.teams).toBe(3);
      expect(
        burnup.points.map(p => [p.date, p.itemsDone, p.items, p.teamsDone]),
      ).toEqual([
        ['2027-01-01', 2, 6, 0],
        ['2027-01-02', 3, 6, 1],
        ['2027-01-03', 4, 6, 1],
        ['2027-01-04', 3, 6, 1],
      ]);

      // Before the start there is nothing to draw.
      clock.now = new Date('2026-12-31T12:00:00Z');
      expect((await service().getBurnup(created.id, staff)).points).toEqual([]);
    });

    it('refuses what is not valid, naming it', async () => {
      await expect(campaign({ checklistId: 'nope' })).rejects.toThrow(
        /checklistId 'nope'/,
      );
      await expect(
        campaign({ itemIds: ['creation', 'x', 'y'] }),
      ).rejects.toThrow(/itemIds 'x', 'y'/);
      await expect(campaign({ targetDate: '2027-01-01' })).rejects.toThrow(
        /targetDate 2027-01-01 must come after startDate/,
      );
      await expect(campaign({ startDate: '2027-02-30' })).rejects.toThrow(
        /startDate '2027-02-30' is not a day/,
      );
      await expect(
        campaign({ targetRefs: ['component:default/svc'] }),
      ).rejects.toThrow(
        /targetRefs 'component:default\/svc' is not a Group ref/,
      );
      await expect(campaign({ targetRefs: [ref('ghost')] })).rejects.toThrow(
        /targetRefs 'group:default\/ghost' is not a Group in the catalog/,
      );
      // Nothing was written.
      expect(await store.list()).toEqual([]);
    });

    it('reminds the members of teams not done once per step, and summarises to the OSPO', async () => {
      await campaign();
      await answer(TEAM_A, 'creation', 'done', '2027-01-01T08:00:00Z');
      await answer(TEAM_A, 'awareness', 'done', '2027-01-01T08:00:00Z');

      // Before the start: nothing.
      clock.now = new Date('2026-12-31T09:00:00Z');
      expect(await reminders().run()).toMatchObject({ sent: 0 });
      expect(send).not.toHaveBeenCalled();

      // Started: Ann (team-b; team-a is done), Bob and Cid, and a summary.
      clock.now = new Date('2027-01-01T09:00:00Z');
      expect(await reminders().run()).toEqual({
        today: '2027-01-01',
        sent: 3,
        capped: 0,
        summarised: true,
      });
      expect(sent()).toEqual([
        [ANN, 'OSPO campaign: Know the OSPO'],
        [BOB, 'OSPO campaign: Know the OSPO'],
        [CID, 'OSPO campaign: Know the OSPO'],
        [OSPO, 'OSPO campaign reminders of 2027-01-01: 3 sent'],
      ]);
      expect(send.mock.calls[0][0].payload).toMatchObject({
        link: expect.stringMatching(/^\/ospo\/campaigns\//),
        description: expect.stringContaining(TEAM_B),
      });
      expect(send.mock.calls[0][0].payload.description).not.toContain(TEAM_A);

      // A second run the same step: nobody again, and no summary.
      send.mockClear();
      clock.now = new Date('2027-01-02T09:00:00Z');
      expect(await reminders().run()).toMatchObject({ sent: 0 });
      expect(send).not.toHaveBeenCalled();

      // Halfway (day 11 of 20), and Solo is done by then: Ann and Bob.
      await answer(SOLO, 'creation', 'done', '2027-01-05T08:00:00Z');
      await answer(SOLO, 'awareness', 'done', '2027-01-05T08:00:00Z');
      clock.now = new Date('2027-01-11T09:00:00Z');
      expect(await reminders().run()).toMatchObject({ sent: 2 });
      expect(sent().map(([to]) => to)).toEqual([ANN, BOB, OSPO]);

      // Overdue, once; then not again.
      send.mockClear();
      clock.now = new Date('2027-01-25T09:00:00Z');
      expect(await reminders().run()).toMatchObject({ sent: 2 });
      expect(send.mock.calls[0][0].payload.severity).toBe('high');
      send.mockClear();
      expect(await reminders().run()).toMatchObject({ sent: 0 });
      expect(send).not.toHaveBeenCalled();
    });

    it('sends nothing for closed campaigns', async () => {
      const created = await campaign();
      await service().update(created.id, { status: 'closed' }, staff);
      expect(await reminders().run()).toMatchObject({ sent: 0 });
      expect(send).not.toHaveBeenCalled();
    });

    it('caps the reminders one person gets a day, and sends the rest later', async () => {
      for (let i = 0; i < 3; i++) await campaign({ title: `Campaign ${i}` });
      const cap2 = reminders(2);
      // Three campaigns start the same day; Ann, Bob and Cid get two each.
      expect(await cap2.run()).toMatchObject({ sent: 6, capped: 3 });
      const perUser = (user: string) =>
        send.mock.calls.filter(
          ([n]) => (n.recipients as { entityRef: string }).entityRef === user,
        ).length;
      expect([perUser(ANN), perUser(BOB), perUser(CID)]).toEqual([2, 2, 2]);
      expect(send.mock.calls.at(-1)![0].payload.description).toMatch(
        /held back by the daily cap/,
      );

      // Later the same day: still capped.
      send.mockClear();
      clock.now = new Date('2027-01-01T21:00:00Z');
      expect(await cap2.run()).toMatchObject({ sent: 0, capped: 3 });
      expect(perUser(ANN)).toBe(0);

      // The next day, the held-back ones go out, once.
      send.mockClear();
      clock.now = new Date('2027-01-02T09:00:00Z');
      expect(await cap2.run()).toMatchObject({ sent: 3, capped: 0 });
      expect([perUser(ANN), perUser(BOB), perUser(CID)]).toEqual([1, 1, 1]);
    });
  },
);
