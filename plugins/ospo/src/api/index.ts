export { ospoApiRef } from './OspoApiRef';
