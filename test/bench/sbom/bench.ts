/*
 * The SBOM upload benchmark, once run.sh has started the demo backend: posts
 * a synthetic CycloneDX SBOM through the real route as a CI job would (a
 * static external access token), several times, and prints
 *
 * - the upload time (request sent to answer read), p50 and max, and the
 *   first upload apart (it compiles the schema of the spec version);
 * - the backend process's RSS growth during an upload (sampled from /proc
 *   every 5 ms), against the RSS just before it, and over the whole run;
 * - the p50/p95 latency of a read endpoint (GET .../sbom of another entity)
 *   under a few sequential clients, alone and while 4 uploads for 4 other
 *   entities run back to back, and their ratio.
 *
 * Exit status: 0 when the targets pass, 2 when one fails, 1 when the
 * harness fails (including an upload answering other than 201).
 */

import fs from 'node:fs';
import http from 'node:http';
import { generateSbom } from './generateSbom';

const UPLOAD_TARGET_MS = 2000;
const RSS_TARGET_MB = 200;

const port = Number(process.env.OSPO_SBOM_BENCH_PORT ?? 7037);
const token = process.env.OSPO_SBOM_BENCH_TOKEN ?? '';
const backendPid = Number(process.env.OSPO_SBOM_BENCH_BACKEND_PID);
const shape = {
  components: Number(process.env.OSPO_SBOM_BENCH_COMPONENTS ?? 20_000),
  vulnerabilities: Number(process.env.OSPO_SBOM_BENCH_VULNERABILITIES ?? 200),
  seed: 20261130,
};
const runs = Number(process.env.OSPO_SBOM_BENCH_RUNS ?? 8);
const loadSeconds = Number(process.env.OSPO_SBOM_BENCH_SECONDS ?? 10);

/** Components of the demo catalog: one measured, one read, four uploaded to. */
const MEASURED = 'checkout-service';
const READ = 'payments-gateway';
const CONCURRENT = [
  'cart-service',
  'fraud-detector',
  'storefront-web',
  'product-catalog',
];

const log = (message: string) => process.stdout.write(`bench: ${message}\n`);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const sbomPath = (name: string) =>
  `/api/ospo/entities/component/default/${name}/sbom`;

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function send(
  agent: http.Agent,
  method: 'GET' | 'POST',
  path: string,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body
            ? {
                'content-type': 'application/vnd.cyclonedx+json',
                'content-length': body.length,
              }
            : {}),
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
    req.end(body);
  });
}

/** The backend's resident set size now, in bytes, from /proc. */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/** Samples the RSS every 5 ms until stopped; returns the highest seen. */
function sampleRss(pid: number) {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

async function waitForBackend(agent: http.Agent, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (backendPid && !fs.existsSync(`/proc/${backendPid}`)) {
      throw new Error('the backend exited');
    }
    try {
      // The catalog holds the entity once its SBOM is only missing (the
      // bench's token is for this plugin only, as a CI job's should be).
      const res = await send(agent, 'GET', sbomPath(READ));
      if (res.status === 404 && res.body.includes('No SBOM has been uploaded'))
        return;
      last = `${res.status} ${res.body.slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(1000);
  }
  throw new Error(`the backend did not come up: ${last}`);
}

async function upload(agent: http.Agent, name: string, body: Buffer) {
  const res = await send(agent, 'POST', sbomPath(name), body);
  if (res.status !== 201) {
    throw new Error(
      `upload for ${name} answered ${res.status}: ${res.body.slice(0, 300)}`,
    );
  }
  return { ms: res.ms, answer: JSON.parse(res.body) };
}

/** Clients reading one after another for `seconds`; their latencies. */
async function readLoad(clients: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (performance.now() < end) {
        const res = await send(agent, 'GET', sbomPath(READ));
        if (res.status !== 200) {
          throw new Error(`read answered ${res.status}: ${res.body}`);
        }
        latencies.push(res.ms);
      }
      agent.destroy();
    }),
  );
  return latencies;
}

async function main() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  log('waiting for the backend and the demo catalog');
  const startWait = Date.now();
  await waitForBackend(agent, 300_000);
  log(`backend up in ${Math.round((Date.now() - startWait) / 1000)} s`);

  const generated = Array.from({ length: runs }, (_, variant) =>
    generateSbom(shape, variant),
  );
  const first = generated[0];
  log(
    `SBOM: CycloneDX 1.6, ${first.components} components (${
      first.deniedComponents
    } under denied licenses), ${first.vulnerabilities} vulnerabilities, ${mb(
      first.body.length,
    )} MB`,
  );

  // Uploads, one after another, each a little different (findings open and
  // resolve), with the RSS sampled during each.
  const baseline = rssOf(backendPid);
  let overallPeak = baseline;
  const times: number[] = [];
  const growths: number[] = [];
  for (const [i, sbom] of generated.entries()) {
    const before = rssOf(backendPid);
    const sampler = sampleRss(backendPid);
    const { ms: took, answer } = await upload(agent, MEASURED, sbom.body);
    const peak = sampler.stop();
    overallPeak = Math.max(overallPeak, peak);
    if (answer.summary.componentCount !== sbom.components) {
      throw new Error(
        `stored ${answer.summary.componentCount} components, not ${sbom.components}`,
      );
    }
    if (answer.summary.licenses.denied !== sbom.deniedComponents) {
      throw new Error(
        `stored ${answer.summary.licenses.denied} denied components, not ${sbom.deniedComponents}`,
      );
    }
    times.push(took);
    growths.push(peak - before);
    log(
      `upload ${i + 1}: ${ms(took)} ms, RSS ${mb(before)} -> peak ${mb(
        peak,
      )} MB (+${mb(peak - before)}), open findings ${answer.openFindings}`,
    );
    // Let the collector settle between uploads, as between CI jobs.
    await sleep(500);
  }
  const warm = times.slice(1);
  const p50 = percentile(warm.length ? warm : times, 50);
  const max = Math.max(...(warm.length ? warm : times));
  const rssGrowth = Math.max(...growths);

  // A read of another entity's SBOM, alone and while 4 entities upload.
  await upload(agent, READ, first.body);
  const clients = 4;
  await readLoad(clients, 2); // warm-up
  const quiet = await readLoad(clients, loadSeconds);
  let uploading = true;
  let concurrentUploads = 0;
  const uploaders = CONCURRENT.map(async name => {
    const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (uploading) {
      await upload(own, name, first.body);
      concurrentUploads++;
    }
    own.destroy();
  });
  // Reads start once every uploader has sent its first request.
  await sleep(200);
  const busy = await readLoad(clients, loadSeconds);
  uploading = false;
  await Promise.all(uploaders);

  const quietP95 = percentile(quiet, 95);
  const busyP95 = percentile(busy, 95);
  log('');
  log(`figures (${shape.components} components, ${runs} uploads):`);
  log(`  first upload (compiles the 1.6 schema): ${ms(times[0])} ms`);
  log(
    `  upload time, later uploads: p50 ${ms(p50)} ms, max ${ms(
      max,
    )} ms (target <= ${UPLOAD_TARGET_MS} ms)`,
  );
  log(
    `  RSS growth during an upload: max +${mb(
      rssGrowth,
    )} MB (target <= ${RSS_TARGET_MB} MB); over the whole run: +${mb(
      overallPeak - baseline,
    )} MB from ${mb(baseline)} MB`,
  );
  log(
    `  GET .../sbom, ${clients} clients, ${loadSeconds} s: alone p50 ${ms(
      percentile(quiet, 50),
    )} ms, p95 ${ms(quietP95)} ms (${
      quiet.length
    } reads); with 4 uploads running (${concurrentUploads} stored meanwhile): p50 ${ms(
      percentile(busy, 50),
    )} ms, p95 ${ms(busyP95)} ms, max ${ms(Math.max(...busy))} ms (${
      busy.length
    } reads); p95 ratio ${(busyP95 / quietP95).toFixed(1)}`,
  );

  const failed = [
    max > UPLOAD_TARGET_MS ? 'upload time' : undefined,
    rssGrowth > RSS_TARGET_MB * 1024 * 1024 ? 'RSS growth' : undefined,
  ].filter(Boolean);
  log(failed.length ? `targets missed: ${failed.join(', ')}` : 'targets met');
  agent.destroy();
  return failed.length ? 2 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(`bench: ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
