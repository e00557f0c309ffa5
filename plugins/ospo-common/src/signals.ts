/**
 * The signals channel on which the OSPO backend tells OSPO staff, live, about
 * new consultation requests (through `@backstage/plugin-signals`).
 *
 * @public
 */
export const OSPO_CONSULTATION_SIGNAL_CHANNEL = 'ospo:consultations';

/**
 * The most request ids one {@link NewConsultationRequestsSignal} lists; its
 * `count` counts them all.
 *
 * @public
 */
export const NEW_CONSULTATION_REQUESTS_MAX_IDS = 50;

/**
 * The requests filed during one batching window
 * (`ospo.notifications.toastBatchWindow`) that a staff member did not file
 * themselves: one message per window and recipient on
 * {@link OSPO_CONSULTATION_SIGNAL_CHANNEL}, however many requests came in.
 *
 * @public
 */
export type NewConsultationRequestsSignal = {
  type: 'new-requests';
  /** How many requests the window brought; at least 1. */
  count: number;
  /** Their ids, newest first; at most {@link NEW_CONSULTATION_REQUESTS_MAX_IDS}. */
  ids: string[];
  /** The newest of them. */
  latest: { id: string; summary: string };
};

/**
 * Whether a signal on the channel is a {@link NewConsultationRequestsSignal};
 * anything else (another version's message, say) is ignored.
 *
 * @public
 */
export function isNewConsultationRequestsSignal(
  message: unknown,
): message is NewConsultationRequestsSignal {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<NewConsultationRequestsSignal>;
  return (
    m.type === 'new-requests' &&
    typeof m.count === 'number' &&
    Number.isInteger(m.count) &&
    m.count >= 1 &&
    Array.isArray(m.ids) &&
    m.ids.every(id => typeof id === 'string') &&
    typeof m.latest === 'object' &&
    m.latest !== null &&
    typeof m.latest.id === 'string' &&
    typeof m.latest.summary === 'string'
  );
}
