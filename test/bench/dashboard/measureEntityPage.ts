/*
 * The entity-page scenario: what every component page view asks the OSPO
 * backend (`GET /api/ospo/entities/component/default/<name>/checklist-status`),
 * measured against the floor of the catalog serving the page's own entity
 * (`GET /api/catalog/entities/by-name/component/default/<name>`) under the same
 * number of concurrent clients in the same run.
 *
 * Each client is signed in as a different user and the clients take the
 * components in turn from one shared sequence, so that consecutive requests
 * ask for different components, by different people, as page views do.
 * Phases of the two endpoints alternate (which goes first alternates by round)
 * and each continues its own walk through the components, so that neither
 * starts on components it was just asked for.
 */

import http from 'node:http';
import { CpuUsage } from './cpuUsage';
import {
  EndpointFigures,
  figuresOf,
  get,
  measuredWindow,
} from './measureLatency';
import type { EntityPageComponent } from './prepare';

const FULL_CHECK_EVERY = 25;
/** The OSPO plugin's default `ospo.accessCache.ttl`, for the revisit share. */
const REVISIT_WINDOW_MS = 10_000;
export const ENTITY_RATIO_TARGET = 1.2;
export const ENTITY_BYTES_TARGET = 5_000;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** One of the two requests a component page makes, with a check of its answer. */
interface EntityRequest {
  name: string;
  path(component: EntityPageComponent): string;
  check(body: any, component: EntityPageComponent): void;
}

export const checklistStatusRequest: EntityRequest = {
  name: 'ospo checklist-status',
  path: c => `/api/ospo/entities/component/default/${c.name}/checklist-status`,
  check(body, c) {
    assert(
      body.entityRef === `component:default/${c.name}`,
      `entityRef ${body.entityRef} for ${c.name}`,
    );
    assert(
      body.ownerRefs.length === 1 && body.ownerRefs[0] === c.ownerRef,
      `${c.name}: ownerRefs ${JSON.stringify(body.ownerRefs)}, expected ${
        c.ownerRef
      }`,
    );
    // Every component has the verdicts of the run the scenario started.
    assert(
      body.checks?.evaluatedAt && body.checks.results.length > 0,
      `${c.name}: expected its OSPO checks, got ${JSON.stringify(body.checks)}`,
    );
    if (c.ownerIsTeam) {
      assert(
        body.teams.length === 1 &&
          body.teams[0].teamRef === c.ownerRef &&
          body.teams[0].checklists.length > 0 &&
          body.unresolvedOwners.length === 0,
        `${c.name}: expected the checklists of ${c.ownerRef}`,
      );
    } else {
      const reason = c.ownerRef.startsWith('user:')
        ? 'not-a-group'
        : 'not-found';
      assert(
        body.teams.length === 0 &&
          body.unresolvedOwners.length === 1 &&
          body.unresolvedOwners[0].ref === c.ownerRef &&
          body.unresolvedOwners[0].reason === reason,
        `${c.name}: expected ${
          c.ownerRef
        } unresolved (${reason}), got ${JSON.stringify(body.unresolvedOwners)}`,
      );
    }
  },
};

export const catalogByNameRequest: EntityRequest = {
  name: 'catalog by-name (floor)',
  path: c => `/api/catalog/entities/by-name/component/default/${c.name}`,
  check(body, c) {
    assert(
      body.kind === 'Component' && body.metadata.name === c.name,
      `catalog answered ${body.kind} ${body.metadata?.name} for ${c.name}`,
    );
  },
};

export interface EntityPhase {
  figures: EndpointFigures;
  requestsPerSecond: number;
  /** Body sizes of the measured answers, in bytes. */
  bytes: { median: number; max: number };
  /** Share of measured requests for a component asked for in the previous 10 s. */
  revisitShare: number;
  cpu: CpuUsage;
  firstErrors: string[];
}

/** Where an endpoint's walk through the components is, across phases. */
export interface Walk {
  next: number;
  lastAsked: Map<number, number>;
}

export function newWalk(start = 0): Walk {
  return { next: start, lastAsked: new Map() };
}

/**
 * Clients sending one request after another, each with its own token and
 * keep-alive connection, for `warmupSeconds` unmeasured then
 * `durationSeconds` measured.
 */
export async function runEntityPhase(options: {
  baseUrl: string;
  tokens: string[];
  request: EntityRequest;
  components: EntityPageComponent[];
  walk: Walk;
  warmupSeconds: number;
  durationSeconds: number;
  backendPid?: number;
}): Promise<EntityPhase> {
  const { request, components, walk, tokens } = options;
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: tokens.length });
  const latencies: number[] = [];
  const sizes: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let answered = 0;
  let revisits = 0;
  let measuring = false;
  let stop = false;

  const recordError = (message: string) => {
    if (measuring) errors += 1;
    if (firstErrors.length < 5) firstErrors.push(`${request.name}: ${message}`);
  };

  const client = async (token: string) => {
    while (!stop) {
      const index = walk.next % components.length;
      walk.next += 1;
      const component = components[index];
      const wasMeasuring = measuring;
      const askedAt = performance.now();
      const last = walk.lastAsked.get(index);
      walk.lastAsked.set(index, askedAt);
      try {
        const res = await get(agent, url, request.path(component), token);
        if (res.status !== 200) {
          recordError(`HTTP ${res.status} ${res.body.slice(0, 200)}`);
        } else if (!res.body.includes(component.name)) {
          recordError(`answer without ${component.name}`);
        } else {
          answered += 1;
          if (answered % FULL_CHECK_EVERY === 0) {
            try {
              request.check(JSON.parse(res.body), component);
            } catch (error) {
              recordError((error as Error).message);
            }
          }
          // Only requests sent and answered inside the measured window count.
          if (wasMeasuring && measuring) {
            latencies.push(res.ms);
            sizes.push(Buffer.byteLength(res.body));
            if (last !== undefined && askedAt - last < REVISIT_WINDOW_MS) {
              revisits += 1;
            }
          }
        }
      } catch (error) {
        recordError(String(error));
      }
    }
  };

  const running = tokens.map(token => client(token));
  const { seconds, cpu } = await measuredWindow(options, on => {
    measuring = on;
  });
  stop = true;
  await Promise.all(running);
  agent.destroy();

  const sortedSizes = [...sizes].sort((a, b) => a - b);
  return {
    figures: figuresOf(request.name, latencies, errors),
    requestsPerSecond: latencies.length / seconds,
    bytes: {
      median: sortedSizes[Math.floor(sortedSizes.length / 2)] ?? NaN,
      max: sortedSizes[sortedSizes.length - 1] ?? NaN,
    },
    revisitShare: latencies.length ? revisits / latencies.length : 0,
    cpu,
    firstErrors,
  };
}

/**
 * Asks both endpoints for each of the components once, one at a time, and
 * checks each answer in full.
 */
/**
 * Runs the metrics once, as OSPO staff, and waits for it to succeed: the run
 * evaluates every component's OSPO checks, which the entity page serves (the
 * seeded history has figures, not verdicts).
 */
export async function evaluateChecks(options: {
  baseUrl: string;
  staffToken: string;
  timeoutMs: number;
}): Promise<{ seconds: number; processedEntities: number }> {
  const headers = { authorization: `Bearer ${options.staffToken}` };
  const status = async () => {
    const res = await fetch(`${options.baseUrl}/api/ospo/metrics/status`, {
      headers,
    });
    assert(res.ok, `GET /api/ospo/metrics/status answered ${res.status}`);
    return (await res.json()) as {
      running?: unknown;
      lastSuccess?: { runId: string; processedEntities: number };
      lastFailure?: { runId: string; error: string };
    };
  };
  const before = await status();
  const started = Date.now();
  const res = await fetch(`${options.baseUrl}/api/ospo/metrics/refresh`, {
    method: 'POST',
    headers,
  });
  assert(
    res.status === 202 || res.status === 200,
    `POST /api/ospo/metrics/refresh answered ${
      res.status
    }: ${await res.text()}`,
  );
  while (Date.now() - started < options.timeoutMs) {
    await new Promise(resolve => setTimeout(resolve, 500));
    const now = await status();
    if (
      now.lastFailure &&
      now.lastFailure.runId !== before.lastFailure?.runId
    ) {
      throw new Error(`The metrics run failed: ${now.lastFailure.error}`);
    }
    if (
      now.lastSuccess &&
      now.lastSuccess.runId !== before.lastSuccess?.runId &&
      !now.running
    ) {
      return {
        seconds: (Date.now() - started) / 1000,
        processedEntities: now.lastSuccess.processedEntities,
      };
    }
  }
  throw new Error(
    `The metrics run did not finish within ${options.timeoutMs / 1000} s`,
  );
}

/**
 * "Check now" on one entity, one request at a time (no load), against the
 * catalog's read of the same entity: the refresh reads the entity, resolves
 * its owner, evaluates the checks and stores them.
 */
export async function measureRefresh(options: {
  baseUrl: string;
  staffToken: string;
  components: EntityPageComponent[];
}): Promise<{ refresh: number[]; floor: number[] }> {
  const headers = { authorization: `Bearer ${options.staffToken}` };
  const refresh: number[] = [];
  const floor: number[] = [];
  for (const c of options.components) {
    let start = performance.now();
    const res = await fetch(
      `${options.baseUrl}/api/ospo/entities/component/default/${c.name}/checks/refresh`,
      { method: 'POST', headers },
    );
    const body = await res.text();
    refresh.push(performance.now() - start);
    assert(res.status === 200, `refresh of ${c.name}: ${res.status} ${body}`);
    start = performance.now();
    const read = await fetch(
      `${options.baseUrl}${catalogByNameRequest.path(c)}`,
      { headers },
    );
    await read.text();
    floor.push(performance.now() - start);
    assert(read.status === 200, `catalog read of ${c.name}: ${read.status}`);
  }
  return { refresh, floor };
}

export async function checkEntityAnswers(options: {
  baseUrl: string;
  token: string;
  components: EntityPageComponent[];
}): Promise<{ maxBytes: number; medianBytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(options.baseUrl);
  const sizes: number[] = [];
  try {
    for (const component of options.components) {
      for (const request of [checklistStatusRequest, catalogByNameRequest]) {
        const res = await get(
          agent,
          url,
          request.path(component),
          options.token,
        );
        if (res.status !== 200) {
          throw new Error(
            `${request.name}: GET ${request.path(component)} answered ${
              res.status
            }: ${res.body.slice(0, 300)}`,
          );
        }
        request.check(JSON.parse(res.body), component);
        if (request === checklistStatusRequest) {
          sizes.push(Buffer.byteLength(res.body));
        }
      }
    }
  } finally {
    agent.destroy();
  }
  sizes.sort((a, b) => a - b);
  return {
    maxBytes: sizes[sizes.length - 1],
    medianBytes: sizes[Math.floor(sizes.length / 2)],
  };
}
