export { OwnerChecklistCard } from './OwnerChecklistCard';
export type { OwnerChecklistCardProps } from './OwnerChecklistCard';
