import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ChecklistService } from '../checklists/ChecklistService';
import { parseActionTeamRef } from './parseRefs';
import { outputSchemas } from './schemas';

/**
 * `list-team-checklist-answers`: a team's checklists as the REST route
 * `GET /teams/{namespace}/{name}/checklists` answers them.
 */
export function registerTeamChecklistAction(
  actionsRegistry: ActionsRegistryService,
  checklists: ChecklistService,
): void {
  actionsRegistry.register({
    name: 'list-team-checklist-answers',
    title: "List a team's OSPO checklist answers",
    description: [
      'Returns every OSPO checklist of one team (a catalog Group) with the items, the answers the team gave',
      '(status done, in-progress, not-started or not-applicable, with notes and evidence links, who answered and when)',
      'and the completion of each checklist.',
      'Use it for "how far is team X with the OSPO checklist?" or "what has team X left to do?".',
      'For the status of one component, use get-entity-ospo-status instead.',
      'The team is given as a group ref, e.g. group:default/team-a (or just team-a).',
      'Fails as not found when the team does not exist or the caller may not read checklists.',
    ].join(' '),
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          teamRef: z
            .string()
            .min(1)
            .describe('The team, a group ref such as group:default/team-a'),
        }),
      output: z => outputSchemas.teamChecklists(z),
    },
    action: async ({ input, credentials }) => {
      const team = parseActionTeamRef(input.teamRef);
      const teamRef = await checklists.readableTeam(team, credentials);
      const [teamChecklists] = await checklists.getTeamChecklists([teamRef]);
      return { output: teamChecklists };
    },
  });
}
