import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { gate } from '../../__testUtils__/gate';
import { setupServer } from 'msw/node';
import {
  ChecklistAnswer,
  ReattestAnswerRequest,
  UpdateAnswerRequest,
} from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  makeAnswer,
  makeErrorBody,
  makeHistoryEntry,
  makeTeamChecklists,
} from '../../__testUtils__/ospoFixtures';
import {
  DENY,
  PermissionHandler,
  renderOspoCard,
} from '../../__testUtils__/renderOspoCard';
import { TeamChecklistCard } from './TeamChecklistCard';

// Dialog flows click through several MUI transitions; give them room on a
// busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(20_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

const teamRef = 'group:default/payments';
const teamUrl = `${OSPO_BASE_URL}/teams/default/payments`;
const itemUrl = `${teamUrl}/checklists/ospo/items/:itemId`;

/** Serves the team's checklists from answers the PUT handler can change. */
function serveTeam(answers: ChecklistAnswer[]) {
  const state = { answers, gets: 0 };
  server.use(
    http.get(`${teamUrl}/checklists`, () => {
      state.gets += 1;
      return HttpResponse.json(makeTeamChecklists(teamRef, state.answers));
    }),
  );
  return state;
}

function itemRow(title: string): HTMLElement {
  const row = screen.getByRole('heading', { name: title }).closest('li');
  if (!row) {
    throw new Error(`No row for ${title}`);
  }
  return row;
}

/** Picks a status the way people do: open the select, click the option. */
async function chooseStatus(
  user: ReturnType<typeof userEvent.setup>,
  select: HTMLElement,
  label: string,
) {
  await user.click(select);
  await user.click(await screen.findByRole('option', { name: label }));
  await waitFor(() =>
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
  );
}

const render = (entity = group('payments'), permission?: PermissionHandler) =>
  renderOspoCard(<TeamChecklistCard />, { entity, permission });

describe('TeamChecklistCard', () => {
  it('shows progress while the checklists load', async () => {
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${teamUrl}/checklists`, async () => {
        await released;
        return HttpResponse.json(makeTeamChecklists(teamRef, []));
      }),
    );
    await render();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    release();
    expect(await screen.findByText('Creating an OSPO')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('shows the server error', async () => {
    server.use(
      http.get(`${teamUrl}/checklists`, () =>
        HttpResponse.json(makeErrorBody(500, 'Error', 'Database is down'), {
          status: 500,
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('says when no checklist is configured', async () => {
    server.use(
      http.get(`${teamUrl}/checklists`, () =>
        HttpResponse.json(makeTeamChecklists(teamRef, [], [])),
      ),
    );
    await render();
    expect(
      await screen.findByText('No checklists configured'),
    ).toBeInTheDocument();
  });

  it('shows each item with its answer', async () => {
    serveTeam([
      makeAnswer(teamRef, 'creation', 'done', {
        note: 'Chartered by the CTO in March.',
        evidenceUrl: 'https://wiki.example.com/ospo-charter',
      }),
      makeAnswer(teamRef, 'stakeholders', 'in-progress'),
      makeAnswer(teamRef, 'measurement', 'not-applicable', {
        note: 'We publish nothing yet.',
      }),
    ]);
    await render();

    expect(await screen.findByText('Creating an OSPO')).toBeInTheDocument();
    expect(screen.getByText('OSMM level 2')).toBeInTheDocument();
    expect(screen.getByText('1 of 4 done')).toBeInTheDocument();
    expect(screen.getByText(/1 not applicable/)).toBeInTheDocument();

    const creation = within(itemRow('Creation'));
    expect(creation.getByText('Done')).toBeInTheDocument();
    expect(
      creation.getByText('The OSPO is created with a mandate and a budget.'),
    ).toBeInTheDocument();
    expect(
      creation.getByText('Chartered by the CTO in March.'),
    ).toBeInTheDocument();
    const evidence = creation.getByRole('link', { name: /Evidence/ });
    expect(evidence).toHaveAttribute(
      'href',
      'https://wiki.example.com/ospo-charter',
    );
    expect(evidence).toHaveAttribute('target', '_blank');
    expect(creation.getByText(/answered by/)).toHaveTextContent(
      'answered by lee · 2 days ago',
    );

    expect(
      within(itemRow('Stakeholders')).getByText('In progress'),
    ).toBeInTheDocument();
    expect(
      within(itemRow('Measurement')).getByText('Not applicable'),
    ).toBeInTheDocument();
    const awareness = within(itemRow('Awareness'));
    expect(awareness.getByText('Not started')).toBeInTheDocument();
    expect(awareness.getByText('Not answered yet')).toBeInTheDocument();
  });

  it('saves a changed answer with the version it read and refreshes', async () => {
    const state = serveTeam([
      makeAnswer(teamRef, 'creation', 'in-progress', {
        note: 'Drafting the charter.',
        version: 3,
      }),
    ]);
    let body: UpdateAnswerRequest | undefined;
    server.use(
      http.put(itemUrl, async ({ request, params }) => {
        body = (await request.json()) as UpdateAnswerRequest;
        const saved = makeAnswer(teamRef, String(params.itemId), body.status, {
          note: body.note ?? undefined,
          evidenceUrl: body.evidenceUrl ?? undefined,
          answeredAt: new Date().toISOString(),
          version: 4,
        });
        state.answers = [saved];
        return HttpResponse.json(saved);
      }),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Creation' }),
    );
    const dialog = await screen.findByRole('dialog');
    const status = within(dialog).getByLabelText('Status');
    expect(status).toHaveTextContent('In progress');
    await chooseStatus(user, status, 'Done');
    await user.click(within(dialog).getByLabelText('Evidence URL'));
    await user.paste('https://wiki.example.com/charter');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(body).toEqual({
      status: 'done',
      note: 'Drafting the charter.',
      evidenceUrl: 'https://wiki.example.com/charter',
      expectedVersion: 3,
    });
    await waitFor(() =>
      expect(within(itemRow('Creation')).getByText('Done')).toBeInTheDocument(),
    );
    expect(screen.getByText('1 of 5 done')).toBeInTheDocument();
    expect(state.gets).toBe(2);
  });

  it('answers an unanswered item with expected version 0', async () => {
    serveTeam([]);
    let body: UpdateAnswerRequest | undefined;
    server.use(
      http.put(itemUrl, async ({ request }) => {
        body = (await request.json()) as UpdateAnswerRequest;
        return HttpResponse.json(makeAnswer(teamRef, 'awareness', body.status));
      }),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Awareness' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Status')).toHaveTextContent(
      'Not started',
    );
    await chooseStatus(
      user,
      within(dialog).getByLabelText('Status'),
      'In progress',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(body).toEqual({ status: 'in-progress', expectedVersion: 0 }),
    );
  });

  it('requires a note to mark an item not applicable', async () => {
    serveTeam([]);
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Creation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await chooseStatus(user, dialog.getByLabelText('Status'), 'Not applicable');
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(
      dialog.getByText('Explain why this item does not apply to the team'),
    ).toBeInTheDocument();

    await user.click(dialog.getByLabelText(/Note/));
    await user.paste('We have no budget line.');
    expect(dialog.getByRole('button', { name: 'Save' })).toBeEnabled();
    expect(dialog.getByText('23/2000')).toBeInTheDocument();
  });

  it('refuses an evidence link that is not http(s)', async () => {
    serveTeam([]);
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Creation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByLabelText('Evidence URL'));
    await user.paste('ftp://files.example.com/charter.pdf');
    expect(
      dialog.getByText('Enter a URL starting with http:// or https://'),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows the server message when a save is refused', async () => {
    serveTeam([]);
    server.use(
      http.put(itemUrl, () =>
        HttpResponse.json(
          makeErrorBody(400, 'InputError', 'evidenceUrl must be reachable'),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Creation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await chooseStatus(user, dialog.getByLabelText('Status'), 'Done');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(
      await dialog.findByText(
        'Could not save the answer: evidenceUrl must be reachable',
      ),
    ).toBeInTheDocument();
    // The form stays open with what was typed, so nothing is lost.
    expect(dialog.getByLabelText('Status')).toHaveTextContent('Done');
  });

  it('explains a conflicting change and offers to reload', async () => {
    const state = serveTeam([
      makeAnswer(teamRef, 'creation', 'in-progress', { version: 2 }),
    ]);
    server.use(
      http.put(itemUrl, () =>
        HttpResponse.json(
          makeErrorBody(409, 'ConflictError', 'Answer is at version 3, not 2'),
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Creation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await chooseStatus(user, dialog.getByLabelText('Status'), 'Done');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(
      await dialog.findByText(
        'Someone else changed this answer meanwhile — reload to see their change',
      ),
    ).toBeInTheDocument();

    state.answers = [
      makeAnswer(teamRef, 'creation', 'done', {
        version: 3,
        answeredBy: 'user:default/sam',
      }),
    ];
    await user.click(dialog.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(within(itemRow('Creation')).getByText('Done')).toBeInTheDocument(),
    );
    expect(
      within(itemRow('Creation')).getByText(/answered by/),
    ).toHaveTextContent('answered by sam');
  });

  it('disables editing for people who may not change the answers', async () => {
    // Another team than the other tests, because usePermission caches
    // decisions per permission and resource across renders.
    const otherTeamUrl = `${OSPO_BASE_URL}/teams/default/platform`;
    server.use(
      http.get(`${otherTeamUrl}/checklists`, () =>
        HttpResponse.json(
          makeTeamChecklists('group:default/platform', [
            makeAnswer('group:default/platform', 'stakeholders', 'done', {
              expiresAt: '2026-01-10T12:00:00.000Z',
              expired: true,
            }),
          ]),
        ),
      ),
    );
    const requests: unknown[] = [];
    await render(group('platform'), request => {
      requests.push(request);
      return DENY;
    });

    const edit = await screen.findByRole('button', { name: 'Edit Creation' });
    await waitFor(() => expect(edit).toBeDisabled());
    expect(
      screen.getByRole('button', { name: 'Re-attest Stakeholders' }),
    ).toBeDisabled();
    expect(requests).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'ospo.checklist.answer.update',
        }),
        resourceRef: 'group:default/platform',
      }),
    );
    // History stays open to everyone who can read the checklist.
    expect(
      screen.getByRole('button', { name: 'History of Creation' }),
    ).toBeEnabled();

    // Said in words on the card, not in a tooltip.
    expect(screen.getByRole('note')).toHaveTextContent(
      'Only members of platform and OSPO staff can change these answers. To change one, ask a member of the team or the OSPO.',
    );
    expect(
      within(screen.getByRole('note')).getByRole('link', { name: 'platform' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform');
  });

  describe('answers that expire', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const inDays = (days: number) =>
      new Date(Date.now() + days * DAY).toISOString();

    /** Stakeholders done 400 days ago: expired 35 days ago. */
    const expiredAnswer = () =>
      makeAnswer(teamRef, 'stakeholders', 'done', {
        note: 'Legal, HR and Engineering.',
        evidenceUrl: 'https://wiki.example.com/stakeholders',
        answeredAt: inDays(-400),
        expiresAt: '2026-01-10T12:00:00.000Z',
        expired: true,
        version: 3,
      });

    it('shows an expired answer as "Re-attest", counted as not done, and re-attests it in one click', async () => {
      const state = serveTeam([
        makeAnswer(teamRef, 'creation', 'done', { expiresAt: inDays(200) }),
        expiredAnswer(),
      ]);
      let body: ReattestAnswerRequest | undefined;
      server.use(
        http.post(`${itemUrl}/reattest`, async ({ request, params }) => {
          body = (await request.json()) as ReattestAnswerRequest;
          const renewed = makeAnswer(teamRef, String(params.itemId), 'done', {
            note: 'Legal, HR and Engineering.',
            evidenceUrl: 'https://wiki.example.com/stakeholders',
            answeredAt: new Date().toISOString(),
            expiresAt: inDays(365),
            version: 4,
          });
          state.answers = [state.answers[0], renewed];
          return HttpResponse.json(renewed);
        }),
      );
      const user = userEvent.setup();
      await render();

      const row = within(await waitFor(() => itemRow('Stakeholders')));
      // The chip, in the warning style, next to the button of that name.
      const chip = row.getByText('Re-attest', { selector: '.MuiChip-label' });
      expect(chip.closest('[data-status]')).toHaveAttribute(
        'data-status',
        'expired',
      );
      expect(
        row.getByText(
          'Expired on 10 January 2026: counts as not done until re-attested',
        ),
      ).toBeInTheDocument();
      // The note and evidence stay shown; it is not counted as done.
      expect(row.getByText('Legal, HR and Engineering.')).toBeInTheDocument();
      expect(screen.getByText('1 of 5 done')).toBeInTheDocument();
      // An answer that holds for long yet says until when, with no button.
      const creation = within(itemRow('Creation'));
      expect(creation.getByText(/^Expires on /)).toBeInTheDocument();
      expect(
        creation.queryByRole('button', { name: 'Re-attest Creation' }),
      ).not.toBeInTheDocument();

      await user.click(
        row.getByRole('button', { name: 'Re-attest Stakeholders' }),
      );

      // The version shown, nothing else: the answer is given again as it is.
      await waitFor(() => expect(body).toEqual({ expectedVersion: 3 }));
      await waitFor(() =>
        expect(screen.getByText('2 of 5 done')).toBeInTheDocument(),
      );
      const renewed = within(itemRow('Stakeholders'));
      expect(renewed.getByText('Done')).toBeInTheDocument();
      expect(renewed.getByText(/^Expires on /)).toBeInTheDocument();
      expect(
        renewed.queryByRole('button', { name: 'Re-attest Stakeholders' }),
      ).not.toBeInTheDocument();
      expect(state.gets).toBe(2);
    });

    it('offers to re-attest an answer that expires soon', async () => {
      serveTeam([
        makeAnswer(teamRef, 'stakeholders', 'done', {
          expiresAt: '2099-01-01T00:00:00.000Z',
        }),
        makeAnswer(teamRef, 'awareness', 'done', { expiresAt: inDays(10) }),
      ]);
      await render();
      const soon = within(await waitFor(() => itemRow('Awareness')));
      // Still done until then.
      expect(soon.getByText('Done')).toBeInTheDocument();
      expect(
        soon.getByRole('button', { name: 'Re-attest Awareness' }),
      ).toBeEnabled();
      expect(
        within(itemRow('Stakeholders')).getByText('Expires on 1 January 2099'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Re-attest Stakeholders' }),
      ).not.toBeInTheDocument();
    });

    it("shows the server's reason when a re-attestation is refused", async () => {
      serveTeam([expiredAnswer()]);
      server.use(
        http.post(`${itemUrl}/reattest`, () =>
          HttpResponse.json(
            makeErrorBody(
              409,
              'ConflictError',
              'The answer is at version 4, but the change was made from version 3; reload and try again',
            ),
            { status: 409 },
          ),
        ),
      );
      const user = userEvent.setup();
      await render();
      await user.click(
        await screen.findByRole('button', { name: 'Re-attest Stakeholders' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not re-attest: The answer is at version 4, but the change was made from version 3; reload and try again',
      );
    });

    it('lists a re-attestation in the history as such', async () => {
      serveTeam([expiredAnswer()]);
      server.use(
        http.get(`${teamUrl}/checklists/ospo/items/stakeholders/history`, () =>
          HttpResponse.json({
            items: [
              makeHistoryEntry(teamRef, {
                itemId: 'stakeholders',
                fromStatus: 'done',
                toStatus: 'done',
                reattested: true,
                version: 2,
              }),
              makeHistoryEntry(teamRef, {
                itemId: 'stakeholders',
                toStatus: 'done',
                version: 1,
              }),
            ],
          }),
        ),
      );
      const user = userEvent.setup();
      await render();
      await user.click(
        await screen.findByRole('button', { name: 'History of Stakeholders' }),
      );
      const dialog = within(await screen.findByRole('dialog'));
      const entries = await dialog.findAllByRole('listitem');
      expect(entries[0]).toHaveTextContent(/^Re-attested:Done/);
      expect(entries[1]).toHaveTextContent(/^First answer:Done/);
    });
  });

  it('lists the history of an answer', async () => {
    serveTeam([makeAnswer(teamRef, 'creation', 'done', { version: 2 })]);
    server.use(
      http.get(`${teamUrl}/checklists/ospo/items/creation/history`, () =>
        HttpResponse.json({
          items: [
            makeHistoryEntry(teamRef, {
              fromStatus: 'in-progress',
              toStatus: 'done',
              note: 'Charter signed.',
              evidenceUrl: 'https://wiki.example.com/charter',
              changedBy: 'user:default/sam',
              version: 2,
            }),
            makeHistoryEntry(teamRef, {
              toStatus: 'in-progress',
              version: 1,
              changedAt: new Date(
                Date.now() - 3 * 24 * 60 * 60 * 1000,
              ).toISOString(),
            }),
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'History of Creation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('History of “Creation”')).toBeInTheDocument();
    const entries = await dialog.findAllByRole('listitem');
    expect(entries).toHaveLength(2);

    const latest = within(entries[0]);
    expect(latest.getByText('In progress')).toBeInTheDocument();
    expect(latest.getByText('Done')).toBeInTheDocument();
    expect(latest.getByText('Charter signed.')).toBeInTheDocument();
    expect(latest.getByRole('link', { name: /Evidence/ })).toHaveAttribute(
      'href',
      'https://wiki.example.com/charter',
    );
    expect(latest.getByText(/changed by/)).toHaveTextContent(
      'changed by sam · 1 hour ago',
    );

    const first = within(entries[1]);
    expect(first.getByText('First answer:')).toBeInTheDocument();
    expect(first.getByText(/changed by/)).toHaveTextContent(
      'changed by lee · 3 days ago',
    );

    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('says when an item has no history yet', async () => {
    serveTeam([]);
    server.use(
      http.get(`${teamUrl}/checklists/ospo/items/awareness/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'History of Awareness' }),
    );
    expect(
      await screen.findByText(
        'Nobody has answered this item yet, so there is no history.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a history that fails to load', async () => {
    serveTeam([]);
    const response = gate();
    server.use(
      http.get(
        `${teamUrl}/checklists/ospo/items/awareness/history`,
        async () => {
          await response.passed;
          return HttpResponse.json(makeErrorBody(500, 'Error', 'Boom'), {
            status: 500,
          });
        },
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'History of Awareness' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByTestId('progress')).toBeInTheDocument();
    response.open();
    expect(
      await dialog.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });
});
