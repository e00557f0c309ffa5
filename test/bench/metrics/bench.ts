/*
 * The bench client: checks the loaded catalog through the API, then runs the
 * floor (a bare paging read) and the metrics run alternately, measuring wall
 * time and RSS growth of each, and prints the figures and the verdict against
 * the targets of the "Measurement metrics" issue. Run it through run.sh.
 */

import { readFileSync } from 'node:fs';
import { CatalogClient } from '@backstage/catalog-client';
import { readBenchOptions } from './benchOptions';
import { collectGarbage, measurePhase, PhaseMeasurement } from './measurePhase';
import { readFloor } from './readFloor';
import {
  closeOspoMetrics,
  prepareOspoMetrics,
  runOspoMetrics,
} from './runOspoMetrics';
import type { ReadyReport } from './SyntheticCatalogProvider';

const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 256;

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const secs = (s: number) => s.toFixed(2);
const pad = (text: string, width: number) => text.padEnd(width);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const describeError = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

async function main() {
  const bench = readBenchOptions();
  if (!bench.readyFile) {
    throw new Error(
      'OSPO_BENCH_READY_FILE is not set; run the bench with run.sh',
    );
  }
  const ready: ReadyReport = JSON.parse(readFileSync(bench.readyFile, 'utf8'));
  if (!ready.ok) {
    throw new Error(
      `the catalog backend failed to load the catalog: ${ready.error}`,
    );
  }

  const { counts, levels } = ready;
  console.log('== Synthetic catalog');
  console.log(
    `   ${counts.Component} components, ${counts.Group} groups ` +
      `(${levels.org} org + ${levels.division} division + ${levels.department} department + ` +
      `${levels.team} team), ${counts.User} users; seed ${ready.shape.seed}; ` +
      `database ${ready.database}`,
  );
  if (ready.reused) {
    console.log(
      `   reused the loaded catalog (same fingerprint ${ready.fingerprint.slice(
        0,
        12,
      )}); ` +
        `settled check took ${secs(ready.loadSeconds)} s` +
        (ready.recordedLoadSeconds !== undefined
          ? `; its load took ${secs(
              ready.recordedLoadSeconds,
            )} s when it was loaded`
          : ''),
    );
  } else {
    console.log(
      `   LOAD TIME: ${secs(
        ready.loadSeconds,
      )} s from the full mutation to a settled ` +
        `catalog (mutation ${secs(ready.mutationSeconds ?? 0)} s, ` +
        `generation ${secs(ready.generateSeconds)} s)`,
    );
  }
  if (ready.vacuumSeconds !== undefined) {
    console.log(
      `   vacuum (analyze) of the catalog tables: ${secs(
        ready.vacuumSeconds,
      )} s`,
    );
  }
  if (ready.withErrors > 0 || !ready.countMatches) {
    console.log(
      `   WARNING: ${ready.withErrors} entities with processing errors; ` +
        `${ready.stitched} stitched of ${
          counts.Component + counts.Group + counts.User
        }`,
    );
  }

  const catalog = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () => `http://127.0.0.1:${bench.port}/api/catalog`,
    },
  });
  const { token, pageSize } = bench;

  // Every kind must be readable through the API with the expected count.
  for (const kind of ['Component', 'Group', 'User'] as const) {
    const { totalItems } = await catalog.queryEntities(
      { filter: { kind }, limit: 1, fields: ['kind'] },
      { token },
    );
    if (totalItems !== counts[kind]) {
      throw new Error(
        `catalog API reports ${totalItems} ${kind} entities, expected ${counts[kind]}`,
      );
    }
  }

  const gc = collectGarbage();
  console.log('== Bench');
  console.log(
    `   page size ${pageSize}, ${bench.rounds} rounds, node ${process.version}, ` +
      `gc before each phase: ${
        gc ? 'yes' : 'no (run node with --expose-gc)'
      }, ` +
      `RSS sampled every 50 ms`,
  );

  await prepareOspoMetrics();
  if (bench.warmup) {
    const warm = await measurePhase(() =>
      readFloor({ catalog, token, pageSize }),
    );
    if (warm.error) {
      throw warm.error;
    }
    console.log(`   warm-up floor read (not counted): ${secs(warm.seconds)} s`);
  }

  const floors: PhaseMeasurement<unknown>[] = [];
  const metrics: PhaseMeasurement<{ processedEntities: number }>[] = [];
  const expectedFloor = counts.Group + counts.Component;
  console.log();
  console.log(
    `   ${pad('round', 6)}${pad('phase', 9)}${pad('wall s', 9)}${pad(
      'entities',
      10,
    )}` + `${pad('RSS start MB', 14)}RSS growth MB`,
  );
  let metricsError: unknown;
  for (let round = 1; round <= bench.rounds; round++) {
    const floor = await measurePhase(() =>
      readFloor({ catalog, token, pageSize }),
    );
    if (floor.error) {
      throw floor.error;
    }
    const floorRead = floor.result!.groups + floor.result!.components;
    if (floorRead !== expectedFloor) {
      throw new Error(
        `the floor read ${floorRead} entities, expected ${expectedFloor}`,
      );
    }
    floors.push(floor);
    console.log(
      `   ${pad(String(round), 6)}${pad('floor', 9)}${pad(
        secs(floor.seconds),
        9,
      )}` +
        `${pad(String(floorRead), 10)}${pad(mb(floor.rssStartBytes), 14)}${mb(
          floor.rssGrowthBytes,
        )}`,
    );

    const run = await measurePhase(() =>
      runOspoMetrics({ catalog, token, pageSize }),
    );
    if (run.error) {
      metricsError = run.error;
      console.log(
        `   ${pad(String(round), 6)}${pad('metrics', 9)}FAILED after ${secs(
          run.seconds,
        )} s: ` + describeError(run.error),
      );
    } else {
      metrics.push(run);
      console.log(
        `   ${pad(String(round), 6)}${pad('metrics', 9)}${pad(
          secs(run.seconds),
          9,
        )}` +
          `${pad(String(run.result!.processedEntities), 10)}${pad(
            mb(run.rssStartBytes),
            14,
          )}` +
          `${mb(run.rssGrowthBytes)}   ratio ${(
            run.seconds / floor.seconds
          ).toFixed(2)}`,
      );
    }
  }

  const floorMedian = median(floors.map(f => f.seconds));
  const floorRss = median(floors.map(f => f.rssGrowthBytes));
  console.log();
  console.log('== Results');
  console.log(
    `   floor:   median ${secs(floorMedian)} s (min ${secs(
      Math.min(...floors.map(f => f.seconds)),
    )}, ` +
      `max ${secs(Math.max(...floors.map(f => f.seconds)))}), ` +
      `RSS growth median ${mb(floorRss)} MB (max ${mb(
        Math.max(...floors.map(f => f.rssGrowthBytes)),
      )} MB), ` +
      `${expectedFloor} entities (${counts.Group} groups + ${counts.Component} components)`,
  );
  if (metrics.length < bench.rounds) {
    console.log(
      `   metrics: FAILED in ${bench.rounds - metrics.length} of ${
        bench.rounds
      } rounds: ` + describeError(metricsError),
    );
    console.log(
      `   VERDICT: FAIL (the metrics run did not complete; targets: ratio <= ${TARGET_RATIO}, ` +
        `RSS growth <= ${TARGET_RSS_MB} MB)`,
    );
    process.exitCode = 2;
    return;
  }
  const metricsMedian = median(metrics.map(m => m.seconds));
  const metricsRssMax = Math.max(...metrics.map(m => m.rssGrowthBytes));
  const ratio = metricsMedian / floorMedian;
  console.log(
    `   metrics: median ${secs(metricsMedian)} s (min ${secs(
      Math.min(...metrics.map(m => m.seconds)),
    )}, ` +
      `max ${secs(Math.max(...metrics.map(m => m.seconds)))}), ` +
      `RSS growth median ${mb(
        median(metrics.map(m => m.rssGrowthBytes)),
      )} MB (max ${mb(metricsRssMax)} MB), ` +
      `${metrics[0].result!.processedEntities} entities`,
  );
  const ratioOk = ratio <= TARGET_RATIO;
  const rssOk = metricsRssMax <= TARGET_RSS_MB * MB;
  console.log(
    `   ratio (median metrics / median floor): ${ratio.toFixed(
      2,
    )} (target <= ${TARGET_RATIO}): ` + `${ratioOk ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `   metrics RSS growth (max over rounds): ${mb(
      metricsRssMax,
    )} MB (target <= ${TARGET_RSS_MB} MB): ` + `${rssOk ? 'PASS' : 'FAIL'}`,
  );
  console.log(`   VERDICT: ${ratioOk && rssOk ? 'PASS' : 'FAIL'}`);
  await closeOspoMetrics();
  if (!(ratioOk && rssOk)) {
    process.exitCode = 2;
  }
}

main().catch(error => {
  console.error(`ospo-bench: ${error?.stack ?? error}`);
  process.exit(1);
});
