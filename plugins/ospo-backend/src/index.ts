/**
 * Backend of the OSPO plugin: team checklists, consultations and metrics,
 * served at `/api/ospo`, and the recommended permission policy for them.
 *
 * @packageDocumentation
 */

export { ospoPlugin as default } from './plugin';
export {
  createOspoPermissionPolicy,
  createOspoTeamConditionalDecision,
  isTeamMember,
  ospoPermissionPolicyModule,
  ospoTeamConditions,
  ospoTeamPermissionResourceRef,
} from './permissions';
export type {
  OspoPermissionPolicyOptions,
  OspoTeamQuery,
  OspoTeamResource,
} from './permissions';
export { OSPO_MATURITY_CHECKLIST } from './checklists/defaultChecklists';
