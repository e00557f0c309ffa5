import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { MockPermissionApi, mockApis } from '@backstage/test-utils';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../api';
import { OSPO_BASE_URL } from './ospoFixtures';

/** Decides each permission request of a test. */
export type PermissionHandler = NonNullable<
  ConstructorParameters<typeof MockPermissionApi>[0]
>;

/** Who is signed in and what they may do, in a test app. */
export interface OspoTestApiOptions {
  permission?: PermissionHandler;
  /** The signed-in user; `user:default/test` unless given. */
  userEntityRef?: string;
  /** What the in-memory catalog holds, for pickers; empty unless given. */
  catalogEntities?: Entity[];
}

/**
 * The APIs the OSPO components need in a test app: a real OspoClient talking
 * to the msw server, the given permission decisions, the signed-in user and
 * an in-memory catalog.
 */
export function ospoTestApis(options: OspoTestApiOptions = {}) {
  const ospoApi = new OspoClient({
    discoveryApi: { getBaseUrl: async () => OSPO_BASE_URL },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  return [
    [ospoApiRef, ospoApi],
    [permissionApiRef, new MockPermissionApi(options.permission)],
    [
      catalogApiRef,
      catalogApiMock({ entities: options.catalogEntities ?? [] }),
    ],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/test',
      }),
    ],
  ] as const;
}
