import {
  ChecklistAnswer,
  ChecklistCompletion,
  ChecklistDefinition,
} from './types';

/**
 * Completion figures of a checklist from a team's answers. Answers to items
 * the checklist no longer defines are ignored, so changing the definitions in
 * config never skews the figures. A `done` answer flagged `expired` counts
 * in `expired`: applicable, but not done.
 *
 * @public
 */
export function computeChecklistCompletion(
  checklist: ChecklistDefinition,
  answers: ReadonlyArray<
    Pick<ChecklistAnswer, 'itemId' | 'status'> &
      Partial<Pick<ChecklistAnswer, 'expired'>>
  >,
): ChecklistCompletion {
  const answerByItem = new Map(answers.map(a => [a.itemId, a]));
  const completion: ChecklistCompletion = {
    total: checklist.items.length,
    applicable: 0,
    done: 0,
    expired: 0,
    inProgress: 0,
    notStarted: 0,
    notApplicable: 0,
    unanswered: 0,
    ratio: 1,
  };
  for (const item of checklist.items) {
    const answer = answerByItem.get(item.id);
    switch (answer?.status) {
      case 'done':
        if (answer.expired) {
          completion.expired += 1;
        } else {
          completion.done += 1;
        }
        break;
      case 'in-progress':
        completion.inProgress += 1;
        break;
      case 'not-applicable':
        completion.notApplicable += 1;
        break;
      case 'not-started':
        completion.notStarted += 1;
        break;
      default:
        completion.notStarted += 1;
        completion.unanswered += 1;
    }
  }
  completion.applicable = completion.total - completion.notApplicable;
  completion.ratio =
    completion.applicable === 0 ? 1 : completion.done / completion.applicable;
  return completion;
}
