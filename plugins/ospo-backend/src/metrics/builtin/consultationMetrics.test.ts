import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { MetricCollectContext, OspoMetric } from '@ospo-kit/plugin-ospo-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseConsultationStore } from '../../consultations/DatabaseConsultationStore';
import { migrateDatabase } from '../../database/migrateDatabase';
import { MetricAggregate } from '../MetricAggregate';
import { createConsultationMetrics } from './consultationMetrics';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// A Wednesday; the period is the 30 days before it.
const NOW = new Date('2026-12-02T12:00:00Z');
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const at = (iso: string) => new Date(iso);

/** A stored request, as the service would have left it. */
interface Row {
  name: string;
  team: string;
  status: string;
  createdAt: string;
  firstResponseAt?: string;
  closedAt?: string;
  rating?: { score: number; ratedAt: string };
}

const ROWS: Row[] = [
  // Answered within a day, resolved two days after filing, rated 5.
  {
    name: 'a',
    team: TEAM_A,
    status: 'resolved',
    createdAt: '2026-11-23T09:00:00Z',
    firstResponseAt: '2026-11-24T10:00:00Z',
    closedAt: '2026-11-25T09:00:00Z',
    rating: { score: 5, ratedAt: '2026-11-26T08:00:00Z' },
  },
  // Filed on a Friday afternoon and answered on Tuesday: 95 hours later,
  // but within two days of weekday time.
  {
    name: 'b',
    team: TEAM_A,
    status: 'declined',
    createdAt: '2026-11-27T15:00:00Z',
    firstResponseAt: '2026-12-01T14:00:00Z',
    closedAt: '2026-12-01T15:00:00Z',
    rating: { score: 2, ratedAt: '2026-12-01T16:00:00Z' },
  },
  // Filed on a Friday and first answered on Wednesday: past the target.
  {
    name: 'c',
    team: TEAM_A,
    status: 'resolved',
    createdAt: '2026-11-20T10:00:00Z',
    firstResponseAt: '2026-11-25T10:00:00Z',
    closedAt: '2026-11-26T10:00:00Z',
  },
  // Still waiting, past the target since this morning.
  {
    name: 'd',
    team: TEAM_B,
    status: 'open',
    createdAt: '2026-11-30T09:00:00Z',
  },
  // Still waiting, within the target.
  {
    name: 'e',
    team: TEAM_B,
    status: 'open',
    createdAt: '2026-12-01T09:00:00Z',
  },
  // Withdrawn without a response before the target passed: left out.
  {
    name: 'f',
    team: TEAM_B,
    status: 'withdrawn',
    createdAt: '2026-11-24T09:00:00Z',
    closedAt: '2026-11-24T12:00:00Z',
  },
  // Withdrawn without a response after the target passed: missed.
  {
    name: 'g',
    team: TEAM_B,
    status: 'withdrawn',
    createdAt: '2026-11-16T09:00:00Z',
    closedAt: '2026-11-20T09:00:00Z',
  },
  // Filed before the period, resolved and rated in it.
  {
    name: 'h',
    team: TEAM_B,
    status: 'resolved',
    createdAt: '2026-09-01T00:00:00Z',
    firstResponseAt: '2026-09-01T01:00:00Z',
    closedAt: '2026-11-10T00:00:00Z',
    rating: { score: 4, ratedAt: '2026-11-11T00:00:00Z' },
  },
  // Resolved before the period, rated in it: a rating, not an answer, of
  // the period.
  {
    name: 'i',
    team: TEAM_B,
    status: 'resolved',
    createdAt: '2026-09-01T00:00:00Z',
    firstResponseAt: '2026-09-01T01:00:00Z',
    closedAt: '2026-10-01T00:00:00Z',
    rating: { score: 3, ratedAt: '2026-11-05T00:00:00Z' },
  },
  // Answered in time, reopened and open again.
  {
    name: 'j',
    team: TEAM_B,
    status: 'open',
    createdAt: '2026-11-10T09:00:00Z',
    firstResponseAt: '2026-11-10T10:00:00Z',
  },
  // Everything before the period: left out of everything.
  {
    name: 'k',
    team: TEAM_B,
    status: 'declined',
    createdAt: '2026-08-01T00:00:00Z',
    firstResponseAt: '2026-08-10T00:00:00Z',
    closedAt: '2026-08-10T00:00:00Z',
    rating: { score: 1, ratedAt: '2026-08-11T00:00:00Z' },
  },
];

async function insert(knex: Knex, rows: Row[]) {
  for (const row of rows) {
    await knex('ospo_consultations').insert({
      id: randomUUID(),
      entity_ref: `component:default/${row.name}`,
      requester_ref: 'user:default/lee',
      topic: 'other',
      summary: row.name,
      urgency: 'normal',
      status: row.status,
      created_at: at(row.createdAt),
      updated_at: at(row.createdAt),
      first_response_at: row.firstResponseAt ? at(row.firstResponseAt) : null,
      closed_at: row.closedAt ? at(row.closedAt) : null,
      rating_score: row.rating?.score ?? null,
      rated_at: row.rating ? at(row.rating.ratedAt) : null,
    });
  }
}

/** Each metric's figure for the org and for each team, as a run adds up. */
async function figures(metric: OspoMetric) {
  const context: MetricCollectContext = {
    teams: new Map(),
    owningTeams: async refs =>
      new Map(
        refs.map(ref => {
          const name = ref.split('/')[1];
          return [ref, ROWS.find(r => r.name === name)?.team];
        }),
      ),
    now: NOW,
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  };
  const org = new MetricAggregate();
  const teams = new Map<string, MetricAggregate>();
  for await (const { teamRef, observation } of metric.collect!(context)) {
    org.add(observation);
    if (!teamRef) continue;
    if (!teams.has(teamRef)) teams.set(teamRef, new MetricAggregate());
    teams.get(teamRef)!.add(observation);
  }
  const { aggregation } = metric.definition;
  return {
    org: org.toFigure(aggregation),
    teamA: teams.get(TEAM_A)?.toFigure(aggregation),
    teamB: teams.get(TEAM_B)?.toFigure(aggregation),
  };
}

describe.each(databases.eachSupportedId())(
  'consultation metrics on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let metrics: OspoMetric[];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      metrics = createConsultationMetrics({
        store: DatabaseConsultationStore.create({ database: knex }),
        periodDays: 30,
        responseTargetHours: 48,
      });
    });

    beforeEach(async () => {
      await knex('ospo_consultation_events').delete();
      await knex('ospo_consultations').delete();
    });

    const metric = (id: string) => {
      const found = metrics.find(m => m.definition.id === id);
      if (!found) throw new Error(`No metric ${id}`);
      return found;
    };

    it('publishes each new metric in the Consultations group', () => {
      expect(
        metrics.map(m => [
          m.definition.id,
          m.definition.unit,
          m.definition.aggregation,
          m.definition.group,
        ]),
      ).toEqual(
        expect.arrayContaining([
          [
            'consultations.first-response-within-target',
            'ratio',
            'ratio',
            'Consultations',
          ],
          ['consultations.resolution-time', 'hours', 'median', 'Consultations'],
          ['consultations.satisfaction', 'score', 'mean', 'Consultations'],
          [
            'consultations.rating-response-rate',
            'ratio',
            'ratio',
            'Consultations',
          ],
        ]),
      );
      expect(
        metric('consultations.satisfaction').definition.breakdowns,
      ).toEqual({ score: 'Score' });
      expect(
        metric('consultations.first-response-within-target').definition
          .computation,
      ).toContain('2 days of weekday time');
    });

    it('takes the median hours from filing to the answer of the requests answered in the period', async () => {
      await insert(knex, ROWS);
      // a 48, b 96, c 144, h 1680 hours; withdrawn, open and older ones left out.
      expect(await figures(metric('consultations.resolution-time'))).toEqual({
        org: { value: 120, denominator: 4 },
        teamA: { value: 96, denominator: 3 },
        teamB: { value: 1680, denominator: 1 },
      });
    });

    it('takes the mean of the ratings given in the period, with the count of each score', async () => {
      await insert(knex, ROWS);
      expect(await figures(metric('consultations.satisfaction'))).toEqual({
        org: {
          value: 3.5,
          denominator: 4,
          breakdown: { score: { '5': 1, '2': 1, '4': 1, '3': 1 } },
        },
        teamA: {
          value: 3.5,
          denominator: 2,
          breakdown: { score: { '5': 1, '2': 1 } },
        },
        teamB: {
          value: 3.5,
          denominator: 2,
          breakdown: { score: { '4': 1, '3': 1 } },
        },
      });
    });

    it('takes the share of the requests answered in the period that were rated', async () => {
      await insert(knex, ROWS);
      expect(
        await figures(metric('consultations.rating-response-rate')),
      ).toEqual({
        org: { value: 0.75, numerator: 3, denominator: 4 },
        teamA: { value: 2 / 3, numerator: 2, denominator: 3 },
        teamB: { value: 1, numerator: 1, denominator: 1 },
      });
    });

    it('takes the share of the requests of the period answered within the target, in weekday time', async () => {
      await insert(knex, ROWS);
      // Within: a, b (over a weekend), j. Missed: c, d (still waiting), g
      // (withdrawn after the target). Not yet due: e; withdrawn in time: f.
      expect(
        await figures(metric('consultations.first-response-within-target')),
      ).toEqual({
        org: { value: 0.5, numerator: 3, denominator: 6 },
        teamA: { value: 2 / 3, numerator: 2, denominator: 3 },
        teamB: { value: 1 / 3, numerator: 1, denominator: 3 },
      });
    });

    it('counts a shorter target in weekday time too', async () => {
      const short = createConsultationMetrics({
        store: DatabaseConsultationStore.create({ database: knex }),
        periodDays: 30,
        responseTargetHours: 4,
      }).find(
        m => m.definition.id === 'consultations.first-response-within-target',
      )!;
      await insert(knex, [
        // Friday 22:00 to Monday 01:00: three hours of weekday time.
        {
          name: 'weekend',
          team: TEAM_A,
          status: 'in-progress',
          createdAt: '2026-11-27T22:00:00Z',
          firstResponseAt: '2026-11-30T01:00:00Z',
        },
        // Monday 09:00 to 14:00: five hours.
        {
          name: 'weekday',
          team: TEAM_A,
          status: 'in-progress',
          createdAt: '2026-11-30T09:00:00Z',
          firstResponseAt: '2026-11-30T14:00:00Z',
        },
      ]);
      expect((await figures(short)).org).toEqual({
        value: 0.5,
        numerator: 1,
        denominator: 2,
      });
      expect(short.definition.description).toContain('4 hours');
    });

    it('has nothing to measure without requests', async () => {
      for (const id of [
        'consultations.resolution-time',
        'consultations.satisfaction',
        'consultations.rating-response-rate',
        'consultations.first-response-within-target',
      ]) {
        expect([id, (await figures(metric(id))).org.value]).toEqual([
          id,
          undefined,
        ]);
      }
    });
  },
);
