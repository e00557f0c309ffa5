import { ChecklistAnswer } from '@ospo-kit/plugin-ospo-common';
import {
  cellStatusOf,
  expiryOf,
  validityRulesOf,
  withExpiry,
} from './answerExpiry';

const RULES = validityRulesOf([
  {
    id: 'ospo',
    title: 'OSPO',
    items: [
      { id: 'yearly', title: 'Y', description: '', validFor: 'P1Y' },
      { id: 'daily', title: 'D', description: '', validFor: 'PT24H' },
      { id: 'forever', title: 'F', description: '' },
    ],
  },
]);

function answer(
  itemId: string,
  status: ChecklistAnswer['status'],
  answeredAt: string,
): ChecklistAnswer {
  return {
    teamRef: 'group:default/team-a',
    checklistId: 'ospo',
    itemId,
    status,
    answeredBy: 'user:default/lee',
    answeredAt,
    version: 3,
  };
}

describe('answer expiry', () => {
  it('adds validFor in calendar terms, in UTC', () => {
    expect(expiryOf('2025-03-01T10:00:00.000Z', 'P1Y').toISOString()).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    // A year after a leap day is the last day of February.
    expect(expiryOf('2024-02-29T10:00:00.000Z', 'P1Y').toISOString()).toBe(
      '2025-02-28T10:00:00.000Z',
    );
    expect(expiryOf('2026-01-31T00:00:00.000Z', 'P1M').toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(
      expiryOf(new Date('2026-03-28T12:00:00.000Z'), 'P1DT12H').toISOString(),
    ).toBe('2026-03-30T00:00:00.000Z');
  });

  it('flags a done answer expired from its expiry on, to the millisecond', () => {
    const given = answer('yearly', 'done', '2025-06-01T12:00:00.000Z');
    const at = (now: string) => withExpiry(RULES, given, new Date(now));
    expect(at('2026-06-01T11:59:59.999Z')).toEqual({
      ...given,
      expiresAt: '2026-06-01T12:00:00.000Z',
    });
    expect(at('2026-06-01T12:00:00.000Z')).toEqual({
      ...given,
      expiresAt: '2026-06-01T12:00:00.000Z',
      expired: true,
    });
  });

  it('never expires other answers, nor done answers to items without validFor', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    for (const given of [
      answer('yearly', 'in-progress', '2001-01-01T00:00:00.000Z'),
      answer('yearly', 'not-applicable', '2001-01-01T00:00:00.000Z'),
      answer('forever', 'done', '2001-01-01T00:00:00.000Z'),
      answer('removed', 'done', '2001-01-01T00:00:00.000Z'),
    ]) {
      expect(withExpiry(RULES, given, now)).toEqual(given);
    }
  });

  it('derives expiry afresh, whatever the answer carried', () => {
    const stale = {
      ...answer('daily', 'done', '2026-06-01T00:00:00.000Z'),
      expiresAt: '2000-01-01T00:00:00.000Z',
      expired: true as const,
    };
    expect(
      withExpiry(RULES, stale, new Date('2026-06-01T23:00:00.000Z')),
    ).toEqual({
      ...answer('daily', 'done', '2026-06-01T00:00:00.000Z'),
      expiresAt: '2026-06-02T00:00:00.000Z',
    });
  });

  it('makes a heat map cell expired only past the expiry', () => {
    const expiresAt = new Date('2026-06-01T12:00:00.000Z');
    expect(cellStatusOf('done', expiresAt, new Date(expiresAt))).toBe(
      'expired',
    );
    expect(
      cellStatusOf('done', expiresAt, new Date(expiresAt.getTime() - 1)),
    ).toBe('done');
    expect(cellStatusOf('done', undefined, expiresAt)).toBe('done');
  });
});
