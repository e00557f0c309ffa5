import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ConsultationAction,
  ConsultationStatus,
  ConsultationUrgency,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CONSULTATION_ACTIONS } from '@ospo-kit/plugin-ospo-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ConsultationStore, StoredConsultation } from './ConsultationStore';
import { DatabaseConsultationStore } from './DatabaseConsultationStore';
import { migrateDatabase } from '../database/migrateDatabase';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SVC_A = 'component:default/svc-a';
const SVC_B = 'component:default/svc-b';
const SVC_C = 'component:default/svc-c';
const LEE = 'user:default/lee';
const SAM = 'user:default/sam';
const OLA = 'user:default/ola'; // OSPO staff

type ListQuery = Parameters<ConsultationStore['list']>[0];

const page = (query: Partial<ListQuery> = {}): ListQuery => ({
  orderBy: 'createdAt',
  order: 'desc',
  limit: 50,
  offset: 0,
  ...query,
});

/** A transition as the router builds it from the state machine. */
function act(
  id: string,
  action: ConsultationAction,
  options: { actorRef?: string; note?: string; byStaff?: boolean } = {},
) {
  const { from, to, by, setsResolution } = CONSULTATION_ACTIONS[action];
  return {
    id,
    from,
    to,
    setsResolution,
    actorRef: options.actorRef ?? (by === 'staff' ? OLA : LEE),
    note: options.note,
    byStaff: options.byStaff ?? by === 'staff',
  };
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

describe.each(databases.eachSupportedId())(
  'DatabaseConsultationStore on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseConsultationStore;

    // One database per run, emptied before each test: creating a PostgreSQL
    // database per test would dominate the run time.
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseConsultationStore.create({ database: knex });
    });

    beforeEach(async () => {
      await knex('ospo_consultation_events').delete();
      await knex('ospo_consultations').delete();
    });

    async function file(
      overrides: Partial<{
        entityRef: string;
        requesterRef: string;
        topic: string;
        summary: string;
        details: string;
        urgency: ConsultationUrgency;
      }> = {},
    ) {
      return store.create({
        entityRef: SVC_A,
        requesterRef: LEE,
        topic: 'new-dependency',
        summary: 'May we use libfoo?',
        urgency: 'normal',
        ...overrides,
      });
    }

    /** Sets stored columns directly, e.g. to give requests distinct times. */
    async function setRow(id: string, columns: Record<string, unknown>) {
      await knex('ospo_consultations').where({ id }).update(columns);
    }

    async function rows() {
      return {
        consultations: await knex('ospo_consultations').orderBy('id'),
        events: await knex('ospo_consultation_events').orderBy('id'),
      };
    }

    it('files a request, open with a created event, and reads it back', async () => {
      const before = Date.now();
      const created = await file({
        details: 'Statically linked',
        urgency: 'high',
      });

      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        entityRef: SVC_A,
        requesterRef: LEE,
        topic: 'new-dependency',
        summary: 'May we use libfoo?',
        details: 'Statically linked',
        urgency: 'high',
        status: 'open',
        assigneeRef: undefined,
        resolution: undefined,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        firstResponseAt: undefined,
        commentCount: 0,
      });
      const createdAt = Date.parse(created.createdAt);
      expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(created.updatedAt).toBe(created.createdAt);

      // What is read back is what create returned, timestamps included.
      const read = await store.get(created.id);
      expect(read).toEqual({
        ...created,
        events: [
          {
            id: expect.any(String),
            type: 'created',
            actorRef: LEE,
            createdAt: created.createdAt,
            body: undefined,
            fromStatus: undefined,
            toStatus: 'open',
            assigneeRef: undefined,
          },
        ],
      });
      // Optional fields are absent, not null, once serialised.
      expect(JSON.parse(JSON.stringify(read))).not.toHaveProperty('resolution');
      expect((await file()).details).toBeUndefined();
    });

    it('keeps the requests apart and returns nothing for an unknown id', async () => {
      const a = await file();
      const b = await file({ entityRef: SVC_B, requesterRef: SAM });
      expect(a.id).not.toBe(b.id);
      expect((await store.get(b.id))?.events.map(e => e.actorRef)).toEqual([
        SAM,
      ]);
      expect(await store.get(randomUUID())).toBeUndefined();
    });

    it('returns the thread oldest first', async () => {
      const { id } = await file();
      await store.comment({ id, actorRef: LEE, body: 'first', byStaff: false });
      await store.assign({ id, assigneeRef: OLA, actorRef: OLA });
      await store.transition(act(id, 'start', { note: 'Looking' }));
      await store.comment({ id, actorRef: OLA, body: 'second', byStaff: true });
      await store.assign({ id, actorRef: OLA });
      await store.transition(act(id, 'resolve', { note: 'Fine' }));

      const { events } = (await store.get(id))!;

      expect(
        events.map(e => [
          e.type,
          e.actorRef,
          e.body,
          e.fromStatus,
          e.toStatus,
          e.assigneeRef,
        ]),
      ).toEqual([
        ['created', LEE, undefined, undefined, 'open', undefined],
        ['comment', LEE, 'first', undefined, undefined, undefined],
        ['assignment', OLA, undefined, undefined, undefined, OLA],
        ['status', OLA, 'Looking', 'open', 'in-progress', undefined],
        ['comment', OLA, 'second', undefined, undefined, undefined],
        ['assignment', OLA, undefined, undefined, undefined, undefined],
        ['status', OLA, 'Fine', 'in-progress', 'resolved', undefined],
      ]);
      const ids = events.map(e => Number(e.id));
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      const times = events.map(e => Date.parse(e.createdAt));
      expect([...times].sort((x, y) => x - y)).toEqual(times);
    });

    describe('list', () => {
      let all: Record<string, StoredConsultation>;

      // Six requests with distinct creation and update times: c1 oldest.
      beforeEach(async () => {
        const specs = [
          ['c1', SVC_A, LEE, 'new-dependency', 'low', undefined],
          ['c2', SVC_A, SAM, 'publish', 'critical', OLA],
          ['c3', SVC_B, LEE, 'publish', 'normal', SAM],
          ['c4', SVC_B, SAM, 'new-dependency', 'high', undefined],
          ['c5', SVC_A, LEE, 'other', 'normal', OLA],
          ['c6', SVC_B, LEE, 'new-dependency', 'critical', undefined],
        ] as const;
        all = {};
        for (const [
          index,
          [name, entityRef, requesterRef, topic, urgency, assignee],
        ] of specs.entries()) {
          const c = await file({
            entityRef,
            requesterRef,
            topic,
            urgency,
            summary: name,
          });
          if (assignee) {
            await store.assign({
              id: c.id,
              assigneeRef: assignee,
              actorRef: OLA,
            });
          }
          // Updated in the reverse order of creation.
          await setRow(c.id, {
            created_at: new Date(Date.UTC(2026, 0, 1 + index)),
            updated_at: new Date(Date.UTC(2026, 1, 10 - index)),
          });
          all[name] = c;
        }
        await store.transition(act(all.c2.id, 'start'));
        await store.transition(act(all.c3.id, 'resolve', { note: 'Done' }));
        await store.transition(act(all.c4.id, 'decline', { note: 'No' }));
        await store.transition(act(all.c5.id, 'withdraw'));
        // The transitions moved updated_at; put the fixed times back.
        for (const [index, name] of ['c2', 'c3', 'c4', 'c5'].entries()) {
          await setRow(all[name].id, {
            updated_at: new Date(Date.UTC(2026, 1, 9 - index)),
          });
        }
      });

      const summaries = async (query: Partial<ListQuery>) => {
        const result = await store.list(page(query));
        return result.items.map(c => c.summary);
      };

      it('returns every request, newest first by default, with the total', async () => {
        const result = await store.list(page());
        expect(result.items.map(c => c.summary)).toEqual([
          'c6',
          'c5',
          'c4',
          'c3',
          'c2',
          'c1',
        ]);
        expect(result.totalCount).toBe(6);
        expect(result.items[4]).toMatchObject({
          status: 'in-progress',
          assigneeRef: OLA,
          urgency: 'critical',
          firstResponseAt: expect.any(String),
        });
      });

      it('filters by entity, topic, requester and assignee', async () => {
        expect(await summaries({ entityRef: SVC_A })).toEqual([
          'c5',
          'c2',
          'c1',
        ]);
        expect(await summaries({ topic: 'publish' })).toEqual(['c3', 'c2']);
        expect(await summaries({ requesterRef: SAM })).toEqual(['c4', 'c2']);
        expect(await summaries({ assigneeRef: OLA })).toEqual(['c5', 'c2']);
        expect(await summaries({ assigneeRef: SAM })).toEqual(['c3']);
        expect(await summaries({ assigneeRef: 'none' })).toEqual([
          'c6',
          'c4',
          'c1',
        ]);
        expect(
          await summaries({ entityRef: 'component:default/nope' }),
        ).toEqual([]);
      });

      it('filters by one or several statuses', async () => {
        expect(await summaries({ status: ['open'] })).toEqual(['c6', 'c1']);
        expect(await summaries({ status: ['resolved', 'declined'] })).toEqual([
          'c4',
          'c3',
        ]);
        expect(
          await summaries({ status: ['open', 'in-progress', 'withdrawn'] }),
        ).toEqual(['c6', 'c5', 'c2', 'c1']);
        // No status filter, not "no status".
        expect(await summaries({ status: [] })).toHaveLength(6);
      });

      it('combines filters, and counts what matches them all', async () => {
        const result = await store.list(
          page({
            entityRef: SVC_B,
            requesterRef: LEE,
            status: ['open', 'resolved'],
            topic: 'publish',
            assigneeRef: SAM,
          }),
        );
        expect(result.items.map(c => c.summary)).toEqual(['c3']);
        expect(result.totalCount).toBe(1);
        expect(
          await summaries({
            entityRef: SVC_B,
            requesterRef: SAM,
            topic: 'other',
          }),
        ).toEqual([]);
      });

      it.each([
        ['createdAt', 'asc', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']],
        ['createdAt', 'desc', ['c6', 'c5', 'c4', 'c3', 'c2', 'c1']],
        ['updatedAt', 'asc', ['c6', 'c5', 'c4', 'c3', 'c2', 'c1']],
        ['updatedAt', 'desc', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']],
        // low < normal < high < critical, then by id within an urgency.
        ['urgency', 'asc', ['c1', ['c3', 'c5'], 'c4', ['c2', 'c6']]],
        ['urgency', 'desc', [['c2', 'c6'], 'c4', ['c3', 'c5'], 'c1']],
        // open < in-progress < resolved < declined < withdrawn.
        ['status', 'asc', [['c1', 'c6'], 'c2', 'c3', 'c4', 'c5']],
        ['status', 'desc', ['c5', 'c4', 'c3', 'c2', ['c1', 'c6']]],
      ] as Array<[ListQuery['orderBy'], ListQuery['order'], Array<string | string[]>]>)(
        'orders by %s %s',
        async (orderBy, order, expected) => {
          const items = (await store.list(page({ orderBy, order }))).items;
          // Ties keep a fixed order: by id, whatever the direction.
          const byId = (names: string[]) =>
            [...names].sort((x, y) => (all[x].id < all[y].id ? -1 : 1));
          expect(items.map(c => c.summary)).toEqual(
            expected.flatMap(e => (Array.isArray(e) ? byId(e) : [e])),
          );
        },
      );

      it('pages through ties in a stable order, each request exactly once', async () => {
        // Every request created at the same moment: only the id tells them apart.
        await knex('ospo_consultations').update({
          created_at: new Date(Date.UTC(2026, 5, 1)),
        });
        const seen: string[] = [];
        for (let offset = 0; offset < 8; offset += 2) {
          const result = await store.list(page({ limit: 2, offset }));
          expect(result.totalCount).toBe(6);
          expect(result.items.length).toBe(offset < 6 ? 2 : 0);
          seen.push(...result.items.map(c => c.id));
        }
        expect(seen).toEqual(
          Object.values(all)
            .map(c => c.id)
            .sort(),
        );
        // The same page twice is the same page.
        const again = await store.list(page({ limit: 2, offset: 2 }));
        expect(again.items.map(c => c.id)).toEqual(seen.slice(2, 4));

        const filtered = await store.list(
          page({ status: ['open'], limit: 1, offset: 1 }),
        );
        expect(filtered.totalCount).toBe(2);
        expect(filtered.items).toHaveLength(1);
      });

      it('leaves out the excluded entities before paging and counting', async () => {
        const result = await store.list(
          page({ excludeEntityRefs: [SVC_B], limit: 2 }),
        );
        expect(result.items.map(c => c.summary)).toEqual(['c5', 'c2']);
        expect(result.totalCount).toBe(3);
        const next = await store.list(
          page({ excludeEntityRefs: [SVC_B], limit: 2, offset: 2 }),
        );
        expect(next.items.map(c => c.summary)).toEqual(['c1']);
        expect(
          (await store.list(page({ excludeEntityRefs: [SVC_A, SVC_B] })))
            .totalCount,
        ).toBe(0);
        expect(
          (await store.list(page({ excludeEntityRefs: [] }))).totalCount,
        ).toBe(6);
      });

      it('lists the distinct entities of the matching requests', async () => {
        expect(await store.listEntityRefs({})).toEqual([SVC_A, SVC_B]);
        expect(await store.listEntityRefs({ requesterRef: SAM })).toEqual([
          SVC_A,
          SVC_B,
        ]);
        expect(await store.listEntityRefs({ status: ['withdrawn'] })).toEqual([
          SVC_A,
        ]);
        expect(await store.listEntityRefs({ topic: 'nope' })).toEqual([]);
      });
    });

    describe('search and entity lists', () => {
      let all: Record<string, StoredConsultation>;

      beforeEach(async () => {
        const specs = [
          ['s1', SVC_A, 'Upgrade libfoo', 'Its LGPL license bothers us'],
          ['s2', SVC_B, 'License of libbar', undefined],
          ['s3', SVC_A, '100% coverage_tool', 'See hi!there'],
          ['s4', SVC_B, 'License text', 'Straße'],
          ['s5', SVC_C, 'Plain', 'nothing, 50 percent'],
        ] as const;
        all = {};
        for (const [
          index,
          [name, entityRef, summary, details],
        ] of specs.entries()) {
          const c = await file({ entityRef, summary, details });
          await setRow(c.id, {
            created_at: new Date(Date.UTC(2026, 0, 1 + index)),
          });
          all[name] = c;
        }
      });

      const found = async (query: Partial<ListQuery>) => {
        const result = await store.list(page(query));
        const names = Object.fromEntries(
          Object.entries(all).map(([name, c]) => [c.id, name]),
        );
        return result.items.map(c => names[c.id]).sort();
      };

      it('finds a word in the summary or the details, ignoring case', async () => {
        expect(await found({ words: ['LIBFOO'] })).toEqual(['s1']);
        expect(await found({ words: ['lgpl'] })).toEqual(['s1']);
        expect(await found({ words: ['License'] })).toEqual(['s1', 's2', 's4']);
        expect(await found({ words: ['straße'] })).toEqual(['s4']);
        expect(await found({ words: ['nowhere'] })).toEqual([]);
      });

      it('needs every word, each in the summary or the details', async () => {
        expect(await found({ words: ['license', 'libbar'] })).toEqual(['s2']);
        // One word in the summary, the other in the details.
        expect(await found({ words: ['upgrade', 'BOTHERS'] })).toEqual(['s1']);
        expect(await found({ words: ['libfoo', 'libbar'] })).toEqual([]);
        expect(await found({ words: [] })).toHaveLength(5);
      });

      it('matches %, _ and the escape character literally', async () => {
        // As wildcards, `0%` would match the 0 of "50 percent" and `e_t`
        // the "e t" of "License text".
        expect(await found({ words: ['0%'] })).toEqual(['s3']);
        expect(await found({ words: ['e_t'] })).toEqual(['s3']);
        expect(await found({ words: ['%%'] })).toEqual([]);
        expect(await found({ words: ['__'] })).toEqual([]);
        expect(await found({ words: ['hi!'] })).toEqual(['s3']);
        expect(await found({ words: ['!t'] })).toEqual(['s3']);
        expect(await found({ words: ['!%'] })).toEqual([]);
      });

      it('combines the search with the other filters, pages and counts', async () => {
        await store.transition(act(all.s4.id, 'start'));
        const first = await store.list(
          page({
            words: ['license'],
            orderBy: 'createdAt',
            order: 'asc',
            limit: 2,
          }),
        );
        expect(first.totalCount).toBe(3);
        expect(first.items.map(c => c.summary)).toEqual([
          'Upgrade libfoo',
          'License of libbar',
        ]);
        const second = await store.list(
          page({
            words: ['license'],
            orderBy: 'createdAt',
            order: 'asc',
            limit: 2,
            offset: 2,
          }),
        );
        expect(second.totalCount).toBe(3);
        expect(second.items.map(c => c.summary)).toEqual(['License text']);

        const filtered = await store.list(
          page({ words: ['license'], status: ['open'], entityRef: SVC_B }),
        );
        expect(filtered.totalCount).toBe(1);
        expect(filtered.items.map(c => c.summary)).toEqual([
          'License of libbar',
        ]);
        expect(
          await found({ words: ['license'], excludeEntityRefs: [SVC_A] }),
        ).toEqual(['s2', 's4']);
        expect(await store.listEntityRefs({ words: ['license'] })).toEqual([
          SVC_A,
          SVC_B,
        ]);
      });

      it('keeps only the listed entities, however many are listed', async () => {
        expect(await found({ includeEntityRefs: [SVC_B] })).toEqual([
          's2',
          's4',
        ]);
        expect(await found({ includeEntityRefs: [] })).toEqual([]);
        // More refs than SQLite binds in one statement: bound as one value.
        const many = Array.from(
          { length: 40_000 },
          (_, i) => `component:default/other-${i}`,
        );
        const result = await store.list(
          page({
            includeEntityRefs: [...many, SVC_C, SVC_A],
            excludeEntityRefs: [...many, SVC_A],
            limit: 1,
          }),
        );
        expect(result.totalCount).toBe(1);
        expect(result.items.map(c => c.summary)).toEqual(['Plain']);
        expect(
          await found({
            includeEntityRefs: [SVC_A, SVC_B, SVC_C],
            words: ['license'],
            status: ['open'],
          }),
        ).toEqual(['s1', 's2', 's4']);
      });
    });

    describe('listMetricRecords', () => {
      const since = new Date(Date.UTC(2026, 2, 1));
      const before = (ms: number) => new Date(since.getTime() - ms);
      const DAY = 24 * 60 * 60 * 1000;

      /** A request for its own entity, moved to a status and a creation time. */
      async function request(
        name: string,
        actions: ConsultationAction[],
        createdAt: Date,
        firstResponseAt: Date | null = null,
        closedAt: Date = createdAt,
      ) {
        const { id } = await file({ entityRef: `component:default/${name}` });
        let status: ConsultationStatus = 'open';
        for (const action of actions) {
          ({ status } = await store.transition(act(id, action)));
        }
        const closed = !['open', 'in-progress'].includes(status);
        await setRow(id, {
          created_at: createdAt,
          first_response_at: firstResponseAt,
          closed_at: closed ? closedAt : null,
        });
        return id;
      }

      it('returns open and in-progress requests of any age, others only if created since', async () => {
        const responded = new Date(Date.UTC(2025, 5, 2, 9, 30));
        await request('old-open', [], before(400 * DAY));
        await request(
          'old-in-progress',
          ['start'],
          before(90 * DAY),
          responded,
        );
        await request('old-resolved', ['start', 'resolve'], before(DAY));
        await request('just-before-declined', ['decline'], before(1));
        await request('on-the-line-withdrawn', ['withdraw'], since);
        await request(
          'recent-resolved',
          ['start', 'resolve'],
          new Date(since.getTime() + DAY),
          new Date(since.getTime() + DAY + 1000),
        );
        await request('recent-open', [], new Date(since.getTime() + 2 * DAY));

        const records = await store.listMetricRecords({ since });
        records.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
        expect(records).toStrictEqual([
          {
            entityRef: 'component:default/old-open',
            status: 'open',
            createdAt: before(400 * DAY),
          },
          {
            entityRef: 'component:default/old-in-progress',
            status: 'in-progress',
            createdAt: before(90 * DAY),
            firstResponseAt: responded,
          },
          {
            entityRef: 'component:default/on-the-line-withdrawn',
            status: 'withdrawn',
            createdAt: since,
            closedAt: since,
          },
          {
            entityRef: 'component:default/recent-resolved',
            status: 'resolved',
            createdAt: new Date(since.getTime() + DAY),
            firstResponseAt: new Date(since.getTime() + DAY + 1000),
            closedAt: new Date(since.getTime() + DAY),
          },
          {
            entityRef: 'component:default/recent-open',
            status: 'open',
            createdAt: new Date(since.getTime() + 2 * DAY),
          },
        ]);
      });

      it('returns older requests closed or rated since, with when and how they were rated', async () => {
        const old = before(60 * DAY);
        const closedSince = new Date(since.getTime() + DAY);
        await request('closed-since', ['resolve'], old, old, closedSince);
        await request('closed-before', ['decline'], old, old, before(DAY));
        const rated = await request(
          'rated-since',
          ['resolve'],
          old,
          old,
          before(DAY),
        );
        await store.rate({ id: rated, actorRef: LEE, score: 4 });
        const ratedAt = new Date(since.getTime() + 3 * DAY);
        await setRow(rated, { rated_at: ratedAt });
        const ratedBefore = await request(
          'rated-before',
          ['decline'],
          old,
          old,
          before(DAY),
        );
        await store.rate({ id: ratedBefore, actorRef: LEE, score: 2 });
        await setRow(ratedBefore, { rated_at: before(DAY) });

        const records = await store.listMetricRecords({ since });
        records.sort((x, y) => x.entityRef.localeCompare(y.entityRef));
        expect(records).toStrictEqual([
          {
            entityRef: 'component:default/closed-since',
            status: 'resolved',
            createdAt: old,
            firstResponseAt: old,
            closedAt: closedSince,
          },
          {
            entityRef: 'component:default/rated-since',
            status: 'resolved',
            createdAt: old,
            firstResponseAt: old,
            closedAt: before(DAY),
            rating: { score: 4, ratedAt },
          },
        ]);
      });

      it('returns nothing when there are no requests', async () => {
        expect(await store.listMetricRecords({ since: new Date(0) })).toEqual(
          [],
        );
      });

      it('lists the queue: open and in-progress requests, oldest first, with their first response', async () => {
        expect(await store.listQueue()).toEqual([]);
        await request('resolved', ['start', 'resolve'], before(30 * DAY));
        await request('newer-open', [], before(DAY));
        await request('older-in-progress', ['start'], before(10 * DAY));
        await request('declined', ['decline'], before(20 * DAY));
        await request('oldest-open', [], before(12 * DAY));
        const reopened = await request(
          'reopened',
          ['decline', 'reopen'],
          before(2 * DAY),
          before(DAY),
        );

        const queue = await store.listQueue();
        expect(queue.map(c => [c.entityRef.split('/')[1], c.status])).toEqual([
          ['oldest-open', 'open'],
          ['older-in-progress', 'in-progress'],
          ['reopened', 'open'],
          ['newer-open', 'open'],
        ]);
        // Declined by staff, then reopened: responded to.
        expect(queue[2]).toStrictEqual({
          id: reopened,
          entityRef: 'component:default/reopened',
          summary: 'May we use libfoo?',
          status: 'open',
          createdAt: before(2 * DAY).toISOString(),
          firstResponseAt: before(DAY).toISOString(),
        });
        expect(queue[3]).not.toHaveProperty('firstResponseAt');
      });
    });

    describe('transition', () => {
      it('changes the status and records it with the note', async () => {
        const { id } = await file();
        const started = await store.transition(
          act(id, 'start', { note: 'Looking into it' }),
        );

        expect(started).toMatchObject({
          id,
          status: 'in-progress',
          resolution: undefined,
          firstResponseAt: expect.any(String),
        });
        expect(Date.parse(started.updatedAt)).toBeGreaterThanOrEqual(
          Date.parse(started.createdAt),
        );
        const read = await store.get(id);
        const { events, ...consultation } = read!;
        // What transition returned is what is stored.
        expect(consultation).toEqual(started);
        expect(events[1]).toEqual({
          id: expect.any(String),
          type: 'status',
          actorRef: OLA,
          createdAt: started.updatedAt,
          body: 'Looking into it',
          fromStatus: 'open',
          toStatus: 'in-progress',
          assigneeRef: undefined,
        });
      });

      it('follows the state machine from every status', async () => {
        // Every action from every status: allowed exactly from its `from`.
        const paths: Record<ConsultationStatus, ConsultationAction[]> = {
          open: [],
          'in-progress': ['start'],
          resolved: ['resolve'],
          declined: ['decline'],
          withdrawn: ['withdraw'],
        };
        for (const [status, path] of Object.entries(paths)) {
          for (const action of Object.keys(
            CONSULTATION_ACTIONS,
          ) as ConsultationAction[]) {
            const { id } = await file();
            for (const step of path) {
              await store.transition(act(id, step, { note: 'n' }));
            }
            const outcome = await store
              .transition(act(id, action, { note: 'n' }))
              .then(
                c => c.status,
                e => e.name,
              );
            const { from, to } = CONSULTATION_ACTIONS[action];
            expect([status, action, outcome]).toEqual([
              status,
              action,
              from.includes(status as ConsultationStatus)
                ? to
                : 'ConflictError',
            ]);
          }
        }
      });

      it('refuses a change from a status not in `from` with a ConflictError and writes nothing', async () => {
        const { id } = await file();
        await store.transition(act(id, 'resolve', { note: 'Fine' }));
        const before = await rows();

        const start = store.transition(act(id, 'start'));
        await expect(start).rejects.toThrow(ConflictError);
        await expect(start).rejects.toThrow(
          'The request is resolved; it cannot become in-progress from there',
        );
        await expect(
          store.transition(act(id, 'withdraw', { note: 'Never mind' })),
        ).rejects.toThrow(ConflictError);

        expect(await rows()).toEqual(before);
      });

      it('sets the resolution on resolve, decline and withdraw, and clears it on reopen', async () => {
        for (const action of ['resolve', 'decline', 'withdraw'] as const) {
          const { id } = await file();
          const closed = await store.transition(
            act(id, action, { note: `Because ${action}` }),
          );
          expect([action, closed.status, closed.resolution]).toEqual([
            action,
            CONSULTATION_ACTIONS[action].to,
            `Because ${action}`,
          ]);
          expect((await store.get(id))!.resolution).toBe(`Because ${action}`);

          const reopened = await store.transition(
            act(id, 'reopen', { note: 'Again' }),
          );
          expect([action, reopened.status, reopened.resolution]).toEqual([
            action,
            'open',
            undefined,
          ]);
          expect((await store.get(id))!.resolution).toBeUndefined();
        }

        // Withdrawing without a note leaves no resolution.
        const { id } = await file();
        expect(
          (await store.transition(act(id, 'withdraw'))).resolution,
        ).toBeUndefined();
        // Starting keeps what there is (nothing, from open).
        const other = await file();
        expect(
          (await store.transition(act(other.id, 'start', { note: 'Hi' })))
            .resolution,
        ).toBeUndefined();
      });

      it('sets the first response time on the first staff action only', async () => {
        const { id } = await file();
        const withdrawn = await store.transition(act(id, 'withdraw'));
        expect(withdrawn.firstResponseAt).toBeUndefined();

        const reopened = await store.transition(act(id, 'reopen'));
        expect(reopened.firstResponseAt).toBe(reopened.updatedAt);

        // Later staff actions keep the first time.
        await new Promise(resolve => setTimeout(resolve, 5));
        const started = await store.transition(act(id, 'start'));
        expect(started.firstResponseAt).toBe(reopened.firstResponseAt);
        expect(started.updatedAt).not.toBe(reopened.updatedAt);
        expect((await store.get(id))!.firstResponseAt).toBe(
          reopened.firstResponseAt,
        );
      });

      it('throws a NotFoundError for an unknown id and writes nothing', async () => {
        await file();
        const before = await rows();
        await expect(
          store.transition(act(randomUUID(), 'start')),
        ).rejects.toThrow(NotFoundError);
        expect(await rows()).toEqual(before);
      });

      it('lets exactly one of many concurrent transitions from the same status win', async () => {
        const { id } = await file();
        // Each of them leaves `open` for a state none of them starts from.
        const { fulfilled, rejected } = await settle(
          Array.from({ length: 8 }, (_, i) =>
            store.transition(
              act(id, i % 2 ? 'decline' : 'resolve', { note: `writer ${i}` }),
            ),
          ),
        );

        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(7);
        for (const error of rejected) {
          expect(error).toBeInstanceOf(ConflictError);
        }
        const [winner] = fulfilled;
        const { events, ...stored } = (await store.get(id))!;
        expect(stored).toEqual(winner);
        expect(events.slice(1)).toEqual([
          expect.objectContaining({
            type: 'status',
            fromStatus: 'open',
            toStatus: winner.status,
            body: winner.resolution,
          }),
        ]);
      });

      it('records the status each of concurrent transitions really changed from', async () => {
        // start and resolve may both succeed (open → in-progress → resolved),
        // or resolve may win and start fail; either way the thread is a chain.
        for (let round = 0; round < 3; round++) {
          const { id } = await file();
          const { fulfilled, rejected } = await settle<unknown>([
            store.transition(act(id, 'start')),
            store.transition(act(id, 'resolve', { note: 'Fine' })),
            store.comment({ id, actorRef: OLA, body: 'Hi', byStaff: true }),
            store.assign({ id, assigneeRef: OLA, actorRef: OLA }),
          ]);
          for (const error of rejected) {
            expect(error).toBeInstanceOf(ConflictError);
          }
          expect(fulfilled.length).toBeGreaterThanOrEqual(3);

          const { events, ...stored } = (await store.get(id))!;
          const changes = events.filter(e => e.toStatus);
          for (let i = 1; i < changes.length; i++) {
            expect(changes[i].fromStatus).toBe(changes[i - 1].toStatus);
          }
          expect(stored.status).toBe(changes[changes.length - 1].toStatus);
          expect(stored.status).toBe('resolved');
          expect(stored.commentCount).toBe(1);
          expect(stored.assigneeRef).toBe(OLA);
          // The first of the staff actions set the first response time.
          expect(stored.firstResponseAt).toBe(events[1].createdAt);
        }
      });
    });

    describe('closedAt', () => {
      it('is set when a request is resolved, declined or withdrawn, and cleared when reopened', async () => {
        for (const action of ['resolve', 'decline', 'withdraw'] as const) {
          const { id } = await file();
          const before = Date.now();
          const closed = await store.transition(
            act(id, action, { note: 'Done' }),
          );
          expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(
            before - 1000,
          );
          expect(closed.closedAt).toBe(closed.updatedAt);
          expect((await store.get(id))?.closedAt).toBe(closed.closedAt);

          const reopened = await store.transition(act(id, 'reopen'));
          expect(reopened).not.toHaveProperty('closedAt');
          expect(await store.get(id)).not.toHaveProperty('closedAt');
        }
        const { id } = await file();
        expect(await store.transition(act(id, 'start'))).not.toHaveProperty(
          'closedAt',
        );
      });
    });

    describe('rate', () => {
      async function answered(action: 'resolve' | 'decline' = 'resolve') {
        const { id } = await file();
        await store.transition(act(id, action, { note: 'Answer' }));
        return id;
      }

      it('stores the rating at the database time with a rated event, and reads it back', async () => {
        const id = await answered();
        const before = Date.now();
        const rating = await store.rate({
          id,
          actorRef: LEE,
          score: 4,
          comment: 'Clear, thanks',
        });
        expect(rating).toEqual({
          score: 4,
          comment: 'Clear, thanks',
          ratedAt: expect.any(String),
        });
        // The database's clock and this one may differ a little.
        expect(Math.abs(Date.parse(rating.ratedAt) - before)).toBeLessThan(
          60_000,
        );

        const { events, ...stored } = (await store.get(id))!;
        expect(stored.rating).toEqual(rating);
        expect(events[events.length - 1]).toEqual({
          id: expect.any(String),
          type: 'rated',
          actorRef: LEE,
          createdAt: rating.ratedAt,
          body: 'Clear, thanks',
          score: 4,
        });
        const { items } = await store.list(page());
        expect(items[0].rating).toEqual(rating);
      });

      it('rates a declined request, and leaves out a missing comment', async () => {
        const id = await answered('decline');
        const rating = await store.rate({ id, actorRef: LEE, score: 1 });
        expect(rating).toEqual({ score: 1, ratedAt: expect.any(String) });
        const stored = (await store.get(id))!;
        expect(stored.rating).toStrictEqual(rating);
        expect(stored.events[stored.events.length - 1]).toMatchObject({
          type: 'rated',
          score: 1,
          body: undefined,
        });
      });

      it('refuses a second rating with a ConflictError and changes nothing', async () => {
        const id = await answered();
        await store.rate({ id, actorRef: LEE, score: 5 });
        const before = await rows();
        await expect(
          store.rate({ id, actorRef: LEE, score: 1, comment: 'Changed' }),
        ).rejects.toThrow(
          new ConflictError('The request has already been rated'),
        );
        expect(await rows()).toEqual(before);
      });

      it('keeps the rating when the request is reopened, and refuses another one after it is answered again', async () => {
        const id = await answered();
        const rating = await store.rate({ id, actorRef: LEE, score: 3 });
        await store.transition(act(id, 'reopen'));
        expect((await store.get(id))?.rating).toEqual(rating);
        await store.transition(act(id, 'resolve', { note: 'Again' }));
        await expect(
          store.rate({ id, actorRef: LEE, score: 5 }),
        ).rejects.toThrow(ConflictError);
      });

      it.each([
        ['open', []],
        ['in-progress', ['start']],
        ['withdrawn', ['withdraw']],
      ] as const)(
        'refuses to rate a request that is %s with a ConflictError and writes nothing',
        async (status, actions) => {
          const { id } = await file();
          for (const action of actions) await store.transition(act(id, action));
          const before = await rows();
          await expect(
            store.rate({ id, actorRef: LEE, score: 4 }),
          ).rejects.toThrow(
            new ConflictError(
              `The request is ${status}; only a resolved or declined request can be rated`,
            ),
          );
          expect(await rows()).toEqual(before);
        },
      );

      it('throws a NotFoundError for an unknown id', async () => {
        await expect(
          store.rate({ id: randomUUID(), actorRef: LEE, score: 4 }),
        ).rejects.toThrow(NotFoundError);
        expect(await rows()).toEqual({ consultations: [], events: [] });
      });

      it('stores exactly one of many concurrent ratings', async () => {
        const id = await answered();
        const { fulfilled, rejected } = await settle(
          Array.from({ length: 6 }, (_, i) =>
            store.rate({
              id,
              actorRef: LEE,
              score: (i % 5) + 1,
              comment: `rating ${i}`,
            }),
          ),
        );

        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(5);
        for (const error of rejected) {
          expect(error).toEqual(
            new ConflictError('The request has already been rated'),
          );
        }
        const [winner] = fulfilled;
        const stored = (await store.get(id))!;
        expect(stored.rating).toEqual(winner);
        expect(stored.events.filter(e => e.type === 'rated')).toEqual([
          expect.objectContaining({
            score: winner.score,
            body: winner.comment,
          }),
        ]);
      });
    });

    describe('assign', () => {
      it('assigns and unassigns, recording each in the thread', async () => {
        const { id } = await file();
        const assigned = await store.assign({
          id,
          assigneeRef: SAM,
          actorRef: OLA,
        });
        expect(assigned).toMatchObject({
          id,
          status: 'open',
          assigneeRef: SAM,
          firstResponseAt: expect.any(String),
        });
        const { events: _, ...read } = (await store.get(id))!;
        expect(read).toEqual(assigned);

        await new Promise(resolve => setTimeout(resolve, 5));
        const unassigned = await store.assign({ id, actorRef: OLA });
        expect(unassigned.assigneeRef).toBeUndefined();
        expect(unassigned.firstResponseAt).toBe(assigned.firstResponseAt);
        expect(Date.parse(unassigned.updatedAt)).toBeGreaterThan(
          Date.parse(assigned.updatedAt),
        );
        expect((await store.get(id))!.assigneeRef).toBeUndefined();

        const events = (await store.get(id))!.events.slice(1);
        expect(
          events.map(e => [e.type, e.actorRef, e.assigneeRef, e.toStatus]),
        ).toEqual([
          ['assignment', OLA, SAM, undefined],
          ['assignment', OLA, undefined, undefined],
        ]);
      });

      it('throws a NotFoundError for an unknown id', async () => {
        await expect(
          store.assign({ id: randomUUID(), assigneeRef: SAM, actorRef: OLA }),
        ).rejects.toThrow(NotFoundError);
        expect(await knex('ospo_consultation_events').select()).toEqual([]);
      });
    });

    describe('comment', () => {
      it('adds comments to the thread and counts them', async () => {
        const { id } = await file();
        const first = await store.comment({
          id,
          actorRef: LEE,
          body: 'Any news?',
          byStaff: false,
        });
        expect(first).toEqual({
          id: expect.any(String),
          type: 'comment',
          actorRef: LEE,
          createdAt: expect.any(String),
          body: 'Any news?',
          fromStatus: undefined,
          toStatus: undefined,
          assigneeRef: undefined,
        });
        let read = (await store.get(id))!;
        expect(read.commentCount).toBe(1);
        expect(read.events[1]).toEqual(first);
        expect(read.updatedAt).toBe(first.createdAt);
        // A requester's comment is no response of the OSPO.
        expect(read.firstResponseAt).toBeUndefined();

        const second = await store.comment({
          id,
          actorRef: OLA,
          body: 'Yes: it is fine.',
          byStaff: true,
        });
        read = (await store.get(id))!;
        expect(read.commentCount).toBe(2);
        expect(read.firstResponseAt).toBe(second.createdAt);
        expect(read.events.map(e => e.id)).toEqual([
          read.events[0].id,
          first.id,
          second.id,
        ]);
        expect(read.status).toBe('open');

        await store.comment({
          id,
          actorRef: OLA,
          body: 'Also…',
          byStaff: true,
        });
        read = (await store.get(id))!;
        expect(read.commentCount).toBe(3);
        expect(read.firstResponseAt).toBe(second.createdAt);
      });

      it('counts concurrent comments without losing any', async () => {
        const { id } = await file();
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.comment({ id, actorRef: LEE, body: `${i}`, byStaff: false }),
          ),
        );
        const read = (await store.get(id))!;
        expect(read.commentCount).toBe(10);
        expect(read.events.filter(e => e.type === 'comment')).toHaveLength(10);
      });

      it('throws a NotFoundError for an unknown id and writes nothing', async () => {
        await expect(
          store.comment({
            id: randomUUID(),
            actorRef: LEE,
            body: 'Hello?',
            byStaff: false,
          }),
        ).rejects.toThrow(NotFoundError);
        expect(await knex('ospo_consultation_events').select()).toEqual([]);
      });
    });
  },
);
