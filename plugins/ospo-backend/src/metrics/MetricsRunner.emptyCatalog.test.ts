import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { OSPO_MATURITY_CHECKLIST } from '../checklists/defaultChecklists';
import { ConsultationStore } from '../consultations/ConsultationStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { createBuiltinMetrics } from './builtin/createBuiltinMetrics';
import { DatabaseClock } from '../database/DatabaseClock';
import { DatabaseMetricsStore } from './DatabaseMetricsStore';
import { LicensePolicy } from './LicensePolicy';
import { MetricsRunner } from './MetricsRunner';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const TEAM: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const COMPONENT: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'one', namespace: 'default' },
  spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
};
// Entities of kinds no metric reads: what a catalog may hold early on.
const USER: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'olivia', namespace: 'default' },
  spec: {},
};
const LOCATION: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'org', namespace: 'default' },
  spec: { type: 'file', target: './org.yaml' },
};

describe.each(databases.eachSupportedId())(
  'MetricsRunner on an empty catalog, %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
    });

    beforeEach(async () => {
      await knex('ospo_metric_findings').delete();
      await knex('ospo_metric_snapshots').delete();
      await knex('ospo_metric_scopes').delete();
      await knex('ospo_metric_runs').delete();
    });

    function setUp(entities: Entity[]) {
      const { catalog, set } = changingCatalog(entities);
      const store = DatabaseMetricsStore.create({ database: knex });
      const logger = mockServices.logger.mock();
      const runner = MetricsRunner.create({
        catalog,
        auth: mockServices.auth(),
        logger,
        store,
        metrics: createBuiltinMetrics({
          licensePolicy: LicensePolicy.create({}),
          checklists: [OSPO_MATURITY_CHECKLIST],
          checklistStore: {
            getAnswers: async () => [],
          } as unknown as ChecklistStore,
          consultationStore: {
            listMetricRecords: async () => [],
          } as unknown as ConsultationStore,
          clock: DatabaseClock.create({ database: knex }),
          consultationPeriodDays: 30,
          consultationResponseTargetHours: 48,
        }),
        retentionMs: 30 * 24 * 60 * 60 * 1000,
        staleAfterMs: 60 * 60 * 1000,
      });
      return { runner, store, logger, setEntities: set };
    }

    it('records a run over no entities as skipped, not as the latest figures', async () => {
      const { runner, store, logger } = setUp([]);
      const version = await store.getHistoryVersion();

      const result = await runner.run();

      expect(result).toEqual({
        runId: expect.any(String),
        outcome: 'skipped',
        processedEntities: 0,
        scopeCount: 0,
      });
      const status = await store.getStatus();
      expect(status).toStrictEqual({
        lastSkip: {
          runId: result.runId,
          startedAt: expect.any(String),
          finishedAt: expect.any(String),
          reason: 'catalog-empty',
        },
      });
      expect(await store.getLatestSuccessfulRun()).toBeUndefined();
      expect(await store.getHistoryVersion()).toBe(version);
      expect(await knex('ospo_metric_snapshots')).toEqual([]);
      expect(await knex('ospo_metric_scopes')).toEqual([]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('skipped'),
      );
    });

    it('skips a catalog that holds only kinds no metric reads', async () => {
      const { runner } = setUp([USER, LOCATION]);
      expect((await runner.run()).outcome).toBe('skipped');
    });

    it.each([
      ['a Group', [TEAM]],
      ['a Component', [COMPONENT]],
    ])('stores a run that saw %s', async (_, entities) => {
      const { runner, store } = setUp(entities);
      const result = await runner.run();
      expect(result.outcome).toBe('succeeded');
      expect((await store.getLatestSuccessfulRun())?.id).toBe(result.runId);
      expect(await store.getStatus()).not.toHaveProperty('lastSkip');
    });

    it('keeps serving the last success when a later run finds the catalog empty', async () => {
      const { runner, store, setEntities } = setUp([TEAM, COMPONENT]);
      const good = await runner.run();
      setEntities([]);
      const skipped = await runner.run();

      expect(skipped.outcome).toBe('skipped');
      const status = await store.getStatus();
      expect(status.lastSuccess?.runId).toBe(good.runId);
      expect(status.lastSkip?.runId).toBe(skipped.runId);
      expect((await store.getLatestSuccessfulRun())?.id).toBe(good.runId);
      const values = await store.getValues(good.runId, ORG_SCOPE);
      expect(
        values.find(v => v.metricId === 'inventory.components')?.value,
      ).toBe(1);
    });

    it('keeps only the latest skipped run, and forgets it once a run succeeds', async () => {
      const { runner, store, setEntities } = setUp([]);
      await runner.run();
      await runner.run();
      const third = await runner.run();
      const rows = await knex('ospo_metric_runs').select('id', 'status');
      expect(rows).toEqual([{ id: third.runId, status: 'skipped' }]);

      setEntities([TEAM, COMPONENT]);
      const good = await runner.run();
      const status = await store.getStatus();
      expect(status.lastSuccess?.runId).toBe(good.runId);
      expect(status).not.toHaveProperty('lastSkip');
    });
  },
);
