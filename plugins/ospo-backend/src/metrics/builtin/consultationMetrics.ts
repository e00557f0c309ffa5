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
import { addWeekdayTime } from '../../consultations/addWeekdayTime';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The requests of the period, each with the team owning its entity. */
async function* recordsWithTeams(
  context: MetricCollectContext,
  store: ConsultationStore,
  periodDays: number,
): AsyncGenerator<{ record: ConsultationMetricRecord; teamRef?: string }> {
  const records = await store.listMetricRecords({
    since: new Date(context.now.getTime() - periodDays * DAY_MS),
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
  /** The period the metrics look back over, in days. */
  periodDays: number;
  /** The OSPO's first-response target, in weekday hours (`ospo.office.responseTarget`). */
  responseTargetHours: number;
}): OspoMetric[] {
  const { store, periodDays, responseTargetHours } = options;
  const since = (context: MetricCollectContext) =>
    context.now.getTime() - periodDays * DAY_MS;
  const inPeriod = (
    record: ConsultationMetricRecord,
    context: MetricCollectContext,
  ) => record.createdAt.getTime() >= since(context);
  /** Resolved or declined in the period: answered, so rateable. */
  const answeredInPeriod = (
    record: ConsultationMetricRecord,
    context: MetricCollectContext,
  ) =>
    (record.status === 'resolved' || record.status === 'declined') &&
    record.closedAt !== undefined &&
    record.closedAt.getTime() >= since(context);
  const target = `${formatHours(
    responseTargetHours,
  )} of weekday time (Saturdays and Sundays, UTC, do not count)`;
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
    {
      definition: {
        id: 'consultations.first-response-within-target',
        title: 'First responses within target',
        description: `Share of requests of the last ${periodDays} days the OSPO first responded to within its target of ${formatHours(
          responseTargetHours,
        )}.`,
        computation: `Of the requests created in the ${periodDays} days before the run that OSPO staff have acted on, or that are past the target without a response, the share whose first action came within the target: ${target}, from \`ospo.office.responseTarget\`. Requests still within the target without a response, and requests withdrawn without a response before it passed, are left out.`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing((record, context) => {
        if (!inPeriod(record, context)) return undefined;
        const due = addWeekdayTime(
          record.createdAt,
          responseTargetHours * HOUR_MS,
        ).getTime();
        if (record.firstResponseAt) {
          return {
            numerator: record.firstResponseAt.getTime() <= due ? 1 : 0,
            denominator: 1,
          };
        }
        // Without a response, the request counts once the target has passed
        // while it still waited.
        const waitedUntil =
          record.status === 'withdrawn' && record.closedAt
            ? record.closedAt.getTime()
            : context.now.getTime();
        return waitedUntil > due ? { numerator: 0, denominator: 1 } : undefined;
      }),
    },
    {
      definition: {
        id: 'consultations.resolution-time',
        title: 'Time to resolution',
        description: `Median time from filing a request to the OSPO's answer, over requests answered in the last ${periodDays} days.`,
        computation: `For requests resolved or declined in the ${periodDays} days before the run (and not reopened since), the median of the hours from filing to the last resolve or decline, weekends included. Withdrawn requests are left out.`,
        unit: 'hours',
        direction: 'lower-is-better',
        aggregation: 'median',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing((record, context) =>
        answeredInPeriod(record, context)
          ? {
              sample:
                (record.closedAt!.getTime() - record.createdAt.getTime()) /
                HOUR_MS,
            }
          : undefined,
      ),
    },
    {
      definition: {
        id: 'consultations.satisfaction',
        title: 'Consultation satisfaction',
        description: `Mean rating requesters gave the OSPO's answers in the last ${periodDays} days, from 1 (poor) to 5 (excellent).`,
        computation: `The mean score of the ratings given in the ${periodDays} days before the run; a requester may rate a resolved or declined request once. The breakdown counts the ratings of each score.`,
        unit: 'score',
        direction: 'higher-is-better',
        aggregation: 'mean',
        kinds: [],
        group: 'Consultations',
        breakdowns: { score: 'Score' },
      },
      collect: observing((record, context) =>
        record.rating && record.rating.ratedAt.getTime() >= since(context)
          ? {
              sample: record.rating.score,
              breakdown: { score: String(record.rating.score) },
            }
          : undefined,
      ),
    },
    {
      definition: {
        id: 'consultations.rating-response-rate',
        title: 'Answers rated',
        description: `Share of the requests answered in the last ${periodDays} days that their requester rated.`,
        computation: `Of the requests resolved or declined in the ${periodDays} days before the run (and not reopened since), the share that has a rating.`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: [],
        group: 'Consultations',
      },
      collect: observing((record, context) =>
        answeredInPeriod(record, context)
          ? { numerator: record.rating ? 1 : 0, denominator: 1 }
          : undefined,
      ),
    },
  ];
}

/** "48 hours", "2 days" or "1.5 days", as a definition reads. */
function formatHours(hours: number): string {
  if (hours % 24 === 0 || hours >= 48) {
    const days = Math.round((hours / 24) * 10) / 10;
    return `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}
