import { createConditionExports } from '@backstage/plugin-permission-node';
import { ospoTeamPermissionResourceRef, ospoTeamRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: ospoTeamPermissionResourceRef,
  rules: ospoTeamRules,
});

/**
 * Conditions a permission policy can use for `ospo-team` permissions, e.g.
 * `ospoTeamConditions.isTeamMember({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const ospoTeamConditions = conditions;

/**
 * Wraps `ospoTeamConditions` into a conditional policy decision.
 *
 * @public
 */
export const createOspoTeamConditionalDecision = createConditionalDecision;
