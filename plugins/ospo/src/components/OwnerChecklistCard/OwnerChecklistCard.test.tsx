import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EntityChecklistStatus } from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  makeAnswer,
  makeErrorBody,
  makeTeamChecklists,
} from '../../__testUtils__/ospoFixtures';
import {
  makeCheckResult,
  makeEntityChecks,
} from '../../__testUtils__/checkFixtures';
import {
  ALLOW,
  DENY,
  renderOspoCard,
} from '../../__testUtils__/renderOspoCard';
import { OwnerChecklistCard } from './OwnerChecklistCard';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};
const entityRef = 'component:default/checkout-service';
const statusUrl = `${OSPO_BASE_URL}/entities/component/default/checkout-service/checklist-status`;

function serveStatus(status: Partial<EntityChecklistStatus>) {
  server.use(
    http.get(statusUrl, () =>
      HttpResponse.json({
        entityRef,
        ownerRefs: [],
        teams: [],
        unresolvedOwners: [],
        checks: makeEntityChecks([]),
        ...status,
      }),
    ),
  );
}

function itemRow(title: string): HTMLElement {
  const row = screen.getByText(title).closest('li');
  if (!row) {
    throw new Error(`No row for ${title}`);
  }
  return row;
}

const render = () => renderOspoCard(<OwnerChecklistCard />, { entity });

describe('OwnerChecklistCard', () => {
  it('shows progress while the status loads', async () => {
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(statusUrl, async () => {
        await released;
        return HttpResponse.json({
          entityRef,
          ownerRefs: [],
          teams: [],
          unresolvedOwners: [],
          checks: makeEntityChecks([]),
        });
      }),
    );
    await render();
    expect(screen.getByText('OSPO status')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    release();
    expect(
      await screen.findByText('This entity has no owner'),
    ).toBeInTheDocument();
  });

  it('shows the server error', async () => {
    server.use(
      http.get(statusUrl, () =>
        HttpResponse.json(makeErrorBody(500, 'Error', 'Catalog is down'), {
          status: 500,
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('says when the entity has no owner', async () => {
    serveStatus({ ownerRefs: [] });
    await render();
    expect(
      await screen.findByText('This entity has no owner'),
    ).toBeInTheDocument();
  });

  it('explains an owner that is not a team', async () => {
    serveStatus({
      ownerRefs: ['user:default/lee'],
      unresolvedOwners: [{ ref: 'user:default/lee', reason: 'not-a-group' }],
    });
    await render();
    expect(
      await screen.findByText(
        'Owned by user:default/lee, which is not a team: checklists are answered by teams (Groups).',
      ),
    ).toBeInTheDocument();
  });

  it('explains an owner group missing from the catalog', async () => {
    serveStatus({
      ownerRefs: ['group:default/ghosts'],
      unresolvedOwners: [{ ref: 'group:default/ghosts', reason: 'not-found' }],
    });
    await render();
    expect(
      await screen.findByText(
        /Owned by group:default\/ghosts, which does not exist in the catalog/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the owning team's checklist at a glance", async () => {
    const teamRef = 'group:default/payments';
    serveStatus({
      ownerRefs: [teamRef],
      teams: [
        makeTeamChecklists(teamRef, [
          makeAnswer(teamRef, 'creation', 'done'),
          makeAnswer(teamRef, 'stakeholders', 'done'),
          makeAnswer(teamRef, 'awareness', 'in-progress'),
          makeAnswer(teamRef, 'measurement', 'not-applicable', {
            note: 'Nothing to measure yet.',
          }),
        ]),
      ],
    });
    await render();

    const teamLink = await screen.findByRole('link', { name: /payments/ });
    expect(teamLink).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(screen.getByText('Creating an OSPO')).toBeInTheDocument();
    expect(screen.getByText('2/4 done')).toBeInTheDocument();
    expect(screen.getByText(/1 not applicable/)).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Creating an OSPO completion' }),
    ).toHaveAttribute('aria-valuenow', '50');

    expect(within(itemRow('Creation')).getByText('Done')).toBeInTheDocument();
    expect(
      within(itemRow('Awareness')).getByText('In progress'),
    ).toBeInTheDocument();
    expect(
      within(itemRow('Consultation')).getByText('Not started'),
    ).toBeInTheDocument();
    expect(
      within(itemRow('Measurement')).getByText('Not applicable'),
    ).toBeInTheDocument();
  });

  it('shows an expired answer as one to re-attest, not counted as done', async () => {
    const teamRef = 'group:default/payments';
    serveStatus({
      ownerRefs: [teamRef],
      teams: [
        makeTeamChecklists(teamRef, [
          makeAnswer(teamRef, 'creation', 'done'),
          makeAnswer(teamRef, 'stakeholders', 'done', {
            expiresAt: '2026-01-10T12:00:00.000Z',
            expired: true,
          }),
        ]),
      ],
    });
    await render();

    expect(await screen.findByText('1/5 done')).toBeInTheDocument();
    expect(
      within(itemRow('Stakeholders')).getByText('Re-attest'),
    ).toBeInTheDocument();
    expect(within(itemRow('Creation')).getByText('Done')).toBeInTheDocument();
  });

  it('shows resolved teams next to an unresolved owner', async () => {
    const teamRef = 'group:default/payments';
    serveStatus({
      ownerRefs: [teamRef, 'group:default/ghosts'],
      teams: [makeTeamChecklists(teamRef, [])],
      unresolvedOwners: [{ ref: 'group:default/ghosts', reason: 'not-found' }],
    });
    await render();

    expect(
      await screen.findByText(/Owned by group:default\/ghosts/),
    ).toBeInTheDocument();
    expect(screen.getByText('0/5 done')).toBeInTheDocument();
  });

  it("shows the entity's checks above its owner's checklist", async () => {
    const teamRef = 'group:default/payments';
    serveStatus({
      ownerRefs: [teamRef],
      teams: [makeTeamChecklists(teamRef, [])],
      checks: makeEntityChecks([
        makeCheckResult('license', 'fail', { title: 'License policy' }),
        makeCheckResult('owner', 'pass'),
      ]),
    });
    await render();

    const checks = await screen.findByRole('list', {
      name: 'Checks to look at',
    });
    expect(within(checks).getByText('License policy')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: '1 check passes' }),
    ).toBeInTheDocument();
    const headings = screen
      .getAllByRole('heading')
      .map(heading => heading.textContent);
    expect(headings.indexOf('Checks')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('Checks')).toBeLessThan(
      headings.indexOf("Owner's checklist"),
    );
    // Both under the card's title.
    expect(headings.indexOf('OSPO status')).toBeLessThan(
      headings.indexOf('Checks'),
    );
    expect(
      checks.compareDocumentPosition(screen.getByText('0/5 done')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it("offers the team's members the way to their answers", async () => {
    const teamRef = 'group:default/payments';
    serveStatus({
      ownerRefs: [teamRef],
      teams: [makeTeamChecklists(teamRef, [])],
    });
    await renderOspoCard(<OwnerChecklistCard />, {
      entity,
      permission: () => ALLOW,
    });

    expect(
      // Backstage's LinkButton: a link that looks and announces as a button.
      await screen.findByRole('button', { name: "Update the team's answers" }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('tells everyone else, in words, who may change the answers', async () => {
    // Another team than the test above: usePermission caches decisions.
    const teamRef = 'group:default/checkout';
    serveStatus({
      ownerRefs: [teamRef],
      teams: [makeTeamChecklists(teamRef, [])],
    });
    await renderOspoCard(<OwnerChecklistCard />, {
      entity,
      permission: () => DENY,
    });

    expect(await screen.findByRole('note')).toHaveTextContent(
      'Only members of checkout and OSPO staff can change these answers.',
    );
    expect(
      screen.queryByRole('button', { name: "Update the team's answers" }),
    ).not.toBeInTheDocument();
  });
});
