// The OSPO's consult step in a Software Template: "Publish a component as
// open source" through the Scaffolder's API (dry run and real run) and from
// /create in a real browser, ending on the request it filed.
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

const TEMPLATE = 'template:default/publish-as-open-source';
const COMPONENT = 'component:default/checkout-service';
let browser;
let token;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  // Lee is in team-checkout, which owns checkout-service.
  token = await waitForPortal('lee');
  await waitForEntity(token, TEMPLATE);
  await waitForEntity(token, COMPONENT);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function scaffolder(path, body) {
  const res = await fetch(`${baseUrl}/api/scaffolder${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function requestsAbout(entityRef) {
  const { status, body } = await ospoApi(
    token,
    `/consultations?entityRef=${encodeURIComponent(entityRef)}`,
  );
  assert.equal(status, 200);
  return body.items;
}

const values = repository => ({
  component: COMPONENT,
  license: 'Apache-2.0',
  repository,
  details: 'The checkout SDK our partners ask for.',
});

test('the template runs through the Scaffolder API: a dry run files nothing, a real run files the request', async () => {
  const template = await fetch(
    `${baseUrl}/api/catalog/entities/by-name/template/default/publish-as-open-source`,
    { headers: { authorization: `Bearer ${token}` } },
  ).then(r => r.json());
  const before = (await requestsAbout(COMPONENT)).length;

  const dry = await scaffolder('/v2/dry-run', {
    template,
    values: values('acme-checkout-sdk-dry'),
    secrets: {},
    directoryContents: [],
  });
  assert.deepEqual(
    dry.steps.map(s => s.id),
    ['status', 'consult'],
  );
  assert.equal(
    (await requestsAbout(COMPONENT)).length,
    before,
    'a dry run files no request',
  );

  const { id } = await scaffolder('/v2/tasks', {
    templateRef: TEMPLATE,
    values: values('acme-checkout-sdk'),
  });
  let task;
  for (let i = 0; i < 120; i++) {
    task = await scaffolder(`/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  assert.equal(task.status, 'completed', JSON.stringify(task).slice(0, 500));
  // The template's output comes with the task's completion event.
  const events = await scaffolder(`/v2/tasks/${id}/events`);
  const completion = events.find(e => e.type === 'completion');
  const link = completion.body.output.links.find(
    l => l.title === 'Your request to the OSPO',
  );
  assert.ok(link?.url, 'the output links the request');
  const filed = (await requestsAbout(COMPONENT)).find(r =>
    r.summary.includes('acme-checkout-sdk under Apache-2.0'),
  );
  assert.ok(filed, 'the request is in the queue');
  assert.equal(filed.topic, 'publish');
  assert.equal(filed.requesterRef, 'user:default/lee');
  assert.ok(link.url.includes(filed.id), `${link.url} names ${filed.id}`);
});

test('an engineer runs the template from /create and lands on the request', async () => {
  const { context, page } = await signInAs(browser, 'Lee Tanaka');
  try {
    await page.goto(`${baseUrl}/create`);
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Publish a component as open source' })
      .first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: /Choose/i }).click();

    await page.getByLabel('Component').first().click();
    await page.getByLabel('Component').first().fill('checkout-service');
    await page.getByRole('option', { name: /checkout-service/ }).click();
    await page.getByLabel('Public repository name').fill('acme-checkout-web');
    await page.screenshot({
      path: `${artifacts}/template-form.png`,
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    const requestLink = page.getByRole('button', {
      name: 'Your request to the OSPO',
    });
    const orLink = page.getByRole('link', { name: 'Your request to the OSPO' });
    await requestLink.or(orLink).first().waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: `${artifacts}/template-done.png`,
      fullPage: true,
    });
    // The output link opens the request in the OSPO's queue.
    const href = await requestLink.or(orLink).first().getAttribute('href');
    assert.match(href ?? '', /\/ospo\/consultations\/[0-9a-f-]+$/);
    await page.goto(href);
    await page
      .getByText(/acme-checkout-web under Apache-2\.0/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: `${artifacts}/template-request.png`,
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});
