export { LabelledSelect } from './LabelledSelect';
export type { LabelledSelectProps, SelectOption } from './LabelledSelect';
