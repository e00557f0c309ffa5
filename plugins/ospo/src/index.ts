/**
 * The OSPO frontend plugin: team checklists, consultations and the OSPO
 * dashboard in Backstage.
 *
 * @packageDocumentation
 */

export {
  ospoPlugin,
  EntityTeamChecklistCard,
  EntityTeamMetricsCard,
  EntityTeamCampaignsCard,
  EntityOwnerChecklistCard,
  EntityConsultOspoCard,
  OspoPage,
  OspoConsultationToaster,
  OspoSettingsCard,
} from './plugin';
export { ospoApiRef } from './api';
export type { TeamChecklistCardProps } from './components/TeamChecklistCard';
export type { TeamMetricsCardProps } from './components/TeamMetricsCard';
export type { TeamCampaignsCardProps } from './components/TeamCampaignsCard';
export type { OwnerChecklistCardProps } from './components/OwnerChecklistCard';
export type { ConsultOspoCardProps } from './components/ConsultOspoCard';
