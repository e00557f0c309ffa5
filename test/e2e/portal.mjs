// Helpers for the browser tests: wait for the portal, sign in as a persona.
import { chromium } from 'playwright-core';

export const baseUrl = process.env.OSPO_E2E_BASE_URL ?? 'http://localhost:7017';
export const artifacts = process.env.OSPO_E2E_ARTIFACTS ?? 'test-results/e2e';

/**
 * Waits until the backend is up and has read the example organisation: the
 * demo sign-in only succeeds once the persona's User entity is in the catalog.
 * Returns a Backstage token of that persona.
 */
export async function waitForPortal(persona, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/auth/ospo-demo/refresh`, {
        headers: { 'x-ospo-demo-persona': persona },
      });
      if (res.ok) {
        const body = await res.json();
        return body.backstageIdentity.token;
      }
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`The portal at ${baseUrl} was not ready in time: ${last}`);
}

/** Waits until the catalog serves an entity (it reads the example files in the background). */
export async function waitForEntity(token, ref, timeoutMs = 120_000) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.ok) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${ref} did not appear in the catalog`);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context signed in through the persona picker. */
export async function signInAs(browser, displayName) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
  // Signed in, the app lands on the catalog.
  await page
    .getByRole('heading', { name: 'ACME Corp Catalog' })
    .waitFor({ timeout: 60_000 });
  return { context, page };
}

/** A request to the OSPO backend with a persona's token; the body parsed as JSON. */
export async function ospoApi(token, path, init = {}) {
  const res = await fetch(`${baseUrl}/api/ospo${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Starts a metrics run as OSPO staff and waits until one that started after
 * the call has succeeded. A 409 means a scheduled run is going: it does as well.
 */
export async function refreshMetrics(token, timeoutMs = 60_000) {
  const since = new Date().toISOString();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const refresh = await ospoApi(token, '/metrics/refresh', {
      method: 'POST',
    });
    if (![202, 409].includes(refresh.status)) {
      throw new Error(`The metrics refresh answered ${refresh.status}`);
    }
    for (let i = 0; i < 10; i++) {
      const { body } = await ospoApi(token, '/metrics/status');
      if (body.lastSuccess && body.lastSuccess.startedAt >= since) return body;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    if (Date.now() > deadline) {
      throw new Error('No metrics run succeeded in time');
    }
  }
}

/**
 * Generates the demo SBOMs (cached in .tools/sbom-cache) and uploads them to
 * the portal under test with the demo uploader's token, as each example
 * component's CI pipeline would. Resolves to one outcome per component:
 * `{ name, ok, status, attempts, body?, message? }`.
 */
export async function uploadDemoSboms(options = {}) {
  // Imported here: only the tests that upload SBOMs pay for the CycloneDX library.
  const sboms = await import('../../scripts/sbom/upload-demo-sboms.mjs');
  return sboms.uploadDemoSboms({ baseUrl, retryForMs: 60_000, ...options });
}
