import {
  ConsultationAction,
  ConsultationStatus,
} from '@ospo-kit/plugin-ospo-common';

/**
 * The consultation state machine: where each action may start from, where it
 * leads, and who may take it.
 *
 * @internal
 */
export const CONSULTATION_ACTIONS: Record<
  ConsultationAction,
  {
    from: readonly ConsultationStatus[];
    to: ConsultationStatus;
    by: 'staff' | 'requester';
    setsResolution: boolean;
  }
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
