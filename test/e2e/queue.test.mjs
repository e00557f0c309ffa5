// The OSPO's queue in a real browser: a search in the URL, a request at its
// own URL that survives a reload, a bulk change, and the queue on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  artifacts,
  baseUrl,
  launchBrowser,
  ospoApi,
  signInAs,
  waitForEntity,
  waitForPortal,
} from './portal.mjs';

let browser;
// A word no other request has, so the search finds these two only.
const marker = `queuetest${Date.now()}`;
const summaries = [
  `Can we vendor the ${marker} parser?`,
  `License of the ${marker} fonts`,
];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('erin');
  await waitForEntity(token, 'component:default/checkout-service');
  for (const summary of summaries) {
    const filed = await ospoApi(
      token,
      '/entities/component/default/checkout-service/consultations',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'new-dependency', summary }),
      },
    );
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('OSPO staff search the queue, open a request by its URL and start both at once', async () => {
  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.goto(`${baseUrl}/ospo/consultations`);
    await page.getByRole('textbox', { name: 'Search' }).fill(marker);
    await page.waitForURL(new RegExp(`[?&]q=${marker}`));
    const first = page.getByRole('button', { name: summaries[0] });
    await first.waitFor({ timeout: 30_000 });
    await page.getByText('2 requests').waitFor();

    // A request at its own URL, over the filtered queue; a reload keeps it.
    await first.click();
    await page.getByRole('dialog', { name: summaries[0] }).waitFor();
    assert.match(
      page.url(),
      new RegExp(`/ospo/consultations/[0-9a-f-]{36}\\?q=${marker}$`),
    );
    await page.reload();
    const dialog = page.getByRole('dialog', { name: summaries[0] });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(page.url(), new RegExp(`/ospo/consultations\\?q=${marker}$`));

    // Both at once.
    await page.getByRole('checkbox', { name: 'Select this page' }).check();
    await page.getByText('2 selected').waitFor();
    await page.screenshot({ path: `${artifacts}/queue-selected.png` });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('2 changed').waitFor();
    await page.getByText('In progress').first().waitFor();
    await page.screenshot({
      path: `${artifacts}/queue-bulk-started.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});

test('on a phone, the queue is a list of cards', async () => {
  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/ospo/consultations?q=${marker}&status=all`);
    const list = page.getByRole('list', { name: 'Requests' });
    await list.waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('table').count(), 0);
    assert.equal(await list.getByRole('listitem').count(), 2);
    // Nothing wider than the screen.
    const width = await page.evaluate(
      () => document.documentElement.scrollWidth,
    );
    assert.ok(width <= 390, `the page is ${width}px wide`);
    await page.screenshot({ path: `${artifacts}/queue-phone.png` });
  } finally {
    await context.close();
  }
});
