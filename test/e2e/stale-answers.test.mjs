// Answers go stale (issue #14): a done answer older than its item's validFor
// (the default checklist's Stakeholders holds a year) shows as "Re-attest"
// on the team page and in the heat map, and one click re-attests it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const TEAM = 'group:default/team-data';
const TEAM_PATH = '/teams/default/team-data/checklists';
const ITEM_PATH = `${TEAM_PATH}/ospo/items/stakeholders`;
const NOTE = 'Legal, security and engineering leads meet monthly.';

let browser;
let token;

/**
 * Makes the team's Stakeholders answer two years old, as if that time had
 * passed: written straight into the plugin's SQLite database of this run
 * (run.sh gives it a fresh folder), with the answers' version bumped as every
 * write does, so that the backend's caches see the change.
 */
function ageStakeholdersAnswer() {
  const folder = process.env.OSPO_E2E_DATA_DIR;
  assert.ok(folder, 'OSPO_E2E_DATA_DIR is set by test/e2e/run.sh');
  const db = new Database(path.join(folder, 'ospo.sqlite'), {
    timeout: 10_000,
  });
  try {
    const twoYearsAgo = Date.now() - 2 * 366 * 24 * 60 * 60 * 1000;
    db.transaction(() => {
      const aged = db
        .prepare(
          "UPDATE ospo_checklist_answers SET answered_at = ? WHERE team_ref = ? AND checklist_id = 'ospo' AND item_id = 'stakeholders'",
        )
        .run(twoYearsAgo, TEAM);
      assert.equal(aged.changes, 1, 'the answer to age is stored');
      db.prepare(
        'UPDATE ospo_checklist_answers_version SET version = version + 1 WHERE id = 1',
      ).run();
    })();
  } finally {
    db.close();
  }
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  token = await waitForPortal('olivia');
  await waitForEntity(token, TEAM);
  // The heat map groups teams by the hierarchy the latest metrics run saw.
  await refreshMetrics(token);

  // OSPO staff mark the team's Stakeholders done, with a note and evidence.
  const team = await ospoApi(token, TEAM_PATH);
  assert.equal(team.status, 200);
  const current = team.body.checklists[0].answers.find(
    a => a.itemId === 'stakeholders',
  );
  const put = await ospoApi(token, ITEM_PATH, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: 'done',
      note: NOTE,
      evidenceUrl: 'https://wiki.acme.example/data/stakeholders',
      expectedVersion: current?.version ?? 0,
    }),
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.ok(put.body.expiresAt, 'Stakeholders answers expire');
  assert.equal(put.body.expired, undefined);
  ageStakeholdersAnswer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('an expired answer shows "re-attest", and one click re-attests it', async () => {
  const stale = await ospoApi(token, TEAM_PATH);
  const answer = stale.body.checklists[0].answers.find(
    a => a.itemId === 'stakeholders',
  );
  assert.equal(answer.expired, true, 'the API flags it expired');

  const { context, page } = await signInAs(browser, 'Olivia Osei');
  try {
    // In the heat map, the cell asks for a re-attestation.
    await page.goto(`${baseUrl}/ospo`);
    const cell = page.getByRole('button', {
      name: 'Data: Stakeholders — re-attest (expired)',
    });
    await cell.waitFor({ timeout: 60_000 });
    assert.equal(await cell.getAttribute('data-status'), 'expired');
    await page
      .getByRole('list', { name: 'Legend' })
      .getByText('Re-attest (expired)')
      .waitFor();

    // On the team page, the item reads "Re-attest", with when it expired.
    await page.goto(`${baseUrl}/catalog/default/group/team-data`);
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Stakeholders' }) });
    await row.waitFor({ timeout: 60_000 });
    await row
      .getByText(/re-attest/i)
      .first()
      .waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Re-attest/);
    assert.match(
      text,
      /Expired on \d{1,2} \w+ \d{4}: counts as not done until re-attested/,
    );
    assert.match(text, new RegExp(NOTE));
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${artifacts}/team-page-expired.png`,
      fullPage: true,
    });

    await row.getByRole('button', { name: 'Re-attest Stakeholders' }).click();
    await row.getByText(/^Expires on /).waitFor({ timeout: 30_000 });
    await row.getByText('Done', { exact: true }).waitFor();
    assert.equal(
      await row.getByRole('button', { name: 'Re-attest Stakeholders' }).count(),
      0,
    );
    await page.screenshot({
      path: `${artifacts}/team-page-reattested.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }

  // Recorded as a new version, the same answer given again.
  const history = await ospoApi(token, `${ITEM_PATH}/history`);
  const [latest] = history.body.items;
  assert.equal(latest.reattested, true);
  assert.equal(latest.toStatus, 'done');
  assert.equal(latest.note, NOTE);
  assert.equal(latest.changedBy, 'user:default/olivia');
});
