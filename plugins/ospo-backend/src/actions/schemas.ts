import type { z as zod } from 'zod/v3';

/** The zod the actions registry hands to schema functions. */
export type Zod = typeof zod;

/**
 * Output shapes of the actions: the REST API's JSON (see
 * `src/schema/openapi.yaml`), with the fields a model reads described and
 * the rest passed through unchanged.
 */
export const outputSchemas = {
  completion: (z: Zod) =>
    z
      .object({
        applicable: z.number(),
        done: z.number().describe('Done items whose answer has not expired'),
        expired: z
          .number()
          .describe('Done items whose answer has expired: not counted as done'),
        ratio: z
          .number()
          .describe('Done / applicable items, from 0 to 1; 1 when complete'),
      })
      .passthrough(),

  teamChecklists: (z: Zod) =>
    z
      .object({
        teamRef: z.string().describe('The team, e.g. group:default/team-a'),
        checklists: z.array(
          z
            .object({
              checklist: z
                .object({ id: z.string(), title: z.string() })
                .passthrough()
                .describe('The checklist definition with its items'),
              answers: z
                .array(
                  z
                    .object({
                      itemId: z.string(),
                      status: z.string(),
                      note: z.string().optional(),
                      evidenceUrl: z.string().optional(),
                      answeredBy: z.string().optional(),
                      answeredAt: z.string().optional(),
                      expiresAt: z
                        .string()
                        .optional()
                        .describe('When a done answer expires (ISO 8601)'),
                      expired: z
                        .boolean()
                        .optional()
                        .describe(
                          'A done answer past expiresAt: counts as not done until the team re-attests it',
                        ),
                    })
                    .passthrough(),
                )
                .describe(
                  'The answers given; items without an answer are not started',
                ),
              completion: outputSchemas.completion(z),
            })
            .passthrough(),
        ),
      })
      .passthrough(),

  consultation: (z: Zod) =>
    z
      .object({
        id: z.string().describe('The request id, for get-consultation-request'),
        entityRef: z.string(),
        requesterRef: z.string(),
        topic: z.string(),
        summary: z.string(),
        details: z.string().optional(),
        urgency: z.string(),
        status: z.string(),
        assigneeRef: z.string().optional(),
        resolution: z.string().optional(),
        createdAt: z.string().describe('ISO 8601'),
        updatedAt: z.string().describe('ISO 8601'),
        overdue: z
          .boolean()
          .optional()
          .describe(
            "Open or in progress, still without the OSPO's first response, past its response target",
          ),
        rating: z
          .object({
            score: z.number().describe('1 (poor) to 5 (excellent)'),
            comment: z.string().optional(),
            ratedAt: z.string().describe('ISO 8601'),
          })
          .optional()
          .describe("The requester's rating of the answer, when given"),
      })
      .passthrough(),
};
