export { ChangeAttribution } from './ChangeAttribution';
