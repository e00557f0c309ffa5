import {
  ChecklistAnswer,
  ChecklistCellStatus,
  ChecklistDefinition,
} from '@ospo-kit/plugin-ospo-common';
import { DateTime, Duration } from 'luxon';

/**
 * Reads an item's `validFor`, an ISO 8601 duration such as `P1Y`; throws,
 * naming `where`, unless it is one and longer than zero.
 *
 * @internal
 */
export function parseValidFor(value: string, where: string): Duration {
  const duration = Duration.fromISO(value);
  if (!duration.isValid) {
    throw new Error(
      `${where}: '${value}' is not an ISO 8601 duration, such as P1Y, P6M or P90D`,
    );
  }
  // Months and years have no fixed length: compare from a fixed date.
  const start = DateTime.fromMillis(0, { zone: 'utc' });
  if (!(start.plus(duration).toMillis() > start.toMillis())) {
    throw new Error(`${where}: '${value}' must be longer than zero`);
  }
  return duration;
}

/**
 * When a done answer given at `answeredAt` expires: `validFor` later, in
 * calendar terms (`P1Y` from 29 February is 28 February) and in UTC.
 *
 * @internal
 */
export function expiryOf(answeredAt: string | Date, validFor: string): Date {
  const given =
    typeof answeredAt === 'string'
      ? DateTime.fromISO(answeredAt, { zone: 'utc' })
      : DateTime.fromJSDate(answeredAt, { zone: 'utc' });
  return given.plus(Duration.fromISO(validFor)).toJSDate();
}

/**
 * Which items' done answers expire, and after how long, by
 * `<checklistId>/<itemId>`.
 *
 * @internal
 */
export type ValidityRules = ReadonlyMap<string, string>;

/** @internal */
export function validityRulesOf(
  definitions: ChecklistDefinition[],
): ValidityRules {
  const rules = new Map<string, string>();
  for (const checklist of definitions) {
    for (const item of checklist.items) {
      if (item.validFor) rules.set(`${checklist.id}/${item.id}`, item.validFor);
    }
  }
  return rules;
}

/**
 * When an answer expires: only `done` answers to items with `validFor` do.
 *
 * @internal
 */
export function expiresAtOf(
  rules: ValidityRules,
  answer: Pick<ChecklistAnswer, 'checklistId' | 'itemId' | 'status'> & {
    answeredAt: string | Date;
  },
): Date | undefined {
  if (answer.status !== 'done') return undefined;
  const validFor = rules.get(`${answer.checklistId}/${answer.itemId}`);
  return validFor ? expiryOf(answer.answeredAt, validFor) : undefined;
}

/**
 * The answer with its expiry: `expiresAt` for a done answer to an item with
 * `validFor`, and `expired` once `now` has reached it.
 *
 * @internal
 */
export function withExpiry(
  rules: ValidityRules,
  answer: ChecklistAnswer,
  now: Date,
): ChecklistAnswer {
  const { expiresAt: _at, expired: _expired, ...stored } = answer;
  const expiresAt = expiresAtOf(rules, stored);
  if (!expiresAt) return stored;
  const result: ChecklistAnswer = {
    ...stored,
    expiresAt: expiresAt.toISOString(),
  };
  if (expiresAt.getTime() <= now.getTime()) result.expired = true;
  return result;
}

/**
 * A heat map cell's status: the answer's, or `expired` for a done answer
 * past its expiry.
 *
 * @internal
 */
export function cellStatusOf(
  status: ChecklistAnswer['status'],
  expiresAt: Date | undefined,
  now: Date,
): ChecklistCellStatus {
  return expiresAt && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}
