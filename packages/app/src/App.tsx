import { createApp } from '@backstage/frontend-defaults';
import { systemDiagramModule } from './modules/catalogGraph';
import { navModule } from './modules/nav';
import { personaSignInModule } from './modules/signIn';
import { userSettingsStorageModule } from './modules/userSettings';

// The plugins are the frontend plugin packages in package.json, discovered
// through `app.packages: all` in app-config.yaml (the OSPO plugin's features
// come from `@ospo-kit/plugin-ospo/alpha`); these modules are the demo's own.
export default createApp({
  features: [
    navModule,
    personaSignInModule,
    userSettingsStorageModule,
    systemDiagramModule,
  ],
});
