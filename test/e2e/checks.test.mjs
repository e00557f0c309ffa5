// The OSPO checks on a component page, in a real browser against the running
// portal: verdicts with their fixes for everyone, "Check now" for the owners.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  artifacts,
  baseUrl,
  launchBrowser,
  refreshMetrics,
  signInAs,
  waitForEntity,
  waitForPortal,
} from './portal.mjs';

const GRAFANA = `${baseUrl}/catalog/default/component/acme-grafana`;
let browser;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('olivia');
  await waitForEntity(token, 'component:default/acme-grafana');
  await waitForEntity(token, 'component:default/checkout-service');
  // The checks are evaluated in the metrics run.
  await refreshMetrics(token);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** The entity page's OSPO card, once its checks have loaded. */
async function statusCard(page) {
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'OSPO status' })
    .first();
  await card.getByText(/^Checked /).waitFor({ timeout: 60_000 });
  return card;
}

test('an engineer opens acme-grafana and sees the denied license fail, with its fix', async () => {
  const { context, page } = await signInAs(browser, 'Erin Ng');
  try {
    await page.goto(GRAFANA);
    const card = await statusCard(page);
    const row = card
      .getByRole('listitem')
      .filter({ hasText: 'License policy' });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /AGPL-3\.0-only is denied by the license policy/);
    assert.match(text, /Fix: Relicense it under an allowed license/);
    assert.equal(
      await row.getByRole('link', { name: /Guidance/ }).getAttribute('href'),
      'https://wiki.acme.example/ospo/licenses',
    );
    // Fail first: it is the card's first verdict.
    const first = card.getByRole('listitem').first();
    assert.match(await first.innerText(), /License policy/);
    // Erin is not in team-data: she may not have it checked again.
    assert.equal(
      await card.getByRole('button', { name: 'Check now' }).count(),
      0,
    );
    await page.screenshot({
      path: `${artifacts}/component-checks.png`,
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await card.getByText('License policy', { exact: true }).waitFor();
    const box = await card.boundingBox();
    assert.ok(box && box.width <= 390, `the card fits 390 px (${box?.width})`);
    await card.screenshot({ path: `${artifacts}/component-checks-390.png` });
  } finally {
    await context.close();
  }
});

test('a member of the owning team has the entity checked again', async () => {
  // Lee is in team-checkout, which owns checkout-service.
  const { context, page } = await signInAs(browser, 'Lee Tanaka');
  try {
    await page.goto(`${baseUrl}/catalog/default/component/checkout-service`);
    const card = await statusCard(page);
    const checkNow = card.getByRole('button', { name: 'Check now' });
    await checkNow.waitFor();
    const refreshed = page.waitForResponse(
      r =>
        r.url().endsWith('/checks/refresh') && r.request().method() === 'POST',
    );
    await checkNow.click();
    assert.equal((await refreshed).status(), 200);
    // The verdicts are stored: a fresh load of the page shows them.
    await page.reload();
    await (await statusCard(page))
      .getByText(/Checked on request/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: `${artifacts}/component-checks-refreshed.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});
