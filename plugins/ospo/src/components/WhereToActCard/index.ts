export { WhereToActCard } from './WhereToActCard';
export type { WhereToActCardProps } from './WhereToActCard';
