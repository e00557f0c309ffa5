import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ChecklistDefinition, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { DatabaseChecklistStore } from '../checklists/DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { FixedClock } from '../__testUtils__/fixedClock';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChecklistMatrixService } from './ChecklistMatrixService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const PAGE = { sort: 'title', order: 'asc', limit: 10, offset: 0 } as const;

const DEFINITIONS: ChecklistDefinition[] = [
  {
    id: 'ospo',
    title: 'OSPO',
    items: [
      {
        id: 'stakeholders',
        title: 'Stakeholders',
        description: '',
        validFor: 'P30D',
      },
    ],
  },
];

describe.each(databases.eachSupportedId())(
  'ChecklistMatrixService on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let clock: FixedClock;
    let answers: DatabaseChecklistStore;
    let service: ChecklistMatrixService;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      clock = FixedClock.at('2026-01-01T00:00:00.000Z');
      answers = DatabaseChecklistStore.create({ database: knex, clock });
      const metrics = DatabaseMetricsStore.create({ database: knex });
      const run = await metrics.startRun({ staleBefore: new Date(0) });
      await metrics.completeRun(run.id, {
        scopes: [
          { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
          { ref: TEAM_A, type: 'team', title: 'A' },
          { ref: TEAM_B, type: 'team', title: 'B' },
        ],
        figures: [],
        processedEntities: 0,
      });
      service = ChecklistMatrixService.create({
        definitions: DEFINITIONS,
        checklistStore: answers,
        metricsStore: metrics,
        clock,
      });
      // A's answer expires on 31 January, B's on 10 February.
      await done(TEAM_A);
      clock.set('2026-01-11T00:00:00.000Z');
      await done(TEAM_B);
    });

    async function done(teamRef: string) {
      await answers.setAnswer({
        teamRef,
        checklistId: 'ospo',
        itemId: 'stakeholders',
        status: 'done',
        expectedVersion: 0,
        actorRef: 'user:default/lee',
      });
    }

    async function cellsAt(time: string) {
      clock.set(time);
      const aggregate = await service.getAggregate();
      return {
        aggregate,
        cells: aggregate
          .matrix(PAGE)
          .teams.map(t => t.statuses['ospo/stakeholders']),
      };
    }

    it('rebuilds the heat map when an answer expires, with no write, and only then', async () => {
      const first = await cellsAt('2026-01-20T00:00:00.000Z');
      expect(first.cells).toEqual(['done', 'done']);
      // Nothing changed nor expired since: the same aggregate.
      const same = await cellsAt('2026-01-30T23:59:59.999Z');
      expect(same.aggregate).toBe(first.aggregate);

      const aExpired = await cellsAt('2026-01-31T00:00:00.000Z');
      expect(aExpired.cells).toEqual(['expired', 'done']);
      expect(aExpired.aggregate).not.toBe(first.aggregate);
      expect((await cellsAt('2026-02-09T00:00:00.000Z')).aggregate).toBe(
        aExpired.aggregate,
      );

      const bothExpired = await cellsAt('2026-02-10T00:00:00.000Z');
      expect(bothExpired.cells).toEqual(['expired', 'expired']);
      // No answer left to expire: kept until the next write.
      expect(bothExpired.aggregate.changesAt).toBeUndefined();
      expect((await cellsAt('2027-01-01T00:00:00.000Z')).aggregate).toBe(
        bothExpired.aggregate,
      );

      // A re-attestation is a write: the heat map follows it at once.
      await answers.reattest({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'stakeholders',
        expectedVersion: 1,
        actorRef: 'user:default/lee',
      });
      expect((await cellsAt('2027-01-01T00:00:00.000Z')).cells).toEqual([
        'done',
        'expired',
      ]);
    });
  },
);
