export { ConsultationSummaryCard } from './ConsultationSummaryCard';
