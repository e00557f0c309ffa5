import { InputError } from '@backstage/errors';

/** Longest history range one request may ask for. */
export const MAX_HISTORY_DAYS = 5 * 366;
/** The history range when the request gives none. */
export const DEFAULT_HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The range a history request asks for, by default the last 90 days; the
 * bounds between `from` and `to` are a rule the schema cannot express.
 *
 * @internal
 */
export function historyRange(
  from: string | undefined,
  to: string | undefined,
  now = new Date(),
): { from: Date; to: Date } {
  const end = to ? new Date(to) : now;
  const start = from
    ? new Date(from)
    : new Date(end.getTime() - DEFAULT_HISTORY_DAYS * DAY_MS);
  if (start > end) {
    throw new InputError('Invalid query: from must not be after to');
  }
  if (end.getTime() - start.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
    throw new InputError(
      `Invalid query: from must be at most ${MAX_HISTORY_DAYS} days before to`,
    );
  }
  return { from: start, to: end };
}
