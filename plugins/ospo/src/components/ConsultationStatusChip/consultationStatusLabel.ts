import { ConsultationStatus } from '@ospo-kit/plugin-ospo-common';

const LABELS: Record<ConsultationStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

/**
 * The label people read for a request's status; the ids stay in the API.
 */
export function consultationStatusLabel(status: ConsultationStatus) {
  return LABELS[status] ?? status;
}
