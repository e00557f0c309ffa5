export {
  ConsultationRatingSection,
  canRateConsultation,
} from './ConsultationRatingSection';
export { ConsultationRatingView, ratingLabel } from './ConsultationRatingView';
