export { ChecklistHeatMapCard } from './ChecklistHeatMapCard';
