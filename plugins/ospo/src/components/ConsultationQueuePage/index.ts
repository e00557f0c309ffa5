export { ConsultationQueuePage } from './ConsultationQueuePage';
