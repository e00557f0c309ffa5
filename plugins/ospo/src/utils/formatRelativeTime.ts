import { TIME_UNITS } from './timeUnits';

/**
 * A timestamp relative to now, such as "3 days ago" or "just now". Returns the
 * input unchanged when it is not a date, so a bad value never breaks a card.
 */
export function formatRelativeTime(iso: string, now: number = Date.now()) {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const elapsed = time - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of TIME_UNITS) {
    if (Math.abs(elapsed) >= size) {
      return format.format(Math.round(elapsed / size), unit);
    }
  }
  return 'just now';
}

/**
 * A timestamp in full, in the user's locale, for tooltips next to relative
 * times.
 */
export function formatDateTime(iso: string) {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString();
}
