import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The root route of the OSPO plugin, kept for the pages that come later
 * (dashboard, consultations).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'ospo' });
