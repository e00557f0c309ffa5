export { ConsultOspoCard } from './ConsultOspoCard';
export type { ConsultOspoCardProps } from './ConsultOspoCard';
