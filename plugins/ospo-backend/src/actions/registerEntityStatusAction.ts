import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { EntityStatusService } from '../entities/EntityStatusService';
import { parseActionEntityRef } from './parseRefs';
import { outputSchemas } from './schemas';

/**
 * `get-entity-ospo-status`: what the entity page's OSPO card shows, as the
 * REST route `GET /entities/{kind}/{namespace}/{name}/checklist-status`
 * answers it, with the same permission checks.
 */
export function registerEntityStatusAction(
  actionsRegistry: ActionsRegistryService,
  entities: EntityStatusService,
): void {
  actionsRegistry.register({
    name: 'get-entity-ospo-status',
    title: "Get a catalog entity's OSPO status",
    description: [
      'Returns the open source program office (OSPO) status of one catalog entity (a component, API, system, ...):',
      'its owners, the OSPO checklists of its owning teams with their completion (done / applicable items),',
      'and the OSPO checks of the entity (license, repository, ownership and the like) with a verdict',
      '(fail, warn, unknown, pass), the reason and how to fix each.',
      'Use it to answer "is this service ready to be open sourced?", "what does the OSPO say about X?" or',
      '"what must we fix?". The entity is given as an entity ref, e.g. component:default/checkout.',
      'Fails as not found when the entity does not exist or the caller may not see it.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity ref, kind:namespace/name, e.g. component:default/checkout',
            ),
        }),
      output: z =>
        z
          .object({
            entityRef: z.string(),
            ownerRefs: z
              .array(z.string())
              .describe('The owners of the entity (groups or users)'),
            unresolvedOwners: z
              .array(z.object({}).passthrough())
              .describe('Owners that are not teams in the catalog'),
            teams: z
              .array(outputSchemas.teamChecklists(z))
              .describe('The checklists of each owning team'),
            checks: z
              .object({
                summary: z.object({
                  pass: z.number(),
                  warn: z.number(),
                  fail: z.number(),
                  unknown: z.number(),
                }),
                results: z.array(
                  z
                    .object({
                      checkId: z.string(),
                      title: z.string(),
                      verdict: z.enum(['fail', 'warn', 'unknown', 'pass']),
                      reason: z.string(),
                      fix: z
                        .string()
                        .optional()
                        .describe('What to change to pass the check'),
                      guidanceUrl: z.string().optional(),
                    })
                    .passthrough(),
                ),
                evaluatedAt: z
                  .string()
                  .optional()
                  .describe('When the checks were evaluated (ISO 8601)'),
                changedSinceEvaluation: z
                  .boolean()
                  .describe('The entity changed since; verdicts may be stale'),
              })
              .passthrough(),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const ref = parseActionEntityRef(input.entityRef);
      return { output: await entities.getEntityStatus(ref, credentials) };
    },
  });
}
