import { identityApiRef } from '@backstage/core-plugin-api';
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
}

/**
 * The APIs the OSPO components need in a test app: a real OspoClient talking
 * to the msw server, the given permission decisions and the signed-in user.
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
      identityApiRef,
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/test',
      }),
    ],
  ] as const;
}
