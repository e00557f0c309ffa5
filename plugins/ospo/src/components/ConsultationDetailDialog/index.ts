export { ConsultationDetailDialog } from './ConsultationDetailDialog';
