export { ConsultationOverdueChip } from './ConsultationOverdueChip';
