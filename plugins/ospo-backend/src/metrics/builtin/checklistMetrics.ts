import {
  ChecklistAnswer,
  ChecklistDefinition,
  computeChecklistCompletion,
} from '@ospo-kit/plugin-ospo-common';
import {
  MetricCollectContext,
  MetricObservation,
  OspoMetric,
  ScopedMetricObservation,
} from '@ospo-kit/plugin-ospo-node';
import {
  ValidityRules,
  validityRulesOf,
  withExpiry,
} from '../../checklists/answerExpiry';
import { ChecklistStore } from '../../checklists/ChecklistStore';
import { Clock } from '../../database/Clock';

const TEAM_BATCH = 500;

/**
 * The teams the checklist metrics count: Groups with no child Groups, and any
 * Group that has answered, each with its answers, done ones that expired by
 * `now` flagged so.
 */
async function* answeringTeams(
  context: MetricCollectContext,
  store: ChecklistStore,
  validity: ValidityRules,
  now: Date,
): AsyncGenerator<{ teamRef: string; answers: ChecklistAnswer[] }> {
  const refs = [...context.teams.keys()];
  for (let i = 0; i < refs.length; i += TEAM_BATCH) {
    const batch = refs.slice(i, i + TEAM_BATCH);
    const answers = new Map<string, ChecklistAnswer[]>();
    for (const stored of await store.getAnswers(batch)) {
      const answer = withExpiry(validity, stored, now);
      answers.set(answer.teamRef, [
        ...(answers.get(answer.teamRef) ?? []),
        answer,
      ]);
    }
    for (const teamRef of batch) {
      const own = answers.get(teamRef) ?? [];
      if (
        own.length > 0 ||
        context.teams.get(teamRef)!.childRefs.length === 0
      ) {
        yield { teamRef, answers: own };
      }
    }
  }
}

/** Done and applicable items of a team over every checklist. */
function teamCompletion(
  checklists: ChecklistDefinition[],
  answers: ChecklistAnswer[],
) {
  let done = 0;
  let applicable = 0;
  for (const checklist of checklists) {
    const completion = computeChecklistCompletion(
      checklist,
      answers.filter(a => a.checklistId === checklist.id),
    );
    done += completion.done;
    applicable += completion.applicable;
  }
  return { done, applicable };
}

const COUNTED_TEAMS =
  'Teams are Groups without child Groups, plus any Group that has answered a checklist; a department covers the teams below it.';

/**
 * The metrics of the teams' checklist answers. A done answer that has
 * expired by the `clock` (the database's, read once per metric and run)
 * counts as not done, so an answer that expires between two runs is counted
 * so by the second.
 *
 * @internal
 */
export function createChecklistMetrics(options: {
  checklists: ChecklistDefinition[];
  store: ChecklistStore;
  clock: Clock;
}): OspoMetric[] {
  const { checklists, store, clock } = options;
  const validity = validityRulesOf(checklists);
  /** Each team's observation from its done and applicable items. */
  const observing = (
    observe: (completion: {
      done: number;
      applicable: number;
    }) => MetricObservation,
  ) =>
    async function* collect(
      context: MetricCollectContext,
    ): AsyncGenerator<ScopedMetricObservation> {
      const now = await clock.now();
      for await (const { teamRef, answers } of answeringTeams(
        context,
        store,
        validity,
        now,
      )) {
        yield {
          teamRef,
          observation: observe(teamCompletion(checklists, answers)),
        };
      }
    };
  return [
    {
      definition: {
        id: 'checklist.completion',
        title: 'Checklist completion',
        description: 'Share of applicable checklist items the teams have done.',
        computation: `Items answered "done", divided by all items except those answered "not applicable", over every configured checklist; unanswered items, and done answers past their validity (expired, to re-attest), count as not done. ${COUNTED_TEAMS}`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: ['Group'],
        group: 'Checklists',
      },
      collect: observing(({ done, applicable }) => ({
        numerator: done,
        denominator: applicable,
      })),
    },
    {
      definition: {
        id: 'checklist.teams-complete',
        title: 'Teams with every item done',
        description:
          'Share of teams that have done every applicable checklist item.',
        computation: `Teams whose applicable items (all but "not applicable") are all "done" and none expired, divided by all teams. ${COUNTED_TEAMS}`,
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregation: 'ratio',
        kinds: ['Group'],
        group: 'Checklists',
      },
      collect: observing(({ done, applicable }) => ({
        numerator: done === applicable ? 1 : 0,
        denominator: 1,
      })),
    },
  ];
}
