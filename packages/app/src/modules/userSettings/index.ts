export { userSettingsStorageModule } from './userSettingsStorageModule';
