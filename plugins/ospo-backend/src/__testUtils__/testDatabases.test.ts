import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestDatabases } from './testDatabases';

const PG_URL = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** Calls `createTestDatabases` with some environment variables set or unset. */
function createWith(
  env: Record<string, string | undefined>,
): TestDatabases | Error {
  const saved = Object.fromEntries(
    Object.keys(env).map(k => [k, process.env[k]]),
  );
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = v;
      }
    }
  };
  apply(env);
  try {
    return createTestDatabases();
  } catch (error) {
    return error as Error;
  } finally {
    apply(saved);
  }
}

describe('createTestDatabases', () => {
  // TestDatabases.create registers an afterAll hook, which Jest allows here
  // but not inside a test. Nothing connects until a database is initialised.
  const noDocker = { BACKSTAGE_TEST_DISABLE_DOCKER: '1' };
  const requiredButMissing = createWith({
    ...noDocker,
    OSPO_REQUIRE_POSTGRES: '1',
    [PG_URL]: undefined,
  });
  const optionalAndMissing = createWith({
    ...noDocker,
    OSPO_REQUIRE_POSTGRES: undefined,
    [PG_URL]: undefined,
  });
  const requiredAndPresent = createWith({
    ...noDocker,
    OSPO_REQUIRE_POSTGRES: '1',
    [PG_URL]: 'postgresql://postgres@127.0.0.1:5432',
  });

  it('fails when PostgreSQL is required but not available', () => {
    expect(requiredButMissing).toBeInstanceOf(Error);
    expect((requiredButMissing as Error).message).toMatch(
      /OSPO_REQUIRE_POSTGRES=1 but PostgreSQL 15 is not available/,
    );
  });

  it('tests SQLite alone when PostgreSQL is neither available nor required', () => {
    expect(optionalAndMissing).toBeInstanceOf(TestDatabases);
    expect((optionalAndMissing as TestDatabases).eachSupportedId()).toEqual([
      ['SQLITE_3'],
    ]);
  });

  it('tests SQLite and PostgreSQL when PostgreSQL is configured', () => {
    expect(requiredAndPresent).toBeInstanceOf(TestDatabases);
    expect((requiredAndPresent as TestDatabases).eachSupportedId()).toEqual([
      ['SQLITE_3'],
      ['POSTGRES_15'],
    ]);
  });
});
