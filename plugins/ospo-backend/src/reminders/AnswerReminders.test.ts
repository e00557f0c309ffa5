import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { DatabaseChecklistStore } from '../checklists/DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { FixedClock } from '../__testUtils__/fixedClock';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AnswerReminders } from './AnswerReminders';
import { DatabaseReminderStore } from './DatabaseReminderStore';
import { TeamMembers } from './TeamMembers';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee';
const SAM = 'user:default/sam';
const KIM = 'user:default/kim';
const team = (name: string) => `group:default/${name}`;

/** Every answer below is given then; the P1Y ones expire a year later. */
const GIVEN = '2025-06-01T12:00:00.000Z';
const EXPIRES = '2026-06-01T12:00:00.000Z';
/** Fourteen days before. */
const REMIND_FROM = '2026-05-18T12:00:00.000Z';

const CHECKLISTS: ChecklistDefinition[] = [
  {
    id: 'ospo',
    title: 'Creating an OSPO',
    items: [
      {
        id: 'stakeholders',
        title: 'Stakeholders',
        description: '',
        validFor: 'P1Y',
      },
      { id: 'charter', title: 'Charter', description: '', validFor: 'P1Y' },
      { id: 'measurement', title: 'Measurement', description: '' },
    ],
  },
];

function group(name: string, members: string[], title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec: { type: 'team', children: [] },
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
}

const ENTITIES: Entity[] = [
  group('team-a', [LEE, SAM], 'Team A'),
  group('team-b', [SAM, KIM]),
  group('team-c', []),
  group('team-d', [SAM]),
];

describe.each(databases.eachSupportedId())(
  'AnswerReminders on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let clock: FixedClock;
    let answers: DatabaseChecklistStore;
    let sent: NotificationSendOptions[];
    let failFor: Set<string>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      clock = FixedClock.at(GIVEN);
      answers = DatabaseChecklistStore.create({ database: knex, clock });
      sent = [];
      failFor = new Set();
    });

    function reminders(maxPerUserPerDay = 5) {
      return AnswerReminders.create({
        definitions: CHECKLISTS,
        checklistStore: answers,
        store: DatabaseReminderStore.create({ database: knex }),
        teams: TeamMembers.create({
          catalog: catalogServiceMock({ entities: ENTITIES }),
          auth: mockServices.auth(),
        }),
        notifications: {
          async send(options) {
            if (failFor.has(options.payload.link!)) {
              throw new Error('notifications backend unavailable');
            }
            sent.push(options);
          },
        },
        clock,
        logger: mockServices.logger.mock(),
        before: Duration.fromISO('P14D'),
        maxPerUserPerDay,
      });
    }

    async function done(teamRef: string, itemId: string) {
      await answers.setAnswer({
        teamRef,
        checklistId: 'ospo',
        itemId,
        status: 'done',
        expectedVersion: 0,
        actorRef: LEE,
      });
    }

    /** Runs the task at `time`, returning what it sent, by team page. */
    async function runAt(time: string, maxPerUserPerDay?: number) {
      clock.set(time);
      sent = [];
      const summary = await reminders(maxPerUserPerDay).run();
      return {
        summary,
        sent: sent.map(s => ({
          link: s.payload.link,
          to: s.recipients.type === 'entity' ? s.recipients.entityRef : [],
          title: s.payload.title,
          severity: s.payload.severity,
        })),
      };
    }

    it('reminds each team before an answer expires and when it has, once per step, in one notification per team', async () => {
      await done(team('team-a'), 'stakeholders');
      await done(team('team-a'), 'charter');
      await done(team('team-a'), 'measurement'); // never expires
      await done(team('team-b'), 'stakeholders');

      // Just before the lead time: nothing.
      expect(await runAt('2026-05-18T11:59:59.999Z')).toEqual({
        summary: { notifications: 0, reminded: 0, deferred: 0 },
        sent: [],
      });

      const soon = await runAt(REMIND_FROM);
      expect(soon.summary).toEqual({
        notifications: 2,
        reminded: 3,
        deferred: 0,
      });
      expect(soon.sent).toEqual([
        {
          link: '/catalog/default/group/team-a',
          to: [LEE, SAM],
          title: 'Team A: 2 checklist answers expire soon',
          severity: 'normal',
        },
        {
          link: '/catalog/default/group/team-b',
          to: [KIM, SAM],
          title: 'team-b: A checklist answer expires soon: Stakeholders',
          severity: 'normal',
        },
      ]);
      expect(sent[0].payload.description).toContain(
        'Creating an OSPO / Stakeholders: expires on 2026-06-01',
      );
      expect(sent[0].payload.description).toContain(
        'Creating an OSPO / Charter: expires on 2026-06-01',
      );

      // Later runs before expiry send nothing again.
      expect((await runAt(REMIND_FROM)).sent).toEqual([]);
      expect((await runAt('2026-05-30T08:00:00.000Z')).sent).toEqual([]);

      const expired = await runAt(EXPIRES);
      expect(expired.sent).toEqual([
        {
          link: '/catalog/default/group/team-a',
          to: [LEE, SAM],
          title: 'Team A: 2 checklist answers have expired',
          severity: 'high',
        },
        {
          link: '/catalog/default/group/team-b',
          to: [KIM, SAM],
          title: 'team-b: A checklist answer has expired: Stakeholders',
          severity: 'high',
        },
      ]);
      expect(sent[1].payload.description).toContain(
        'Creating an OSPO / Stakeholders: expired on 2026-06-01',
      );
      expect((await runAt('2026-06-20T08:00:00.000Z')).sent).toEqual([]);

      // Re-attested, an answer is a new version: its reminders start over.
      clock.set('2026-06-20T08:00:00.000Z');
      await answers.reattest({
        teamRef: team('team-b'),
        checklistId: 'ospo',
        itemId: 'stakeholders',
        expectedVersion: 1,
        actorRef: KIM,
      });
      expect((await runAt('2027-06-01T00:00:00.000Z')).sent).toEqual([]);
      expect(
        (await runAt('2027-06-06T08:00:00.000Z')).sent.map(s => s.title),
      ).toEqual(['team-b: A checklist answer expires soon: Stakeholders']);
    });

    it('only tells that an answer expired when it is first seen expired', async () => {
      await done(team('team-a'), 'stakeholders');
      const first = await runAt('2026-06-05T00:00:00.000Z');
      expect(first.sent.map(s => s.title)).toEqual([
        'Team A: A checklist answer has expired: Stakeholders',
      ]);
      expect((await runAt('2026-06-06T00:00:00.000Z')).sent).toEqual([]);
    });

    it('sends no user more than the daily limit, expired answers first', async () => {
      // Sam is in teams A, B and D. B's and D's answers have expired, A's
      // expires soon; Sam may get two a day.
      await done(team('team-b'), 'stakeholders');
      await done(team('team-d'), 'stakeholders');
      clock.set('2025-06-20T12:00:00.000Z');
      await done(team('team-a'), 'stakeholders');

      const day1 = await runAt('2026-06-10T09:00:00.000Z', 2);
      expect(day1.sent.map(s => [s.link, s.to, s.severity])).toEqual([
        ['/catalog/default/group/team-b', [KIM, SAM], 'high'],
        ['/catalog/default/group/team-d', [SAM], 'high'],
        // Sam has had two: A's goes to Lee only.
        ['/catalog/default/group/team-a', [LEE], 'normal'],
      ]);
      expect(day1.summary).toEqual({
        notifications: 3,
        reminded: 3,
        deferred: 0,
      });
      expect(
        await knex('ospo_checklist_reminder_quota')
          .select('user_ref', 'sent')
          .orderBy('user_ref'),
      ).toEqual([
        { user_ref: KIM, sent: 1 },
        { user_ref: LEE, sent: 1 },
        { user_ref: SAM, sent: 2 },
      ]);
    });

    it('moves on to the next day, leaving the counts of past days', async () => {
      await done(team('team-a'), 'stakeholders');
      await done(team('team-b'), 'stakeholders');
      await done(team('team-d'), 'stakeholders');
      const day1 = await runAt('2026-06-10T09:00:00.000Z', 1);
      expect(day1.sent.map(s => [s.link, s.to])).toEqual([
        ['/catalog/default/group/team-a', [LEE, SAM]],
        // Sam has had one: B goes to Kim only, and D waits.
        ['/catalog/default/group/team-b', [KIM]],
      ]);
      const day2 = await runAt('2026-06-11T00:00:00.000Z', 1);
      expect(day2.sent.map(s => [s.link, s.to])).toEqual([
        ['/catalog/default/group/team-d', [SAM]],
      ]);
      // Yesterday's counts are dropped.
      expect(
        await knex('ospo_checklist_reminder_quota')
          .select('user_ref', 'day', 'sent')
          .orderBy('user_ref'),
      ).toEqual([{ user_ref: SAM, day: '2026-06-11', sent: 1 }]);
    });

    it('retries a team without members, and one whose notification failed, on the next run', async () => {
      await done(team('team-a'), 'stakeholders');
      await done(team('team-c'), 'stakeholders');
      await done(team('gone'), 'stakeholders'); // no Group in the catalog
      failFor.add('/catalog/default/group/team-a');

      const first = await runAt(EXPIRES);
      expect(first.summary).toEqual({
        notifications: 0,
        reminded: 0,
        deferred: 3,
      });
      // Nothing recorded for the failure: neither the step nor the count.
      expect(await knex('ospo_checklist_answer_reminders')).toEqual([]);
      expect(
        await knex('ospo_checklist_reminder_quota').where('sent', '>', 0),
      ).toEqual([]);

      failFor.clear();
      const second = await runAt(EXPIRES);
      expect(second.sent.map(s => s.link)).toEqual([
        '/catalog/default/group/team-a',
      ]);
      expect(second.summary.deferred).toBe(2);
    });

    it('has nothing to do without items that expire', async () => {
      const task = AnswerReminders.create({
        definitions: [
          {
            id: 'ospo',
            title: 'OSPO',
            items: [{ id: 'charter', title: 'Charter', description: '' }],
          },
        ],
        checklistStore: answers,
        store: DatabaseReminderStore.create({ database: knex }),
        teams: TeamMembers.create({
          catalog: catalogServiceMock({ entities: ENTITIES }),
          auth: mockServices.auth(),
        }),
        notifications: { send: jest.fn() },
        clock,
        logger: mockServices.logger.mock(),
        before: Duration.fromISO('P14D'),
        maxPerUserPerDay: 5,
      });
      await done(team('team-a'), 'charter');
      clock.set('2099-01-01T00:00:00.000Z');
      expect(await task.run()).toEqual({
        notifications: 0,
        reminded: 0,
        deferred: 0,
      });
    });
  },
);
