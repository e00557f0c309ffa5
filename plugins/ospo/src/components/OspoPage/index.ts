export { OspoPage } from './OspoPage';
