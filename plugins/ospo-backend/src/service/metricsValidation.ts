import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { z } from 'zod';

/** Longest history range one request may ask for. */
export const MAX_HISTORY_DAYS = 5 * 366;
/** The history range when the request gives none. */
export const DEFAULT_HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `org` (the default) or a Group's entity ref, normalised. */
const scope = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '' || value === ORG_SCOPE) {
      return ORG_SCOPE;
    }
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
        return stringifyEntityRef(ref);
      }
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be '${ORG_SCOPE}' or a Group entity ref such as group:default/team-a`,
    });
    return z.NEVER;
  });

const timestamp = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 timestamp')
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
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
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
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_FINDINGS_LIMIT, `must be at most ${MAX_FINDINGS_LIMIT}`)
      .default(50),
    offset: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .default(0),
  })
  .strict();
