// Metrics from the real catalog: OSPO staff start a run through the API, and
// the team page shows the team's figures with their published definitions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  artifacts,
  baseUrl,
  launchBrowser,
  ospoApi,
  refreshMetrics,
  signInAs,
  waitForEntity,
  waitForPortal,
} from './portal.mjs';

let browser;
let token;

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
  const status = await refreshMetrics(token);
  assert.equal(status.lastSuccess.processedEntities >= 16, true);

  // The org figures come from the example catalog: an owner that is a user
  // and an owner missing from the catalog are the components not covered.
  const org = await ospoApi(token, '/metrics/latest');
  const ownership = org.body.values.find(
    v => v.metricId === 'ownership.coverage',
  );
  assert.equal(ownership.denominator - ownership.numerator, 2);
  const findings = await ospoApi(token, '/metrics/ownership.coverage/findings');
  assert.deepEqual(findings.body.items.map(f => f.entityRef).sort(), [
    'component:default/image-resizer',
    'component:default/legacy-storefront',
  ]);

  const team = await ospoApi(
    token,
    '/metrics/latest?scope=group:default/team-checkout',
  );
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
