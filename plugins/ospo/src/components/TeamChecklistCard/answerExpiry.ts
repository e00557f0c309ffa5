import { ChecklistAnswer } from '@ospo-kit/plugin-ospo-common';

/** How long before its expiry a done answer offers to be re-attested. */
export const REATTEST_SOON_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a done answer is worth re-attesting now: it has expired, or
 * expires within {@link REATTEST_SOON_DAYS}.
 */
export function isDueForReattestation(
  answer: ChecklistAnswer | undefined,
  now: number = Date.now(),
): boolean {
  if (answer?.status !== 'done' || !answer.expiresAt) return false;
  return (
    Boolean(answer.expired) ||
    Date.parse(answer.expiresAt) - now <= REATTEST_SOON_DAYS * DAY_MS
  );
}
