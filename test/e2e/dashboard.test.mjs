// The OSPO's org-wide dashboard in a real browser: OSPO staff open /ospo,
// filter the heat map to one department, export it as CSV and drill into a team.
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

let browser;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('olivia');
  await waitForEntity(token, 'group:default/team-data');
  await waitForEntity(token, 'component:default/legacy-storefront');
  // The heat map groups teams by the hierarchy the latest metrics run saw.
  await refreshMetrics(token);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('OSPO staff filter the dashboard to a department, export it, open a team and come back', async () => {
  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.goto(`${baseUrl}/ospo`);
    const heatMap = page.getByRole('table', {
      name: 'Checklist progress by team',
    });
    await heatMap.waitFor({ timeout: 60_000 });
    await heatMap.getByRole('link', { name: 'Infrastructure' }).waitFor();
    await page.getByRole('button', { name: /Refresh metrics/ }).waitFor();
    await page.screenshot({
      path: `${artifacts}/dashboard.png`,
      fullPage: true,
    });

    await page.getByRole('button', { name: /^Department/ }).click();
    await page.getByRole('option', { name: 'Commerce' }).click();
    await heatMap
      .getByRole('link', { name: 'Infrastructure' })
      .waitFor({ state: 'detached' });
    for (const team of ['Checkout', 'Payments', 'Storefront']) {
      await heatMap.getByRole('link', { name: team }).waitFor();
    }
    // The menu fades out, and the page scrolls in its own area: the
    // screenshot shows the filtered heat map once the menu is gone.
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await heatMap.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}/dashboard-commerce.png` });

    const card = heatMap.locator(
      'xpath=ancestor::div[contains(@class,"MuiCard-root")][1]',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    fs.writeFileSync(`${artifacts}/dashboard-commerce.csv`, csv);
    assert.match(csv, /group:default\/team-checkout/);
    assert.match(csv, /group:default\/team-payments/);
    assert.doesNotMatch(csv, /group:default\/team-infra/);
    // A header and the three Commerce teams.
    assert.equal(csv.trim().split(/\r?\n/).length, 4);

    await heatMap.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/\/catalog\/default\/group\/team-checkout/);
    await page.getByRole('heading', { name: 'Checkout' }).first().waitFor();
    await page.screenshot({ path: `${artifacts}/dashboard-team.png` });

    // The filtered view is in the URL: Back from the team comes back to it.
    await page.goBack();
    await page.waitForURL(/\/ospo\?/);
    assert.equal(
      new URL(page.url()).searchParams.get('department'),
      'group:default/commerce',
    );
    await heatMap.getByRole('link', { name: 'Payments' }).waitFor();
    assert.equal(
      await heatMap.getByRole('link', { name: 'Infrastructure' }).count(),
      0,
    );
  } finally {
    await context.close();
  }
});

test('on a phone, the dashboard opens with what needs attention, then the tiles, without sideways scrolling', async () => {
  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/ospo`);
    // "Needs attention", or "Nothing needs attention" when nothing does.
    const attention = page.getByRole('region', { name: /needs attention$/i });
    await attention.waitFor({ timeout: 60_000 });
    await page
      .locator('section[aria-busy="false"]')
      .filter({ hasText: /needs attention/i })
      .waitFor();
    const tiles = page.getByText('Metrics', { exact: true }).first();
    await tiles.waitFor();
    const strip = await attention.boundingBox();
    const tilesBox = await tiles.boundingBox();
    assert.ok(
      strip.y + strip.height <= tilesBox.y,
      'the strip comes before the metric tiles',
    );
    const width = await page.evaluate(
      () => document.documentElement.scrollWidth,
    );
    assert.ok(width <= 390, `the page is ${width}px wide`);
    await page.screenshot({ path: `${artifacts}/dashboard-phone.png` });
  } finally {
    await context.close();
  }
});
