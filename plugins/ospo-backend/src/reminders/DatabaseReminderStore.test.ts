import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReminderStore } from './DatabaseReminderStore';
import { ReminderClaim, ReminderKey } from './ReminderStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const LEE = 'user:default/lee';
const SAM = 'user:default/sam';

const key = (answerVersion: number, step: ReminderKey['step']) => ({
  teamRef: 'group:default/team-a',
  checklistId: 'ospo',
  itemId: 'stakeholders',
  answerVersion,
  step,
});

describe.each(databases.eachSupportedId())(
  'DatabaseReminderStore on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseReminderStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseReminderStore.create({ database: knex });
    });

    const claim = (keys: ReminderKey[], recipients = [LEE, SAM]) =>
      ({
        keys,
        recipients,
        day: '2026-06-01',
        sentAt: new Date('2026-06-01T12:00:00.000Z'),
      } satisfies ReminderClaim);

    it('records a step once, counting each recipient once per claim', async () => {
      expect(await store.claim(claim([key(1, 'expiring')]))).toBe(true);
      expect(await store.claim(claim([key(1, 'expired')], [SAM]))).toBe(true);
      expect(await store.listSent(['group:default/team-a'])).toEqual(
        expect.arrayContaining([key(1, 'expiring'), key(1, 'expired')]),
      );
      expect(
        await store.countSentOn([LEE, SAM, 'user:default/x'], '2026-06-01'),
      ).toEqual(
        new Map([
          [LEE, 1],
          [SAM, 2],
        ]),
      );

      // A claim with a step already sent records nothing of it.
      expect(
        await store.claim(claim([key(2, 'expiring'), key(1, 'expired')])),
      ).toBe(false);
      expect(await store.listSent(['group:default/team-a'])).toHaveLength(2);
      expect((await store.countSentOn([SAM], '2026-06-01')).get(SAM)).toBe(2);
    });

    it('releases a claim, and forgets the counts of past days', async () => {
      const sent = claim([key(1, 'expired')]);
      await store.claim(sent);
      await store.claim({
        ...sent,
        keys: [key(2, 'expired')],
        day: '2026-05-31',
      });
      await store.release(sent);
      expect(await store.listSent(['group:default/team-a'])).toEqual([
        key(2, 'expired'),
      ]);
      expect(await store.countSentOn([LEE], '2026-06-01')).toEqual(
        new Map([[LEE, 0]]),
      );
      await store.pruneCountsBefore('2026-06-01');
      expect(await store.countSentOn([LEE], '2026-05-31')).toEqual(new Map());
      expect(await store.countSentOn([LEE], '2026-06-01')).toEqual(
        new Map([[LEE, 0]]),
      );
    });
  },
);
