/*
 * The metrics run under test: the OSPO backend's own metrics run with its
 * built-in metrics and its real database stores (SQLite in memory), through
 * the plugin's testUtils entry point, reading the bench catalog over HTTP as
 * a split deployment would.
 *
 * The bench calls this exactly as it calls the floor (readFloor.ts): same
 * catalog client, same static token, same page size, same wall-clock and RSS
 * measurement. Setting the database up happens in prepareOspoMetrics, outside
 * the measured phase.
 */

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogApi } from '@backstage/catalog-client';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  migrateOspoDatabase,
  runBuiltinMetrics,
} from '@ospo-kit/plugin-ospo-backend/testUtils';
import knexFactory, { Knex } from 'knex';

let database: Knex | undefined;

/** Creates and migrates the plugin's database; not measured. */
export async function prepareOspoMetrics(): Promise<void> {
  database = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateOspoDatabase(database);
}

/** Closes the plugin's database. */
export async function closeOspoMetrics(): Promise<void> {
  await database?.destroy();
}

/** The catalog service the plugin gets, over the bench's CatalogClient. */
function catalogService(catalog: CatalogApi, token: string): CatalogService {
  return {
    queryEntities: (request: Parameters<CatalogApi['queryEntities']>[0]) =>
      catalog.queryEntities(request, { token }),
    getEntitiesByRefs: (
      request: Parameters<CatalogApi['getEntitiesByRefs']>[0],
    ) => catalog.getEntitiesByRefs(request, { token }),
  } as unknown as CatalogService;
}

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

export async function runOspoMetrics(options: {
  /** A CatalogClient against the bench catalog backend. */
  catalog: CatalogApi;
  /** The static external access token; pass it as `{ token }` on each call. */
  token: string;
  /** Page size for cursor reads, the same as the floor's. */
  pageSize: number;
}): Promise<{ processedEntities: number }> {
  if (!database) {
    throw new Error('prepareOspoMetrics was not called');
  }
  const result = await runBuiltinMetrics({
    database,
    catalog: catalogService(options.catalog, options.token),
    // The static token stands in for the plugin's service credentials.
    auth: {
      getOwnServiceCredentials: async () => ({}),
    } as unknown as AuthService,
    logger: quietLogger,
    // The plugin's defaults otherwise (retention 400 days, the OSPO maturity
    // checklist, the default license lists).
    config: new ConfigReader({
      ospo: { metrics: { pageSize: options.pageSize } },
    }),
  });
  // The run reads the Groups (its scopes, less the org) and then the
  // Components (what it counts as processed): the same entities as the floor.
  return {
    processedEntities: result.processedEntities + result.scopeCount - 1,
  };
}
