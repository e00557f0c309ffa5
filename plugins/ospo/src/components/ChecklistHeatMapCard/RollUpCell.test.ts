import { statusCounts } from '../../__testUtils__/dashboardFixtures';
import { rollUpLabel } from './RollUpCell';

describe('rollUpLabel', () => {
  it('gives the share done of the applicable answers, then every count', () => {
    expect(
      rollUpLabel(
        'Engineering',
        'Creation',
        statusCounts({
          done: 3,
          'in-progress': 1,
          'not-applicable': 4,
          unanswered: 2,
        }),
      ),
    ).toBe(
      'Engineering · Creation: 50% done (3 done, 1 in progress, 4 not applicable, 2 no answer)',
    );
  });

  it('says when nothing applies or there are no teams', () => {
    expect(
      rollUpLabel('Sales', 'Creation', statusCounts({ 'not-applicable': 2 })),
    ).toBe('Sales · Creation: nothing applies (2 not applicable)');
    expect(rollUpLabel('Sales', 'Creation', undefined)).toBe(
      'Sales · Creation: no teams',
    );
  });
});
