import {
  CHECKLIST_CELL_STATUSES,
  ChecklistCellStatus,
} from '@ospo-kit/plugin-ospo-common';
import { z } from 'zod';
import { parseGroupRef } from '../metrics/metricsValidation';
import { limitSchema, offsetSchema } from '../http/validation';

/** Most teams on one page of the heat map. */
export const MAX_MATRIX_LIMIT = 500;
/** Teams on a page of the heat map when the request does not say. */
export const DEFAULT_MATRIX_LIMIT = 100;

export const MATRIX_SORTS = ['department', 'completion', 'title'] as const;
export const MATRIX_ORDERS = ['asc', 'desc'] as const;

// An empty parameter, as a form's "all" choice sends it, is no filter.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(value => (value === '' ? undefined : value), schema.optional());

const department = optional(
  z.string().transform((value, ctx) => {
    const ref = parseGroupRef(value);
    if (ref) return ref;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a Group entity ref such as group:default/engineering',
    });
    return z.NEVER;
  }),
);

const checklistId = optional(
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'is not a valid checklist id'),
);

const status = optional(
  z.enum(
    CHECKLIST_CELL_STATUSES as unknown as [
      ChecklistCellStatus,
      ...ChecklistCellStatus[],
    ],
    { error: `must be one of ${CHECKLIST_CELL_STATUSES.join(', ')}` },
  ),
);

/** The filters of the heat map, which the CSV export takes too. */
export const matrixCsvQuerySchema = z
  .object({ department, checklistId, status })
  .strict();

export const matrixQuerySchema = z
  .object({
    department,
    checklistId,
    status,
    sort: z
      .enum(MATRIX_SORTS, {
        error: `must be one of ${MATRIX_SORTS.join(', ')}`,
      })
      .default('department'),
    order: z
      .enum(MATRIX_ORDERS, {
        error: `must be one of ${MATRIX_ORDERS.join(', ')}`,
      })
      .default('asc'),
    limit: limitSchema(MAX_MATRIX_LIMIT, DEFAULT_MATRIX_LIMIT),
    offset: offsetSchema,
  })
  .strict();

export const consultationSummaryQuerySchema = z.object({}).strict();
