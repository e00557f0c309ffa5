import {
  CONSULTATION_STATUSES,
  CONSULTATION_URGENCIES,
  ConsultationStatus,
  ConsultationUrgency,
} from '@ospo-kit/plugin-ospo-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { limitSchema, offsetSchema } from '../http/validation';

const urgency = z.enum(
  CONSULTATION_URGENCIES as unknown as [
    ConsultationUrgency,
    ...ConsultationUrgency[],
  ],
  { error: `must be one of ${CONSULTATION_URGENCIES.join(', ')}` },
);

const status = z.enum(
  CONSULTATION_STATUSES as unknown as [
    ConsultationStatus,
    ...ConsultationStatus[],
  ],
  { error: `must be one of ${CONSULTATION_STATUSES.join(', ')}` },
);

/**
 * A full entity ref, `kind:namespace/name`, with the same bounds on each part
 * as the entity paths of the routes (so that it fits the 255-character
 * columns). Like the catalog's, refs are compared in lower case.
 */
export const ENTITY_REF_PATTERN =
  /^[A-Za-z][A-Za-z0-9]{0,62}:[A-Za-z0-9][A-Za-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const entityRefString = z
  .string()
  .regex(
    ENTITY_REF_PATTERN,
    'must be a full entity ref such as user:default/jane',
  )
  .transform(ref => stringifyEntityRef(parseEntityRef(ref)));

/** Bounds of a request's free text. */
export const MAX_SUMMARY_LENGTH = 200;
export const MAX_DETAILS_LENGTH = 5000;
export const MAX_COMMENT_LENGTH = 5000;

/** Bounds of a page of the consultation list. */
export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

export const createConsultationSchema = z
  .object({
    topic: z.string({ error: 'is required' }).min(1, 'is required'),
    summary: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(
        MAX_SUMMARY_LENGTH,
        `must be at most ${MAX_SUMMARY_LENGTH} characters`,
      ),
    details: z
      .string({ error: 'must be a string' })
      .max(
        MAX_DETAILS_LENGTH,
        `must be at most ${MAX_DETAILS_LENGTH} characters`,
      )
      .optional(),
    urgency: urgency.default('normal'),
  })
  .strict();

export const consultationIdSchema = z.object({
  id: z.uuid({ error: 'is not a consultation id' }),
});

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    v => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(schema).optional(),
  );

export const listQuerySchema = z
  .object({
    entityRef: entityRefString.optional(),
    status: oneOrMany(status),
    topic: z.string().optional(),
    assigneeRef: z
      .union([z.literal('none'), entityRefString], {
        error: 'must be none or a full entity ref such as user:default/jane',
      })
      .optional(),
    requesterRef: entityRefString.optional(),
    orderBy: z
      .enum(['createdAt', 'updatedAt', 'urgency', 'status'], {
        error: 'must be one of createdAt, updatedAt, urgency, status',
      })
      .default('createdAt'),
    order: z
      .enum(['asc', 'desc'], { error: 'must be asc or desc' })
      .default('desc'),
    limit: limitSchema(MAX_LIST_LIMIT, DEFAULT_LIST_LIMIT),
    offset: offsetSchema,
  })
  .strict();

export const transitionSchema = z
  .object({
    action: z.enum(['start', 'resolve', 'decline', 'reopen', 'withdraw'], {
      error: 'must be one of start, resolve, decline, reopen, withdraw',
    }),
    note: z
      .string({ error: 'must be a string' })
      .max(
        MAX_COMMENT_LENGTH,
        `must be at most ${MAX_COMMENT_LENGTH} characters`,
      )
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (
      (body.action === 'resolve' || body.action === 'decline') &&
      !body.note?.trim()
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: `is required to ${body.action} a request`,
      });
    }
  });

export const assignSchema = z
  .object({
    assigneeRef: z.union([entityRefString, z.null()], {
      error: 'must be a user entity ref, or null to unassign',
    }),
  })
  .strict();

export const commentSchema = z
  .object({
    body: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(
        MAX_COMMENT_LENGTH,
        `must be at most ${MAX_COMMENT_LENGTH} characters`,
      ),
  })
  .strict();
