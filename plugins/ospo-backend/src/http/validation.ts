import { InputError } from '@backstage/errors';
import {
  CHECKLIST_ITEM_STATUSES,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';
import { z } from 'zod';

/** Longest note kept with an answer. */
export const MAX_NOTE_LENGTH = 2000;
/** Longest evidence link kept with an answer. */
export const MAX_URL_LENGTH = 2048;

const entityNamePart = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    'must be 1 to 63 letters, digits, ".", "_" or "-"',
  );

const definitionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'is not a valid id');

export const teamPathSchema = z.object({
  namespace: entityNamePart,
  name: entityNamePart,
});

export const itemPathSchema = teamPathSchema.extend({
  checklistId: definitionId,
  itemId: definitionId,
});

export const entityPathSchema = teamPathSchema.extend({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, 'is not a kind'),
});

const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine(value => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

// Empty strings from a form mean "no value".
const emptyToUndefined = (value: unknown) =>
  value === '' || value === null ? undefined : value;

export const updateAnswerSchema = z
  .object({
    status: z.enum(
      CHECKLIST_ITEM_STATUSES as unknown as [
        ChecklistItemStatus,
        ...ChecklistItemStatus[],
      ],
      {
        error: `must be one of ${CHECKLIST_ITEM_STATUSES.join(', ')}`,
      },
    ),
    note: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: 'must be a string' })
        .max(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`)
        .optional(),
    ),
    evidenceUrl: z.preprocess(emptyToUndefined, httpUrl.optional()),
    expectedVersion: z
      .number({
        error: 'must be the version of the answer that was read, 0 if none',
      })
      .int('must be a whole number')
      .min(0, 'must not be negative'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.status === 'not-applicable' && !body.note?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message:
          'a justification is required when the status is not-applicable',
      });
    }
  });

/**
 * Parses a value or throws an `InputError` (400) that names every bad field.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown field(s) ${issue.keys.join(', ')}`;
    }
    const field = issue.path.join('.');
    return field ? `${field} ${issue.message}` : issue.message;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}

/** A page size from a query string: a whole number from 1 to `max`. */
export function limitSchema(max: number, fallback: number) {
  return z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);
}

/** A page offset from a query string: a whole number, 0 or more. */
export const offsetSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .default(0);
