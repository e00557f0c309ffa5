/**
 * Backend of the OSPO plugin: team checklists with their history, served at
 * `/api/ospo`.
 *
 * @packageDocumentation
 */

export { ospoPlugin as default } from './plugin';
export {
  createOspoTeamConditionalDecision,
  isTeamMember,
  ospoTeamConditions,
  ospoTeamPermissionResourceRef,
} from './permissions';
export type { OspoTeamQuery, OspoTeamResource } from './permissions';
export { OSPO_MATURITY_CHECKLIST } from './checklists/defaultChecklists';
