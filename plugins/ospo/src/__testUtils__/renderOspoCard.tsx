import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  OspoTestApiOptions,
  PermissionHandler,
  ospoTestApis,
} from './ospoTestApis';

export type { PermissionHandler };

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
  options: OspoTestApiOptions & { entity: Entity },
) {
  return renderInTestApp(
    <TestApiProvider apis={ospoTestApis(options)}>
      <EntityProvider entity={options.entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
