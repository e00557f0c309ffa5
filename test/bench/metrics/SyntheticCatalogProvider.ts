/*
 * Entity provider that loads the synthetic catalog with one full mutation,
 * unless the catalog database already holds the same generated catalog, then
 * waits for the catalog to settle and writes a readiness report for run.sh and
 * the bench client.
 */

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import type { BenchOptions } from './benchOptions';
import { readCatalogProgress, waitForSettledCatalog } from './catalogReadiness';
import {
  BENCH_LOCATION,
  generateSyntheticCatalog,
} from './generateSyntheticCatalog';

const META_TABLE = 'ospo_bench_meta';
/** The catalog tables the reads and the readiness check touch. */
const CATALOG_TABLES = [
  'refresh_state',
  'refresh_state_references',
  'final_entities',
  'search',
  'relations',
  'stitch_queue',
  'refresh_keys',
];

/** What the catalog process reports once the catalog has settled. */
export interface ReadyReport {
  ok: boolean;
  error?: string;
  database: string;
  fingerprint: string;
  shape: BenchOptions['shape'];
  counts: { Group: number; User: number; Component: number };
  levels: { org: number; division: number; department: number; team: number };
  /** True when the database already held this catalog and no mutation ran. */
  reused: boolean;
  /** Seconds to generate the catalog in memory. */
  generateSeconds: number;
  /** Seconds the full mutation took (undefined when reused). */
  mutationSeconds?: number;
  /** Seconds from the start of the mutation (or of this wait) to settled. */
  loadSeconds: number;
  /** Seconds of the VACUUM (ANALYZE) of the catalog tables after settling. */
  vacuumSeconds?: number;
  /** The load time recorded when this catalog was loaded, for reused runs. */
  recordedLoadSeconds?: number;
  stitched: number;
  withErrors: number;
  countMatches: boolean;
}

export class SyntheticCatalogProvider implements EntityProvider {
  private constructor(
    private readonly options: BenchOptions,
    private readonly knex: Knex,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    bench: BenchOptions;
    knex: Knex;
    logger: LoggerService;
  }): SyntheticCatalogProvider {
    return new SyntheticCatalogProvider(
      options.bench,
      options.knex,
      options.logger,
    );
  }

  getProviderName(): string {
    return 'ospo-bench-synthetic';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    // Loading takes long at full size; do not hold up the catalog's startup.
    this.load(connection).catch(error => {
      this.logger.error(`ospo-bench: load failed: ${error}`);
      this.writeReport({ ok: false, error: String(error) });
    });
  }

  private async load(connection: EntityProviderConnection): Promise<void> {
    const { knex, logger } = this;
    await knex.raw(`create table if not exists ${META_TABLE} (
      id text primary key,
      fingerprint text not null,
      applied_at timestamptz not null,
      load_seconds double precision
    )`);

    const generateStart = performance.now();
    let catalog: ReturnType<typeof generateSyntheticCatalog> | undefined =
      generateSyntheticCatalog(this.options.shape);
    const generateSeconds = (performance.now() - generateStart) / 1000;
    const { fingerprint, counts, levels } = catalog;
    const expected = counts.Group + counts.User + counts.Component;
    logger.info(
      `ospo-bench: generated ${counts.Component} components, ${counts.Group} groups ` +
        `(${levels.org}+${levels.division}+${levels.department}+${levels.team}), ` +
        `${counts.User} users in ${generateSeconds.toFixed(
          1,
        )} s; fingerprint ${fingerprint.slice(0, 12)}`,
    );

    const stored:
      | { fingerprint: string; load_seconds: number | null }
      | undefined = await knex(META_TABLE).where({ id: 'catalog' }).first();
    const before = await readCatalogProgress(knex);
    const reused =
      stored?.fingerprint === fingerprint && before.known === expected;

    let mutationSeconds: number | undefined;
    const loadStart = performance.now();
    if (reused) {
      logger.info(
        `ospo-bench: database ${this.options.database} already holds this catalog ` +
          `(${before.stitched} stitched); no mutation applied`,
      );
    } else {
      logger.info(
        `ospo-bench: loading ${expected} entities into ${this.options.database} ` +
          `(it held ${before.known}${stored ? ', another catalog' : ''})`,
      );
      await knex(META_TABLE).where({ id: 'catalog' }).delete();
      const entities = [
        ...catalog.groups,
        ...catalog.users,
        ...catalog.components,
      ].map(entity => ({ entity, locationKey: BENCH_LOCATION }));
      catalog = undefined;
      await connection.applyMutation({ type: 'full', entities });
      mutationSeconds = (performance.now() - loadStart) / 1000;
      logger.info(
        `ospo-bench: full mutation applied in ${mutationSeconds.toFixed(1)} s`,
      );
      await knex(META_TABLE).insert({
        id: 'catalog',
        fingerprint,
        applied_at: knex.fn.now(),
      });
    }
    catalog = undefined;

    const started = Date.now();
    const { progress, countMatches } = await waitForSettledCatalog({
      knex,
      expected,
      onProgress: p => {
        const elapsed = (Date.now() - started) / 1000;
        logger.info(
          `ospo-bench: progress after ${elapsed.toFixed(0)} s: ` +
            `processed ${p.known - p.unprocessed}/${p.known}, due ${p.due}, ` +
            `stitch queue ${p.stitchPending}, stitched ${p.stitched}/${expected}` +
            (p.withErrors ? `, with errors ${p.withErrors}` : ''),
        );
      },
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    if (!reused) {
      await knex(META_TABLE)
        .where({ id: 'catalog' })
        .update({ load_seconds: loadSeconds });
    }
    logger.info(
      `ospo-bench: catalog settled after ${loadSeconds.toFixed(1)} s: ` +
        `${progress.stitched} stitched, ${progress.withErrors} with errors` +
        (countMatches ? '' : `, EXPECTED ${expected}`),
    );

    // What autovacuum does in a running deployment, done now: without fresh
    // statistics and visibility maps the planner pages through the loaded
    // catalog badly (and the CI PostgreSQL runs with autovacuum off).
    const vacuumStart = performance.now();
    await knex.raw(`vacuum (analyze) ${CATALOG_TABLES.join(', ')}`);
    const vacuumSeconds = (performance.now() - vacuumStart) / 1000;
    logger.info(
      `ospo-bench: vacuum (analyze) took ${vacuumSeconds.toFixed(1)} s`,
    );

    this.writeReport({
      ok: true,
      vacuumSeconds,
      fingerprint,
      counts,
      levels,
      reused,
      generateSeconds,
      mutationSeconds,
      loadSeconds,
      recordedLoadSeconds: stored?.load_seconds ?? undefined,
      stitched: progress.stitched,
      withErrors: progress.withErrors,
      countMatches,
    });
  }

  private writeReport(report: Partial<ReadyReport> & { ok: boolean }) {
    const file = this.options.readyFile;
    if (!file) {
      return;
    }
    const full = {
      database: this.options.database,
      shape: this.options.shape,
      ...report,
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify(full, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}
