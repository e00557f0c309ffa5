import { Consultation } from '@ospo-kit/plugin-ospo-common';
import { addWeekdayTime } from './addWeekdayTime';

const HOUR_MS = 60 * 60 * 1000;

/**
 * When the OSPO's first response to a request is due: its creation plus the
 * office's response target, in weekday time.
 *
 * @internal
 */
export function firstResponseDueAt(
  createdAt: string,
  responseTargetHours: number,
): Date {
  return addWeekdayTime(new Date(createdAt), responseTargetHours * HOUR_MS);
}

/**
 * Whether an active request (open or in progress) without a first response
 * is past its due date at `now`.
 *
 * @internal
 */
export function isFirstResponseOverdue(
  consultation: Pick<Consultation, 'status' | 'createdAt' | 'firstResponseAt'>,
  responseTargetHours: number,
  now: number,
): boolean {
  const active =
    consultation.status === 'open' || consultation.status === 'in-progress';
  return (
    active &&
    !consultation.firstResponseAt &&
    now >
      firstResponseDueAt(consultation.createdAt, responseTargetHours).getTime()
  );
}
