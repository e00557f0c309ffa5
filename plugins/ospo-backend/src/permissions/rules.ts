import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { OSPO_TEAM_RESOURCE_TYPE } from '@ospo-kit/plugin-ospo-common';
import { z } from 'zod';

/**
 * A team as the permission framework sees it: its entity ref.
 *
 * @public
 */
export type OspoTeamResource = { teamRef: string };

/**
 * Conditions on teams translate to a list of team refs.
 *
 * @public
 */
export type OspoTeamQuery = { teamRefs: string[] };

/**
 * The `ospo-team` resource type, owned by the `ospo` plugin.
 *
 * @public
 */
export const ospoTeamPermissionResourceRef = createPermissionResourceRef<
  OspoTeamResource,
  OspoTeamQuery
>().with({ pluginId: 'ospo', resourceType: OSPO_TEAM_RESOURCE_TYPE });

/**
 * Matches when the team is one of the given refs; a policy passes the
 * caller's ownership refs (their user ref and the groups they belong to).
 *
 * @public
 */
export const isTeamMember = createPermissionRule({
  name: 'IS_TEAM_MEMBER',
  description: 'Allow when the caller is a member of the team',
  resourceRef: ospoTeamPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the caller: user and group memberships'),
  }),
  apply: (team, { claims }) => claims.includes(team.teamRef),
  toQuery: ({ claims }) => ({ teamRefs: claims }),
});

/** The rules of the `ospo-team` resource type. */
export const ospoTeamRules = { isTeamMember };
