/*
 * The entity-page scenario of the dashboard benchmark (see README.md): the
 * OSPO checklist status of a component against the catalog's own read of
 * that component, at each concurrency, with PASS / FAIL on the targets.
 */

import {
  ENTITY_BYTES_TARGET,
  ENTITY_RATIO_TARGET,
  EntityPhase,
  catalogByNameRequest,
  checkEntityAnswers,
  checklistStatusRequest,
  evaluateChecks,
  measureRefresh,
  newWalk,
  runEntityPhase,
} from './measureEntityPage';
import type { EntityPageComponent, EntityPageExpectations } from './prepare';
import {
  combineRounds,
  cpuLine,
  fmt,
  latencyTable,
  log,
  median,
} from './report';

/** Components "Check now" is timed on. */
const REFRESH_SAMPLE = 30;

/** Components to check in full before measuring: each kind of owner, and a spread. */
function sampleOf(components: EntityPageComponent[]): EntityPageComponent[] {
  const firstOf = (pick: (c: EntityPageComponent) => boolean) =>
    components.find(pick);
  const picked = new Set([
    firstOf(c => c.ownerIsTeam),
    firstOf(c => !c.ownerIsTeam && c.ownerRef.startsWith('user:')),
    firstOf(c => !c.ownerIsTeam && c.ownerRef.startsWith('group:')),
    ...components.filter((_, i) => i % 100 === 99),
  ]);
  return [...picked].filter((c): c is EntityPageComponent => Boolean(c));
}

export interface EntityPageResult {
  pass: boolean;
  figures: unknown;
}

export async function runEntityPageScenario(options: {
  baseUrl: string;
  expectations: EntityPageExpectations;
  signIn(user: string): Promise<string>;
  /** OSPO staff, who may start a metrics run. */
  staffPersona: string;
  clients: number[];
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  backendPid?: number;
}): Promise<EntityPageResult> {
  const { components, users } = options.expectations;
  if (components.length === 0 || users.length === 0) {
    throw new Error('The entity-page scenario has no components or users');
  }
  const tokens: string[] = [];
  for (const user of users) tokens.push(await options.signIn(user));
  const staffToken = await options.signIn(options.staffPersona);
  const run = await evaluateChecks({
    baseUrl: options.baseUrl,
    staffToken,
    timeoutMs: 10 * 60_000,
  });
  log(
    `entity page: a metrics run evaluated the checks of ${
      run.processedEntities
    } entities in ${run.seconds.toFixed(1)} s`,
  );

  // "Check now", one at a time, on components no one has asked for yet.
  const refreshed = await measureRefresh({
    baseUrl: options.baseUrl,
    staffToken,
    components: components.slice(-REFRESH_SAMPLE),
  });
  const p95 = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
  process.stdout.write(
    `Check now (POST .../checks/refresh), ${REFRESH_SAMPLE} components one at a time, as OSPO staff: ` +
      `p50 ${fmt(median(refreshed.refresh))} ms, p95 ${fmt(
        p95(refreshed.refresh),
      )} ms; the catalog's read of the same components p50 ${fmt(
        median(refreshed.floor),
      )} ms, p95 ${fmt(p95(refreshed.floor))} ms; p50 ratio ${(
        median(refreshed.refresh) / median(refreshed.floor)
      ).toFixed(2)}\n\n`,
  );

  const sample = sampleOf(components);
  const checked = await checkEntityAnswers({
    baseUrl: options.baseUrl,
    token: tokens[0],
    components: sample,
  });
  log(
    `entity page: ${components.length} components, ${users.length} users; ` +
      `${sample.length} components checked in full on both endpoints ` +
      `(checklist-status ${checked.medianBytes} bytes median, ${checked.maxBytes} max)`,
  );

  // Each endpoint walks the same components in the same order, continuing
  // from phase to phase.
  const walks = new Map([
    [checklistStatusRequest, newWalk()],
    [catalogByNameRequest, newWalk()],
  ]);
  const byConcurrency: Array<{
    clients: number;
    ospo: EntityPhase[];
    floor: EntityPhase[];
  }> = [];
  let maxBytes = checked.maxBytes;
  for (const clients of options.clients) {
    const clientTokens = Array.from(
      { length: clients },
      (_, i) => tokens[i % tokens.length],
    );
    const phase = (
      request: typeof checklistStatusRequest,
      warmupSeconds: number,
      durationSeconds: number,
    ) =>
      runEntityPhase({
        baseUrl: options.baseUrl,
        tokens: clientTokens,
        request,
        components,
        walk: walks.get(request)!,
        warmupSeconds,
        durationSeconds,
        backendPid: options.backendPid,
      });
    log(
      `entity page: ${clients} clients, ${options.rounds} rounds of ${options.durationSeconds} s per endpoint ` +
        `(${options.warmupSeconds} s warm-up of each first)`,
    );
    await phase(catalogByNameRequest, options.warmupSeconds, 0);
    await phase(checklistStatusRequest, options.warmupSeconds, 0);
    const ospo: EntityPhase[] = [];
    const floor: EntityPhase[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // Which goes first alternates, against drift in what else the machine does.
      const order =
        round % 2
          ? [checklistStatusRequest, catalogByNameRequest]
          : [catalogByNameRequest, checklistStatusRequest];
      for (const request of order) {
        const result = await phase(request, 1, options.durationSeconds);
        (request === checklistStatusRequest ? ospo : floor).push(result);
        if (request === checklistStatusRequest) {
          maxBytes = Math.max(maxBytes, result.bytes.max);
        }
        log(
          `entity page, ${clients} clients, round ${round}, ${request.name}: ` +
            `${result.requestsPerSecond.toFixed(0)} requests/s, p50 ${fmt(
              result.figures.p50,
            )} ms, p95 ${fmt(result.figures.p95)} ms, ${
              result.figures.errors
            } errors, ${(result.revisitShare * 100).toFixed(
              0,
            )} % asked for a component asked for in the 10 s before; ${cpuLine(
              result.cpu,
            )}`,
        );
        for (const message of result.firstErrors) log(`error: ${message}`);
      }
    }
    byConcurrency.push({ clients, ospo, floor });
  }

  const summary = byConcurrency.map(({ clients, ospo, floor }) => {
    const o = combineRounds(ospo.map(p => p.figures));
    const f = combineRounds(floor.map(p => p.figures));
    return {
      clients,
      ospo: o,
      floor: f,
      ratioP95: o.p95 / f.p95,
      ratioP50: o.p50 / f.p50,
      bytes: {
        median: median(ospo.map(p => p.bytes.median)),
        max: Math.max(...ospo.map(p => p.bytes.max)),
      },
      requestsPerSecond: {
        ospo: median(ospo.map(p => p.requestsPerSecond)),
        floor: median(floor.map(p => p.requestsPerSecond)),
      },
    };
  });
  for (const s of summary) {
    process.stdout.write(
      `\nEntity page, ${s.clients} concurrent clients (one user each) over ${components.length} components, median of ${options.rounds} rounds of ${options.durationSeconds} s (count and errors summed, max the largest); ` +
        `${s.requestsPerSecond.ospo.toFixed(
          0,
        )} and ${s.requestsPerSecond.floor.toFixed(
          0,
        )} requests/s:\n\n${latencyTable([s.ospo, s.floor])}\n\n` +
        `  p95 / floor p95: ${s.ratioP95.toFixed(
          2,
        )}   p50 / floor p50: ${s.ratioP50.toFixed(
          2,
        )}   checklist-status response: ${s.bytes.median} bytes median, ${
          s.bytes.max
        } max\n`,
    );
  }
  process.stdout.write('\n');
  let pass = true;
  for (const s of summary) {
    const ok =
      s.ratioP95 <= ENTITY_RATIO_TARGET &&
      s.ospo.errors === 0 &&
      s.floor.errors === 0 &&
      s.ospo.count > 0;
    pass &&= ok;
    process.stdout.write(
      `${ok ? 'PASS' : 'FAIL'} entity page at ${s.clients} clients: p95 ${fmt(
        s.ospo.p95,
      )} ms, ${s.ratioP95.toFixed(2)} × the catalog's ${fmt(
        s.floor.p95,
      )} ms (target ≤ ${ENTITY_RATIO_TARGET} ×${
        s.ospo.errors + s.floor.errors
          ? `; ${s.ospo.errors + s.floor.errors} errors`
          : ''
      })\n`,
    );
  }
  const sizeOk = maxBytes <= ENTITY_BYTES_TARGET;
  pass &&= sizeOk;
  process.stdout.write(
    `${
      sizeOk ? 'PASS' : 'FAIL'
    } entity page response size: at most ${maxBytes} bytes (target ≤ ${ENTITY_BYTES_TARGET} bytes)\n\n`,
  );
  return {
    pass,
    figures: {
      components: components.length,
      users: users.length,
      checked,
      summary,
      phases: byConcurrency,
    },
  };
}
