// Uploads the demo SBOMs to the portal as each example component's CI
// pipeline would: POST /api/ospo/entities/component/default/<name>/sbom with
// a static token of the backend's external access. Generates them first
// (cached, see generate-demo-sboms.mjs) and waits for the backend to be ready.
//
// Usage: node scripts/sbom/upload-demo-sboms.mjs [--until-pid PID]
//   --until-pid PID  give up once that process is gone (the portal's start)
// Environment: BACKEND_URL (http://localhost:7007), OSPO_SBOM_UPLOAD_TOKEN
// (the demo token of app-config.yaml).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { counted, generateDemoSboms } from './generate-demo-sboms.mjs';
import { componentsOf } from './mergeVulnerabilities.mjs';

/** The demo uploader's static token (backend.auth.externalAccess). */
export const DEMO_UPLOAD_TOKEN = 'ospo-demo-sbom-uploader-token';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The error of a Backstage error response (`{ error: { name, message } }`). */
function backstageError(text) {
  try {
    const error = JSON.parse(text)?.error;
    return typeof error?.name === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a failed upload may succeed later: the backend is starting or
 * overloaded (no connection, 5xx, 429), or its catalog has not read the
 * example entities yet (a NotFoundError). A bare 404 is a backend without
 * the endpoint: no use waiting.
 */
function retryable(status, error) {
  return (
    status === undefined ||
    status === 429 ||
    status >= 500 ||
    (status === 404 && error?.name === 'NotFoundError')
  );
}

/**
 * Waits until the backend answers its readiness check, which it does once
 * every plugin has started. Throws after `timeoutMs`, or when `shouldStop`
 * says so.
 */
export async function waitForBackend(baseUrl, options = {}) {
  const { timeoutMs = 300_000, shouldStop = () => false } = options;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (shouldStop()) throw new Error('the portal stopped');
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error.cause?.code ?? error.cause ?? error);
    }
    await sleep(1000);
  }
  throw new Error(`the backend at ${baseUrl} was not ready: ${last}`);
}

/**
 * POSTs one SBOM for a Component of the default namespace, retrying while the
 * answer may change (see `retryable`) for up to `retryForMs`, or until
 * `deadline` (a time in ms) when given. Resolves to the outcome, never
 * rejects.
 *
 * @returns {Promise<{ name: string, ok: boolean, status?: number,
 *   attempts: number, body?: unknown, message?: string }>}
 */
export async function uploadSbom({
  baseUrl,
  token,
  name,
  bom,
  retryForMs = 120_000,
  deadline = Date.now() + retryForMs,
}) {
  const url = `${baseUrl}/api/ospo/entities/component/default/${encodeURIComponent(
    name,
  )}/sbom`;
  const body = JSON.stringify(bom);
  let delay = 500;
  for (let attempts = 1; ; attempts++) {
    let outcome;
    let error;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body,
      });
      const text = await res.text();
      if (res.ok) {
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        return { name, ok: true, status: res.status, attempts, body: parsed };
      }
      error = backstageError(text);
      outcome = {
        name,
        ok: false,
        status: res.status,
        attempts,
        message: error?.message ?? (text.slice(0, 200) || res.statusText),
      };
    } catch (failure) {
      outcome = {
        name,
        ok: false,
        attempts,
        message: String(failure.cause?.code ?? failure.cause ?? failure),
      };
    }
    if (!retryable(outcome.status, error) || Date.now() + delay > deadline) {
      return outcome;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 8000);
  }
}

/** One line for an upload: its status and what was uploaded. */
export function describeUpload(outcome, bom) {
  const components =
    outcome.body?.componentCount ??
    outcome.body?.summary?.componentCount ??
    componentsOf(bom).length;
  const vulnerabilities = bom.vulnerabilities?.length;
  const what = `${counted(components, 'component')}${
    vulnerabilities === undefined
      ? ''
      : `, ${counted(vulnerabilities, 'vulnerability')}`
  }`;
  if (outcome.ok) {
    return `sbom: uploaded ${outcome.name}: ${outcome.status} (${what})`;
  }
  return `sbom: upload of ${outcome.name} failed after ${
    outcome.attempts
  } attempt(s): ${outcome.status ?? 'no answer'} ${
    outcome.message ?? ''
  } (${what})`.trimEnd();
}

/**
 * Uploads SBOMs generated by `generateDemoSboms` to the backend at `baseUrl`,
 * one after the other. Resolves to one outcome per SBOM; one that could not be
 * generated is not uploaded and has `ok: false` and no status.
 */
export async function uploadSboms(sboms, options = {}) {
  const {
    baseUrl = process.env.BACKEND_URL ?? 'http://localhost:7007',
    token = process.env.OSPO_SBOM_UPLOAD_TOKEN ?? DEMO_UPLOAD_TOKEN,
    retryForMs = 120_000,
    log = () => {},
  } = options;
  // One time to retry for all: a backend that never takes one SBOM should
  // not keep each of them waiting as long.
  const deadline = Date.now() + retryForMs;
  const outcomes = [];
  for (const sbom of sboms) {
    if (sbom.error) {
      outcomes.push({
        name: sbom.name,
        ok: false,
        attempts: 0,
        message: `not generated: ${sbom.error.message}`,
      });
      continue;
    }
    const outcome = await uploadSbom({
      baseUrl,
      token,
      name: sbom.name,
      bom: sbom.bom,
      deadline,
    });
    log(describeUpload(outcome, sbom.bom));
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Generates the demo SBOMs (cached) and uploads them to the backend at
 * `baseUrl`, which must be ready: what the end-to-end tests call. Options as
 * `uploadSboms`.
 */
export async function uploadDemoSboms(options = {}) {
  return uploadSboms(await generateDemoSboms({ log: options.log }), options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { 'until-pid': { type: 'string' } },
  });
  const untilPid = Number(values['until-pid'] ?? 0);
  const portalStopped = () => {
    if (!untilPid) return false;
    try {
      process.kill(untilPid, 0);
      return false;
    } catch {
      return true;
    }
  };
  const baseUrl = process.env.BACKEND_URL ?? 'http://localhost:7007';
  // Once the portal is gone, so is the reason to generate: quietly stop.
  const stop = new AbortController();
  const log = line => {
    if (!stop.signal.aborted) console.log(line);
  };
  // Generation needs no backend: it runs while the backend starts.
  let generationFailed = false;
  const generating = generateDemoSboms({ log, signal: stop.signal }).catch(
    error => {
      log(`sbom: no demo SBOMs generated: ${error.message}`);
      generationFailed = true;
      return [];
    },
  );
  try {
    await waitForBackend(baseUrl, { shouldStop: portalStopped });
    const outcomes = await uploadSboms(await generating, { baseUrl, log });
    process.exitCode = !generationFailed && outcomes.every(o => o.ok) ? 0 : 1;
  } catch (error) {
    stop.abort();
    await generating;
    console.log(`sbom: no demo SBOMs uploaded: ${error.message}`);
    process.exitCode = 1;
  }
}
