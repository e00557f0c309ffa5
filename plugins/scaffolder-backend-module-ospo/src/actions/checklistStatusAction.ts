import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { EntityChecklistStatus } from '@ospo-kit/plugin-ospo-common';
import { callOspo, createUserOspoClient } from './userOspoClient';

const examples = [
  {
    description:
      "Read the owning team's checklist completion, and stop when it is not complete",
    example: `steps:
  - id: ospo
    name: Read the OSPO checklist
    action: ospo:checklist:status
    input:
      entityRef: \${{ parameters.component }}
  - id: stop
    name: Checklist not complete
    if: \${{ not steps.ospo.output.complete }}
    action: debug:log
    input:
      message: The owning team has done \${{ steps.ospo.output.completion }} of its OSPO checklist`,
  },
];

/** One owning team's completion, summed over all of its checklists. */
type TeamCompletion = {
  teamRef: string;
  ratio: number;
  done: number;
  applicable: number;
};

/**
 * Each owning team's completion over all its checklists: done items out of
 * applicable ones (not-applicable left out), 1 when none apply.
 */
export function summarizeChecklistStatus(status: EntityChecklistStatus) {
  const teams: TeamCompletion[] = status.teams.map(team => {
    let done = 0;
    let applicable = 0;
    for (const { completion } of team.checklists) {
      done += completion.done;
      applicable += completion.applicable;
    }
    const ratio = applicable === 0 ? 1 : done / applicable;
    return { teamRef: team.teamRef, ratio, done, applicable };
  });
  // The weakest owner decides: an entity is as ready as its least-done team.
  const completion =
    teams.length === 0 ? null : Math.min(...teams.map(t => t.ratio));
  return {
    teams,
    completion,
    complete: completion === 1,
    failingChecks: status.checks.summary.fail,
  };
}

/**
 * Creates the `ospo:checklist:status` action: reads, as the user who runs
 * the template, how far the teams owning an entity are through their OSPO
 * checklists and how many OSPO checks fail, so a template can warn or stop.
 *
 * @public
 */
export function createOspoChecklistStatusAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const { auth, discovery } = options;

  return createTemplateAction({
    id: 'ospo:checklist:status',
    description:
      "Reads how far the teams owning a catalog entity are through their OSPO checklists, and how many of the entity's OSPO checks fail. Reads only; safe in a dry run.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'Entity ref of the entity whose owners are read, e.g. component:default/petstore',
            ),
      },
      output: {
        teams: z =>
          z
            .array(
              z.object({
                teamRef: z.string().describe('Entity ref of the owning team'),
                ratio: z
                  .number()
                  .describe(
                    'Done items out of applicable ones, from 0 to 1 (1 when none apply)',
                  ),
                done: z.number().describe('Items answered done'),
                applicable: z
                  .number()
                  .describe('Items that apply (not-applicable left out)'),
              }),
            )
            .describe(
              'Completion of each owning team over all of its checklists',
            ),
        completion: z =>
          z
            .number()
            .nullable()
            .describe(
              'The lowest completion ratio among the owning teams; null when no owner is a team',
            ),
        complete: z =>
          z
            .boolean()
            .describe(
              'Whether every owning team has done every applicable item; false when no owner is a team',
            ),
        failingChecks: z =>
          z
            .number()
            .describe(
              "How many of the entity's OSPO checks failed when last evaluated",
            ),
      },
    },
    async handler(ctx) {
      const { entityRef } = ctx.input;
      const client = createUserOspoClient({
        auth,
        discovery,
        credentials: await ctx.getInitiatorCredentials(),
      });
      const status = await callOspo(
        `read the OSPO checklist status of ${entityRef}`,
        () => client.getEntityChecklistStatus(entityRef),
      );
      const summary = summarizeChecklistStatus(status);
      ctx.output('teams', summary.teams);
      ctx.output('completion', summary.completion);
      ctx.output('complete', summary.complete);
      ctx.output('failingChecks', summary.failingChecks);
    },
  });
}
