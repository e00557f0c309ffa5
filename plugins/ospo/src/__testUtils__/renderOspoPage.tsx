import { ReactElement } from 'react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { rootRouteRef } from '../routes';
import { OspoTestApiOptions, ospoTestApis } from './ospoTestApis';

/**
 * Renders an OSPO page or dialog (no entity around it) in a test app, with a
 * real OspoClient talking to the msw server. Entity pages are mounted at
 * `/catalog/...` and the OSPO's pages at `/ospo`, for links to resolve.
 */
export async function renderOspoPage(
  page: ReactElement,
  options: OspoTestApiOptions & { routeEntries?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={ospoTestApis(options)}>{page}</TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/ospo': rootRouteRef,
      },
    },
  );
}
