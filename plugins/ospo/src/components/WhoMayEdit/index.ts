export { WhoMayEdit } from './WhoMayEdit';
