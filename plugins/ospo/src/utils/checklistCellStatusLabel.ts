import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';

const LABELS: Record<ChecklistCellStatus, string> = {
  done: 'done',
  expired: 're-attest (expired)',
  'in-progress': 'in progress',
  'not-started': 'not started',
  'not-applicable': 'not applicable',
  unanswered: 'no answer',
};

/**
 * A heat map cell's status in words, lower case to follow a dash
 * ("Checkout: Creation — done"); capitalise it to start a label.
 */
export function checklistCellStatusLabel(status: ChecklistCellStatus): string {
  return LABELS[status] ?? status;
}
