import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The OSPO frontend plugin: team checklists on entity pages.
 *
 * @public
 */
export const ospoPlugin = createPlugin({
  id: 'ospo',
  apis: [
    createApiFactory({
      api: ospoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OspoClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * A card for Group entity pages: the team's OSPO checklists, which members
 * and OSPO staff can answer.
 *
 * @public
 */
export const EntityTeamChecklistCard = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamChecklistCard',
    component: {
      lazy: () =>
        import('./components/TeamChecklistCard').then(m => m.TeamChecklistCard),
    },
  }),
);

/**
 * A card for Component, API and System entity pages: the checklist progress
 * of the team(s) owning the entity.
 *
 * @public
 */
export const EntityOwnerChecklistCard = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnerChecklistCard',
    component: {
      lazy: () =>
        import('./components/OwnerChecklistCard').then(
          m => m.OwnerChecklistCard,
        ),
    },
  }),
);
