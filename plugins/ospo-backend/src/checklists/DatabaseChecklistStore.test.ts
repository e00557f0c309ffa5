import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AnswerKey, SetAnswerOptions } from './ChecklistStore';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { FixedClock } from '../__testUtils__/fixedClock';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:other/team-c';
const LEE = 'user:default/lee';
const SAM = 'user:default/sam';

const key: AnswerKey = {
  teamRef: TEAM_A,
  checklistId: 'ospo',
  itemId: 'creation',
};

function answer(
  overrides: Partial<SetAnswerOptions> & { expectedVersion: number },
): SetAnswerOptions {
  return { ...key, status: 'in-progress', actorRef: LEE, ...overrides };
}

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    fulfilled: results.flatMap(r =>
      r.status === 'fulfilled' ? [r.value] : [],
    ),
    rejected: results.flatMap(r => (r.status === 'rejected' ? [r.reason] : [])),
  };
}

/**
 * Wraps a knex so that, inside transactions, each read of a single row (the
 * store's `.first()`) waits until `parties` transactions have made theirs.
 * Every writer then decides from the same stale read, which forces the
 * atomic part of the write (unique key, versioned update) to do the work
 * instead of leaving it to timing.
 */
function withReadBarrier(knex: Knex, parties: number): Knex {
  let arrived = 0;
  let release: () => void = () => {};
  const barrier = new Promise<void>(resolve => {
    release = resolve;
  });
  const wrapTransaction = (tx: Knex.Transaction) =>
    new Proxy(tx, {
      apply(target, thisArg, args: [string]) {
        const query = Reflect.apply(target, thisArg, args);
        const first = query.first.bind(query);
        query.first = (async (...columns: string[]) => {
          const row = await first(...columns);
          arrived += 1;
          if (arrived === parties) {
            release();
          }
          await barrier;
          return row;
        }) as typeof query.first;
        return query;
      },
    });
  return new Proxy(knex, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return (run: (tx: Knex.Transaction) => Promise<unknown>) =>
          target.transaction(tx => run(wrapTransaction(tx)));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseChecklistStore on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseChecklistStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseChecklistStore.create({ database: knex });
    });

    it('stores a first answer written from version 0', async () => {
      const before = Date.now();
      const saved = await store.setAnswer(
        answer({
          status: 'in-progress',
          note: 'Charter drafted',
          evidenceUrl: 'https://wiki.example.com/ospo',
          expectedVersion: 0,
        }),
      );

      expect(saved).toEqual({
        ...key,
        status: 'in-progress',
        note: 'Charter drafted',
        evidenceUrl: 'https://wiki.example.com/ospo',
        answeredBy: LEE,
        answeredAt: expect.any(String),
        version: 1,
      });
      const answeredAt = Date.parse(saved.answeredAt);
      expect(answeredAt).toBeGreaterThanOrEqual(before - 1000);
      expect(answeredAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(new Date(answeredAt).toISOString()).toBe(saved.answeredAt);

      // What is read back is what setAnswer returned, timestamps included.
      expect(await store.getAnswers([TEAM_A])).toEqual([saved]);
      expect(await store.getHistory(key)).toEqual([
        {
          ...key,
          fromStatus: undefined,
          toStatus: 'in-progress',
          note: 'Charter drafted',
          evidenceUrl: 'https://wiki.example.com/ospo',
          changedBy: LEE,
          changedAt: saved.answeredAt,
          version: 1,
        },
      ]);
    });

    it('updates an answer written from the version that was read', async () => {
      await store.setAnswer(
        answer({ status: 'in-progress', note: 'Started', expectedVersion: 0 }),
      );
      const updated = await store.setAnswer(
        answer({
          status: 'done',
          evidenceUrl: 'https://example.com/charter',
          actorRef: SAM,
          expectedVersion: 1,
        }),
      );

      // Leaving out the note clears it: a write replaces the whole answer.
      expect(updated).toEqual({
        ...key,
        status: 'done',
        note: undefined,
        evidenceUrl: 'https://example.com/charter',
        answeredBy: SAM,
        answeredAt: expect.any(String),
        version: 2,
      });
      expect(await store.getAnswers([TEAM_A])).toEqual([updated]);
      const [{ n }] = await knex('ospo_checklist_answers').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('treats saving the stored answer again as no change', async () => {
      const first = await store.setAnswer(
        answer({ status: 'in-progress', note: 'Started', expectedVersion: 0 }),
      );
      const versionBefore = await store.getAnswersVersion();
      const again = await store.setAnswer(
        answer({
          status: 'in-progress',
          note: 'Started',
          actorRef: SAM,
          expectedVersion: 1,
        }),
      );

      expect(again).toEqual(first);
      expect(await store.getHistory(key)).toHaveLength(1);
      expect(await store.getAnswersVersion()).toBe(versionBefore);
      // The version is still checked: an unchanged save from a stale read
      // is a conflict like any other.
      await expect(
        store.setAnswer(
          answer({
            status: 'in-progress',
            note: 'Started',
            expectedVersion: 0,
          }),
        ),
      ).rejects.toThrow(ConflictError);
      // A changed note is a change.
      const changed = await store.setAnswer(
        answer({ status: 'in-progress', note: 'Half way', expectedVersion: 1 }),
      );
      expect(changed.version).toBe(2);
      expect(await store.getHistory(key)).toHaveLength(2);
    });

    it('rejects a stale write with a ConflictError and writes nothing', async () => {
      await store.setAnswer(
        answer({ status: 'in-progress', expectedVersion: 0 }),
      );
      await store.setAnswer(answer({ status: 'done', expectedVersion: 1 }));
      const answersBefore = await store.getAnswers([TEAM_A]);
      const historyBefore = await store.getHistory(key);
      expect(historyBefore).toHaveLength(2);

      // Someone who read version 1 and was overtaken by the write above.
      await expect(
        store.setAnswer(
          answer({ status: 'not-started', actorRef: SAM, expectedVersion: 1 }),
        ),
      ).rejects.toThrow(ConflictError);
      // Someone who saw no answer at all.
      await expect(
        store.setAnswer(answer({ status: 'not-started', expectedVersion: 0 })),
      ).rejects.toThrow(/at version 2/);
      // A version from the future.
      await expect(
        store.setAnswer(answer({ status: 'not-started', expectedVersion: 7 })),
      ).rejects.toThrow(ConflictError);

      expect(await store.getAnswers([TEAM_A])).toEqual(answersBefore);
      expect(await store.getHistory(key)).toEqual(historyBefore);
    });

    it('does not create an answer when the writer expected one that does not exist', async () => {
      await expect(
        store.setAnswer(answer({ status: 'done', expectedVersion: 3 })),
      ).rejects.toThrow(ConflictError);

      expect(await store.getAnswers([TEAM_A])).toEqual([]);
      expect(await store.getHistory(key)).toEqual([]);
    });

    it('lists the history of one answer newest first, with the status before and after', async () => {
      await store.setAnswer(
        answer({ status: 'not-started', expectedVersion: 0 }),
      );
      await store.setAnswer(
        answer({
          status: 'in-progress',
          note: 'Budget asked',
          expectedVersion: 1,
        }),
      );
      await store.setAnswer(
        answer({
          status: 'done',
          evidenceUrl: 'https://example.com/ospo',
          actorRef: SAM,
          expectedVersion: 2,
        }),
      );
      // Changes of other items and other teams are not part of it.
      await store.setAnswer(
        answer({ itemId: 'awareness', status: 'done', expectedVersion: 0 }),
      );
      await store.setAnswer(
        answer({ teamRef: TEAM_B, status: 'done', expectedVersion: 0 }),
      );

      const history = await store.getHistory(key);

      expect(
        history.map(({ fromStatus, toStatus, version, changedBy }) => ({
          fromStatus,
          toStatus,
          version,
          changedBy,
        })),
      ).toEqual([
        {
          fromStatus: 'in-progress',
          toStatus: 'done',
          version: 3,
          changedBy: SAM,
        },
        {
          fromStatus: 'not-started',
          toStatus: 'in-progress',
          version: 2,
          changedBy: LEE,
        },
        {
          fromStatus: undefined,
          toStatus: 'not-started',
          version: 1,
          changedBy: LEE,
        },
      ]);
      expect(history[0]).toMatchObject({
        ...key,
        evidenceUrl: 'https://example.com/ospo',
        note: undefined,
      });
      expect(history[1]).toMatchObject({ note: 'Budget asked' });
      const times = history.map(h => Date.parse(h.changedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('reads the answers of several teams in one query', async () => {
      await store.setAnswer(answer({ itemId: 'creation', expectedVersion: 0 }));
      await store.setAnswer(
        answer({ itemId: 'awareness', status: 'done', expectedVersion: 0 }),
      );
      await store.setAnswer(
        answer({ teamRef: TEAM_B, status: 'not-started', expectedVersion: 0 }),
      );
      await store.setAnswer(
        answer({ teamRef: TEAM_C, status: 'done', expectedVersion: 0 }),
      );

      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      const answers = await store.getAnswers([TEAM_A, TEAM_B]);
      knex.off('query', onQuery);

      expect(queries).toHaveLength(1);
      expect(
        answers.map(a => [a.teamRef, a.checklistId, a.itemId, a.status]),
      ).toEqual([
        [TEAM_A, 'ospo', 'awareness', 'done'],
        [TEAM_A, 'ospo', 'creation', 'in-progress'],
        [TEAM_B, 'ospo', 'creation', 'not-started'],
      ]);
      expect(await store.getAnswers([TEAM_C])).toHaveLength(1);
      expect(await store.getAnswers(['group:default/nobody'])).toEqual([]);
      expect(await store.getAnswers([])).toEqual([]);
    });

    it('lists the status of every answer of every team in one query', async () => {
      expect(await store.listAnswerStatuses()).toEqual([]);
      const first = await store.setAnswer(
        answer({ itemId: 'creation', expectedVersion: 0 }),
      );
      const second = await store.setAnswer(
        answer({
          teamRef: TEAM_C,
          itemId: 'removed',
          status: 'not-applicable',
          note: 'No code',
          expectedVersion: 0,
        }),
      );

      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      const statuses = await store.listAnswerStatuses();
      knex.off('query', onQuery);

      expect(queries).toHaveLength(1);
      expect(
        [...statuses].sort((a, b) => a.teamRef.localeCompare(b.teamRef)),
      ).toEqual([
        {
          teamRef: TEAM_A,
          checklistId: 'ospo',
          itemId: 'creation',
          status: 'in-progress',
          answeredAt: first.answeredAt,
          version: 1,
        },
        {
          teamRef: TEAM_C,
          checklistId: 'ospo',
          itemId: 'removed',
          status: 'not-applicable',
          answeredAt: second.answeredAt,
          version: 1,
        },
      ]);
    });

    it('changes the answers version with every write, in the same millisecond too', async () => {
      const versions = [await store.getAnswersVersion()];
      const now = new Date('2026-03-01T10:00:00Z');
      // Only Date is faked: the database drivers keep their timers.
      jest.useFakeTimers({
        now,
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
        // Every write at the same time: only the versions tell them apart.
        await store.setAnswer(answer({ expectedVersion: 0 }));
        versions.push(await store.getAnswersVersion());
        await store.setAnswer(answer({ status: 'done', expectedVersion: 1 }));
        versions.push(await store.getAnswersVersion());
        await store.setAnswer(answer({ teamRef: TEAM_B, expectedVersion: 0 }));
        versions.push(await store.getAnswersVersion());
        // A refused write changes nothing.
        await expect(
          store.setAnswer(answer({ expectedVersion: 0 })),
        ).rejects.toThrow(ConflictError);
        versions.push(await store.getAnswersVersion());
      } finally {
        jest.useRealTimers();
      }
      expect(new Set(versions).size).toBe(4);
      expect(versions[4]).toBe(versions[3]);
      // Read twice without a write, it is the same.
      expect(await store.getAnswersVersion()).toBe(versions[3]);
    });

    it('shares one version query between concurrent readers, and only while it runs', async () => {
      const selects: string[] = [];
      const onQuery = (query: { sql: string }) => {
        if (/^select .*ospo_checklist_answers_version/i.test(query.sql)) {
          selects.push(query.sql);
        }
      };
      knex.on('query', onQuery);
      try {
        const [first, second] = await Promise.all([
          store.getAnswersVersion(),
          store.getAnswersVersion(),
        ]);
        expect(second).toBe(first);
        expect(selects).toHaveLength(1);
        await store.setAnswer(answer({ expectedVersion: 0 }));
        expect(await store.getAnswersVersion()).not.toBe(first);
        expect(selects).toHaveLength(2);
      } finally {
        knex.off('query', onQuery);
      }
    });

    it('lets exactly one of many concurrent first answers win', async () => {
      const { fulfilled, rejected } = await settle(
        Array.from({ length: 10 }, (_, i) =>
          store.setAnswer(
            answer({
              status: 'done',
              note: `writer ${i}`,
              actorRef: `user:default/writer-${i}`,
              expectedVersion: 0,
            }),
          ),
        ),
      );

      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const error of rejected) {
        expect(error).toBeInstanceOf(ConflictError);
      }
      const [winner] = fulfilled;
      expect(winner.version).toBe(1);
      expect(await store.getAnswers([TEAM_A])).toEqual([winner]);
      const history = await store.getHistory(key);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        note: winner.note,
        changedBy: winner.answeredBy,
        version: 1,
      });
    });

    it('lets exactly one of many concurrent updates of the same version win', async () => {
      await store.setAnswer(
        answer({ status: 'not-started', expectedVersion: 0 }),
      );
      await store.setAnswer(
        answer({ status: 'in-progress', expectedVersion: 1 }),
      );

      const { fulfilled, rejected } = await settle(
        Array.from({ length: 10 }, (_, i) =>
          store.setAnswer(
            answer({
              status: i % 2 ? 'done' : 'not-applicable',
              note: `writer ${i}`,
              actorRef: `user:default/writer-${i}`,
              expectedVersion: 2,
            }),
          ),
        ),
      );

      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const error of rejected) {
        expect(error).toBeInstanceOf(ConflictError);
      }
      const [winner] = fulfilled;
      expect(winner.version).toBe(3);
      expect(await store.getAnswers([TEAM_A])).toEqual([winner]);
      const history = await store.getHistory(key);
      expect(history).toHaveLength(3);
      expect(history[0]).toMatchObject({
        fromStatus: 'in-progress',
        toStatus: winner.status,
        note: winner.note,
        changedBy: winner.answeredBy,
        version: 3,
      });
    });

    describe('re-attesting', () => {
      const given = '2025-06-01T12:00:00.000Z';
      const later = '2026-06-02T08:30:00.000Z';
      let clock: FixedClock;
      let timed: DatabaseChecklistStore;

      beforeEach(() => {
        clock = FixedClock.at(given);
        timed = DatabaseChecklistStore.create({ database: knex, clock });
      });

      async function doneAnswer() {
        await timed.setAnswer(
          answer({ status: 'in-progress', expectedVersion: 0 }),
        );
        return timed.setAnswer(
          answer({
            status: 'done',
            note: 'Charter signed',
            evidenceUrl: 'https://wiki.example.com/charter',
            expectedVersion: 1,
          }),
        );
      }

      it("stamps answers with the clock's time", async () => {
        const done = await doneAnswer();
        expect(done.answeredAt).toBe(given);
        expect((await timed.getHistory(key))[0].changedAt).toBe(given);
      });

      it('gives a done answer again as it is, now, as a new version marked re-attested', async () => {
        await doneAnswer();
        const version = await timed.getAnswersVersion();
        clock.set(later);

        const reattested = await timed.reattest({
          ...key,
          expectedVersion: 2,
          actorRef: SAM,
        });

        const expected = {
          ...key,
          status: 'done',
          note: 'Charter signed',
          evidenceUrl: 'https://wiki.example.com/charter',
          answeredBy: SAM,
          answeredAt: later,
          version: 3,
        };
        expect(reattested).toEqual(expected);
        expect(await timed.getAnswers([TEAM_A])).toEqual([expected]);
        const history = await timed.getHistory(key);
        expect(history.map(h => [h.version, h.reattested])).toEqual([
          [3, true],
          [2, undefined],
          [1, undefined],
        ]);
        expect(history[0]).toEqual({
          ...key,
          fromStatus: 'done',
          toStatus: 'done',
          note: 'Charter signed',
          evidenceUrl: 'https://wiki.example.com/charter',
          changedBy: SAM,
          changedAt: later,
          version: 3,
          reattested: true,
        });
        // Caches of the heat map learn of it.
        expect(await timed.getAnswersVersion()).not.toBe(version);
      });

      it('refuses an answer that is not done, a missing one and a stale version, writing nothing', async () => {
        await expect(
          timed.reattest({ ...key, expectedVersion: 0, actorRef: LEE }),
        ).rejects.toThrow(/no answer to re-attest/);
        await timed.setAnswer(
          answer({ status: 'in-progress', expectedVersion: 0 }),
        );
        await expect(
          timed.reattest({ ...key, expectedVersion: 1, actorRef: LEE }),
        ).rejects.toThrow(
          /Only a done answer can be re-attested; this one is in-progress/,
        );
        await timed.setAnswer(answer({ status: 'done', expectedVersion: 1 }));
        const version = await timed.getAnswersVersion();
        const error = await timed
          .reattest({ ...key, expectedVersion: 1, actorRef: LEE })
          .catch(e => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toMatch(/is at version 2/);

        expect((await timed.getAnswers([TEAM_A]))[0].version).toBe(2);
        expect(await timed.getHistory(key)).toHaveLength(2);
        expect(await timed.getAnswersVersion()).toBe(version);
      });

      it('lets exactly one of concurrent re-attestations of the same version win', async () => {
        await doneAnswer();
        const { fulfilled, rejected } = await settle(
          Array.from({ length: 5 }, (_, i) =>
            timed.reattest({
              ...key,
              expectedVersion: 2,
              actorRef: `user:default/writer-${i}`,
            }),
          ),
        );
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(4);
        for (const e of rejected) expect(e).toBeInstanceOf(ConflictError);
        expect(fulfilled[0].version).toBe(3);
        expect(await timed.getHistory(key)).toHaveLength(3);
      });
    });

    // SQLite has a single connection, so its transactions never overlap; on
    // PostgreSQL they do, and are made to read before any of them writes.
    if (databaseId !== 'SQLITE_3') {
      const parties = 5; // within the test pool's 5 connections

      it('refuses all but one of overlapping first answers, through the unique key', async () => {
        const racing = DatabaseChecklistStore.create({
          database: withReadBarrier(knex, parties),
        });
        const { fulfilled, rejected } = await settle(
          Array.from({ length: parties }, (_, i) =>
            racing.setAnswer(
              answer({ note: `writer ${i}`, expectedVersion: 0 }),
            ),
          ),
        );

        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(parties - 1);
        for (const error of rejected) {
          expect(error).toBeInstanceOf(ConflictError);
          expect(error.message).toMatch(/changed by someone else/);
        }
        expect(await store.getAnswers([TEAM_A])).toEqual(fulfilled);
        expect(await store.getHistory(key)).toHaveLength(1);
      });

      it('refuses all but one of overlapping updates, through the versioned update', async () => {
        await store.setAnswer(
          answer({ status: 'not-started', expectedVersion: 0 }),
        );
        const racing = DatabaseChecklistStore.create({
          database: withReadBarrier(knex, parties),
        });
        const { fulfilled, rejected } = await settle(
          Array.from({ length: parties }, (_, i) =>
            racing.setAnswer(
              answer({
                status: 'done',
                note: `writer ${i}`,
                expectedVersion: 1,
              }),
            ),
          ),
        );

        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(parties - 1);
        for (const error of rejected) {
          expect(error).toBeInstanceOf(ConflictError);
          expect(error.message).toMatch(/changed by someone else/);
        }
        expect(await store.getAnswers([TEAM_A])).toEqual(fulfilled);
        const history = await store.getHistory(key);
        expect(history.map(h => h.version)).toEqual([2, 1]);
        expect(history[0].note).toBe(fulfilled[0].note);
      });
    }

    it('loses no update when concurrent read-modify-write loops retry on conflicts', async () => {
      const workers = 6;
      const writesPerWorker = 5;

      async function worker(id: number) {
        let successes = 0;
        while (successes < writesPerWorker) {
          const [current] = await store.getAnswers([TEAM_A]);
          try {
            await store.setAnswer(
              answer({
                status: successes % 2 ? 'done' : 'in-progress',
                note: `worker ${id} write ${successes}`,
                actorRef: `user:default/worker-${id}`,
                expectedVersion: current?.version ?? 0,
              }),
            );
            successes += 1;
          } catch (error) {
            if (!(error instanceof ConflictError)) {
              throw error;
            }
          }
        }
        return successes;
      }

      const successes = await Promise.all(
        Array.from({ length: workers }, (_, id) => worker(id)),
      );
      const total = successes.reduce((sum, n) => sum + n, 0);

      expect(total).toBe(workers * writesPerWorker);
      const [final] = await store.getAnswers([TEAM_A]);
      expect(final.version).toBe(total);
      const history = await store.getHistory(key);
      expect(history).toHaveLength(total);
      // Every version from 1 to total was produced exactly once, in order.
      expect(history.map(h => h.version)).toEqual(
        Array.from({ length: total }, (_, i) => total - i),
      );
      // Each change starts from the status the previous one ended with.
      for (let i = 0; i < history.length - 1; i++) {
        expect(history[i].fromStatus).toBe(history[i + 1].toStatus);
      }
      for (let id = 0; id < workers; id++) {
        expect(
          history.filter(h => h.changedBy === `user:default/worker-${id}`),
        ).toHaveLength(writesPerWorker);
      }
    });
  },
);
