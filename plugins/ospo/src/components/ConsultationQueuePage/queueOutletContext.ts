import { useOutletContext } from 'react-router-dom';
import { ConsultationTopic } from '@ospo-kit/plugin-ospo-common';

/** What the queue hands the request opened over it. */
export interface QueueOutletContext {
  topics: ConsultationTopic[];
  /** Reloads the queue after a change to the request. */
  onChanged: () => void;
}

/** Where the queue keeps whether a request was opened from it. */
export interface OpenedFromQueueState {
  fromQueue: true;
}

/** The context of {@link QueueOutletContext}, from the queue around. */
export function useQueueOutletContext(): QueueOutletContext {
  return useOutletContext<QueueOutletContext>();
}
