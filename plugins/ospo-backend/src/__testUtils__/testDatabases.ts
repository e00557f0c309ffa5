import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The databases the plugin supports, and so is tested against. */
export const OSPO_TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_15',
];

/**
 * Creates the `TestDatabases` of a test file: SQLite always, PostgreSQL 15 when
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` is set (or Docker may
 * be used). With `OSPO_REQUIRE_POSTGRES=1`, as in CI, a missing PostgreSQL
 * fails the run instead of silently testing SQLite only.
 *
 * Call it at the top level of a test file or `describe` block: it registers an
 * `afterAll` hook that drops the databases.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: OSPO_TEST_DATABASE_IDS });
  if (
    process.env.OSPO_REQUIRE_POSTGRES === '1' &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'OSPO_REQUIRE_POSTGRES=1 but PostgreSQL 15 is not available to the tests; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, e.g. postgresql://postgres@127.0.0.1:5432',
    );
  }
  return databases;
}
