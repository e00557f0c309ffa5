export {
  isTeamMember,
  ospoTeamPermissionResourceRef,
  ospoTeamRules,
} from './rules';
export type { OspoTeamQuery, OspoTeamResource } from './rules';
export {
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from './conditions';
export { createOspoPermissionPolicy } from './createOspoPermissionPolicy';
export type { OspoPermissionPolicyOptions } from './createOspoPermissionPolicy';
export { ospoPermissionPolicyModule } from './ospoPermissionPolicyModule';
