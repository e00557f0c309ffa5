export { ConsultationQueuePage } from './ConsultationQueuePage';
export { ConsultationRequestRoute } from './ConsultationRequestRoute';
