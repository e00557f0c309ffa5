export { ChecklistProgress } from './ChecklistProgress';
