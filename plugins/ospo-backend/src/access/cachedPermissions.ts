import {
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { CallerCache } from './CallerCache';

/**
 * The permissions service, remembering each signed-in user's definitive
 * decisions for the cache's time to live. Every OSPO request checks a
 * permission, and each check is otherwise a round trip to the permission
 * backend; a policy change then applies to a user after at most that time.
 * The same goes for `authorizeConditional`'s decisions, conditions included:
 * a conditional decision is the policy's answer for this caller, such as
 * "the teams whose refs are among your claims".
 *
 * @internal
 */
export function cachedPermissions(
  permissions: PermissionsService,
  cache: CallerCache<AuthorizePermissionResponse | PolicyDecision>,
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
      const decisions = keys.map(
        key =>
          cache.get(caller, key) as AuthorizePermissionResponse | undefined,
      );
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
    async authorizeConditional(
      requests: QueryPermissionRequest[],
      options: PermissionsServiceRequestOptions,
    ): Promise<PolicyDecision[]> {
      const caller =
        options && 'credentials' in options
          ? cache.callerOf(options.credentials)
          : undefined;
      if (caller === undefined) {
        return permissions.authorizeConditional(requests, options);
      }
      const keys = requests.map(
        r => `\u0001conditional\u0000${r.permission.name}`,
      );
      const decisions = keys.map(
        key => cache.get(caller, key) as PolicyDecision | undefined,
      );
      const missing = keys.flatMap((_, i) => (decisions[i] ? [] : [i]));
      if (missing.length > 0) {
        const asked = await permissions.authorizeConditional(
          missing.map(i => requests[i]),
          options,
        );
        missing.forEach((index, i) => {
          decisions[index] = asked[i];
          cache.set(caller, keys[index], asked[i]);
        });
      }
      return decisions as PolicyDecision[];
    },
  };
}

function keyOf(request: AuthorizePermissionRequest): string {
  return `${request.permission.name}\u0000${request.resourceRef ?? ''}`;
}
