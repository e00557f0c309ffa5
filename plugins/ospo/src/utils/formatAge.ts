import { TIME_UNITS } from './timeUnits';

/**
 * How long ago something started, as a duration such as "3 days": the age of
 * a request in a queue reads better without the "ago" of a relative time.
 * Rounds down, so a request is not "1 day" old before a full day has passed.
 */
export function formatAge(iso: string, now: number = Date.now()) {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const elapsed = Math.max(0, now - time);
  for (const [unit, size] of TIME_UNITS) {
    if (elapsed >= size) {
      return new Intl.NumberFormat('en', {
        style: 'unit',
        unit,
        unitDisplay: 'long',
      }).format(Math.floor(elapsed / size));
    }
  }
  return 'less than a minute';
}
