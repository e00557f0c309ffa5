import Typography from '@material-ui/core/Typography';
import { Consultation, ConsultationRating } from '@ospo-kit/plugin-ospo-common';
import { ConsultationRatingView } from './ConsultationRatingView';
import { RateConsultationForm } from './RateConsultationForm';

/** Whether a request's answer may be rated: resolved or declined, unrated. */
export function canRateConsultation(
  consultation: Pick<Consultation, 'status' | 'rating'>,
): boolean {
  return (
    (consultation.status === 'resolved' ||
      consultation.status === 'declined') &&
    !consultation.rating
  );
}

/**
 * The rating of a request's answer: read-only once given, for everyone who
 * sees the request; before that, the form for its requester, and nothing
 * for anyone else.
 */
export function ConsultationRatingSection(props: {
  consultation: Pick<Consultation, 'id' | 'status' | 'rating'>;
  isRequester: boolean;
  onRated: (rating: ConsultationRating) => void;
}) {
  const { consultation, isRequester, onRated } = props;
  if (consultation.rating) {
    return (
      <section aria-label="Rating">
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {isRequester ? 'Your rating' : "The requester's rating"}
        </Typography>
        <ConsultationRatingView rating={consultation.rating} />
      </section>
    );
  }
  if (isRequester && canRateConsultation(consultation)) {
    return (
      <RateConsultationForm
        consultationId={consultation.id}
        onRated={onRated}
      />
    );
  }
  return null;
}
