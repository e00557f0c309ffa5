export { OspoSettingsCard } from './OspoSettingsCard';
