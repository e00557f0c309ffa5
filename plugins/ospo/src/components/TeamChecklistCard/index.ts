export { TeamChecklistCard } from './TeamChecklistCard';
export type { TeamChecklistCardProps } from './TeamChecklistCard';
