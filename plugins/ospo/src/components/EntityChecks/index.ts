export { EntityChecksSection } from './EntityChecksSection';
