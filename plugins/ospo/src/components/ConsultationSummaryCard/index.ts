export { ConsultationSummaryCard } from './ConsultationSummaryCard';
export type { ConsultationSummaryCardProps } from './ConsultationSummaryCard';
