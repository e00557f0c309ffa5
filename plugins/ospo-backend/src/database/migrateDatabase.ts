import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@ospo-kit/plugin-ospo-backend',
  'migrations',
);

/**
 * Brings the plugin's tables to the latest schema.
 *
 * @internal
 */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** The folder holding the plugin's migrations, for tests that step through them. */
export const MIGRATIONS_DIRECTORY = migrationsDir;
