export { UserRefLink } from './UserRefLink';
