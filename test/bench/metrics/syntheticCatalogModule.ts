/*
 * Catalog backend module of the benchmark: registers the synthetic catalog
 * provider with the catalog it belongs to.
 */

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import type { BenchOptions } from './benchOptions';
import { SyntheticCatalogProvider } from './SyntheticCatalogProvider';

export function createSyntheticCatalogModule(bench: BenchOptions) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'ospo-bench-synthetic',
    register(reg) {
      reg.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          database: coreServices.database,
          logger: coreServices.logger,
        },
        async init({ catalog, database, logger }) {
          // The catalog plugin's own database: the provider records which
          // catalog it loaded there and watches the catalog settle.
          const knex = await database.getClient();
          catalog.addEntityProvider(
            SyntheticCatalogProvider.create({ bench, knex, logger }),
          );
        },
      });
    },
  });
}
