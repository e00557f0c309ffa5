import {
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
} from '@backstage/plugin-permission-common';
import { CallerCache } from './CallerCache';

/**
 * The permissions service, remembering each signed-in user's definitive
 * decisions for the cache's time to live. Every OSPO request checks a
 * permission, and each check is otherwise a round trip to the permission
 * backend; a policy change then applies to a user after at most that time.
 * Conditional decisions are not cached.
 *
 * @internal
 */
export function cachedPermissions(
  permissions: PermissionsService,
  cache: CallerCache<AuthorizePermissionResponse>,
): PermissionsService {
  return {
    async authorize(
      requests: AuthorizePermissionRequest[],
      options: PermissionsServiceRequestOptions,
    ): Promise<AuthorizePermissionResponse[]> {
      const caller =
        options && 'credentials' in options
          ? cache.callerOf(options.credentials)
          : undefined;
      if (caller === undefined) return permissions.authorize(requests, options);

      const keys = requests.map(keyOf);
      const decisions = keys.map(key => cache.get(caller, key));
      const missing = keys.flatMap((_, i) => (decisions[i] ? [] : [i]));
      if (missing.length > 0) {
        const asked = await permissions.authorize(
          missing.map(i => requests[i]),
          options,
        );
        missing.forEach((index, i) => {
          decisions[index] = asked[i];
          cache.set(caller, keys[index], asked[i]);
        });
      }
      return decisions as AuthorizePermissionResponse[];
    },
    authorizeConditional(requests, options) {
      return permissions.authorizeConditional(requests, options);
    },
  };
}

function keyOf(request: AuthorizePermissionRequest): string {
  return `${request.permission.name}\u0000${request.resourceRef ?? ''}`;
}
