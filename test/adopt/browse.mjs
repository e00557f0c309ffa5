// The adopter's first look, in headless Chromium: sign in with the template's
// guest sign-in, follow the OSPO navigation item to the dashboard, and open an
// entity page of the template's example catalog for the OSPO's entity cards.
// Exits non-zero on the first check that fails; screenshots go to the
// artifacts folder either way.
//
// Usage: node browse.mjs <base url> <artifacts dir>
import fs from 'node:fs';
import { launchBrowser } from '../e2e/portal.mjs';

const [baseUrl, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });

/**
 * Waits until no card shows Backstage's loading bar any more, and fails on an error
 * panel: a card that got an error from its backend call says so in one.
 */
async function loaded(page) {
  await page
    .locator('[data-testid="progress"]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 });
  const errors = await page.getByText(/^Error: /).allInnerTexts();
  if (errors.length > 0) throw new Error(`the page shows ${errors.join('; ')}`);
}

/** Runs one check; on failure saves a screenshot named after it and rethrows. */
async function check(page, name, fn) {
  const start = Date.now();
  try {
    await fn();
    console.log(`adopt: ok   ${name} (${Date.now() - start} ms)`);
  } catch (error) {
    console.log(`adopt: FAIL ${name}: ${error.message.split('\n')[0]}`);
    await page
      .screenshot({
        path: `${artifacts}/failed-${name.replace(/\W+/g, '-')}.png`,
        fullPage: true,
      })
      .catch(() => {});
    throw error;
  }
}

const browser = await launchBrowser();
const pageErrors = [];
try {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  page.on('pageerror', error => pageErrors.push(String(error)));
  page.on('console', message => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  await check(page, 'guest sign-in', async () => {
    await page.goto(baseUrl);
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 60_000 });
    // The template serves the catalog at `/`.
    await page
      .getByRole('heading', { name: /Catalog/ })
      .first()
      .waitFor({ timeout: 60_000 });
  });

  await check(page, 'OSPO navigation item opens the dashboard', async () => {
    await page
      .getByRole('link', { name: 'OSPO' })
      .first()
      .click({ timeout: 30_000 });
    await page.waitForURL(/\/ospo$/, { timeout: 30_000 });
    await page
      .getByRole('heading', { name: 'Open Source Program Office' })
      .waitFor({ timeout: 60_000 });
    for (const title of [
      'Metrics',
      'Consultations',
      'Where to act',
      'Checklist progress',
    ]) {
      await page
        .getByText(title, { exact: true })
        .first()
        .waitFor({ timeout: 30_000 });
    }
    await loaded(page);
    await page.screenshot({
      path: `${artifacts}/ospo-dashboard.png`,
      fullPage: true,
    });
  });

  await check(page, 'OSPO cards on an entity page', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/example-website`);
    await page
      .getByRole('heading', { name: 'example-website' })
      .first()
      .waitFor({ timeout: 60_000 });
    // The OSPO status card, with the owning team's checklist from the backend.
    await page
      .getByText('OSPO status', { exact: true })
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('heading', { name: 'Creating an OSPO' })
      .waitFor({ timeout: 30_000 });
    // The consult card, with the office (its Group, from config) from the backend.
    await page
      .getByText('Consult the OSPO', { exact: true })
      .waitFor({ timeout: 30_000 });
    await page
      .getByText('Who to ask', { exact: true })
      .waitFor({ timeout: 30_000 });
    await loaded(page);
    await page.screenshot({
      path: `${artifacts}/entity-page.png`,
      fullPage: true,
    });
  });

  await check(page, 'OSPO cards on the owning Group page', async () => {
    await page.goto(`${baseUrl}/catalog/default/group/guests`);
    await page
      .getByRole('heading', { name: 'guests' })
      .first()
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('heading', { name: 'Creating an OSPO' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByText('Consult the OSPO', { exact: true })
      .waitFor({ timeout: 30_000 });
    await loaded(page);
    await page.screenshot({
      path: `${artifacts}/group-page.png`,
      fullPage: true,
    });
  });
} finally {
  fs.writeFileSync(`${artifacts}/browser-errors.log`, pageErrors.join('\n'));
  await browser.close();
}
