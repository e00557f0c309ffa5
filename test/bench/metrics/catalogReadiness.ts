/*
 * Tells when the catalog has settled after a load: every provided entity
 * processed, nothing due for processing, the stitch queue empty, and every
 * entity stitched into final_entities. Reads the catalog's own tables through
 * the catalog plugin's database (this runs inside a catalog module), which is
 * acceptable for a benchmark harness and nowhere else.
 */

import type { Knex } from 'knex';

export interface CatalogProgress {
  /** Rows in refresh_state (entities the catalog knows of). */
  known: number;
  /** Never processed yet. */
  unprocessed: number;
  /** Due for (re)processing now. */
  due: number;
  /** Waiting in, or being worked off, the stitch queue. */
  stitchPending: number;
  /** Entities with a stitched final entity, i.e. readable through the API. */
  stitched: number;
  /** Entities whose last processing reported errors. */
  withErrors: number;
}

export async function readCatalogProgress(
  knex: Knex,
): Promise<CatalogProgress> {
  const result = await knex.raw(`
    select
      (select count(*) from refresh_state) as known,
      (select count(*) from refresh_state where result_hash is null) as unprocessed,
      (select count(*) from refresh_state where next_update_at <= now()) as due,
      (select count(*) from stitch_queue) as stitch_pending,
      (select count(*) from final_entities where final_entity is not null) as stitched,
      (select count(*) from refresh_state
        where errors is not null and errors not in ('', '[]')) as with_errors
  `);
  const row = result.rows[0];
  return {
    known: Number(row.known),
    unprocessed: Number(row.unprocessed),
    due: Number(row.due),
    stitchPending: Number(row.stitch_pending),
    stitched: Number(row.stitched),
    withErrors: Number(row.with_errors),
  };
}

export function isQuiet(progress: CatalogProgress): boolean {
  return (
    progress.unprocessed === 0 &&
    progress.due === 0 &&
    progress.stitchPending === 0
  );
}

/**
 * Polls until the catalog is quiet and holds the expected number of stitched
 * entities in two polls in a row (processing marks entities for stitching
 * just after it records its result, so one quiet poll can be premature).
 * When it stays quiet with a different count, it gives up waiting on the count
 * after a few polls and says so: the caller reports the mismatch.
 */
export async function waitForSettledCatalog(options: {
  knex: Knex;
  expected: number;
  pollMs?: number;
  onProgress?: (progress: CatalogProgress) => void;
  progressEveryMs?: number;
}): Promise<{ progress: CatalogProgress; countMatches: boolean }> {
  const pollMs = options.pollMs ?? 2000;
  const progressEveryMs = options.progressEveryMs ?? 15000;
  let quietPolls = 0;
  let lastReport = 0;
  for (;;) {
    const progress = await readCatalogProgress(options.knex);
    if (Date.now() - lastReport >= progressEveryMs) {
      lastReport = Date.now();
      options.onProgress?.(progress);
    }
    if (isQuiet(progress)) {
      quietPolls += 1;
      const countMatches =
        progress.known === options.expected &&
        progress.stitched === options.expected;
      if ((countMatches && quietPolls >= 2) || quietPolls >= 5) {
        return { progress, countMatches };
      }
    } else {
      quietPolls = 0;
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}
