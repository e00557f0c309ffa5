import { computeChecklistCompletion } from './completion';
import { ChecklistDefinition } from './types';

const checklist: ChecklistDefinition = {
  id: 'ospo',
  title: 'Creating an OSPO',
  items: ['a', 'b', 'c', 'd', 'e'].map(id => ({
    id,
    title: id.toUpperCase(),
    description: '',
  })),
};

describe('computeChecklistCompletion', () => {
  it('counts every status and leaves not-applicable items out of the ratio', () => {
    expect(
      computeChecklistCompletion(checklist, [
        { itemId: 'a', status: 'done' },
        { itemId: 'b', status: 'not-applicable' },
        { itemId: 'c', status: 'in-progress' },
        { itemId: 'd', status: 'not-started' },
      ]),
    ).toEqual({
      total: 5,
      applicable: 4,
      done: 1,
      expired: 0,
      inProgress: 1,
      notStarted: 2,
      notApplicable: 1,
      unanswered: 1,
      ratio: 0.25,
    });
  });

  it('ignores answers to items that are no longer defined', () => {
    const completion = computeChecklistCompletion(checklist, [
      { itemId: 'a', status: 'done' },
      { itemId: 'removed', status: 'done' },
    ]);
    expect(completion.done).toBe(1);
    expect(completion.ratio).toBe(0.2);
  });

  it('counts an expired done answer as applicable but not done', () => {
    expect(
      computeChecklistCompletion(checklist, [
        { itemId: 'a', status: 'done' },
        { itemId: 'b', status: 'done', expired: true },
        { itemId: 'c', status: 'not-applicable' },
      ]),
    ).toEqual({
      total: 5,
      applicable: 4,
      done: 1,
      expired: 1,
      inProgress: 0,
      notStarted: 2,
      notApplicable: 1,
      unanswered: 2,
      ratio: 0.25,
    });
  });

  it('is complete when nothing is applicable', () => {
    const completion = computeChecklistCompletion(
      checklist,
      checklist.items.map(i => ({ itemId: i.id, status: 'not-applicable' })),
    );
    expect(completion).toMatchObject({ applicable: 0, done: 0, ratio: 1 });
  });
});
