// The foundation's user journey, in a real browser against the running portal:
// a team lead records an answer on the team page, and the component owned by
// that team shows it.
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

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('lee');
  await waitForEntity(token, 'component:default/checkout-service');
  await waitForEntity(token, 'group:default/team-checkout');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('a team lead sets an item to done and the owned component shows it', async () => {
  const { context, page } = await signInAs(browser, 'Lee Tanaka');
  try {
    await page.goto(`${baseUrl}/catalog/default/group/team-checkout`);
    const edit = page.getByRole('button', { name: 'Edit Creation' });
    await edit.waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: `${artifacts}/team-page-before.png`,
      fullPage: true,
    });
    assert.equal(await edit.isEnabled(), true, 'the team lead may edit');
    await edit.click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status').click();
    await page.getByRole('option', { name: 'Done' }).click();
    await dialog
      .getByLabel('Note')
      .fill('Our OSPO guild meets every other Thursday.');
    await dialog
      .getByLabel('Evidence URL')
      .fill('https://wiki.acme.example/ospo/charter');
    await page.screenshot({ path: `${artifacts}/edit-dialog.png` });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText('Our OSPO guild meets every other Thursday.')
      .waitFor();
    await page.screenshot({
      path: `${artifacts}/team-page-after.png`,
      fullPage: true,
    });

    await page.goto(`${baseUrl}/catalog/default/component/checkout-service`);
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'OSPO status' })
      .first();
    await card.waitFor({ timeout: 60_000 });
    await card
      .getByText('1/5 done')
      .or(card.getByText('1 of 5 done'))
      .first()
      .waitFor();
    await card.getByText('Done', { exact: true }).first().waitFor();
    // A member is shown the way back to the team's answers.
    const update = card.getByRole('button', {
      name: "Update the team's answers",
    });
    await update.waitFor();
    assert.match(
      await update.getAttribute('href'),
      /\/catalog\/default\/group\/team-checkout$/,
    );
    await page.screenshot({
      path: `${artifacts}/component-page.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});

test("an engineer of another team cannot edit the team lead's checklist", async () => {
  const { context, page } = await signInAs(browser, 'Erin Ng');
  try {
    await page.goto(`${baseUrl}/catalog/default/group/team-checkout`);
    const edit = page.getByRole('button', { name: 'Edit Creation' });
    await edit.waitFor({ timeout: 60_000 });
    assert.equal(await edit.isEnabled(), false, 'Erin is not in team-checkout');
    // Why, in words on the card, with whom to ask.
    const note = page.getByRole('note').filter({ hasText: 'Only members of' });
    await note.waitFor();
    assert.match(
      (await note.innerText()).replace(/\s+/g, ' '),
      /Only members of .+ and OSPO staff can change these answers\. To change one, ask a member of the team or the OSPO\./,
    );
    await page.screenshot({
      path: `${artifacts}/team-page-engineer.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});
