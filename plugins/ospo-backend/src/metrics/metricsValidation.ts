import { stringifyEntityRef } from '@backstage/catalog-model';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { z } from 'zod';
import { limitSchema, offsetSchema } from '../http/validation';

/** Longest history range one request may ask for. */
export const MAX_HISTORY_DAYS = 5 * 366;
/** The history range when the request gives none. */
export const DEFAULT_HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

const ENTITY_NAME_PART = '[A-Za-z0-9][A-Za-z0-9._-]{0,62}';
// `[kind:][namespace/]name`, with the characters catalog names may have:
// anything else could not be a Group, and is refused before asking the catalog.
const SCOPE_REF = new RegExp(
  `^(?:([A-Za-z][A-Za-z0-9]{0,62}):)?(?:(${ENTITY_NAME_PART})/)?(${ENTITY_NAME_PART})$`,
);

/**
 * A Group's entity ref, normalised, from `[group:][namespace/]name`;
 * undefined when the value is not one.
 */
export function parseGroupRef(value: string): string | undefined {
  const match = SCOPE_REF.exec(value);
  if (match && (match[1] ?? 'group').toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef({
      kind: 'group',
      namespace: match[2] ?? 'default',
      name: match[3],
    });
  }
  return undefined;
}

/** `org` or a Group's entity ref, normalised; an issue otherwise. */
function toScopeRef(value: string, ctx: z.RefinementCtx): string {
  const ref = value === ORG_SCOPE ? ORG_SCOPE : parseGroupRef(value);
  if (ref) return ref;
  ctx.addIssue({
    code: 'custom',
    message: `must be '${ORG_SCOPE}' or a Group entity ref such as group:default/team-a`,
  });
  return z.NEVER;
}

/** `org` (the default) or a Group's entity ref, normalised. */
const scope = z
  .string()
  .optional()
  .transform((value, ctx) =>
    value === undefined || value === '' ? ORG_SCOPE : toScopeRef(value, ctx),
  );

/** Like `scope`, but undefined (every Group) when absent or empty. */
const parent = z
  .string()
  .optional()
  .transform((value, ctx) =>
    value === undefined || value === '' ? undefined : toScopeRef(value, ctx),
  );

// A full date and time with its offset: `Date.parse` alone would take `1` as
// the year 2001, and read a time without offset in the server's time zone.
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

const timestamp = z
  .string()
  .refine(
    value => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
    'must be an ISO 8601 date and time with an offset, e.g. 2026-01-02T03:04:05Z',
  )
  .transform(value => new Date(value))
  .optional();

export const metricIdSchema = z.object({
  metricId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'is not a valid metric id'),
});

export const latestQuerySchema = z.object({ scope }).strict();

export const historyQuerySchema = z
  .object({ scope, from: timestamp, to: timestamp })
  .strict()
  .transform((query, ctx) => {
    const to = query.to ?? new Date();
    const from =
      query.from ?? new Date(to.getTime() - DEFAULT_HISTORY_DAYS * DAY_MS);
    if (from > to) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'must not be after to',
      });
    } else if (to.getTime() - from.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `must be at most ${MAX_HISTORY_DAYS} days before to`,
      });
    }
    return { scope: query.scope, from, to };
  });

export const MAX_FINDINGS_LIMIT = 500;

export const findingsQuerySchema = z
  .object({
    scope,
    limit: limitSchema(MAX_FINDINGS_LIMIT, 50),
    offset: offsetSchema,
  })
  .strict();

export const valuesQuerySchema = z.object({ parent }).strict();

export const valuesCsvQuerySchema = z.object({}).strict();
