import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChecklistAnswer,
  ChecklistItemStatus,
  MetricValue,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { OspoMetric } from '@ospo-kit/plugin-ospo-node';
import { ChecklistStore } from '../checklists/ChecklistStore';
import {
  ConsultationMetricRecord,
  ConsultationStore,
} from '../consultations/ConsultationStore';
import { DatabaseClock } from '../database/DatabaseClock';
import { DatabaseMetricsStore } from './DatabaseMetricsStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { OSPO_MATURITY_CHECKLIST } from '../checklists/defaultChecklists';
import { createBuiltinMetrics } from './builtin/createBuiltinMetrics';
import { LicensePolicy } from './LicensePolicy';
import { MetricsRunner } from './MetricsRunner';
import { DatabaseSbomStore } from '../sbom/DatabaseSbomStore';
import { createSbomFactsReader } from '../sbom/SbomFacts';
import { createSbomMetrics } from '../sbom/sbomMetrics';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

function group(
  name: string,
  spec: { parent?: string; children?: string[]; displayName?: string } = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace },
    spec: {
      type: 'team',
      children: spec.children ?? [],
      ...(spec.parent ? { parent: spec.parent } : {}),
      ...(spec.displayName
        ? { profile: { displayName: spec.displayName } }
        : {}),
    },
  };
}

function component(
  name: string,
  options: {
    owner?: string;
    type?: string;
    lifecycle?: string;
    annotations?: Record<string, string>;
    namespace?: string;
    kind?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      annotations: options.annotations ?? {},
    },
    spec: {
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.type ? { type: options.type } : {}),
      ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    },
  };
}

const LICENSE = 'ospo-kit.io/license';
const SOURCE = 'backstage.io/source-location';
const TECHDOCS = 'backstage.io/techdocs-ref';
const SBOM = 'ospo-kit.io/sbom';
const PUBLISHED = 'ospo-kit.io/published-at';
const FORK = 'ospo-kit.io/fork-of';

/**
 * acme ─┬─ commerce ─┬─ team-a
 *       │            └─ team-b   (declared only by commerce's spec.children)
 *       └─ platform ─── team-c   (declared only by team-c's spec.parent)
 * cycle-x ⇄ cycle-y; other/team-z; and references to Groups that do not exist.
 */
const GROUPS = [
  group('acme', { children: ['commerce', 'platform', 'ghost-dept'] }),
  group('commerce', {
    parent: 'acme',
    children: ['team-a', 'team-b'],
    displayName: 'Commerce',
  }),
  group('platform', { parent: 'acme' }),
  group('team-a', { parent: 'commerce' }),
  group('team-b'),
  group('team-c', { parent: 'platform' }),
  group('cycle-x', { parent: 'cycle-y' }),
  group('cycle-y', { parent: 'cycle-x' }),
  group('team-z', { parent: 'no-such-parent' }, 'other'),
];

const COMPONENTS = [
  component('a1', {
    owner: 'team-a',
    type: 'service',
    lifecycle: 'production',
    annotations: {
      [LICENSE]: 'Apache-2.0',
      [SOURCE]: 'url:https://git/a1',
      [TECHDOCS]: 'dir:.',
      [SBOM]: 'https://sbom/a1',
    },
  }),
  component('a2', {
    owner: 'group:default/team-a',
    type: 'website',
    lifecycle: 'experimental',
    annotations: {
      [LICENSE]: 'GPL-3.0-only',
      [PUBLISHED]: 'https://github.com/acme/a2',
      [SOURCE]: 'url:https://git/a2',
    },
  }),
  component('b1', {
    owner: 'team-b',
    type: 'library',
    annotations: {
      [LICENSE]: 'MIT OR GPL-3.0-only',
      [FORK]: 'https://github.com/up/b1',
    },
  }),
  component('b2', {
    owner: 'team-b',
    type: 'service',
    annotations: { [LICENSE]: 'junk license!!' },
  }),
  component('c1', {
    owner: 'team-c',
    type: 'service',
    lifecycle: 'production',
    annotations: { [LICENSE]: '(LGPL-2.1-only AND MIT)', [TECHDOCS]: 'dir:.' },
  }),
  component('u1', {
    owner: 'user:default/erin',
    type: 'service',
    annotations: { [LICENSE]: 'MIT' },
  }),
  component('m1', { owner: 'missing-team', type: 'service' }),
  component('n1', { type: 'service', annotations: { [LICENSE]: '  ' } }),
  component('x1', {
    owner: 'cycle-x',
    type: 'service',
    annotations: { [LICENSE]: 'LicenseRef-Internal' },
  }),
  component('z1', {
    owner: 'team-z',
    namespace: 'other',
    type: 'service',
    // Well-formed, but not on the SPDX license list: declared, yet invalid.
    annotations: { [LICENSE]: 'Apache2' },
  }),
  // Not a component: no component metric looks at it.
  component('api-a', {
    kind: 'API',
    owner: 'team-a',
    annotations: { [LICENSE]: 'GPL-3.0-only' },
  }),
];

class FakeChecklistStore implements Pick<ChecklistStore, 'getAnswers'> {
  constructor(
    private readonly answers: Record<
      string,
      Record<string, ChecklistItemStatus>
    >,
  ) {}
  async getAnswers(teamRefs: string[]): Promise<ChecklistAnswer[]> {
    return teamRefs.flatMap(teamRef =>
      Object.entries(this.answers[teamRef] ?? {}).map(([itemId, status]) => ({
        teamRef,
        checklistId: 'ospo',
        itemId,
        status,
        answeredBy: 'user:default/lee',
        answeredAt: new Date().toISOString(),
        version: 1,
      })),
    );
  }
}

async function setUp(options: {
  entities?: Entity[];
  answers?: Record<string, Record<string, ChecklistItemStatus>>;
  consultations?: ConsultationMetricRecord[];
  catalog?: CatalogService;
  extraMetrics?: OspoMetric[];
  pageSize?: number;
  /** Reads SBOM scans, as the plugin does. */
  sbom?: boolean;
}) {
  const knex = await databases.init('SQLITE_3');
  await migrateDatabase(knex);
  const store = DatabaseMetricsStore.create({ database: knex });
  const sbomStore = DatabaseSbomStore.create({ database: knex });
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: options.entities ?? [] });
  const consultationStore = {
    listMetricRecords: async () => options.consultations ?? [],
  } as unknown as ConsultationStore;
  const runner = MetricsRunner.create({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    metrics: [
      ...createBuiltinMetrics({
        licensePolicy: LicensePolicy.create({}),
        checklists: [OSPO_MATURITY_CHECKLIST],
        checklistStore: new FakeChecklistStore(
          options.answers ?? {},
        ) as unknown as ChecklistStore,
        consultationStore,
        clock: DatabaseClock.create({ database: knex }),
        consultationPeriodDays: 30,
        consultationResponseTargetHours: 48,
      }),
      ...(options.sbom
        ? createSbomMetrics({
            store: sbomStore,
            staleAfterDays: 30,
            periodDays: 90,
          })
        : []),
      ...(options.extraMetrics ?? []),
    ],
    sbom: options.sbom ? createSbomFactsReader(sbomStore) : undefined,
    pageSize: options.pageSize ?? 3,
    retentionMs: 30 * DAY_MS,
    staleAfterMs: HOUR_MS,
  });
  return { runner, store, knex, sbomStore };
}

async function latest(store: DatabaseMetricsStore, scopeRef: string) {
  const run = await store.getLatestSuccessfulRun();
  const values = await store.getValues(run!.id, scopeRef);
  return new Map<string, MetricValue>(values.map(v => [v.metricId, v]));
}

describe('MetricsRunner with the built-in metrics', () => {
  it('computes every catalog metric for the org from a hand-made catalog', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
    });
    const result = await runner.run();
    // Paged three at a time: ten components and one API read once each.
    expect(result.processedEntities).toBe(10);

    const org = await latest(store, ORG_SCOPE);
    expect(org.get('inventory.components')).toMatchObject({
      value: 10,
      breakdown: {
        type: { service: 8, website: 1, library: 1 },
        lifecycle: { production: 2, experimental: 1, unknown: 7 },
      },
    });
    expect(org.get('ownership.coverage')).toMatchObject({
      value: 0.7,
      numerator: 7,
      denominator: 10,
    });
    expect(org.get('source.coverage')).toMatchObject({
      numerator: 2,
      denominator: 10,
    });
    expect(org.get('docs.coverage')).toMatchObject({
      numerator: 2,
      denominator: 10,
    });
    expect(org.get('sbom.coverage')).toMatchObject({
      numerator: 1,
      denominator: 10,
    });
    // Valid SPDX: a1, a2, b1, c1, u1, x1; "junk license!!", the typo
    // "Apache2" and blanks are not.
    expect(org.get('license.declared')).toMatchObject({
      numerator: 6,
      denominator: 10,
    });
    expect(org.get('license.denied')).toMatchObject({
      value: 1,
      breakdown: {
        policy: {
          allowed: 3,
          denied: 1,
          invalid: 2,
          review: 1,
          unclassified: 1,
          undeclared: 2,
        },
        license: {
          'Apache-2.0': 1,
          'GPL-3.0-only': 1,
          'MIT OR GPL-3.0-only': 1,
          'junk license!!': 1,
          Apache2: 1,
          '(LGPL-2.1-only AND MIT)': 1,
          MIT: 1,
          'LicenseRef-Internal': 1,
          undeclared: 2,
        },
      },
    });
    expect(org.get('outbound.published')).toMatchObject({ value: 1 });
    expect(org.get('inbound.forks')).toMatchObject({ value: 1 });
  });

  it('attributes components to their owning team and rolls departments up', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
    });
    await runner.run();

    const inventory = async (scope: string) =>
      (await latest(store, scope)).get('inventory.components')?.value;
    expect(await inventory('group:default/team-a')).toBe(2);
    expect(await inventory('group:default/team-b')).toBe(2);
    expect(await inventory('group:default/commerce')).toBe(4);
    expect(await inventory('group:default/platform')).toBe(1);
    expect(await inventory('group:default/acme')).toBe(5);
    // The owner resolves in the component's own namespace.
    expect(await inventory('group:other/team-z')).toBe(1);
    // A cycle: each Group covers both, once.
    expect(await inventory('group:default/cycle-x')).toBe(1);
    expect(await inventory('group:default/cycle-y')).toBe(1);

    const commerce = await latest(store, 'group:default/commerce');
    expect(commerce.get('license.denied')).toMatchObject({
      value: 1,
      breakdown: { policy: { allowed: 2, denied: 1, invalid: 1 } },
    });
    expect(commerce.get('ownership.coverage')).toMatchObject({
      value: 1,
      numerator: 4,
      denominator: 4,
    });
  });

  it('stores the hierarchy it saw as scopes, dropping references to missing Groups', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
    });
    const { runId } = await runner.run();
    const scopes = new Map((await store.getScopes(runId)).map(s => [s.ref, s]));
    expect(scopes.size).toBe(GROUPS.length + 1);
    expect(scopes.get(ORG_SCOPE)).toEqual({
      ref: 'org',
      type: 'org',
      title: 'Organisation',
    });
    expect(scopes.get('group:default/acme')).toEqual({
      ref: 'group:default/acme',
      type: 'department',
      title: 'acme',
      childRefs: ['group:default/commerce', 'group:default/platform'],
    });
    expect(scopes.get('group:default/commerce')).toMatchObject({
      title: 'Commerce',
      parentRef: 'group:default/acme',
      childRefs: ['group:default/team-a', 'group:default/team-b'],
    });
    expect(scopes.get('group:default/platform')?.childRefs).toEqual([
      'group:default/team-c',
    ]);
    expect(scopes.get('group:default/team-b')).toMatchObject({
      type: 'team',
      parentRef: 'group:default/commerce',
    });
    expect(scopes.get('group:other/team-z')).toEqual({
      ref: 'group:other/team-z',
      type: 'team',
      title: 'team-z',
    });
  });

  it('lists the components without a resolvable owner and those with denied licenses', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
    });
    const { runId } = await runner.run();
    const ownership = await store.getFindings({
      runId,
      metricId: 'ownership.coverage',
      limit: 10,
      offset: 0,
    });
    expect(ownership.items).toEqual([
      {
        metricId: 'ownership.coverage',
        entityRef: 'component:default/m1',
        detail: 'Owner group:default/missing-team is not in the catalog',
      },
      {
        metricId: 'ownership.coverage',
        entityRef: 'component:default/n1',
        detail: 'No owner',
      },
      {
        metricId: 'ownership.coverage',
        entityRef: 'component:default/u1',
        detail: 'Owner user:default/erin is not a Group',
      },
    ]);
    const denied = await store.getFindings({
      runId,
      metricId: 'license.denied',
      limit: 10,
      offset: 0,
    });
    expect(denied.items).toEqual([
      {
        metricId: 'license.denied',
        entityRef: 'component:default/a2',
        teamRef: 'group:default/team-a',
        detail: 'GPL-3.0-only is denied',
      },
    ]);
    const forks = await store.getFindings({
      runId,
      metricId: 'inbound.forks',
      limit: 10,
      offset: 0,
    });
    expect(forks.items.map(f => f.entityRef)).toEqual(['component:default/b1']);
  });

  it('computes checklist completion without not-applicable items, per team and rolled up', async () => {
    const { runner, store } = await setUp({
      entities: GROUPS,
      answers: {
        'group:default/team-a': {
          creation: 'done',
          stakeholders: 'done',
          awareness: 'done',
          consultation: 'done',
          measurement: 'done',
        },
        'group:default/team-b': {
          creation: 'done',
          stakeholders: 'done',
          awareness: 'not-applicable',
          consultation: 'in-progress',
        },
        // An answer to an item no longer configured is not counted.
        'group:default/team-c': { 'removed-item': 'done' },
      },
    });
    await runner.run();

    const completion = async (scope: string) =>
      (await latest(store, scope)).get('checklist.completion');
    const complete = async (scope: string) =>
      (await latest(store, scope)).get('checklist.teams-complete');
    expect(await completion('group:default/team-a')).toMatchObject({
      value: 1,
      numerator: 5,
      denominator: 5,
    });
    expect(await completion('group:default/team-b')).toMatchObject({
      value: 0.5,
      numerator: 2,
      denominator: 4,
    });
    expect(await completion('group:default/commerce')).toMatchObject({
      numerator: 7,
      denominator: 9,
    });
    expect(await complete('group:default/commerce')).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    // Leaf Groups count as teams, with or without answers: team-a, team-b,
    // team-c and team-z; departments without answers do not.
    expect(await completion(ORG_SCOPE)).toMatchObject({
      numerator: 7,
      denominator: 19,
    });
    expect(await complete(ORG_SCOPE)).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
    // The cycle's Groups each have a child, and no answers.
    expect(await completion('group:default/cycle-x')).toMatchObject({
      numerator: 0,
      denominator: 0,
    });
    expect((await completion('group:default/cycle-x'))?.value).toBeUndefined();
  });

  it('computes the consultation metrics of the period, by the team owning each entity', async () => {
    const now = Date.now();
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
      consultations: [
        {
          entityRef: 'component:default/a1',
          status: 'resolved',
          createdAt: new Date(now - 2 * DAY_MS),
          firstResponseAt: new Date(now - 2 * DAY_MS + 4 * HOUR_MS),
          closedAt: new Date(now - DAY_MS),
          rating: { score: 4, ratedAt: new Date(now - 12 * HOUR_MS) },
        },
        {
          entityRef: 'component:default/c1',
          status: 'in-progress',
          createdAt: new Date(now - 10 * DAY_MS),
          firstResponseAt: new Date(now - 10 * DAY_MS + 10 * HOUR_MS),
        },
        {
          entityRef: 'component:default/a2',
          status: 'open',
          createdAt: new Date(now - DAY_MS),
        },
        // Older than the period: only counts in the backlog.
        {
          entityRef: 'component:default/u1',
          status: 'open',
          createdAt: new Date(now - 40 * DAY_MS),
        },
        {
          entityRef: 'component:default/gone',
          status: 'open',
          createdAt: new Date(now - 40 * DAY_MS),
          firstResponseAt: new Date(now - 39 * DAY_MS),
        },
      ],
    });
    await runner.run();

    const org = await latest(store, ORG_SCOPE);
    expect(org.get('consultations.opened')?.value).toBe(3);
    expect(org.get('consultations.first-response')).toMatchObject({
      value: 7,
      denominator: 2,
    });
    expect(org.get('consultations.backlog')?.value).toBe(4);
    expect(org.get('consultations.resolution-time')).toMatchObject({
      value: 24,
      denominator: 1,
    });
    expect(org.get('consultations.satisfaction')).toMatchObject({
      value: 4,
      denominator: 1,
      breakdown: { score: { '4': 1 } },
    });
    expect(org.get('consultations.rating-response-rate')).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 1,
    });
    // a1 and c1 were answered within two days; a2, filed a day ago
    // without a response, is not due yet; u1 and gone are older.
    expect(org.get('consultations.first-response-within-target')).toMatchObject(
      { numerator: 2, denominator: 2 },
    );
    const teamA = await latest(store, 'group:default/team-a');
    expect(teamA.get('consultations.satisfaction')?.value).toBe(4);
    expect(teamA.get('consultations.opened')?.value).toBe(2);
    expect(teamA.get('consultations.first-response')).toMatchObject({
      value: 4,
      denominator: 1,
    });
    expect(teamA.get('consultations.backlog')?.value).toBe(1);
    const acme = await latest(store, 'group:default/acme');
    expect(acme.get('consultations.first-response')?.value).toBe(7);
    expect(acme.get('consultations.backlog')?.value).toBe(2);
  });

  it('reads the latest SBOM scan of each component a page at a time, and rolls it up', async () => {
    const { runner, store, sbomStore } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
      sbom: true,
    });
    const counts = (critical: number, high: number) => ({
      entityRef: '',
      uploadedBy: 'sbom-uploader',
      specVersion: '1.6',
      componentCount: 10,
      licenses: {
        allowed: 10,
        review: 0,
        denied: 0,
        unclassified: 0,
        unknown: 0,
      },
      vulnerabilities: { critical, high, medium: 0, low: 0, unknown: 0 },
    });
    await sbomStore.putScan(
      { ...counts(1, 2), entityRef: 'component:default/a1' },
      [],
    );
    await sbomStore.putScan(
      { ...counts(0, 1), entityRef: 'component:default/c1' },
      [],
    );
    await runner.run();

    const org = await latest(store, ORG_SCOPE);
    expect(org.get('vulnerabilities.open')).toMatchObject({
      value: 4,
      breakdown: { severity: { critical: 1, high: 3 } },
    });
    expect(org.get('sbom.scanned')).toMatchObject({
      numerator: 2,
      denominator: COMPONENTS.filter(e => e.kind === 'Component').length,
    });
    const teamA = await latest(store, 'group:default/team-a');
    expect(teamA.get('vulnerabilities.open')?.value).toBe(3);
    expect(teamA.get('dependencies.licenses')?.value).toBe(10);
  });

  // A catalog with nothing at all is skipped: MetricsRunner.emptyCatalog.test.ts.
  it('stores figures of nothing measured for a catalog with a Group and no components', async () => {
    const { runner, store } = await setUp({ entities: [group('team-a')] });
    const result = await runner.run();
    expect(result).toMatchObject({
      outcome: 'succeeded',
      processedEntities: 0,
      scopeCount: 2,
    });
    const org = await latest(store, ORG_SCOPE);
    expect(org.get('inventory.components')).toMatchObject({ value: 0 });
    expect(org.get('ownership.coverage')).toEqual(
      expect.objectContaining({ numerator: 0, denominator: 0 }),
    );
    expect(org.get('ownership.coverage')?.value).toBeUndefined();
    // The one team has not completed its checklist.
    expect(org.get('checklist.teams-complete')?.value).toBe(0);
    expect(org.get('consultations.first-response')?.value).toBeUndefined();
  });

  it('stops reporting teams that left the catalog', async () => {
    const entities = [...GROUPS, ...COMPONENTS];
    const catalog = catalogServiceMock({ entities });
    const { runner, store } = await setUp({ catalog });
    await runner.run();
    expect((await latest(store, 'group:default/team-c')).size).toBeGreaterThan(
      0,
    );

    const withoutTeamC = entities.filter(e => e.metadata.name !== 'team-c');
    const { runner: second, store: secondStore } = await setUp({
      entities: withoutTeamC,
    });
    await second.run();
    const run = await secondStore.getLatestSuccessfulRun();
    expect(
      await secondStore.getScope(run!.id, 'group:default/team-c'),
    ).toBeUndefined();
    expect(
      await secondStore.getValues(run!.id, 'group:default/team-c'),
    ).toEqual([]);
    // c1's owner no longer resolves.
    expect(
      (await latest(secondStore, ORG_SCOPE)).get('ownership.coverage')
        ?.numerator,
    ).toBe(6);
  });
});

describe('MetricsRunner failures', () => {
  function failingCatalog(entities: Entity[]) {
    const catalog = catalogServiceMock({ entities });
    let fail = false;
    const wrapped: CatalogService = Object.assign(Object.create(catalog), {
      queryEntities: async (
        ...args: Parameters<CatalogService['queryEntities']>
      ) => {
        if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        return catalog.queryEntities(...args);
      },
    });
    return { catalog: wrapped, failFromNowOn: () => (fail = true) };
  }

  it('keeps the last good snapshot and records the error when the catalog is unreachable', async () => {
    const { catalog, failFromNowOn } = failingCatalog([
      ...GROUPS,
      ...COMPONENTS,
    ]);
    const { runner, store } = await setUp({ catalog });
    const good = await runner.run();

    failFromNowOn();
    await expect(runner.run()).rejects.toThrow('ECONNREFUSED');

    const status = await store.getStatus();
    expect(status.running).toBeUndefined();
    expect(status.lastSuccess?.runId).toBe(good.runId);
    expect(status.lastFailure).toMatchObject({
      error: 'connect ECONNREFUSED 127.0.0.1:7007',
    });
    expect((await store.getLatestSuccessfulRun())?.id).toBe(good.runId);
    expect(
      (await latest(store, ORG_SCOPE)).get('inventory.components')?.value,
    ).toBe(10);
  });

  it('records an aborted run (timeout) as failed, without a partial snapshot', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
    });
    const controller = new AbortController();
    controller.abort();
    await expect(runner.run(controller.signal)).rejects.toThrow('aborted');
    const status = await store.getStatus();
    expect(status.lastSuccess).toBeUndefined();
    expect(status.lastFailure?.error).toMatch(/longer than its timeout/);
    expect(await store.getLatestSuccessfulRun()).toBeUndefined();
  });

  it('records a failing metric as a failed run', async () => {
    const broken: OspoMetric = {
      definition: {
        id: 'broken',
        title: 'Broken',
        description: 'Throws',
        computation: 'It throws',
        unit: 'count',
        direction: 'neutral',
        aggregation: 'count',
        kinds: ['Component'],
      },
      catalog: {
        fields: [],
        observe: () => {
          throw new Error('metric exploded');
        },
      },
    };
    const { runner, store } = await setUp({
      entities: COMPONENTS,
      extraMetrics: [broken],
    });
    await expect(runner.run()).rejects.toThrow('metric exploded');
    expect((await store.getStatus()).lastFailure?.error).toBe(
      'metric exploded',
    );
  });

  it('refuses two metrics with the same id', async () => {
    const { runner } = await setUp({});
    expect(() =>
      MetricsRunner.create({
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        store: {} as DatabaseMetricsStore,
        metrics: [runner.metrics[0], runner.metrics[0]],
        retentionMs: 1,
        staleAfterMs: 1,
      }),
    ).toThrow("Metric id 'inventory.components' is used twice");
  });
});

describe('MetricsRunner reads', () => {
  it('asks the catalog for the union of the fields its metrics need, a page at a time', async () => {
    const catalog = catalogServiceMock({
      entities: [...GROUPS, ...COMPONENTS],
    });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const { runner } = await setUp({ catalog, pageSize: 4 });
    await runner.run();

    const requests = spy.mock.calls.map(
      ([request]) => request as Record<string, unknown>,
    );
    const groupReads = requests.filter(r =>
      (r.filter as any)?.kind?.includes?.('Group'),
    );
    expect(groupReads).toHaveLength(1);
    const first = requests.find(r =>
      (r.filter as any)?.kind?.includes?.('component'),
    );
    expect(first).toMatchObject({ filter: { kind: ['component'] }, limit: 4 });
    expect([...(first!.fields as string[])].sort()).toEqual([
      'kind',
      'metadata.annotations',
      'metadata.name',
      'metadata.namespace',
      'spec.lifecycle',
      'spec.owner',
      'spec.type',
    ]);
    // Ten components in pages of four: one first request and two cursors.
    expect(requests.filter(r => 'cursor' in r).length).toBeGreaterThanOrEqual(
      2,
    );
    for (const [, options] of spy.mock.calls) {
      expect(
        (options as { credentials?: { principal: unknown } })?.credentials
          ?.principal,
      ).toMatchObject({ type: 'service' });
    }
  });

  it('reports progress while it reads', async () => {
    const { runner, store } = await setUp({
      entities: [...GROUPS, ...COMPONENTS],
      pageSize: 2,
    });
    const progress: number[] = [];
    const update = store.updateProgress.bind(store);
    jest.spyOn(store, 'updateProgress').mockImplementation(async (runId, n) => {
      progress.push(n);
      expect((await store.getStatus()).running?.runId).toBe(runId);
      return update(runId, n);
    });
    await runner.run();
    expect(progress).toEqual([2, 4, 6, 8, 10]);
  });

  it('keeps a successful run when pruning fails', async () => {
    const { runner, store } = await setUp({ entities: COMPONENTS });
    jest.spyOn(store, 'prune').mockRejectedValue(new Error('disk full'));
    const { runId } = await runner.run();
    expect((await store.getLatestSuccessfulRun())?.id).toBe(runId);
    expect((await store.getStatus()).lastFailure).toBeUndefined();
  });

  it('prunes runs older than the retention but keeps the latest', async () => {
    const { runner, knex } = await setUp({ entities: COMPONENTS });
    const first = await runner.run();
    await knex('ospo_metric_runs')
      .where({ id: first.runId })
      .update({ started_at: new Date(Date.now() - 31 * DAY_MS) });
    const second = await runner.run();
    const ids = (await knex('ospo_metric_runs').select('id')).map(r => r.id);
    expect(ids).toEqual([second.runId]);
    expect(
      await knex('ospo_metric_snapshots').where({ run_id: first.runId }),
    ).toEqual([]);
  });
});
