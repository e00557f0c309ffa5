import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseClock } from './DatabaseClock';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseClock on %s',
  (databaseId: TestDatabaseId) => {
    it("tells the database's time, not the machine's", async () => {
      const clock = DatabaseClock.create({
        database: await databases.init(databaseId),
      });
      // The machine's clock says 2001: the database's is not fooled.
      jest.useFakeTimers({
        now: new Date('2001-01-01T00:00:00Z'),
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
      let now: Date;
      try {
        now = await clock.now();
      } finally {
        jest.useRealTimers();
      }
      expect(now).toBeInstanceOf(Date);
      expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(60_000);
      // It moves on, to the millisecond.
      const later = await new Promise<Date>(resolve =>
        setTimeout(() => resolve(clock.now()), 20),
      );
      expect(later.getTime()).toBeGreaterThan(now.getTime());
    });
  },
);
