import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The root route of the OSPO plugin, where the app mounts `OspoPage`: the
 * consultation queue now, the org-wide dashboard later.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'ospo' });
