import { createApiRef } from '@backstage/core-plugin-api';
import { OspoApi } from '@ospo-kit/plugin-ospo-common';

/**
 * The API ref of the OSPO backend client, so components and other plugins
 * can get the {@link @ospo-kit/plugin-ospo-common#OspoApi} through `useApi`.
 *
 * @public
 */
export const ospoApiRef = createApiRef<OspoApi>({
  id: 'plugin.ospo.service',
});
