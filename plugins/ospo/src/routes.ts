import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The root route of the OSPO plugin, where the app mounts `OspoPage`: the
 * org-wide dashboard, with the consultation queue below it.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'ospo' });

/**
 * The OSPO's consultation queue, `/consultations` below the root. Its
 * filters live in the query string, e.g. `?status=open&mine=true`.
 *
 * @public
 */
export const consultationsRouteRef = createSubRouteRef({
  id: 'ospo-consultations',
  parent: rootRouteRef,
  path: '/consultations',
});

/**
 * One consultation request, opened over the queue:
 * `/consultations/:id` below the root. Notifications link here.
 *
 * @public
 */
export const consultationRouteRef = createSubRouteRef({
  id: 'ospo-consultation',
  parent: rootRouteRef,
  path: '/consultations/:id',
});
