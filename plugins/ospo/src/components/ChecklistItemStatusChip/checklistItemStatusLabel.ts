import { ChecklistItemStatus } from '@ospo-kit/plugin-ospo-common';

const LABELS: Record<ChecklistItemStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  'not-applicable': 'Not applicable',
};

/**
 * The label people read for a status; the ids stay in the API.
 */
export function checklistItemStatusLabel(status: ChecklistItemStatus) {
  return LABELS[status] ?? status;
}
