/*
 * The metrics run under test: the OSPO backend's own MetricsRunner with its
 * built-in metrics and its real database store (SQLite in memory), reading
 * the bench catalog over HTTP as a split deployment would.
 *
 * The bench calls this exactly as it calls the floor (readFloor.ts): same
 * catalog client, same static token, same page size, same wall-clock and RSS
 * measurement. Setting the database up happens in prepareOspoMetrics, outside
 * the measured phase.
 */

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogApi } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import { DatabaseChecklistStore } from '../../../plugins/ospo-backend/src/checklists/DatabaseChecklistStore';
import { DatabaseConsultationStore } from '../../../plugins/ospo-backend/src/consultations/DatabaseConsultationStore';
import { DatabaseMetricsStore } from '../../../plugins/ospo-backend/src/metrics/DatabaseMetricsStore';
import { migrateDatabase } from '../../../plugins/ospo-backend/src/database/migrateDatabase';
import { createBuiltinMetrics } from '../../../plugins/ospo-backend/src/metrics/builtin/createBuiltinMetrics';
import { LicensePolicy } from '../../../plugins/ospo-backend/src/metrics/LicensePolicy';
import { MetricsRunner } from '../../../plugins/ospo-backend/src/metrics/MetricsRunner';
import { OSPO_MATURITY_CHECKLIST } from '../../../plugins/ospo-backend/src/checklists/defaultChecklists';

let database: Knex | undefined;

/** Creates and migrates the plugin's database; not measured. */
export async function prepareOspoMetrics(): Promise<void> {
  database = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateDatabase(database);
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
  const runner = MetricsRunner.create({
    catalog: catalogService(options.catalog, options.token),
    // The static token stands in for the plugin's service credentials.
    auth: {
      getOwnServiceCredentials: async () => ({}),
    } as unknown as AuthService,
    logger: quietLogger,
    store: DatabaseMetricsStore.create({ database }),
    metrics: createBuiltinMetrics({
      licensePolicy: LicensePolicy.create({}),
      checklists: [OSPO_MATURITY_CHECKLIST],
      checklistStore: DatabaseChecklistStore.create({ database }),
      consultationStore: DatabaseConsultationStore.create({ database }),
      consultationPeriodDays: 30,
    }),
    pageSize: options.pageSize,
    retentionMs: 400 * 24 * 60 * 60 * 1000,
    staleAfterMs: 30 * 60 * 1000,
  });
  // The run reads the Groups (its scopes, less the org) and then the
  // Components (what it counts as processed): the same entities as the floor.
  const result = await runner.run();
  return {
    processedEntities: result.processedEntities + result.scopeCount - 1,
  };
}
