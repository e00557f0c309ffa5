/*
 * The knobs of the dashboard benchmark, read from OSPO_DASHBOARD_BENCH_*
 * environment variables (run.sh turns its command line flags into these), so
 * that the preparing step and the measuring step agree on them.
 */

/** Sizes and seed of the synthetic organisation and its OSPO data. */
export interface DashboardShape {
  /** Leaf Groups (teams) of the generated hierarchy. */
  teams: number;
  users: number;
  components: number;
  /** Daily metric runs, the newest today. */
  days: number;
  consultations: number;
  seed: number;
}

export interface DashboardBenchOptions {
  shape: DashboardShape;
  /** Folder for the generated catalog files and the overlay config. */
  dataDir: string;
  /** Where logs, the screenshot and the figures go. */
  outDir: string;
  /** `pg` (measured) or `better-sqlite3` (a second figure). */
  client: 'pg' | 'better-sqlite3';
  /** PostgreSQL database, recreated by every run; plugins get a schema each. */
  database: string;
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword?: string;
  /** HTTP port of the demo backend. */
  port: number;
  /** Concurrent API clients. */
  clients: number;
  /** Rounds of measured load (the figures are their medians). */
  loadRounds: number;
  /** Seconds of each measured round, and of unmeasured warm-up before the first. */
  durationSeconds: number;
  warmupSeconds: number;
  /** Browser rounds (the first one with a cold cache). */
  browserRounds: number;
  load: boolean;
  browser: boolean;
  /** The entity-page scenario: its concurrencies and components, or off. */
  entityPage?: { clients: number[]; components: number };
  /** Seconds to wait for the catalog to hold the generated organisation. */
  catalogTimeoutSeconds: number;
}

export const DEFAULT_SHAPE: DashboardShape = {
  teams: 2_000,
  users: 500,
  components: 6_000,
  days: 365,
  consultations: 300,
  seed: 20261125,
};

function readInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got '${raw}'`);
  }
  return value;
}

function readIntList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const values = raw.split(',').map(v => Number(v.trim()));
  if (values.length === 0 || !values.every(v => Number.isInteger(v) && v > 0)) {
    throw new Error(`${name} must be positive integers separated by commas`);
  }
  return values;
}

function readRequired(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; start the bench with run.sh`);
  }
  return value;
}

const PREFIX = 'OSPO_DASHBOARD_BENCH_';

export function readBenchOptions(): DashboardBenchOptions {
  const env = (name: string) => `${PREFIX}${name}`;
  const shape: DashboardShape = {
    teams: readInt(env('TEAMS'), DEFAULT_SHAPE.teams, 1),
    users: readInt(env('USERS'), DEFAULT_SHAPE.users, 1),
    components: readInt(env('COMPONENTS'), DEFAULT_SHAPE.components, 1),
    days: readInt(env('DAYS'), DEFAULT_SHAPE.days, 1),
    consultations: readInt(
      env('CONSULTATIONS'),
      DEFAULT_SHAPE.consultations,
      0,
    ),
    seed: readInt(env('SEED'), DEFAULT_SHAPE.seed, 0),
  };
  const database = process.env[env('DATABASE')] || 'ospo_bench_dashboard';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(`${env('DATABASE')} '${database}' is not a plain name`);
  }
  const only = process.env[env('ONLY')] || undefined;
  if (only !== undefined && only !== 'entity') {
    throw new Error(`${env('ONLY')} must be 'entity' when set`);
  }
  const client = process.env[env('CLIENT')] || 'pg';
  if (client !== 'pg' && client !== 'better-sqlite3') {
    throw new Error(`${env('CLIENT')} must be pg or better-sqlite3`);
  }
  return {
    shape,
    dataDir: readRequired(env('DATA_DIR')),
    outDir: readRequired(env('OUT_DIR')),
    client,
    database,
    dbHost: process.env[env('DB_HOST')] || '127.0.0.1',
    dbPort: readInt(env('DB_PORT'), 5432, 1),
    dbUser: process.env[env('DB_USER')] || 'postgres',
    dbPassword: process.env[env('DB_PASSWORD')] || undefined,
    port: readInt(env('PORT'), 7027, 1),
    clients: readInt(env('CLIENTS'), 20, 1),
    loadRounds: readInt(env('LOAD_ROUNDS'), 3, 1),
    durationSeconds: readInt(env('DURATION'), 20, 1),
    warmupSeconds: readInt(env('WARMUP'), 5, 0),
    browserRounds: readInt(env('BROWSER_ROUNDS'), 5, 1),
    // `only: entity` runs the entity-page scenario alone.
    load: !only && (process.env[env('LOAD')] ?? '1') !== '0',
    browser: !only && (process.env[env('BROWSER')] ?? '1') !== '0',
    entityPage:
      (process.env[env('ENTITY')] ?? '1') !== '0' || only === 'entity'
        ? {
            clients: readIntList(env('ENTITY_CLIENTS'), [20, 64]),
            components: readInt(env('ENTITY_COMPONENTS'), 2_000, 1),
          }
        : undefined,
    catalogTimeoutSeconds: readInt(env('CATALOG_TIMEOUT'), 1800, 1),
  };
}
