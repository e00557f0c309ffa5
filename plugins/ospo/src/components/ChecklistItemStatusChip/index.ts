export { ChecklistItemStatusChip } from './ChecklistItemStatusChip';
export { checklistItemStatusLabel } from './checklistItemStatusLabel';
