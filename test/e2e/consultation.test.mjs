// "Consult the OSPO" in a real browser: an engineer files a request from a
// component, OSPO staff resolve it from the queue, the engineer sees the answer.
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
const summary = `Can we use left-pad in checkout? (${Date.now()})`;
const resolution = 'Yes: MIT is on the allowed list. Pin the version.';

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const token = await waitForPortal('erin');
  await waitForEntity(token, 'component:default/checkout-service');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function openConsultCard(page) {
  await page.goto(`${baseUrl}/catalog/default/component/checkout-service`);
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Consult the OSPO' })
    .first();
  await card.waitFor({ timeout: 60_000 });
  return card;
}

test('an engineer files a request, OSPO staff resolve it, the engineer sees the answer and rates it', async () => {
  let requestUrl;
  // The engineer asks.
  const erin = await signInAs(browser, 'Erin Ng');
  try {
    const card = await openConsultCard(erin.page);
    await card.getByRole('button', { name: 'Request a consultation' }).click();
    const form = erin.page.getByRole('dialog');
    await form.getByLabel('Topic').click();
    await erin.page
      .getByRole('option', { name: 'Using a new open source dependency' })
      .click();
    await form.getByLabel('Summary').fill(summary);
    await form
      .getByLabel('Details')
      .fill('left-pad 1.3.0, MIT licensed, for formatting order numbers.');
    await erin.page.screenshot({ path: `${artifacts}/consult-form.png` });
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.waitFor({ state: 'detached' });
    await card.getByText(summary).waitFor();
    await erin.page.screenshot({
      path: `${artifacts}/consult-card-filed.png`,
      fullPage: true,
    });
  } finally {
    await erin.context.close();
  }

  // The OSPO answers from its queue.
  const olivia = await signInAs(browser, 'Olivia Osei');
  try {
    await olivia.page.goto(`${baseUrl}/ospo/consultations`);
    // The request in the queue, not the toast that may announce it.
    const row = olivia.page.getByRole('button', { name: summary, exact: true });
    await row.waitFor({ timeout: 60_000 });
    await olivia.page.screenshot({
      path: `${artifacts}/consult-queue.png`,
      fullPage: true,
    });
    await row.click();
    // Each request has its own address, which notifications link to.
    await olivia.page.waitForURL(/\/ospo\/consultations\/[0-9a-f-]{36}/);
    requestUrl = olivia.page.url();
    const details = olivia.page.getByRole('dialog');
    // The assignee is one of the OSPO's staff, the signed-in one first.
    await details.getByRole('button', { name: 'Assign…' }).click();
    await olivia.page
      .getByRole('menuitem', { name: 'Olivia Osei (me)' })
      .click();
    await details.getByText('olivia', { exact: false }).first().waitFor();
    await details.getByRole('button', { name: 'Resolve' }).click();
    await olivia.page.getByLabel('Resolution note').fill(resolution);
    await olivia.page.screenshot({ path: `${artifacts}/consult-resolve.png` });
    await olivia.page.getByRole('button', { name: 'Confirm resolve' }).click();
    await details.getByText(resolution).first().waitFor();
  } finally {
    await olivia.context.close();
  }

  // The engineer sees the resolution on the component page.
  const erinAgain = await signInAs(browser, 'Erin Ng');
  try {
    const card = await openConsultCard(erinAgain.page);
    await card.getByText(summary).waitFor();
    await card.getByText(resolution).first().waitFor();
    await card.getByText('Resolved', { exact: true }).first().waitFor();
    await erinAgain.page.screenshot({
      path: `${artifacts}/consult-card-resolved.png`,
      fullPage: true,
    });

    // The answer's notification links to the request: a deep link opens it
    // over the queue, with the form to rate the answer, once.
    await erinAgain.page.goto(requestUrl);
    const request = erinAgain.page.getByRole('dialog');
    await request.getByText(summary).first().waitFor({ timeout: 60_000 });
    await request.getByText('Rate this answer').waitFor();
    // The fourth star: its label, as a pointer clicks it (the radio is hidden).
    await request.locator('label[for$="-score-4"]').click();
    await request.getByText('Very good').waitFor();
    await request
      .getByLabel('Comment (optional)')
      .fill('Quick and clear, thank you.');
    await erinAgain.page.screenshot({ path: `${artifacts}/consult-rate.png` });
    await request.getByRole('button', { name: 'Submit rating' }).click();
    await request.getByText('Your rating').waitFor();
    await request.getByText('4 of 5').first().waitFor();

    // Reloaded, the request is still open at its address, rated: no form.
    await erinAgain.page.reload();
    await request.getByText('Your rating').waitFor({ timeout: 60_000 });
    assert.equal(await request.getByText('Rate this answer').count(), 0);
    assert.equal(
      await request.getByRole('button', { name: 'Submit rating' }).count(),
      0,
    );
    await erinAgain.page.screenshot({ path: `${artifacts}/consult-rated.png` });
  } finally {
    await erinAgain.context.close();
  }

  // Staff see the rating in the queue.
  const oliviaAgain = await signInAs(browser, 'Olivia Osei');
  try {
    await oliviaAgain.page.goto(
      `${baseUrl}/ospo/consultations?status=resolved`,
    );
    const rated = oliviaAgain.page
      .getByRole('row')
      .filter({ hasText: summary });
    await rated.waitFor({ timeout: 60_000 });
    await rated.getByText('4 of 5').waitFor();
  } finally {
    await oliviaAgain.context.close();
  }
});

test('on a phone, the card header keeps its title on one line and its button below', async () => {
  const erin = await signInAs(browser, 'Erin Ng');
  try {
    await erin.page.setViewportSize({ width: 390, height: 844 });
    const card = await openConsultCard(erin.page);
    const title = card.getByText('Consult the OSPO', { exact: true });
    const button = card.getByRole('button', { name: 'Request a consultation' });
    await button.waitFor();
    const titleBox = await title.boundingBox();
    const buttonBox = await button.boundingBox();
    // One line of the title's font, not a word per line.
    const lineHeight = await title.evaluate(el =>
      parseFloat(getComputedStyle(el).lineHeight),
    );
    assert.ok(
      titleBox.height < 1.5 * lineHeight,
      `title is ${titleBox.height}px high, a line is ${lineHeight}px`,
    );
    assert.ok(
      buttonBox.y >= titleBox.y + titleBox.height,
      'the button sits below the title',
    );
    await title.scrollIntoViewIfNeeded();
    await erin.page.screenshot({ path: `${artifacts}/consult-card-phone.png` });
  } finally {
    await erin.context.close();
  }
});
