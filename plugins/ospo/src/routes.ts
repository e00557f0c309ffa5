import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The root route of the OSPO plugin, where the app mounts `OspoPage`: the
 * org-wide dashboard, with the consultation queue below it.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'ospo' });
