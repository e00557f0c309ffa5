// Metrics from the real catalog: OSPO staff start a run through the API, and
// the team page shows the team's figures with their published definitions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  artifacts,
  baseUrl,
  launchBrowser,
  signInAs,
  waitForEntity,
  waitForPortal,
} from './portal.mjs';

let browser;
let token;

async function api(path, init = {}) {
  const res = await fetch(`${baseUrl}/api/ospo${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  return { status: res.status, body: await res.json() };
}

/** Starts a run and waits until one newer than `since` has succeeded. */
async function refreshMetrics(timeoutMs = 60_000) {
  const since = new Date().toISOString();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const refresh = await api('/metrics/refresh', { method: 'POST' });
    // 409: a scheduled run is going on; it will do as well.
    assert.ok(
      [202, 409].includes(refresh.status),
      `refresh answered ${refresh.status}`,
    );
    for (let i = 0; i < 10; i++) {
      const { body } = await api('/metrics/status');
      if (body.lastSuccess && body.lastSuccess.startedAt >= since) return body;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    if (Date.now() > deadline)
      throw new Error('No metrics run succeeded in time');
  }
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  token = await waitForPortal('olivia');
  // Every example component must be in the catalog before the run counts them.
  await waitForEntity(token, 'component:default/legacy-storefront');
  await waitForEntity(token, 'component:default/checkout-service');
  await waitForEntity(token, 'group:default/team-checkout');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('OSPO staff refresh the metrics and the team page shows them', async () => {
  const status = await refreshMetrics();
  assert.equal(status.lastSuccess.processedEntities >= 16, true);

  // The org figures come from the example catalog: an owner that is a user
  // and an owner missing from the catalog are the components not covered.
  const org = await api('/metrics/latest');
  const ownership = org.body.values.find(
    v => v.metricId === 'ownership.coverage',
  );
  assert.equal(ownership.denominator - ownership.numerator, 2);
  const findings = await api('/metrics/ownership.coverage/findings');
  assert.deepEqual(findings.body.items.map(f => f.entityRef).sort(), [
    'component:default/image-resizer',
    'component:default/legacy-storefront',
  ]);

  const team = await api('/metrics/latest?scope=group:default/team-checkout');
  const components = team.body.values.find(
    v => v.metricId === 'inventory.components',
  );
  assert.ok(components.value > 0);

  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.goto(`${baseUrl}/catalog/default/group/team-checkout`);
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'OSPO metrics' })
      .first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByText('Ownership coverage').waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${artifacts}/team-metrics-card.png`,
      fullPage: true,
    });
    await card.screenshot({ path: `${artifacts}/team-metrics-card-only.png` });

    // The published definition is one click away.
    await card
      .getByRole('button', { name: /Ownership coverage/ })
      .first()
      .click();
    await page
      .getByText(/resolves to an existing Group/)
      .first()
      .waitFor();
    await page.waitForTimeout(500); // the popover fades in: let it, for the screenshot
    await page.screenshot({ path: `${artifacts}/team-metrics-definition.png` });
  } finally {
    await context.close();
  }
});
