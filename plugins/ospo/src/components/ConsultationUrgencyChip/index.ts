export { ConsultationUrgencyChip } from './ConsultationUrgencyChip';
export { consultationUrgencyLabel } from './consultationUrgencyLabel';
