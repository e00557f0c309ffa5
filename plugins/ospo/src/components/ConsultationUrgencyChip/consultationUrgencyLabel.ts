import { ConsultationUrgency } from '@ospo-kit/plugin-ospo-common';

const LABELS: Record<ConsultationUrgency, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical',
};

/**
 * The label people read for an urgency; the ids stay in the API.
 */
export function consultationUrgencyLabel(urgency: ConsultationUrgency) {
  return LABELS[urgency] ?? urgency;
}
