import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The user behind a request's credentials, if a user made it. */
export function userOf(credentials?: BackstageCredentials): string | undefined {
  return (credentials?.principal as { userEntityRef?: string } | undefined)
    ?.userEntityRef;
}

/**
 * A catalog service as the catalog's own permissions would show it: the
 * entities `isHidden` picks are missing for the user making the request.
 */
export function restrictedCatalog(options: {
  entities: Entity[];
  isHidden(userRef: string | undefined, entity: Entity): boolean;
}) {
  const catalog = catalogServiceMock({ entities: options.entities });
  const hidden = (requestOptions: unknown, entity: Entity) =>
    options.isHidden(
      userOf(
        (requestOptions as { credentials?: BackstageCredentials })?.credentials,
      ),
      entity,
    );
  return catalogServiceMock.mock({
    async getEntityByRef(ref, requestOptions) {
      const found = await catalog.getEntityByRef(ref);
      return found && !hidden(requestOptions, found) ? found : undefined;
    },
    async getEntitiesByRefs(req, requestOptions) {
      const { items } = await catalog.getEntitiesByRefs(req);
      return {
        items: items.map(e =>
          e && !hidden(requestOptions, e) ? e : undefined,
        ),
      };
    },
  });
}

/**
 * A permissions service whose policy lets every user read the whole catalog
 * except `user`, whose reads are conditional (the catalog filters them, as
 * `restrictedCatalog` does); every other permission is allowed.
 */
export function permissionsConditionalFor(user: string) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, options) =>
      requests.map(() =>
        userOf((options as { credentials?: any }).credentials) === user
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
            }
          : { result: AuthorizeResult.ALLOW },
      ) as any,
  });
}
