/*
 * The knobs of the metrics benchmark, read from OSPO_BENCH_* environment
 * variables so that the catalog process and the bench client agree on them
 * (run.sh turns its command line flags into these variables).
 */

/** Sizes and seed of the synthetic catalog. */
export interface CatalogShape {
  components: number;
  groups: number;
  users: number;
  seed: number;
}

/** Everything both processes of the benchmark need to agree on. */
export interface BenchOptions {
  shape: CatalogShape;
  /** PostgreSQL database that holds the loaded catalog between runs. */
  database: string;
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword?: string;
  /** HTTP port of the catalog backend. */
  port: number;
  /** Static external access token the bench client sends. */
  token: string;
  /** Page size of the cursor reads. */
  pageSize: number;
  /** How many floor/metrics pairs to run. */
  rounds: number;
  /** Whether to run one unmeasured floor read first to warm caches. */
  warmup: boolean;
  /** Where the catalog process writes its readiness report. */
  readyFile?: string;
}

export const DEFAULT_SHAPE: CatalogShape = {
  components: 100_000,
  groups: 2_000,
  users: 5_000,
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

/**
 * The database name: the default shape lives in `ospo_bench_catalog`; other
 * shapes get their own database, so that a quick small run does not replace
 * the loaded full-size catalog (which takes long to load).
 */
function defaultDatabase(shape: CatalogShape): string {
  const isDefault =
    shape.components === DEFAULT_SHAPE.components &&
    shape.groups === DEFAULT_SHAPE.groups &&
    shape.users === DEFAULT_SHAPE.users &&
    shape.seed === DEFAULT_SHAPE.seed;
  if (isDefault) {
    return 'ospo_bench_catalog';
  }
  const seed = shape.seed === DEFAULT_SHAPE.seed ? '' : `_s${shape.seed}`;
  return `ospo_bench_catalog_${shape.components}c_${shape.groups}g_${shape.users}u${seed}`;
}

export function readBenchOptions(): BenchOptions {
  const shape: CatalogShape = {
    components: readInt('OSPO_BENCH_COMPONENTS', DEFAULT_SHAPE.components, 0),
    groups: readInt('OSPO_BENCH_GROUPS', DEFAULT_SHAPE.groups, 8),
    users: readInt('OSPO_BENCH_USERS', DEFAULT_SHAPE.users, 0),
    seed: readInt('OSPO_BENCH_SEED', DEFAULT_SHAPE.seed, 0),
  };
  const database = process.env.OSPO_BENCH_DATABASE || defaultDatabase(shape);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(`OSPO_BENCH_DATABASE '${database}' is not a plain name`);
  }
  const token = process.env.OSPO_BENCH_TOKEN || 'ospo-bench-static-token';
  if (!/^\S{8,}$/.test(token)) {
    throw new Error('OSPO_BENCH_TOKEN must be 8+ non-space characters');
  }
  return {
    shape,
    database,
    dbHost: process.env.OSPO_BENCH_DB_HOST || '127.0.0.1',
    dbPort: readInt('OSPO_BENCH_DB_PORT', 5432, 1),
    dbUser: process.env.OSPO_BENCH_DB_USER || 'postgres',
    dbPassword: process.env.OSPO_BENCH_DB_PASSWORD || undefined,
    port: readInt('OSPO_BENCH_PORT', 7099, 1),
    token,
    pageSize: readInt('OSPO_BENCH_PAGE_SIZE', 1000, 1),
    rounds: readInt('OSPO_BENCH_ROUNDS', 3, 1),
    warmup: (process.env.OSPO_BENCH_WARMUP ?? '1') !== '0',
    readyFile: process.env.OSPO_BENCH_READY_FILE || undefined,
  };
}
