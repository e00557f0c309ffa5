import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from './api';
import type { ConsultOspoCardProps } from './components/ConsultOspoCard';
import type { OwnerChecklistCardProps } from './components/OwnerChecklistCard';
import type { TeamChecklistCardProps } from './components/TeamChecklistCard';
import type { TeamMetricsCardProps } from './components/TeamMetricsCard';
import type { TeamCampaignsCardProps } from './components/TeamCampaignsCard';
import {
  consultationRouteRef,
  consultationsRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The OSPO frontend plugin: team checklists and consultations on entity
 * pages, and the OSPO's own pages.
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
    consultations: consultationsRouteRef,
    consultation: consultationRouteRef,
  },
});

/**
 * A card for Group entity pages: the team's OSPO checklists, which members
 * and OSPO staff can answer.
 *
 * @public
 */
export const EntityTeamChecklistCard: (
  props: TeamChecklistCardProps,
) => JSX.Element = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamChecklistCard',
    component: {
      lazy: () =>
        import('./components/TeamChecklistCard').then(m => m.TeamChecklistCard),
    },
  }),
);

/**
 * A card for Group entity pages: the team's OSPO metrics, each with its latest
 * figure, its change over the last 90 days, a sparkline and its published
 * definition.
 *
 * @public
 */
export const EntityTeamMetricsCard: (
  props: TeamMetricsCardProps,
) => JSX.Element = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamMetricsCard',
    component: {
      lazy: () =>
        import('./components/TeamMetricsCard').then(m => m.TeamMetricsCard),
    },
  }),
);

/**
 * A card for Group entity pages: the active OSPO campaigns that concern the
 * team, each with its deadline.
 *
 * @public
 */
export const EntityTeamCampaignsCard: (
  props: TeamCampaignsCardProps,
) => JSX.Element = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamCampaignsCard',
    component: {
      lazy: () =>
        import('./components/TeamCampaignsCard').then(m => m.TeamCampaignsCard),
    },
  }),
);

/**
 * A card for Component, API, System and Resource entity pages, titled "OSPO
 * status": the entity's OSPO checks, then the checklist progress of the
 * team(s) owning it.
 *
 * @public
 */
export const EntityOwnerChecklistCard: (
  props: OwnerChecklistCardProps,
) => JSX.Element = ospoPlugin.provide(
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

/**
 * A card for Component, API, System, Resource and Group entity pages: who the
 * OSPO is and what it helps with, what the catalog says about the entity's
 * open source status, and the consultation requests about it, with the form
 * to file one.
 *
 * @public
 */
export const EntityConsultOspoCard: (
  props: ConsultOspoCardProps,
) => JSX.Element = ospoPlugin.provide(
  createComponentExtension({
    name: 'EntityConsultOspoCard',
    component: {
      lazy: () =>
        import('./components/ConsultOspoCard').then(m => m.ConsultOspoCard),
    },
  }),
);

/**
 * Toasts OSPO staff about new consultation requests, one per burst ("5 new
 * consultation requests"), unless they muted them in their settings. Render
 * it once inside the app's router, e.g. next to `<AlertDisplay />`; it needs
 * the signals plugin (`@backstage/plugin-signals`).
 *
 * @public
 */
export const OspoConsultationToaster: () => JSX.Element | null =
  ospoPlugin.provide(
    createComponentExtension({
      name: 'OspoConsultationToaster',
      component: {
        lazy: () =>
          import('./components/ConsultationToaster').then(
            m => m.ConsultationToaster,
          ),
      },
    }),
  );

/**
 * The user's OSPO settings (whether new consultation requests raise a
 * toast), for the app's settings page, e.g. as a `SettingsLayout.Route`.
 *
 * @public
 */
export const OspoSettingsCard: () => JSX.Element = ospoPlugin.provide(
  createComponentExtension({
    name: 'OspoSettingsCard',
    component: {
      lazy: () =>
        import('./components/OspoSettingsCard').then(m => m.OspoSettingsCard),
    },
  }),
);

/**
 * The OSPO's pages, to mount at `/ospo` in the app: the org-wide dashboard
 * there, and the consultation queue at `/ospo/consultations`.
 *
 * @public
 */
export const OspoPage: () => JSX.Element = ospoPlugin.provide(
  createRoutableExtension({
    name: 'OspoPage',
    component: () => import('./components/OspoPage').then(m => m.OspoPage),
    mountPoint: rootRouteRef,
  }),
);
