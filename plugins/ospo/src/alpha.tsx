/**
 * The OSPO frontend plugin for apps on Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import AccountBalanceIcon from '@material-ui/icons/AccountBalance';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { Suspense, lazy } from 'react';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from './api';
import {
  consultationRouteRef,
  consultationsRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The OSPO backend client, provided as `ospoApiRef`.
 *
 * @alpha
 */
export const ospoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ospoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OspoClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The OSPO's pages at `/ospo`: the org-wide dashboard there, the
 * consultation queue at `/ospo/consultations` and each request at
 * `/ospo/consultations/<id>`. Its title and icon also make
 * the "OSPO" item of the app's navigation.
 *
 * @alpha
 */
export const ospoPage = PageBlueprint.make({
  params: {
    path: '/ospo',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    title: 'OSPO',
    icon: <AccountBalanceIcon fontSize="inherit" />,
    // The OSPO's pages bring their own header.
    noHeader: true,
    loader: () =>
      import('./components/OspoPage').then(m => compatWrapper(<m.OspoPage />)),
  },
});

// Loaded with the app, but only as much as it takes.
const LazyConsultationToaster = lazy(() =>
  import('./components/ConsultationToaster').then(m => ({
    default: m.ConsultationToaster,
  })),
);

/**
 * Toasts OSPO staff about new consultation requests, one per burst ("5 new
 * consultation requests"), through the app's toasts, unless they muted them
 * in their settings. Needs the signals plugin in the app.
 *
 * @alpha
 */
export const ospoConsultationToaster = AppRootElementBlueprint.make({
  name: 'consultation-toaster',
  params: {
    element: compatWrapper(
      <Suspense fallback={null}>
        <LazyConsultationToaster />
      </Suspense>,
    ),
  },
});

/**
 * An "OSPO" tab on the app's settings page (`/settings/ospo`): whether new
 * consultation requests raise a toast.
 *
 * @alpha
 */
export const ospoSettingsPage = SubPageBlueprint.make({
  name: 'settings',
  attachTo: { id: 'page:user-settings', input: 'pages' },
  params: {
    path: 'ospo',
    title: 'OSPO',
    loader: async () => {
      const [{ OspoSettingsCard }, { Content }] = await Promise.all([
        import('./components/OspoSettingsCard'),
        import('@backstage/core-components'),
      ]);
      return compatWrapper(
        <Content>
          <OspoSettingsCard />
        </Content>,
      );
    },
  },
});

/**
 * A card for Component, API, System and Resource entity pages, titled "OSPO
 * status": the entity's OSPO checks, then the checklist progress of the
 * team(s) owning it. A short summary, placed beside the About card
 * (`type: info`).
 *
 * @alpha
 */
export const ospoOwnerChecklistEntityCard = EntityCardBlueprint.make({
  name: 'owner-checklist',
  params: {
    type: 'info',
    filter: { kind: { $in: ['component', 'api', 'system', 'resource'] } },
    loader: () =>
      import('./components/OwnerChecklistCard').then(m =>
        compatWrapper(<m.OwnerChecklistCard />),
      ),
  },
});

/**
 * A card for Component, API, System, Resource and Group entity pages: who the
 * OSPO is and what it helps with, what the catalog says about the entity's
 * open source status, and the consultation requests about it, with the form
 * to file one.
 *
 * @alpha
 */
export const ospoConsultEntityCard = EntityCardBlueprint.make({
  name: 'consult',
  params: {
    type: 'content',
    filter: {
      kind: { $in: ['component', 'api', 'system', 'resource', 'group'] },
    },
    loader: () =>
      import('./components/ConsultOspoCard').then(m =>
        compatWrapper(<m.ConsultOspoCard />),
      ),
  },
});

/**
 * A card for the pages of Groups of type `team`: the team's OSPO checklists,
 * which members and OSPO staff can answer. Departments and the organisation
 * roll their teams up and answer none themselves; an app whose teams have
 * another `spec.type` sets the card's `filter` in its config.
 *
 * @alpha
 */
export const ospoTeamChecklistEntityCard = EntityCardBlueprint.make({
  name: 'team-checklist',
  params: {
    type: 'content',
    filter: { kind: 'group', 'spec.type': 'team' },
    loader: () =>
      import('./components/TeamChecklistCard').then(m =>
        compatWrapper(<m.TeamChecklistCard />),
      ),
  },
});

/**
 * A card for Group entity pages: the Group's OSPO metrics, each with its
 * latest figure, its change over the last 90 days, a sparkline and its
 * published definition. On every Group, since a department's figures cover
 * all of its teams.
 *
 * @alpha
 */
export const ospoTeamMetricsEntityCard = EntityCardBlueprint.make({
  name: 'team-metrics',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamMetricsCard').then(m =>
        compatWrapper(<m.TeamMetricsCard />),
      ),
  },
});

/**
 * A card for Group entity pages: the active OSPO campaigns that concern the
 * Group (directly or through a department above it), each with its
 * deadline.
 *
 * @alpha
 */
export const ospoTeamCampaignsEntityCard = EntityCardBlueprint.make({
  name: 'team-campaigns',
  params: {
    type: 'info',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamCampaignsCard').then(m =>
        compatWrapper(<m.TeamCampaignsCard />),
      ),
  },
});

/**
 * The OSPO frontend plugin for Backstage's new frontend system: the OSPO API
 * client, the OSPO's pages at `/ospo` with their navigation item, the entity
 * cards for Components, APIs, Systems, Resources and Groups, the toasts of
 * new consultation requests and the "OSPO" tab of the settings page.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ospo',
  title: 'OSPO',
  icon: <AccountBalanceIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    consultations: convertLegacyRouteRef(consultationsRouteRef),
    consultation: convertLegacyRouteRef(consultationRouteRef),
  },
  extensions: [
    ospoApi,
    ospoPage,
    ospoOwnerChecklistEntityCard,
    ospoConsultEntityCard,
    ospoTeamChecklistEntityCard,
    ospoTeamMetricsEntityCard,
    ospoConsultationToaster,
    ospoSettingsPage,
    ospoTeamCampaignsEntityCard,
  ],
});
