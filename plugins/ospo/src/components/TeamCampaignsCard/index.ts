export { TeamCampaignsCard } from './TeamCampaignsCard';
export type { TeamCampaignsCardProps } from './TeamCampaignsCard';
