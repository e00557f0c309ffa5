import { addWeekdayTime } from './addWeekdayTime';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const at = (iso: string) => new Date(iso);

describe('addWeekdayTime', () => {
  it.each([
    // 2026-12-02 is a Wednesday.
    [
      'within one weekday',
      '2026-12-02T09:00:00Z',
      4 * HOUR_MS,
      '2026-12-02T13:00:00.000Z',
    ],
    [
      'over weekdays',
      '2026-12-02T09:00:00Z',
      2 * DAY_MS,
      '2026-12-04T09:00:00.000Z',
    ],
    [
      'from a Friday afternoon, over the weekend',
      '2026-12-04T15:00:00Z',
      2 * DAY_MS,
      '2026-12-08T15:00:00.000Z',
    ],
    [
      'from a Saturday: the clock starts on Monday',
      '2026-12-05T10:00:00Z',
      2 * DAY_MS,
      '2026-12-09T00:00:00.000Z',
    ],
    [
      'from a Sunday night',
      '2026-12-06T23:30:00Z',
      HOUR_MS,
      '2026-12-07T01:00:00.000Z',
    ],
    [
      'a Friday to its midnight',
      '2026-12-04T20:00:00Z',
      4 * HOUR_MS,
      '2026-12-05T00:00:00.000Z',
    ],
    [
      'a Friday past its midnight',
      '2026-12-04T20:00:00Z',
      5 * HOUR_MS,
      '2026-12-07T01:00:00.000Z',
    ],
    [
      'a whole working week',
      '2026-12-02T09:00:00Z',
      5 * DAY_MS,
      '2026-12-09T09:00:00.000Z',
    ],
    [
      'three weeks and a day from a Thursday',
      '2026-12-03T12:00:00Z',
      16 * DAY_MS,
      '2026-12-25T12:00:00.000Z',
    ],
    ['nothing', '2026-12-02T09:00:00Z', 0, '2026-12-02T09:00:00.000Z'],
  ])('adds %s', (_, start, duration, due) => {
    expect(addWeekdayTime(at(start), duration).toISOString()).toBe(due);
  });

  it('agrees with counting quarter hours', () => {
    const QUARTER_MS = HOUR_MS / 4;
    const start = at('2026-12-03T17:45:00Z');
    for (let quarters = 0; quarters <= 4 * 24 * 15; quarters += 29) {
      // Step a quarter of an hour at a time; only those on weekdays count.
      let t = start.getTime();
      let left = quarters;
      while (left > 0) {
        const weekday = new Date(t).getUTCDay();
        if (weekday !== 0 && weekday !== 6) left -= 1;
        t += QUARTER_MS;
      }
      // The last quarter counted ends on a weekday, not on the weekend after.
      const due = addWeekdayTime(start, quarters * QUARTER_MS).getTime();
      expect([quarters, new Date(due).toISOString()]).toEqual([
        quarters,
        new Date(t).toISOString(),
      ]);
    }
  });
});
