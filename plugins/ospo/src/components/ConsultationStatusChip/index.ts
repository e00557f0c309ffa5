export { ConsultationStatusChip } from './ConsultationStatusChip';
export { consultationStatusLabel } from './consultationStatusLabel';
