export { SbomReportsCard } from './SbomReportsCard';
export type { SbomReportsCardProps } from './SbomReportsCard';
