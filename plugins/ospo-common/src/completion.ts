import {
  ChecklistAnswer,
  ChecklistCompletion,
  ChecklistDefinition,
} from './types';

/**
 * Completion figures of a checklist from a team's answers. Answers to items
 * the checklist no longer defines are ignored, so changing the definitions in
 * config never skews the figures.
 *
 * @public
 */
export function computeChecklistCompletion(
  checklist: ChecklistDefinition,
  answers: ReadonlyArray<Pick<ChecklistAnswer, 'itemId' | 'status'>>,
): ChecklistCompletion {
  const statusByItem = new Map(answers.map(a => [a.itemId, a.status]));
  const completion: ChecklistCompletion = {
    total: checklist.items.length,
    applicable: 0,
    done: 0,
    inProgress: 0,
    notStarted: 0,
    notApplicable: 0,
    unanswered: 0,
    ratio: 1,
  };
  for (const item of checklist.items) {
    const status = statusByItem.get(item.id);
    switch (status) {
      case 'done':
        completion.done += 1;
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
