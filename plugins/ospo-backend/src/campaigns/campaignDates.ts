const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day (UTC) of a time, `YYYY-MM-DD`.
 *
 * @internal
 */
export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * Whether `value` is a real day, `YYYY-MM-DD` (not 2027-02-30).
 *
 * @internal
 */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(time.getTime()) && dayOf(time) === value;
}

/**
 * The day `days` after `day` (before, when negative).
 *
 * @internal
 */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/**
 * Whole days from `from` to `to`.
 *
 * @internal
 */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}

/**
 * The steps of a campaign that reminders are sent at, in order.
 *
 * @internal
 */
export type ReminderStep = 'started' | 'halfway' | 'week-left' | 'overdue';

/**
 * The latest step a campaign has reached on `today`, or undefined before
 * it starts. Only the latest is reminded of: a campaign created late does
 * not send its earlier steps all at once.
 *
 * @internal
 */
export function reminderStepOn(
  campaign: { startDate: string; targetDate: string },
  today: string,
): ReminderStep | undefined {
  const { startDate, targetDate } = campaign;
  if (today < startDate) return undefined;
  if (today > targetDate) return 'overdue';
  if (today >= addDays(targetDate, -7)) return 'week-left';
  const halfway = addDays(
    startDate,
    Math.ceil(daysBetween(startDate, targetDate) / 2),
  );
  if (today >= halfway) return 'halfway';
  return 'started';
}
