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
