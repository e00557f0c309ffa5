import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChecklistDefinition, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { DatabaseChecklistStore } from '../../checklists/DatabaseChecklistStore';
import { migrateDatabase } from '../../database/migrateDatabase';
import { FixedClock } from '../../__testUtils__/fixedClock';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseMetricsStore } from '../DatabaseMetricsStore';
import { MetricsRunner } from '../MetricsRunner';
import { createChecklistMetrics } from './checklistMetrics';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const CHECKLISTS: ChecklistDefinition[] = [
  {
    id: 'ospo',
    title: 'OSPO',
    items: [
      { id: 'charter', title: 'Charter', description: '' },
      {
        id: 'stakeholders',
        title: 'Stakeholders',
        description: '',
        validFor: 'P1Y',
      },
    ],
  },
];

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

describe.each(databases.eachSupportedId())(
  'checklist metrics on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let clock: FixedClock;
    let answers: DatabaseChecklistStore;
    let metrics: DatabaseMetricsStore;
    let runner: MetricsRunner;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      clock = FixedClock.at('2025-06-01T12:00:00.000Z');
      answers = DatabaseChecklistStore.create({ database: knex, clock });
      metrics = DatabaseMetricsStore.create({ database: knex });
      runner = MetricsRunner.create({
        catalog: catalogServiceMock({
          entities: [group('team-a'), group('team-b')],
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        store: metrics,
        metrics: createChecklistMetrics({
          checklists: CHECKLISTS,
          store: answers,
          clock,
        }),
        retentionMs: 400 * 24 * 60 * 60 * 1000,
        staleAfterMs: 60 * 60 * 1000,
      });
      for (const teamRef of [TEAM_A, TEAM_B]) {
        for (const itemId of ['charter', 'stakeholders']) {
          await answers.setAnswer({
            teamRef,
            checklistId: 'ospo',
            itemId,
            status: 'done',
            expectedVersion: 0,
            actorRef: 'user:default/lee',
          });
        }
      }
    });

    /** The latest run's figure of a metric for a scope. */
    async function figure(metricId: string, scopeRef = ORG_SCOPE) {
      const run = await metrics.getLatestSuccessfulRun();
      const values = await metrics.getValues(run!.id, scopeRef);
      const value = values.find(v => v.metricId === metricId)!;
      return [value.numerator, value.denominator];
    }

    it('counts an answer that expired since the last run as not done in the next', async () => {
      // A day before the stakeholders answers expire: all done.
      clock.set('2026-05-31T12:00:00.000Z');
      await runner.run();
      expect(await figure('checklist.completion')).toEqual([4, 4]);
      expect(await figure('checklist.teams-complete')).toEqual([2, 2]);

      // Team B re-attests in time; Team A lets its answer expire.
      await answers.reattest({
        teamRef: TEAM_B,
        checklistId: 'ospo',
        itemId: 'stakeholders',
        expectedVersion: 1,
        actorRef: 'user:default/sam',
      });
      // Nothing was written about Team A between the runs: only time passed.
      clock.set('2026-06-01T12:00:00.000Z');
      await runner.run();
      expect(await figure('checklist.completion')).toEqual([3, 4]);
      expect(await figure('checklist.completion', TEAM_A)).toEqual([1, 2]);
      expect(await figure('checklist.completion', TEAM_B)).toEqual([2, 2]);
      expect(await figure('checklist.teams-complete')).toEqual([1, 2]);

      // Re-attested, it counts again from the next run on.
      await answers.reattest({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'stakeholders',
        expectedVersion: 1,
        actorRef: 'user:default/lee',
      });
      await runner.run();
      expect(await figure('checklist.completion')).toEqual([4, 4]);
    });
  },
);
