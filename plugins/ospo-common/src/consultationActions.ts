import {
  Consultation,
  ConsultationAction,
  ConsultationStatus,
} from './consultations';

/**
 * One {@link ConsultationAction} of the state machine: where it may start
 * from, where it leads and who may take it.
 *
 * @public
 */
export interface ConsultationActionRule {
  /** The statuses the action may start from. */
  from: readonly ConsultationStatus[];
  /** The status it leads to. */
  to: ConsultationStatus;
  /**
   * Who may take it: OSPO staff, or the requester of the request (whether or
   * not they are OSPO staff too).
   */
  by: 'staff' | 'requester';
  /** Whether its note becomes the request's `resolution`. */
  setsResolution: boolean;
}

/**
 * The consultation state machine, shared so that the backend enforces the
 * same rules the frontend offers as buttons.
 *
 * @public
 */
export const CONSULTATION_ACTIONS: Readonly<
  Record<ConsultationAction, ConsultationActionRule>
> = {
  start: {
    from: ['open'],
    to: 'in-progress',
    by: 'staff',
    setsResolution: false,
  },
  resolve: {
    from: ['open', 'in-progress'],
    to: 'resolved',
    by: 'staff',
    setsResolution: true,
  },
  decline: {
    from: ['open', 'in-progress'],
    to: 'declined',
    by: 'staff',
    setsResolution: true,
  },
  reopen: {
    from: ['resolved', 'declined', 'withdrawn'],
    to: 'open',
    by: 'staff',
    setsResolution: false,
  },
  withdraw: {
    from: ['open', 'in-progress'],
    to: 'withdrawn',
    by: 'requester',
    setsResolution: true,
  },
};

/**
 * Who is looking at a consultation request, as far as its actions go.
 *
 * @public
 */
export interface ConsultationActor {
  /** Whether they may manage requests (`ospo.consultation.manage`). */
  isStaff: boolean;
  /** Whether they filed this request. */
  isRequester: boolean;
}

/**
 * The actions someone may take on a request in its current status, in the
 * order of {@link CONSULTATION_ACTIONS}. Withdrawing is the requester's own
 * act: OSPO staff may not withdraw someone else's request, and a requester
 * who is staff may withdraw their own.
 *
 * @public
 */
export function availableConsultationActions(
  consultation: Pick<Consultation, 'status'>,
  actor: ConsultationActor,
): ConsultationAction[] {
  return (Object.keys(CONSULTATION_ACTIONS) as ConsultationAction[]).filter(
    action => {
      const { from, by } = CONSULTATION_ACTIONS[action];
      const allowed = by === 'staff' ? actor.isStaff : actor.isRequester;
      return allowed && from.includes(consultation.status);
    },
  );
}
