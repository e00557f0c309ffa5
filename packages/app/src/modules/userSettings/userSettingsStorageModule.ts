import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  errorApiRef,
  fetchApiRef,
  identityApiRef,
  storageApiRef,
} from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { UserSettingsStorage } from '@backstage/plugin-user-settings';

/**
 * Keeps a signed-in user's settings (theme, starred entities) in the
 * user-settings backend instead of the browser, replacing the app's default
 * `api:app/storage`.
 */
export const userSettingsStorageApi = ApiBlueprint.make({
  name: 'storage',
  params: defineParams =>
    defineParams({
      api: storageApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        errorApi: errorApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
        signalApi: signalApiRef,
      },
      factory: deps => UserSettingsStorage.create(deps),
    }),
});

/** User settings stored by the user-settings backend. */
export const userSettingsStorageModule = createFrontendModule({
  pluginId: 'app',
  extensions: [userSettingsStorageApi],
});
