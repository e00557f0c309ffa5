export { ConsultationToaster } from './ConsultationToaster';
