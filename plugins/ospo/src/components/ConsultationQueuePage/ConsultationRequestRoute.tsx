import { useCallback } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ConsultationDetailDialog } from '../ConsultationDetailDialog';
import {
  OpenedFromQueueState,
  useQueueOutletContext,
} from './queueOutletContext';

/**
 * One request at its own URL, `consultations/:id`, opened over the queue.
 * Closing it returns to the queue with its filters: one step back when it
 * was opened from there, else (a link, a reload) to the queue's URL.
 */
export function ConsultationRequestRoute() {
  const { id = '' } = useParams();
  const { topics, onChanged } = useQueueOutletContext();
  const navigate = useNavigate();
  const location = useLocation();
  const fromQueue = Boolean(
    (location.state as OpenedFromQueueState | null)?.fromQueue,
  );

  const close = useCallback(() => {
    if (fromQueue) {
      navigate(-1);
    } else {
      navigate({ pathname: '..', search: location.search }, { replace: true });
    }
  }, [fromQueue, navigate, location.search]);

  return (
    <ConsultationDetailDialog
      // A new request is a new dialog: nothing typed carries over.
      key={id}
      consultationId={id}
      topics={topics}
      onClose={close}
      onChanged={onChanged}
    />
  );
}
