/*
 * The catalog backend of the metrics benchmark: a real Backstage backend with
 * the catalog plugin on PostgreSQL, loaded with the synthetic catalog, reached
 * by the bench client with a static external access token. Its configuration
 * is built here from the OSPO_BENCH_* variables (see README.md).
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { readBenchOptions } from './benchOptions';
import { createSyntheticCatalogModule } from './syntheticCatalogModule';

const bench = readBenchOptions();

const connection = {
  host: bench.dbHost,
  port: bench.dbPort,
  user: bench.dbUser,
  ...(bench.dbPassword ? { password: bench.dbPassword } : {}),
};

const baseUrl = `http://127.0.0.1:${bench.port}`;
const config = {
  backend: {
    baseUrl,
    listen: { host: '127.0.0.1', port: bench.port },
    database: {
      client: 'pg',
      connection,
      plugin: { catalog: { connection: { database: bench.database } } },
    },
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: bench.token, subject: 'ospo-bench' },
        },
      ],
    },
  },
  catalog: {
    rules: [{ allow: ['Component', 'Group', 'User'] }],
    locations: [],
    // Only the provider changes the catalog: no periodic reprocessing, so the
    // measured reads do not compete with background processing.
    processingInterval: { days: 365 },
    // Every entity comes from the provider; the orphan sweep (a heavy query
    // every 30 s at this size) would only add noise to the measurements.
    orphanStrategy: 'keep',
  },
};

async function ensureDatabase() {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await admin.raw(
      'select 1 from pg_database where datname = ?',
      [bench.database],
    );
    if (rows.length === 0) {
      await admin.raw('create database ??', [bench.database]);
      console.log(`ospo-bench: created database ${bench.database}`);
    }
  } finally {
    await admin.destroy();
  }
}

async function main() {
  await ensureDatabase();
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(config, 'ospo-bench'),
    }),
  );
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(createSyntheticCatalogModule(bench));
  await backend.start();
}

main().catch(error => {
  console.error(`ospo-bench: catalog backend failed: ${error?.stack ?? error}`);
  process.exit(1);
});
