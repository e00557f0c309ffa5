export { ConsultationDetailDialog } from './ConsultationDetailDialog';
export { TransitionNoteDialog } from './TransitionNoteDialog';
