/*
 * Load on the dashboard's data endpoints: a number of clients, each sending
 * one request after another (keep-alive connections, one per client) and
 * cycling through the endpoints from a different starting point, for a fixed
 * time after an unmeasured warm-up. Latency is from sending the request to
 * having read the whole body.
 *
 * Every response must be a 200 with a body at least half the size of the
 * checked reference answer, and every 25th answer of each endpoint is parsed
 * and checked in full, so that errors or empty answers cannot pass for speed.
 */

import http from 'node:http';
import { CpuUsage, startCpuUsage } from './cpuUsage';

export interface Endpoint {
  name: string;
  path: string;
  /** Throws when the parsed body is not the expected answer. */
  check(body: any): void;
}

export interface EndpointFigures {
  name: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  endpoints: EndpointFigures[];
  overall: EndpointFigures;
  seconds: number;
  requestsPerSecond: number;
  firstErrors: string[];
  /** CPU use during the measured window. */
  cpu: CpuUsage;
}

const FULL_CHECK_EVERY = 25;

interface Response {
  status: number;
  body: string;
  ms: number;
}

export function get(
  agent: http.Agent,
  baseUrl: URL,
  path: string,
  token: string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        path,
        method: 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - start,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Asks each endpoint once and checks the answer in full; returns body sizes. */
export async function checkEndpoints(options: {
  baseUrl: string;
  token: string;
  endpoints: Endpoint[];
}): Promise<Map<string, { bytes: number; ms: number }>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(options.baseUrl);
  const sizes = new Map<string, { bytes: number; ms: number }>();
  try {
    for (const endpoint of options.endpoints) {
      const res = await get(agent, url, endpoint.path, options.token);
      if (res.status !== 200) {
        throw new Error(
          `${endpoint.name}: GET ${endpoint.path} answered ${
            res.status
          }: ${res.body.slice(0, 300)}`,
        );
      }
      try {
        endpoint.check(JSON.parse(res.body));
      } catch (error) {
        throw new Error(
          `${endpoint.name}: GET ${endpoint.path}: ${(error as Error).message}`,
        );
      }
      sizes.set(endpoint.name, { bytes: res.body.length, ms: res.ms });
    }
  } finally {
    agent.destroy();
  }
  return sizes;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function figuresOf(
  name: string,
  ms: number[],
  errors: number,
): EndpointFigures {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    name,
    count: ms.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: ms.reduce((a, b) => a + b, 0) / (ms.length || 1),
  };
}

/**
 * The clients' warm-up, then the measured window: `setMeasuring` is true
 * only inside it. Returns the window's length and the backend's CPU use
 * during it.
 */
export async function measuredWindow(
  options: {
    warmupSeconds: number;
    durationSeconds: number;
    /** The backend's process id, for its CPU use. */
    backendPid?: number;
  },
  setMeasuring: (measuring: boolean) => void,
): Promise<{ seconds: number; cpu: CpuUsage }> {
  const sleep = (s: number) =>
    new Promise(resolve => setTimeout(resolve, s * 1000));
  await sleep(options.warmupSeconds);
  setMeasuring(true);
  const stopCpu = startCpuUsage(options.backendPid);
  const start = performance.now();
  await sleep(options.durationSeconds);
  setMeasuring(false);
  return { cpu: stopCpu(), seconds: (performance.now() - start) / 1000 };
}

/**
 * One client, one request at a time: each endpoint's own service time,
 * without queueing behind other clients' requests.
 */
export async function measureServiceTimes(options: {
  baseUrl: string;
  token: string;
  endpoints: Endpoint[];
  repeats: number;
}): Promise<EndpointFigures[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(options.baseUrl);
  const figures: EndpointFigures[] = [];
  try {
    for (const endpoint of options.endpoints) {
      const ms: number[] = [];
      let errors = 0;
      for (let i = 0; i < options.repeats + 2; i++) {
        const res = await get(agent, url, endpoint.path, options.token);
        if (res.status !== 200) errors += 1;
        // The first two warm the caches and the connection.
        else if (i >= 2) ms.push(res.ms);
      }
      figures.push(figuresOf(endpoint.name, ms, errors));
    }
  } finally {
    agent.destroy();
  }
  return figures;
}

export async function runLoad(options: {
  baseUrl: string;
  token: string;
  endpoints: Endpoint[];
  /** Minimum body size per endpoint name. */
  minBytes: Map<string, number>;
  clients: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** The backend's process id, for its CPU use. */
  backendPid?: number;
}): Promise<LoadResult> {
  const { endpoints } = options;
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.clients,
  });
  const latencies = endpoints.map(() => [] as number[]);
  const errors = endpoints.map(() => 0);
  const answered = endpoints.map(() => 0);
  const firstErrors: string[] = [];
  let measuring = false;
  let stop = false;

  const recordError = (i: number, message: string) => {
    if (measuring) errors[i] += 1;
    if (firstErrors.length < 5)
      firstErrors.push(`${endpoints[i].name}: ${message}`);
  };

  const client = async (n: number) => {
    let i = n % endpoints.length;
    while (!stop) {
      const endpoint = endpoints[i];
      const wasMeasuring = measuring;
      try {
        const res = await get(agent, url, endpoint.path, options.token);
        if (res.status !== 200) {
          recordError(i, `HTTP ${res.status} ${res.body.slice(0, 200)}`);
        } else if (res.body.length < options.minBytes.get(endpoint.name)!) {
          recordError(i, `short body (${res.body.length} bytes)`);
        } else {
          answered[i] += 1;
          if (answered[i] % FULL_CHECK_EVERY === 0) {
            try {
              endpoint.check(JSON.parse(res.body));
            } catch (error) {
              recordError(i, (error as Error).message);
            }
          }
          // Only requests sent and answered inside the measured window count.
          if (wasMeasuring && measuring) latencies[i].push(res.ms);
        }
      } catch (error) {
        recordError(i, String(error));
      }
      i = (i + 1) % endpoints.length;
    }
  };

  const running = Array.from({ length: options.clients }, (_, n) => client(n));
  const { seconds, cpu } = await measuredWindow(options, on => {
    measuring = on;
  });
  stop = true;
  await Promise.all(running);
  agent.destroy();

  const all = latencies.flat();
  return {
    endpoints: endpoints.map((e, i) =>
      figuresOf(e.name, latencies[i], errors[i]),
    ),
    overall: figuresOf(
      'all',
      all,
      errors.reduce((a, b) => a + b, 0),
    ),
    seconds,
    requestsPerSecond: all.length / seconds,
    firstErrors,
    cpu,
  };
}
