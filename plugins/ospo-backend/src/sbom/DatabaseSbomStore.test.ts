import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseSbomStore } from './DatabaseSbomStore';
import { SbomFinding, SbomScanSummary } from './SbomStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SHOP = 'component:default/shop';
const CART = 'component:default/cart';

function scan(
  entityRef: string,
  overrides: Partial<Omit<SbomScanSummary, 'scannedAt'>> = {},
): Omit<SbomScanSummary, 'scannedAt'> {
  return {
    entityRef,
    uploadedBy: 'sbom-uploader',
    specVersion: '1.6',
    tool: 'cyclonedx-npm 1.19.3',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    componentCount: 3,
    licenses: { allowed: 1, review: 0, denied: 1, unclassified: 0, unknown: 1 },
    vulnerabilities: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
    ...overrides,
  };
}

const GPL: SbomFinding = {
  kind: 'license',
  key: 'license:pkg:npm/gpl-lib@1.0.0:GPL-3.0-only',
  package: { name: 'gpl-lib', version: '1.0.0', purl: 'pkg:npm/gpl-lib@1.0.0' },
  license: 'GPL-3.0-only',
  culprits: ['GPL-3.0-only'],
};

function vulnerability(
  id: string,
  overrides: Partial<Extract<SbomFinding, { kind: 'vulnerability' }>> = {},
): SbomFinding {
  return {
    kind: 'vulnerability',
    key: `vulnerability:${id}:pkg:npm/lodash@4.17.20`,
    package: {
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
    },
    vulnerabilityId: id,
    severity: 'high',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseSbomStore on %s',
  (databaseId: TestDatabaseId) => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return { knex, store: DatabaseSbomStore.create({ database: knex }) };
    }

    it('stores a scan as the latest, with its open findings worst first', async () => {
      const { store } = await setup();
      const before = Date.now();
      const stored = await store.putScan(scan(SHOP), [
        vulnerability('CVE-2020-0002', { severity: 'low' }),
        vulnerability('CVE-2021-23337', {
          severity: 'critical',
          fixedVersion: '4.17.21',
          url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
        }),
        GPL,
      ]);
      // Database time, close to the test's clock.
      expect(Math.abs(stored.scannedAt.getTime() - before)).toBeLessThan(
        60_000,
      );
      expect(stored).toEqual({ ...scan(SHOP), scannedAt: stored.scannedAt });

      const latest = await store.getLatest([SHOP, CART]);
      expect([...latest.keys()]).toEqual([SHOP]);
      const shop = latest.get(SHOP)!;
      expect(shop.summary).toEqual(stored);
      expect(shop.findings).toEqual([
        { ...GPL, firstSeenAt: stored.scannedAt },
        {
          ...vulnerability('CVE-2021-23337', {
            severity: 'critical',
            fixedVersion: '4.17.21',
            url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
          }),
          firstSeenAt: stored.scannedAt,
        },
        {
          ...vulnerability('CVE-2020-0002', { severity: 'low' }),
          firstSeenAt: stored.scannedAt,
        },
      ]);
      expect(await store.listScanTimes()).toEqual(
        new Map([[SHOP, stored.scannedAt]]),
      );
    });

    it('keeps findings that persist, updates what changed, resolves the gone and opens the new', async () => {
      const { store } = await setup();
      const first = await store.putScan(scan(SHOP), [
        GPL,
        vulnerability('CVE-2021-23337'),
        vulnerability('CVE-2020-8203'),
      ]);
      await new Promise(resolve => setTimeout(resolve, 5));
      const second = await store.putScan(scan(SHOP), [
        // Now with a fix, and rated critical.
        vulnerability('CVE-2021-23337', {
          severity: 'critical',
          fixedVersion: '4.17.21',
        }),
        vulnerability('CVE-2022-0001'),
      ]);
      expect(second.scannedAt.getTime()).toBeGreaterThan(
        first.scannedAt.getTime(),
      );

      const { findings } = (await store.getLatest([SHOP])).get(SHOP)!;
      expect(findings).toEqual([
        {
          ...vulnerability('CVE-2021-23337', {
            severity: 'critical',
            fixedVersion: '4.17.21',
          }),
          // Still the same finding: first seen in the first scan.
          firstSeenAt: first.scannedAt,
        },
        { ...vulnerability('CVE-2022-0001'), firstSeenAt: second.scannedAt },
      ]);

      const all = await store.listFindings({});
      expect(all.map(f => [f.key, f.firstSeenAt, f.resolvedAt]).sort()).toEqual(
        [
          [GPL.key, first.scannedAt, second.scannedAt],
          [
            vulnerability('CVE-2020-8203').key,
            first.scannedAt,
            second.scannedAt,
          ],
          [vulnerability('CVE-2021-23337').key, first.scannedAt, undefined],
          [vulnerability('CVE-2022-0001').key, second.scannedAt, undefined],
        ].sort(),
      );
    });

    it('opens a finding again as a new one when it comes back', async () => {
      const { store } = await setup();
      const first = await store.putScan(scan(SHOP), [GPL]);
      const second = await store.putScan(scan(SHOP), []);
      const third = await store.putScan(scan(SHOP), [GPL]);

      expect((await store.getLatest([SHOP])).get(SHOP)!.findings).toEqual([
        { ...GPL, firstSeenAt: third.scannedAt },
      ]);
      const records = await store.listFindings({ kind: 'license' });
      expect(records).toEqual([
        {
          ...GPL,
          entityRef: SHOP,
          firstSeenAt: first.scannedAt,
          resolvedAt: second.scannedAt,
        },
        { ...GPL, entityRef: SHOP, firstSeenAt: third.scannedAt },
      ]);
    });

    it('lists findings by kind, open only, or open and resolved since a date', async () => {
      const { store } = await setup();
      const first = await store.putScan(scan(SHOP), [
        GPL,
        vulnerability('CVE-2021-23337'),
      ]);
      await store.putScan(scan(CART), [vulnerability('CVE-2020-8203')]);
      await new Promise(resolve => setTimeout(resolve, 5));
      const second = await store.putScan(scan(SHOP), [GPL]);

      const keysOf = (records: Array<{ entityRef: string; key: string }>) =>
        records.map(r => `${r.entityRef} ${r.key}`).sort();
      expect(keysOf(await store.listFindings({ kind: 'license' }))).toEqual([
        `${SHOP} ${GPL.key}`,
      ]);
      expect(
        keysOf(
          await store.listFindings({ kind: 'vulnerability', openOnly: true }),
        ),
      ).toEqual([`${CART} ${vulnerability('CVE-2020-8203').key}`]);
      // Resolved by the second scan: in when asked since then, out after.
      expect(
        keysOf(
          await store.listFindings({
            kind: 'vulnerability',
            resolvedSince: second.scannedAt,
          }),
        ),
      ).toEqual(
        [
          `${CART} ${vulnerability('CVE-2020-8203').key}`,
          `${SHOP} ${vulnerability('CVE-2021-23337').key}`,
        ].sort(),
      );
      expect(
        keysOf(
          await store.listFindings({
            kind: 'vulnerability',
            resolvedSince: new Date(second.scannedAt.getTime() + 1),
          }),
        ),
      ).toEqual([`${CART} ${vulnerability('CVE-2020-8203').key}`]);
      expect(first.scannedAt.getTime()).toBeLessThan(
        second.scannedAt.getTime(),
      );
    });

    it('keeps the history of summaries, newest first', async () => {
      const { store } = await setup();
      for (const count of [10, 20, 30]) {
        await store.putScan(scan(SHOP, { componentCount: count }), []);
      }
      await store.putScan(
        scan(CART, {
          componentCount: 99,
          tool: undefined,
          serialNumber: undefined,
        }),
        [],
      );
      const history = await store.listHistory(SHOP);
      expect(history.map(s => s.componentCount)).toEqual([30, 20, 10]);
      expect(
        (await store.listHistory(SHOP, { limit: 2 })).map(
          s => s.componentCount,
        ),
      ).toEqual([30, 20]);
      const [cart] = await store.listHistory(CART);
      expect(cart).not.toHaveProperty('tool');
      expect(cart).not.toHaveProperty('serialNumber');
      expect((await store.getLatest([SHOP])).get(SHOP)!.summary).toEqual(
        history[0],
      );
    });

    it('leaves the previous scan intact when storing a scan fails midway', async () => {
      const { knex, store } = await setup();
      const first = await store.putScan(scan(SHOP), [GPL]);
      const broken = {
        ...vulnerability('CVE-2021-23337'),
        // No package name: the findings insert fails on NOT NULL, after
        // the latest row and the history were written.
        package: { name: null },
      } as unknown as SbomFinding;
      await expect(
        store.putScan(scan(SHOP, { componentCount: 5 }), [broken]),
      ).rejects.toBeDefined();

      const latest = (await store.getLatest([SHOP])).get(SHOP)!;
      expect(latest.summary).toEqual(first);
      expect(latest.findings).toEqual([
        { ...GPL, firstSeenAt: first.scannedAt },
      ]);
      expect(await store.listHistory(SHOP)).toEqual([first]);
      expect(await knex('ospo_sbom_findings')).toHaveLength(1);
      expect(await store.listScanTimes()).toEqual(
        new Map([[SHOP, first.scannedAt]]),
      );
      // Nor is a first scan left half-written.
      await expect(store.putScan(scan(CART), [broken])).rejects.toBeDefined();
      expect((await store.getLatest([CART])).size).toBe(0);
      expect(await store.listHistory(CART)).toEqual([]);
    });

    it('reads the latest scans of many entities in chunks', async () => {
      const { store } = await setup();
      const refs = Array.from(
        { length: 1200 },
        (_, i) => `component:default/c${i}`,
      );
      for (const ref of [refs[0], refs[599], refs[1199]]) {
        await store.putScan(scan(ref), [GPL]);
      }
      const latest = await store.getLatest(refs);
      expect([...latest.keys()].sort()).toEqual(
        [refs[0], refs[1199], refs[599]].sort(),
      );
      expect(latest.get(refs[1199])!.findings).toHaveLength(1);
      expect((await store.getLatest([])).size).toBe(0);
    });

    it('deletes the scans and findings of entities', async () => {
      const { knex, store } = await setup();
      await store.putScan(scan(SHOP), [GPL]);
      await store.putScan(scan(SHOP), []);
      await store.putScan(scan(CART), [GPL]);
      await store.deleteEntities([SHOP, 'component:default/never']);
      expect([...(await store.getLatest([SHOP, CART])).keys()]).toEqual([CART]);
      expect(await store.listHistory(SHOP)).toEqual([]);
      expect((await knex('ospo_sbom_findings')).map(r => r.entity_ref)).toEqual(
        [CART],
      );
      expect([...(await store.listScanTimes()).keys()]).toEqual([CART]);
    });

    it('stores many findings at once', async () => {
      const { store } = await setup();
      const many = Array.from({ length: 700 }, (_, i) =>
        vulnerability(`CVE-2024-${10000 + i}`),
      );
      await store.putScan(scan(SHOP), many);
      await store.putScan(scan(SHOP), many.slice(0, 350));
      expect((await store.getLatest([SHOP])).get(SHOP)!.findings).toHaveLength(
        350,
      );
      expect(await store.listFindings({ openOnly: true })).toHaveLength(350);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('stores concurrent scans of one entity one after the other', async () => {
        const { knex, store } = await setup();
        // Each scan has its own findings: whichever is stored last must be
        // the latest, with exactly its findings open and the rest resolved.
        const scans = Array.from({ length: 8 }, (_, i) => ({
          summary: scan(SHOP, { componentCount: i }),
          findings: [
            vulnerability(`CVE-2024-${i}`),
            vulnerability('CVE-2021-23337'),
          ],
        }));
        const stored = await Promise.all(
          scans.map(s => store.putScan(s.summary, s.findings)),
        );
        const history = await store.listHistory(SHOP);
        expect(history).toHaveLength(8);
        // Dated in the order they were stored.
        const times = history.map(s => s.scannedAt.getTime());
        expect([...times].sort((a, b) => b - a)).toEqual(times);

        const last = history[0].componentCount;
        const latest = (await store.getLatest([SHOP])).get(SHOP)!;
        expect(latest.summary).toEqual(stored[last]);
        expect(latest.findings.map(f => f.key).sort()).toEqual(
          scans[last].findings.map(f => f.key).sort(),
        );
        // One open row per key, never two.
        const open = await knex('ospo_sbom_findings').whereNull('resolved_at');
        expect(open).toHaveLength(2);
        // The finding every scan had stayed open from the first.
        const shared = latest.findings.find(
          f => f.key === vulnerability('CVE-2021-23337').key,
        )!;
        expect(shared.firstSeenAt).toEqual(history[7].scannedAt);
        // Every other scan's own finding was opened, then resolved.
        expect(
          await knex('ospo_sbom_findings').whereNotNull('resolved_at'),
        ).toHaveLength(7);
      });

      it('does not hold a scan of one entity up behind a scan of another', async () => {
        const { knex, store } = await setup();
        // Another transaction holds SHOP's row.
        await store.putScan(scan(SHOP), []);
        const holder = await knex.transaction();
        await holder('ospo_sbom_latest')
          .where({ entity_ref: SHOP })
          .update({ entity_ref: SHOP });
        try {
          const cart = store.putScan(scan(CART), [GPL]);
          const outcome = await Promise.race([
            cart.then(() => 'stored'),
            new Promise(resolve => setTimeout(() => resolve('waiting'), 5000)),
          ]);
          expect(outcome).toBe('stored');

          const shop = store.putScan(scan(SHOP, { componentCount: 7 }), []);
          const waiting = await Promise.race([
            shop.then(() => 'stored'),
            new Promise(resolve => setTimeout(() => resolve('waiting'), 300)),
          ]);
          expect(waiting).toBe('waiting');
          await holder.commit();
          expect((await shop).componentCount).toBe(7);
        } finally {
          if (!holder.isCompleted()) await holder.rollback();
        }
      });
    }
  },
);
