import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * An in-memory catalog whose entities a test can change while the code under
 * test holds on to it: a catalog that is still loading, then has loaded.
 */
export function changingCatalog(initial: Entity[]) {
  let current = catalogServiceMock({ entities: initial });
  // Every method asks the catalog of the moment.
  type Methods = Record<string, (...args: unknown[]) => unknown>;
  const now = () => current as unknown as Methods;
  const methods: Methods = {};
  for (const method of Object.getOwnPropertyNames(
    Object.getPrototypeOf(current),
  )) {
    if (method === 'constructor') continue;
    methods[method] = (...args) => now()[method](...args);
  }
  const catalog = methods as unknown as CatalogService;
  return {
    catalog,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
    set(entities: Entity[]) {
      current = catalogServiceMock({ entities });
    },
  };
}
