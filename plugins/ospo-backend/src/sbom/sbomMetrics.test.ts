import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  EntitySbomFacts,
  MetricCollectContext,
  MetricObservation,
  OspoMetric,
} from '@ospo-kit/plugin-ospo-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDatabase } from '../database/migrateDatabase';
import { MetricAggregate } from '../metrics/MetricAggregate';
import { DatabaseSbomStore } from './DatabaseSbomStore';
import { createSbomMetrics } from './sbomMetrics';
import { SbomFinding, SbomScanSummary } from './SbomStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-06-30T12:00:00Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const TEAM = 'group:default/team-a';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop' },
  spec: { owner: 'team-a' },
};

function facts(overrides: Partial<EntitySbomFacts> = {}): EntitySbomFacts {
  return {
    scannedAt: new Date(NOW.getTime() - 2 * DAY_MS),
    componentCount: 100,
    licenses: {
      allowed: 95,
      review: 1,
      denied: 2,
      unclassified: 0,
      unknown: 2,
    },
    vulnerabilities: { critical: 1, high: 2, medium: 0, low: 3, unknown: 0 },
    findings: [
      {
        kind: 'license',
        package: { name: 'gpl-lib', version: '1.0.0' },
        license: 'GPL-3.0-only',
        culprits: ['GPL-3.0-only'],
        firstSeenAt: NOW,
      },
    ],
    ...overrides,
  };
}

function metric(metrics: OspoMetric[], id: string): OspoMetric {
  const found = metrics.find(m => m.definition.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

/** The figure of one metric over the observations of some components. */
function figureOf(m: OspoMetric, observed: Array<EntitySbomFacts | undefined>) {
  const aggregate = new MetricAggregate();
  const findings: string[] = [];
  for (const sbom of observed) {
    const observation = m.catalog!.observe(component, {
      entityRef: 'component:default/shop',
      teamRef: TEAM,
      ...(sbom ? { sbom } : {}),
    });
    if (observation) aggregate.add(observation);
    if (observation?.finding) findings.push(observation.finding);
  }
  return { ...aggregate.toFigure(m.definition.aggregation), findings };
}

describe('SBOM metrics', () => {
  const metrics = createSbomMetrics({
    store: {} as DatabaseSbomStore,
    staleAfterDays: 30,
    periodDays: 90,
    now: () => NOW,
  });

  it('counts a component never scanned, or scanned too long ago, as not scanned', () => {
    const stale = facts({ scannedAt: new Date(NOW.getTime() - 31 * DAY_MS) });
    expect(
      figureOf(metric(metrics, 'sbom.scanned'), [facts(), stale, undefined]),
    ).toEqual({
      value: 1 / 3,
      numerator: 1,
      denominator: 3,
      breakdown: { scan: { fresh: 1, stale: 1, never: 1 } },
      findings: [
        'Stale: last scanned 31 days ago',
        'Never scanned: no SBOM was uploaded',
      ],
    });
  });

  it('counts dependencies by license class and the denied ones, leaving out components never scanned', () => {
    expect(
      figureOf(metric(metrics, 'dependencies.licenses'), [
        facts(),
        facts(),
        undefined,
      ]),
    ).toEqual({
      value: 200,
      breakdown: {
        class: { allowed: 190, review: 2, denied: 4, unknown: 4 },
      },
      findings: [],
    });
    expect(
      figureOf(metric(metrics, 'dependencies.violations'), [
        facts(),
        facts({
          licenses: {
            allowed: 10,
            review: 0,
            denied: 0,
            unclassified: 0,
            unknown: 0,
          },
          findings: [],
        }),
        undefined,
      ]),
    ).toEqual({
      value: 2,
      breakdown: { component: { 'with violations': 1, clean: 1 } },
      findings: ['2 denied: gpl-lib (GPL-3.0-only)'],
    });
  });

  it('counts open vulnerabilities by severity', () => {
    expect(
      figureOf(metric(metrics, 'vulnerabilities.open'), [
        facts(),
        facts({
          vulnerabilities: {
            critical: 0,
            high: 0,
            medium: 1,
            low: 0,
            unknown: 1,
          },
        }),
        undefined,
      ]),
    ).toEqual({
      value: 8,
      breakdown: {
        severity: { critical: 1, high: 2, medium: 1, low: 3, unknown: 1 },
      },
      findings: ['1 critical, 2 high'],
    });
  });
});

describe.each(databases.eachSupportedId())(
  'SBOM time-to-fix metrics on %s',
  (databaseId: TestDatabaseId) => {
    const SHOP = 'component:default/shop';
    const CART = 'component:default/cart';

    function scan(entityRef: string): Omit<SbomScanSummary, 'scannedAt'> {
      return {
        entityRef,
        uploadedBy: 'sbom-uploader',
        specVersion: '1.6',
        componentCount: 1,
        licenses: {
          allowed: 0,
          review: 0,
          denied: 1,
          unclassified: 0,
          unknown: 0,
        },
        vulnerabilities: {
          critical: 1,
          high: 0,
          medium: 0,
          low: 0,
          unknown: 0,
        },
      };
    }
    const vulnerability = (id: string): SbomFinding => ({
      kind: 'vulnerability',
      key: `vulnerability:${id}:pkg:npm/lodash@4.17.20`,
      package: { name: 'lodash', version: '4.17.20' },
      vulnerabilityId: id,
      severity: 'critical',
    });

    async function collect(
      m: OspoMetric,
    ): Promise<Array<{ teamRef?: string; observation: MetricObservation }>> {
      const context: MetricCollectContext = {
        teams: new Map(),
        owningTeams: async refs =>
          new Map(refs.map(ref => [ref, ref === SHOP ? TEAM : undefined])),
        now: NOW,
        signal: new AbortController().signal,
        logger: mockServices.logger.mock(),
      };
      const observed = [];
      for await (const o of m.collect!(context)) observed.push(o);
      return observed;
    }

    it('takes the hours from first seen to fixed, of findings fixed in the period, per team', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = DatabaseSbomStore.create({ database: knex });
      // Three vulnerabilities appear; two are fixed by the next scans.
      await store.putScan(scan(SHOP), [
        vulnerability('CVE-1'),
        vulnerability('CVE-2'),
      ]);
      await store.putScan(scan(CART), [vulnerability('CVE-3')]);
      await store.putScan(scan(SHOP), [vulnerability('CVE-2')]);
      await store.putScan(scan(CART), []);
      // The database stamps its own time: move the findings' lives to
      // known days.
      const at = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
      const life: Record<string, [Date, Date | null]> = {
        'CVE-1': [at(10), at(8)], // fixed in 48 hours
        'CVE-2': [at(5), null], // still open
        'CVE-3': [at(200), at(100)], // fixed before the period
      };
      for (const [id, [firstSeenAt, resolvedAt]] of Object.entries(life)) {
        await knex('ospo_sbom_findings')
          .where({ vulnerability_id: id })
          .update({ first_seen_at: firstSeenAt, resolved_at: resolvedAt });
      }

      const metrics = createSbomMetrics({
        store,
        staleAfterDays: 30,
        periodDays: 90,
        now: () => NOW,
      });
      for (const id of [
        'vulnerabilities.time-to-fix',
        'vulnerabilities.time-to-fix-mean',
      ]) {
        expect(await collect(metric(metrics, id))).toEqual([
          { teamRef: TEAM, observation: { sample: 48 } },
        ]);
      }
      expect(
        await collect(metric(metrics, 'dependencies.violations.time-to-fix')),
      ).toEqual([]);
      expect(
        metric(metrics, 'vulnerabilities.time-to-fix-mean').definition
          .aggregation,
      ).toBe('mean');
    });
  },
);
