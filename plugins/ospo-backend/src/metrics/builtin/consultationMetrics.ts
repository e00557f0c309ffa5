import {
  MetricCollectContext,
  MetricObservation,
  OspoMetric,
  ScopedMetricObservation,
} from '@ospo-kit/plugin-ospo-node';
import {
  ConsultationMetricRecord,
  ConsultationStore,
} from '../../consultations/ConsultationStore';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The requests of the period, each with the team owning its entity. */
async function* recordsWithTeams(
  context: MetricCollectContext,
  store: ConsultationStore,
  periodDays: number,
): AsyncGenerator<{ record: ConsultationMetricRecord; teamRef?: string }> {
  const records = await store.listMetricRecords({
    createdSince: new Date(context.now.getTime() - periodDays * DAY_MS),
  });
  const teams = await context.owningTeams(records.map(r => r.entityRef));
  for (const record of records) {
    yield { record, teamRef: teams.get(record.entityRef) };
  }
}

/**
 * The metrics of the consultation requests to the OSPO, attributed to the
 * team owning each request's entity.
 *
 * @internal
 */
export function createConsultationMetrics(options: {
  store: ConsultationStore;
  /** The period "opened" and "first response" look back over. */
  periodDays: number;
}): OspoMetric[] {
  const { store, periodDays } = options;
  const inPeriod = (
    record: ConsultationMetricRecord,
    context: MetricCollectContext,
  ) =>
    record.createdAt.getTime() >= context.now.getTime() - periodDays * DAY_MS;
  /** Each request's observation, if any, for the team owning its entity. */
  const observing = (
    observe: (
      record: ConsultationMetricRecord,
      context: MetricCollectContext,
    ) => MetricObservation | undefined,
  ) =>
    async function* collect(
      context: MetricCollectContext,
    ): AsyncGenerator<ScopedMetricObservation> {
      for await (const { record, teamRef } of recordsWithTeams(
        context,
        store,
        periodDays,
      )) {
        const observation = observe(record, context);
        if (observation) yield { teamRef, observation };
      }
    };
  return [
    {
      definition: {
        id: 'consultations.opened',
        title: 'Consultations opened',
        description: `Requests to the OSPO filed in the last ${periodDays} days.`,
        computation: `Consultation requests created in the ${periodDays} days before the run, attributed to the team owning the request's entity.`,
        unit: 'count',
        direction: 'neutral',
        aggregation: 'count',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing((record, context) =>
        inPeriod(record, context) ? { count: 1 } : undefined,
      ),
    },
    {
      definition: {
        id: 'consultations.first-response',
        title: 'Time to first OSPO response',
        description: `Median time the OSPO took to first act on a request, over the last ${periodDays} days.`,
        computation: `For requests created in the ${periodDays} days before the run that OSPO staff have acted on (commented, assigned or changed status), the median of the hours from filing to that first action.`,
        unit: 'hours',
        direction: 'lower-is-better',
        aggregation: 'median',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing((record, context) =>
        record.firstResponseAt && inPeriod(record, context)
          ? {
              sample:
                (record.firstResponseAt.getTime() -
                  record.createdAt.getTime()) /
                HOUR_MS,
            }
          : undefined,
      ),
    },
    {
      definition: {
        id: 'consultations.backlog',
        title: 'Consultation backlog',
        description: 'Requests waiting for the OSPO: open or in progress.',
        computation:
          'Consultation requests whose status is open or in progress when the run starts.',
        unit: 'count',
        direction: 'lower-is-better',
        aggregation: 'count',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing(record =>
        record.status === 'open' || record.status === 'in-progress'
          ? { count: 1 }
          : undefined,
      ),
    },
  ];
}
