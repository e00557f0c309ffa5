/*
 * Second step of the dashboard benchmark, once the demo backend runs on the
 * prepared data: waits until the catalog holds the generated organisation,
 * signs in as the OSPO staff persona, checks every dashboard endpoint's answer
 * against what was seeded, then measures the endpoints' latency under
 * concurrent clients, the entity page's checklist status against the
 * catalog's own read of the entity, and the page's time to the heat map in
 * Chromium.
 *
 * Exit status: 0 when every target passes, 2 when one fails, 1 when the
 * harness fails (including an endpoint answering wrongly).
 */

import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { isQuiet, readCatalogProgress } from '../metrics/catalogReadiness';
import { readBenchOptions } from './benchOptions';
import { measureBrowser } from './measureBrowser';
import {
  Endpoint,
  EndpointFigures,
  LoadResult,
  checkEndpoints,
  measureServiceTimes,
  runLoad,
} from './measureLatency';
import {
  combineRounds,
  cpuLine,
  fmt,
  latencyTable,
  log,
  median,
} from './report';
import type { Expectations } from './prepare';
import { startProfiler } from './profileBackend';
import { runEntityPageScenario } from './entityPageScenario';

const LATENCY_TARGET_MS = 50;
const HEAT_MAP_TARGET_MS = 1500;
const PERSONA = 'olivia';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A user token of the persona, once the backend and its User entity are up. */
async function signIn(
  baseUrl: string,
  timeoutMs: number,
  persona = PERSONA,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  const backendPid = Number(process.env.OSPO_DASHBOARD_BENCH_BACKEND_PID);
  while (Date.now() < deadline) {
    if (backendPid) {
      try {
        process.kill(backendPid, 0);
      } catch {
        throw new Error('The backend exited');
      }
    }
    try {
      const res = await fetch(`${baseUrl}/api/auth/ospo-demo/refresh`, {
        headers: { 'x-ospo-demo-persona': persona },
      });
      if (res.ok) {
        const body = (await res.json()) as {
          backstageIdentity: { token: string };
        };
        return body.backstageIdentity.token;
      }
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(1000);
  }
  throw new Error(`Could not sign in as ${persona}: ${last}`);
}

async function kindCounts(
  baseUrl: string,
  token: string,
): Promise<Record<string, number>> {
  const res = await fetch(`${baseUrl}/api/catalog/entity-facets?facet=kind`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert(res.ok, `catalog facets answered ${res.status}`);
  const body = (await res.json()) as {
    facets: { kind: Array<{ value: string; count: number }> };
  };
  return Object.fromEntries(body.facets.kind.map(f => [f.value, f.count]));
}

/**
 * Waits until the catalog serves every generated entity and, on PostgreSQL,
 * has nothing left to process or stitch; then analyses its tables (the CI
 * PostgreSQL runs without autovacuum).
 */
async function waitForCatalog(options: {
  baseUrl: string;
  token: string;
  expected: Expectations['catalogCounts'];
  catalogDb?: Knex;
  timeoutMs: number;
}): Promise<number> {
  const start = Date.now();
  let lastReport = 0;
  let quietPolls = 0;
  for (;;) {
    const counts = await kindCounts(options.baseUrl, options.token);
    const complete = (
      Object.keys(options.expected) as Array<keyof typeof options.expected>
    ).every(kind => (counts[kind] ?? 0) >= options.expected[kind]);
    let quiet = true;
    if (options.catalogDb) {
      quiet = isQuiet(await readCatalogProgress(options.catalogDb));
    }
    quietPolls = complete && quiet ? quietPolls + 1 : 0;
    if (quietPolls >= 2) break;
    if (Date.now() - start > options.timeoutMs) {
      throw new Error(
        `The catalog did not load the organisation in time: ${JSON.stringify(
          counts,
        )}, expected ${JSON.stringify(options.expected)}`,
      );
    }
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(
        `waiting for the catalog: ${(['Group', 'User', 'Component'] as const)
          .map(k => `${counts[k] ?? 0}/${options.expected[k]} ${k}s`)
          .join(', ')}`,
      );
    }
    await sleep(2000);
  }
  if (options.catalogDb) {
    const tables = await options
      .catalogDb('pg_tables')
      .where({ schemaname: 'catalog' })
      .pluck('tablename');
    for (const table of tables) {
      await options.catalogDb.raw('vacuum (analyze) ??', [`catalog.${table}`]);
    }
  }
  return (Date.now() - start) / 1000;
}

/** The endpoints the dashboard reads, each with a check of its answer. */
function dashboardEndpoints(e: Expectations): Endpoint[] {
  const from = new Date(Date.parse(e.oldestRunAt) - 60_000).toISOString();
  const department = encodeURIComponent(e.department.ref);
  return [
    {
      name: 'checklists',
      path: '/api/ospo/dashboard/checklists?limit=100',
      check(body) {
        assert(
          body.totalCount === e.teamCount,
          `totalCount ${body.totalCount}, expected ${e.teamCount}`,
        );
        assert(
          body.teams.length === Math.min(100, e.teamCount),
          `${body.teams.length} teams on the page`,
        );
        assert(body.columns.length === 5, `${body.columns.length} columns`);
        assert(
          body.departments.length >= Math.min(e.departmentCount, 2),
          `${body.departments.length} departments`,
        );
        assert(body.total.teamCount === e.teamCount, 'total.teamCount');
      },
    },
    {
      name: 'checklists dept by completion',
      path: `/api/ospo/dashboard/checklists?department=${department}&sort=completion&order=asc&limit=100`,
      check(body) {
        assert(
          body.totalCount === e.department.teamCount,
          `totalCount ${body.totalCount}, expected ${e.department.teamCount}`,
        );
        const ratios = body.teams.map(
          (t: { ratio?: number }) => t.ratio ?? Infinity,
        );
        assert(
          ratios.every((r: number, i: number) => i === 0 || ratios[i - 1] <= r),
          'teams not sorted by completion',
        );
      },
    },
    {
      name: 'metrics latest',
      path: '/api/ospo/metrics/latest',
      check(body) {
        assert(
          body.values.length === e.metricIds.length,
          `${body.values.length} values, expected ${e.metricIds.length}`,
        );
      },
    },
    {
      name: 'metrics history 365 d',
      path: `/api/ospo/metrics/history?scope=org&from=${encodeURIComponent(
        from,
      )}`,
      check(body) {
        assert(
          body.items.length === e.metricIds.length,
          `${body.items.length} series`,
        );
        for (const series of body.items) {
          assert(
            series.points.length === e.runs,
            `${series.metricId}: ${series.points.length} points, expected ${e.runs}`,
          );
        }
      },
    },
    {
      name: 'metric values parent=org',
      path: '/api/ospo/metrics/ownership.coverage/values?parent=org',
      check(body) {
        // The demo's ACME Corp and the generated Bench Corp.
        assert(body.items.length === 2, `${body.items.length} items`);
        // (The demo's Groups own none of the seeded components.)
        const bench = body.items.find(
          (i: { scope: { ref: string } }) =>
            i.scope.ref === 'group:default/bench-org',
        );
        assert(typeof bench?.value.value === 'number', 'no Bench Corp value');
      },
    },
    {
      name: 'consultation summary',
      path: '/api/ospo/dashboard/consultations',
      check(body) {
        assert(
          body.open === e.consultations.open &&
            body.inProgress === e.consultations.inProgress,
          `open ${body.open}, in progress ${body.inProgress}, expected ${e.consultations.open} and ${e.consultations.inProgress}`,
        );
        assert(body.oldest?.id, 'no oldest request');
      },
    },
    {
      name: 'checklists lowest 5',
      path: '/api/ospo/dashboard/checklists?sort=completion&order=asc&limit=5',
      check(body) {
        assert(body.teams.length === 5, `${body.teams.length} teams`);
        assert(
          body.totalCount === e.teamCount,
          `totalCount ${body.totalCount}`,
        );
      },
    },
    {
      name: 'findings ownership.coverage',
      path: '/api/ospo/metrics/ownership.coverage/findings?limit=5',
      check(body) {
        assert(
          body.totalCount === e.findings['ownership.coverage'],
          `totalCount ${body.totalCount}, expected ${e.findings['ownership.coverage']}`,
        );
        assert(body.items.length === 5, `${body.items.length} items`);
      },
    },
    {
      name: 'metrics status',
      path: '/api/ospo/metrics/status',
      check(body) {
        assert(body.lastSuccess?.runId, 'no last successful run');
      },
    },
    {
      name: 'findings license.denied',
      path: '/api/ospo/metrics/license.denied/findings?limit=5',
      check(body) {
        assert(
          body.totalCount === e.findings['license.denied'],
          `totalCount ${body.totalCount}, expected ${e.findings['license.denied']}`,
        );
        assert(body.items.length === 5, `${body.items.length} items`);
      },
    },
  ];
}

/** Per endpoint, the median of each round's percentiles; counts summed. */
function medianOfRounds(loads: LoadResult[]): {
  endpoints: EndpointFigures[];
  overall: EndpointFigures;
} {
  return {
    endpoints: loads[0].endpoints.map((_, i) =>
      combineRounds(loads.map(l => l.endpoints[i])),
    ),
    overall: combineRounds(loads.map(l => l.overall)),
  };
}

async function main(): Promise<number> {
  const options = readBenchOptions();
  const baseUrl = `http://localhost:${options.port}`;
  const expectations = JSON.parse(
    fs.readFileSync(path.join(options.dataDir, 'expectations.json'), 'utf8'),
  ) as Expectations;
  const figures: Record<string, unknown> = {
    shape: expectations.shape,
    database: options.client === 'pg' ? 'PostgreSQL' : 'SQLite',
    seedSeconds: expectations.seedSeconds,
  };

  const token = await signIn(baseUrl, 300_000);
  const catalogDb =
    options.client === 'pg'
      ? knexFactory({
          client: 'pg',
          connection: {
            host: options.dbHost,
            port: options.dbPort,
            user: options.dbUser,
            password: options.dbPassword,
            database: options.database,
          },
          searchPath: ['catalog'],
          pool: { min: 0, max: 1 },
        })
      : undefined;
  let catalogSeconds: number;
  try {
    catalogSeconds = await waitForCatalog({
      baseUrl,
      token,
      expected: expectations.catalogCounts,
      catalogDb,
      timeoutMs: options.catalogTimeoutSeconds * 1000,
    });
  } finally {
    await catalogDb?.destroy();
  }
  figures.catalogSeconds = catalogSeconds;
  log(
    `catalog holds the organisation after ${catalogSeconds.toFixed(0)} s: ` +
      `${expectations.catalogCounts.Group} groups (${expectations.teamCount} teams), ` +
      `${expectations.catalogCounts.User} users, ${expectations.catalogCounts.Component} components`,
  );

  const e = expectations;
  const backendPid =
    Number(process.env.OSPO_DASHBOARD_BENCH_BACKEND_PID) || undefined;
  const inspectPort = Number(process.env.OSPO_DASHBOARD_BENCH_INSPECT_PORT);
  let latencyPass: boolean | undefined;
  if (options.load) {
    const endpoints = dashboardEndpoints(e);
    const reference = await checkEndpoints({ baseUrl, token, endpoints });
    log(
      `every endpoint answered as seeded (first, uncached answer: ${[
        ...reference,
      ]
        .map(
          ([name, r]) =>
            `${name} ${r.ms.toFixed(0)} ms / ${(r.bytes / 1024).toFixed(
              0,
            )} KiB`,
        )
        .join(', ')})`,
    );

    const service = await measureServiceTimes({
      baseUrl,
      token,
      endpoints,
      repeats: 20,
    });
    process.stdout.write(
      `\nService time, one client, one request at a time (20 each):\n\n${latencyTable(
        service,
      )}\n\n`,
    );
    figures.serviceTimes = service;
    log(
      `load: ${options.clients} clients, ${options.loadRounds} rounds of ${options.durationSeconds} s measured ` +
        `(${options.warmupSeconds} s warm-up before the first), ${endpoints.length} endpoints in turn`,
    );
    const profiler = inspectPort ? await startProfiler(inspectPort) : undefined;
    const loads: LoadResult[] = [];
    for (let round = 1; round <= options.loadRounds; round++) {
      const load = await runLoad({
        baseUrl,
        token,
        endpoints,
        minBytes: new Map(
          [...reference].map(([name, r]) => [name, Math.floor(r.bytes / 2)]),
        ),
        clients: options.clients,
        warmupSeconds: round === 1 ? options.warmupSeconds : 1,
        durationSeconds: options.durationSeconds,
        backendPid,
      });
      loads.push(load);
      log(
        `load round ${round}: ${load.requestsPerSecond.toFixed(
          0,
        )} requests/s, p50 ${fmt(load.overall.p50)} ms, p95 ${fmt(
          load.overall.p95,
        )} ms, ${load.overall.errors} errors; ${cpuLine(load.cpu)}`,
      );
      for (const message of load.firstErrors) log(`error: ${message}`);
    }
    const medianLoad = medianOfRounds(loads);
    process.stdout.write(
      `\nLatency of the dashboard's data endpoints, ${options.clients} concurrent clients, ` +
        `median of ${loads.length} rounds of ${options.durationSeconds} s ` +
        `(count and errors summed, max the largest), ${median(
          loads.map(l => l.requestsPerSecond),
        ).toFixed(0)} requests/s (${figures.database}):\n\n${latencyTable([
          ...medianLoad.endpoints,
          medianLoad.overall,
        ])}\n\n`,
    );
    if (profiler) {
      const file = path.join(options.outDir, 'backend-load.cpuprofile');
      const summary = await profiler.stop(file);
      process.stdout.write(
        `${summary}\n  (whole profile: ${path.relative(
          process.cwd(),
          file,
        )}, warm-up included)\n\n`,
      );
    }
    const worst = Math.max(...medianLoad.endpoints.map(x => x.p95));
    latencyPass =
      medianLoad.overall.errors === 0 &&
      medianLoad.endpoints.every(
        x => x.count > 0 && x.p95 <= LATENCY_TARGET_MS,
      );
    process.stdout.write(
      `${latencyPass ? 'PASS' : 'FAIL'} p95 latency: overall ${fmt(
        medianLoad.overall.p95,
      )} ms, worst endpoint ${fmt(
        worst,
      )} ms (target ≤ ${LATENCY_TARGET_MS} ms per endpoint${
        medianLoad.overall.errors ? `; ${medianLoad.overall.errors} errors` : ''
      })\n\n`,
    );
    figures.load = { rounds: loads, median: medianLoad };

    // The floor: the cheapest OSPO endpoint (sign-in check and permission
    // decision, no data), under the same load, for what any request costs.
    const floorEndpoint: Endpoint = {
      name: 'floor: metrics definitions',
      path: '/api/ospo/metrics/definitions',
      check(body) {
        assert(body.items.length === e.metricIds.length, 'definitions');
      },
    };
    const floorReference = await checkEndpoints({
      baseUrl,
      token,
      endpoints: [floorEndpoint],
    });
    const floor = await runLoad({
      baseUrl,
      token,
      endpoints: [floorEndpoint],
      minBytes: new Map(
        [...floorReference].map(([name, r]) => [name, Math.floor(r.bytes / 2)]),
      ),
      clients: options.clients,
      warmupSeconds: Math.min(2, options.warmupSeconds),
      durationSeconds: Math.min(10, options.durationSeconds),
      backendPid,
    });
    process.stdout.write(
      `Floor, the same clients on an endpoint that only checks the token and the permission ` +
        `(${floor.requestsPerSecond.toFixed(0)} requests/s):\n\n${latencyTable(
          floor.endpoints,
        )}\n\n${cpuLine(floor.cpu)}\n\n`,
    );
    figures.floor = floor;
  }

  let entityPass: boolean | undefined;
  if (options.entityPage) {
    const profiler = inspectPort ? await startProfiler(inspectPort) : undefined;
    const entityPage = await runEntityPageScenario({
      baseUrl,
      expectations: e.entityPage,
      signIn: user => signIn(baseUrl, 60_000, user),
      staffPersona: PERSONA,
      clients: options.entityPage.clients,
      rounds: options.loadRounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      backendPid,
    });
    if (profiler) {
      const file = path.join(options.outDir, 'backend-entity.cpuprofile');
      const summary = await profiler.stop(file);
      process.stdout.write(
        `${summary}\n  (whole profile of the entity-page scenario: ${path.relative(
          process.cwd(),
          file,
        )}, warm-up included)\n\n`,
      );
    }
    entityPass = entityPage.pass;
    figures.entityPage = entityPage.figures;
  }

  let browserPass: boolean | undefined;
  if (options.browser) {
    const firstPage = await fetch(
      `${baseUrl}/api/ospo/dashboard/checklists?sort=department&order=asc&limit=100&offset=0`,
      { headers: { authorization: `Bearer ${token}` } },
    ).then(r => r.json() as Promise<{ teams: Array<{ title: string }> }>);
    const firstTeamTitle = firstPage.teams[0].title;
    log(
      `browser: ${options.browserRounds} rounds of /ospo as ${PERSONA}, waiting for the heat map row of '${firstTeamTitle}'`,
    );
    const rounds = await measureBrowser({
      baseUrl,
      persona: PERSONA,
      firstTeamTitle,
      rounds: options.browserRounds,
      screenshotDir: options.outDir,
    });
    process.stdout.write('\nNavigation to /ospo until the heat map shows:\n\n');
    for (const r of rounds) {
      process.stdout.write(
        `  round ${r.round}${
          r.round === 1 ? ' (cold cache)' : ''
        }: ${r.heatMapMs.toFixed(
          0,
        )} ms (row in the DOM at ${r.heatMapInDomMs.toFixed(
          0,
        )} ms; seen by Playwright ${r.seenByPlaywrightMs.toFixed(
          0,
        )} ms after goto)\n`,
      );
    }
    const warm = rounds.length > 1 ? rounds.slice(1) : rounds;
    const warmMedian = median(warm.map(r => r.heatMapMs));
    browserPass = warmMedian <= HEAT_MAP_TARGET_MS;
    // The timeline of the median warm round: where the time to the heat map goes.
    const typical = [...warm].sort((a, b) => a.heatMapMs - b.heatMapMs)[
      Math.floor((warm.length - 1) / 2)
    ];
    const at = (ms?: number) =>
      ms === undefined ? '     -' : `${ms.toFixed(0).padStart(6)}`;
    process.stdout.write(
      `\n  Timeline of round ${typical.round} (ms from navigation start; requests as Playwright saw them):\n` +
        `    ${at(typical.domContentLoadedMs)}            DOMContentLoaded\n` +
        `    ${at(typical.assets.lastEndMs)}            last of ${
          typical.assets.count
        } app assets loaded\n` +
        typical.apiRequests
          .map(
            a =>
              `    ${at(a.startMs)} → ${at(a.endMs)}  ${a.status} ${a.path}\n`,
          )
          .join('') +
        `    ${at(
          typical.heatMapInDomMs,
        )}            heat map row in the DOM\n` +
        `    ${at(
          typical.heatMapMs,
        )}            next frame: heat map rendered\n` +
        `\n${
          browserPass ? 'PASS' : 'FAIL'
        } time to heat map: median ${warmMedian.toFixed(0)} ms over the ${
          warm.length
        } warm rounds, cold ${rounds[0].heatMapMs.toFixed(
          0,
        )} ms (target ≤ ${HEAT_MAP_TARGET_MS} ms)\n` +
        `  screenshots: ${path.relative(
          process.cwd(),
          path.join(options.outDir, 'dashboard.png'),
        )}, dashboard-heat-map.png\n\n`,
    );
    figures.browser = { rounds, warmMedianMs: warmMedian };
  }

  fs.writeFileSync(
    path.join(options.outDir, `figures-${options.client}.json`),
    JSON.stringify(figures, null, 2),
  );
  return latencyPass === false || entityPass === false || browserPass === false
    ? 2
    : 0;
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(`bench: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
