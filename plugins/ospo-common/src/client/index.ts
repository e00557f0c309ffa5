export type { OspoApi } from './OspoApi';
export { OspoClient, OSPO_PLUGIN_ID } from './OspoClient';
export { TooManyRequestsError } from './TooManyRequestsError';
