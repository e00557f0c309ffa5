import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseEntityChecksStore } from './DatabaseEntityChecksStore';
import { StoredEntityChecks } from './EntityChecksStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SHOP = 'component:default/shop';
const CART = 'component:default/cart';

function checks(
  entityRef: string,
  evaluatedAt: Date,
  overrides: Partial<StoredEntityChecks> = {},
): StoredEntityChecks {
  return {
    entityRef,
    teamRef: 'group:default/team-a',
    entityEtag: 'etag-1',
    evaluatedAt,
    evaluatedBy: 'run',
    results: [
      {
        checkId: 'license-policy',
        title: 'License policy',
        verdict: 'fail',
        reason: 'AGPL-3.0-only is denied by the license policy',
        fix: 'Relicense it.',
      },
    ],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseEntityChecksStore on %s',
  (databaseId: TestDatabaseId) => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return {
        knex,
        store: DatabaseEntityChecksStore.create({ database: knex }),
      };
    }

    it('keeps one row per entity: the latest verdicts', async () => {
      const { knex, store } = await setup();
      const first = new Date('2026-11-01T10:00:00Z');
      const second = new Date('2026-11-02T10:00:00Z');
      await store.put([checks(SHOP, first)], 'run-1');
      await store.put(
        [
          checks(SHOP, second, {
            entityEtag: 'etag-2',
            results: [
              {
                checkId: 'license-policy',
                title: 'License policy',
                verdict: 'pass',
                reason: 'MIT is allowed by the license policy',
              },
            ],
          }),
        ],
        'run-2',
      );
      expect(await store.get(SHOP)).toEqual(
        checks(SHOP, second, {
          entityEtag: 'etag-2',
          results: [
            {
              checkId: 'license-policy',
              title: 'License policy',
              verdict: 'pass',
              reason: 'MIT is allowed by the license policy',
            },
          ],
        }),
      );
      const rows = await knex('ospo_entity_checks');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ fail_count: 0, pass_count: 1 });
      expect(await store.get(CART)).toBeUndefined();
    });

    it('prunes entities the run did not see, but not those refreshed since it started', async () => {
      const { store } = await setup();
      const before = new Date('2026-11-01T10:00:00Z');
      const runStart = new Date('2026-11-02T10:00:00Z');
      const during = new Date('2026-11-02T10:05:00Z');
      await store.put([checks(SHOP, before), checks(CART, before)], 'run-1');
      await store.put([checks(SHOP, runStart)], 'run-2');
      await store.put([
        checks('component:default/new', during, { evaluatedBy: 'refresh' }),
      ]);
      expect(await store.pruneUnseen('run-2', runStart)).toBe(1);
      expect(await store.get(CART)).toBeUndefined();
      expect(await store.get(SHOP)).toBeDefined();
      expect(await store.get('component:default/new')).toBeDefined();
    });

    it('keeps the run that saw an entity when it is refreshed', async () => {
      const { store } = await setup();
      const runStart = new Date('2026-11-02T10:00:00Z');
      await store.put([checks(SHOP, runStart)], 'run-2');
      // Refreshed before the run ends, e.g. with an older clock: still seen.
      await store.put([
        checks(SHOP, new Date('2026-11-02T09:59:00Z'), {
          evaluatedBy: 'refresh',
        }),
      ]);
      expect(await store.pruneUnseen('run-2', runStart)).toBe(0);
      expect((await store.get(SHOP))?.evaluatedBy).toBe('refresh');
    });

    it('writes many entities in batches', async () => {
      const { store } = await setup();
      const at = new Date('2026-11-02T10:00:00Z');
      const many = Array.from({ length: 450 }, (_, i) =>
        checks(`component:default/c${i}`, at),
      );
      await store.put(many, 'run-1');
      expect(await store.get('component:default/c449')).toBeDefined();
    });
  },
);
