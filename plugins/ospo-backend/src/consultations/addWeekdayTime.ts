const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant `durationMs` of weekday time after `start`: the hours of
 * Saturdays and Sundays (UTC) do not count, so two days from a Friday at
 * 15:00 is the Tuesday at 15:00, and two days from a Saturday is the
 * Wednesday at 00:00. Office hours and holidays are not modelled.
 *
 * @internal
 */
export function addWeekdayTime(start: Date, durationMs: number): Date {
  let at = start.getTime();
  let remaining = Math.max(0, durationMs);
  // Whole weeks hold five weekdays each, wherever they start.
  const weeks = Math.floor(remaining / (5 * DAY_MS));
  at += weeks * 7 * DAY_MS;
  remaining -= weeks * 5 * DAY_MS;
  for (;;) {
    const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      at = dayEnd;
    } else if (at + remaining <= dayEnd) {
      return new Date(at + remaining);
    } else {
      remaining -= dayEnd - at;
      at = dayEnd;
    }
  }
}
