import {
  NEW_CONSULTATION_REQUESTS_MAX_IDS,
  NewConsultationRequestsSignal,
} from '@ospo-kit/plugin-ospo-common';

/** The requests one toast tells of. */
export interface ToastBatch {
  count: number;
  /** Newest first, at most {@link NEW_CONSULTATION_REQUESTS_MAX_IDS}. */
  ids: string[];
  latest: { id: string; summary: string };
}

/**
 * The batch a toast shows once `next` arrives: `next` alone, or added to the
 * batch of the toast still shown, so that batches arriving close together
 * make one toast with their sum.
 */
export function mergeToastBatch(
  shown: ToastBatch | undefined,
  next: NewConsultationRequestsSignal,
): ToastBatch {
  if (!shown) {
    return { count: next.count, ids: next.ids, latest: next.latest };
  }
  const ids = [...next.ids, ...shown.ids.filter(id => !next.ids.includes(id))];
  return {
    count: shown.count + next.count,
    ids: ids.slice(0, NEW_CONSULTATION_REQUESTS_MAX_IDS),
    latest: next.latest,
  };
}

/** What a toast says of a batch, and where it leads. */
export interface ToastText {
  title: string;
  description?: string;
  link: { label: string; href: string };
}

/**
 * "New consultation request: …" leading to the request, or "5 new
 * consultation requests" leading to the queue.
 */
export function toastText(batch: ToastBatch, ospoRoot: string): ToastText {
  const queue = `${ospoRoot}/consultations`;
  if (batch.count === 1) {
    return {
      title: `New consultation request: ${batch.latest.summary}`,
      link: {
        label: 'Open the request',
        href: `${queue}/${encodeURIComponent(batch.latest.id)}`,
      },
    };
  }
  return {
    title: `${batch.count} new consultation requests`,
    description: `Latest: ${batch.latest.summary}`,
    link: { label: 'Open the queue', href: queue },
  };
}
