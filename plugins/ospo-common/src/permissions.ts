import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of OSPO permissions that concern one team (a Group).
 * The resource ref is the team's entity ref.
 *
 * @public
 */
export const OSPO_TEAM_RESOURCE_TYPE = 'ospo-team';

/**
 * Read the checklist answers and their history.
 *
 * @public
 */
export const ospoChecklistReadPermission = createPermission({
  name: 'ospo.checklist.read',
  attributes: { action: 'read' },
});

/**
 * Change a team's checklist answers. Conditional on the team, so a policy can
 * allow team members to edit their own team's answers only.
 *
 * @public
 */
export const ospoChecklistAnswerUpdatePermission = createPermission({
  name: 'ospo.checklist.answer.update',
  attributes: { action: 'update' },
  resourceType: OSPO_TEAM_RESOURCE_TYPE,
});

/**
 * Every permission of the OSPO plugin.
 *
 * @public
 */
export const ospoPermissions = [
  ospoChecklistReadPermission,
  ospoChecklistAnswerUpdatePermission,
];
