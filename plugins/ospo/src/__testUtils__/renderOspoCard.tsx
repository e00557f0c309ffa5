import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../api';
import { OSPO_BASE_URL } from './ospoFixtures';

export type PermissionHandler = NonNullable<
  ConstructorParameters<typeof MockPermissionApi>[0]
>;
type PermissionResult = ReturnType<PermissionHandler>;

/**
 * The permission decisions, spelled as the values of `AuthorizeResult`: that
 * enum lives in `@backstage/plugin-permission-common`, which this package does
 * not depend on.
 */
export const ALLOW = 'ALLOW' as PermissionResult;
export const DENY = 'DENY' as PermissionResult;

/**
 * Renders an entity card in a test app, with a real OspoClient talking to the
 * msw server and the given permission decisions.
 */
export async function renderOspoCard(
  card: ReactElement,
  options: {
    entity: Entity;
    permission?: PermissionHandler;
  },
) {
  const ospoApi = new OspoClient({
    discoveryApi: { getBaseUrl: async () => OSPO_BASE_URL },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ospoApiRef, ospoApi],
        [permissionApiRef, new MockPermissionApi(options.permission)],
      ]}
    >
      <EntityProvider entity={options.entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
