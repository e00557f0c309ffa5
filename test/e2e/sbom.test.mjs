// What is inside a component: a CI pipeline uploads a CycloneDX SBOM with a
// scanner's vulnerabilities, and the component's owners see the verdict and
// the fix on its page; OSPO staff see the exposure on the dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

const ENTITY = 'component/default/storefront-web';
const PAGE = `${baseUrl}/catalog/default/component/storefront-web`;
// The static token the e2e config gives the CI uploader (external access),
// one per run (run.sh).
const CI_TOKEN = process.env.OSPO_E2E_SBOM_TOKEN;
const SBOM = fs.readFileSync(
  path.join(import.meta.dirname, 'fixtures', 'storefront-web.cdx.json'),
);
let browser;

/** Uploads an SBOM as the CI pipeline does. */
async function upload(body, token = CI_TOKEN) {
  const res = await fetch(`${baseUrl}/api/ospo/entities/${ENTITY}/sbom`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/vnd.cyclonedx+json',
    },
    body,
  });
  return { status: res.status, body: await res.json() };
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('olivia');
  await waitForEntity(token, 'component:default/storefront-web');

  const stored = await upload(SBOM);
  assert.equal(stored.status, 201, JSON.stringify(stored.body));
  // A broken upload is refused, naming the problem, and changes nothing.
  const broken = await upload('{"bomFormat": "CycloneDX", "specVersion"');
  assert.equal(broken.status, 400);
  assert.match(broken.body.error.message, /JSON/);
  const latest = await ospoApi(token, `/entities/${ENTITY}/sbom`);
  assert.equal(latest.status, 200);
  assert.equal(latest.body.summary.componentCount, 5);
  assert.deepEqual(
    { critical: 1, high: 1 },
    {
      critical: latest.body.summary.vulnerabilities.critical,
      high: latest.body.summary.vulnerabilities.high,
    },
  );
  // The dashboard's figures come from the metrics run.
  await refreshMetrics(token);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('an engineer sees the vulnerabilities of storefront-web with the upgrades that fix them, and consults the OSPO', async () => {
  // Erin is in team-storefront, which owns storefront-web.
  const { context, page } = await signInAs(browser, 'Erin Ng');
  try {
    await page.goto(PAGE);
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'OSPO status' })
      .first();
    const row = card
      .getByRole('listitem')
      .filter({ hasText: 'Known vulnerabilities' });
    await row.waitFor({ timeout: 60_000 });
    assert.equal(await row.getAttribute('data-verdict'), 'fail');
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /2 open vulnerabilities \(1 critical, 1 high\)/);
    assert.match(
      text,
      /Upgrade minimist to 1\.2\.6 \(CVE-2021-44906\) and lodash to 4\.17\.21 \(CVE-2021-23337\)/,
    );
    // The LGPL library needs a review: a warning, not a failure.
    const licenses = card
      .getByRole('listitem')
      .filter({ hasText: 'Dependency licenses' });
    assert.equal(await licenses.getAttribute('data-verdict'), 'warn');
    await page.screenshot({
      path: `${artifacts}/component-sbom.png`,
      fullPage: true,
    });

    await row
      .getByRole('button', {
        name: 'Consult the OSPO about Known vulnerabilities',
      })
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Request a consultation',
    });
    await dialog.waitFor();
    assert.match(
      await dialog.getByLabel(/^Topic/).innerText(),
      /A vulnerability \(CVE\) in open source we use/,
    );
    assert.match(
      await dialog.getByLabel(/^Summary/).inputValue(),
      /^Known vulnerabilities: 2 open vulnerabilities/,
    );
    await dialog.screenshot({
      path: `${artifacts}/component-sbom-consult.png`,
    });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});

test('OSPO staff see the open vulnerabilities on the dashboard', async () => {
  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    await page.goto(`${baseUrl}/ospo`);
    const tile = page.getByRole('region', { name: 'Open vulnerabilities' });
    await tile.waitFor({ timeout: 60_000 });
    const figure = Number((await tile.innerText()).match(/^[^\d]*(\d+)/m)[1]);
    assert.ok(figure >= 2, `the tile counts storefront-web's two (${figure})`);
    // The page scrolls in its own area: a shot of the viewport, scrolled.
    await tile.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}/dashboard-sbom.png` });
  } finally {
    await context.close();
  }
});
