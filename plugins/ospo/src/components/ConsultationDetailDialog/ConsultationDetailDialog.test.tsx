import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ConsultationAction,
  ConsultationWithEvents,
} from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeConsultationEvent,
  makeConsultationWithEvents,
  makeErrorBody,
  officeStaff,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { ALLOW } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { ConsultationDetailDialog } from './ConsultationDetailDialog';

// Dialog flows click through several MUI transitions; give them room on a
// busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(20_000);

// Every test here is OSPO staff: usePermission caches its decision for the
// whole file, so the requester's view is tested in a file of its own.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const id = '6f1c9a52-0d5e-4a55-9a58-1f6a3c1e2b01';
const url = `${OSPO_BASE_URL}/consultations/${id}`;
const olivia = 'user:default/olivia';

/** Serves one consultation, which the action handlers can change. */
function serveConsultation(consultation: ConsultationWithEvents) {
  const state = { consultation, gets: 0 };
  server.use(
    http.get(url, () => {
      state.gets += 1;
      return HttpResponse.json(state.consultation);
    }),
  );
  return state;
}

/** Serves the OSPO's staff; counts the loads. */
function serveStaff() {
  const state = { count: 0 };
  server.use(
    http.get(`${OSPO_BASE_URL}/office/staff`, () => {
      state.count += 1;
      return HttpResponse.json(officeStaff);
    }),
  );
  return state;
}

async function renderDialog(onChanged = jest.fn(), onClose = jest.fn()) {
  await renderOspoPage(
    <ConsultationDetailDialog
      consultationId={id}
      topics={ospoOffice.topics}
      onClose={onClose}
      onChanged={onChanged}
    />,
    { userEntityRef: olivia, permission: () => ALLOW },
  );
  return within(await screen.findByRole('dialog'));
}

describe('ConsultationDetailDialog for OSPO staff', () => {
  it("shows the requester's rating read-only, and no form to rate", async () => {
    serveConsultation(
      makeConsultationWithEvents({
        status: 'resolved',
        resolution: 'Go ahead.',
        rating: { score: 2, comment: 'Took a while', ratedAt: daysAgo(1) },
      }),
    );
    const dialog = await renderDialog();
    expect(
      await dialog.findByText("The requester's rating"),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('img', { name: 'Rated 2 of 5' }),
    ).toBeInTheDocument();
    expect(dialog.getByText('Took a while')).toBeInTheDocument();
    expect(
      dialog.queryByRole('form', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();
  });

  it('shows when a response is due, and that it is overdue', async () => {
    serveConsultation(
      makeConsultationWithEvents({
        createdAt: daysAgo(5),
        firstResponseDueAt: daysAgo(2),
        overdue: true,
      }),
    );
    const dialog = await renderDialog();
    expect(await dialog.findByText('Response due')).toBeInTheDocument();
    expect(dialog.getByText('Overdue')).toBeInTheDocument();
  });

  it('shows the request, its facts and its thread', async () => {
    serveConsultation(
      makeConsultationWithEvents(
        {
          status: 'in-progress',
          urgency: 'high',
          assigneeRef: olivia,
          updatedAt: daysAgo(1),
        },
        [
          makeConsultationEvent({
            id: 'e1',
            type: 'assignment',
            actorRef: olivia,
            assigneeRef: olivia,
            createdAt: daysAgo(2),
          }),
          makeConsultationEvent({
            id: 'e2',
            type: 'status',
            actorRef: olivia,
            fromStatus: 'open',
            toStatus: 'in-progress',
            body: 'Looking into the IP questions.',
            createdAt: daysAgo(2),
          }),
          makeConsultationEvent({
            id: 'e3',
            type: 'comment',
            actorRef: 'user:default/lee',
            body: 'Thanks! The deadline is Friday.',
            createdAt: daysAgo(1),
          }),
        ],
      ),
    );
    const dialog = await renderDialog();

    expect(
      await dialog.findByRole('heading', {
        name: 'Can we publish the payments SDK?',
      }),
    ).toBeInTheDocument();
    expect(dialog.getByText('In progress')).toBeInTheDocument();
    expect(
      dialog.getByText('Publishing this as open source'),
    ).toBeInTheDocument();
    expect(dialog.getByText('High')).toBeInTheDocument();
    expect(dialog.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(dialog.getByText('Requested by').nextSibling).toHaveTextContent(
      'lee',
    );
    expect(dialog.getByText('Assignee').nextSibling).toHaveTextContent(
      'olivia',
    );
    expect(dialog.getByText('Created').nextSibling).toHaveTextContent(
      '3 days ago',
    );
    expect(dialog.getByText('Updated').nextSibling).toHaveTextContent(
      'yesterday',
    );
    expect(
      dialog.getByText('Partners keep asking for it.'),
    ).toBeInTheDocument();

    const events = within(
      dialog.getByRole('list', { name: 'Activity' }),
    ).getAllByRole('listitem');
    expect(events).toHaveLength(4);
    expect(events[0]).toHaveTextContent(
      'lee requested a consultation · 3 days ago',
    );
    expect(events[1]).toHaveTextContent('olivia took it on · 2 days ago');
    expect(events[2]).toHaveTextContent(
      'olivia moved it from open to in progress · 2 days ago',
    );
    expect(events[2]).toHaveTextContent('Looking into the IP questions.');
    expect(events[3]).toHaveTextContent('lee commented · yesterday');
    expect(events[3]).toHaveTextContent('Thanks! The deadline is Friday.');

    // Staff actions for an in-progress request assigned to the viewer.
    expect(dialog.getByRole('button', { name: 'Reassign…' })).toBeEnabled();
    expect(
      dialog.queryByRole('button', { name: 'Assign…' }),
    ).not.toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Unassign' })).toBeEnabled();
    expect(
      dialog.queryByRole('button', { name: 'Start work on request' }),
    ).not.toBeInTheDocument();
    expect(
      dialog.getByRole('button', { name: 'Resolve request' }),
    ).toBeEnabled();
    expect(
      dialog.getByRole('button', { name: 'Decline request' }),
    ).toBeEnabled();
    expect(
      dialog.queryByRole('button', { name: 'Withdraw request' }),
    ).not.toBeInTheDocument();
  });

  it('posts a comment and reloads the thread', async () => {
    const state = serveConsultation(makeConsultationWithEvents());
    let body: unknown;
    server.use(
      http.post(`${url}/comments`, async ({ request }) => {
        body = await request.json();
        const event = makeConsultationEvent({
          id: 'e9',
          type: 'comment',
          actorRef: olivia,
          body: 'We will look at it this week.',
          createdAt: new Date().toISOString(),
        });
        state.consultation = {
          ...state.consultation,
          commentCount: 1,
          events: [...state.consultation.events, event],
        };
        return HttpResponse.json(event, { status: 201 });
      }),
    );
    const onChanged = jest.fn();
    const user = userEvent.setup();
    const dialog = await renderDialog(onChanged);

    const comment = await dialog.findByLabelText('Add a comment');
    expect(dialog.getByRole('button', { name: 'Comment' })).toBeDisabled();
    await user.click(comment);
    await user.paste('  We will look at it this week.  ');
    await user.click(dialog.getByRole('button', { name: 'Comment' }));

    await waitFor(() =>
      expect(body).toEqual({ body: 'We will look at it this week.' }),
    );
    expect(
      await dialog.findByText('We will look at it this week.'),
    ).toBeInTheDocument();
    expect(comment).toHaveValue('');
    expect(onChanged).toHaveBeenCalled();
    expect(state.gets).toBe(2);
  });

  it('assigns an open request to a member of the OSPO and starts it', async () => {
    const state = serveConsultation(makeConsultationWithEvents());
    const staffLoads = serveStaff();
    let assignment: unknown;
    const transitions: unknown[] = [];
    server.use(
      http.put(`${url}/assignee`, async ({ request }) => {
        assignment = await request.json();
        state.consultation = { ...state.consultation, assigneeRef: olivia };
        return HttpResponse.json(state.consultation);
      }),
      http.post(`${url}/transitions`, async ({ request }) => {
        transitions.push(await request.json());
        state.consultation = { ...state.consultation, status: 'in-progress' };
        return HttpResponse.json(state.consultation);
      }),
    );
    const user = userEvent.setup();
    const dialog = await renderDialog();

    // The staff load when the picker opens, not before.
    const assign = await dialog.findByRole('button', { name: 'Assign…' });
    expect(staffLoads.count).toBe(0);
    await user.click(assign);
    const menu = within(await screen.findByRole('menu'));
    expect(
      (await menu.findAllByRole('menuitem')).map(item => item.textContent),
    ).toEqual(['Olivia Osei (me)', 'Sam Stone']);
    await user.click(menu.getByRole('menuitem', { name: 'Olivia Osei (me)' }));
    await waitFor(() => expect(assignment).toEqual({ assigneeRef: olivia }));
    await waitFor(() =>
      expect(dialog.getByText('Assignee').nextSibling).toHaveTextContent(
        'olivia',
      ),
    );
    expect(
      await dialog.findByRole('button', { name: 'Reassign…' }),
    ).toBeInTheDocument();

    await user.click(
      dialog.getByRole('button', { name: 'Start work on request' }),
    );
    await waitFor(() => expect(transitions).toEqual([{ action: 'start' }]));
    expect(await dialog.findByText('In progress')).toBeInTheDocument();
  });

  it("shows the server's refusal of an assignee", async () => {
    serveConsultation(makeConsultationWithEvents({ assigneeRef: olivia }));
    serveStaff();
    server.use(
      http.put(`${url}/assignee`, () =>
        HttpResponse.json(
          makeErrorBody(
            400,
            'InputError',
            'user:default/sam is not a member of group:default/ospo',
          ),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    const dialog = await renderDialog();

    await user.click(await dialog.findByRole('button', { name: 'Reassign…' }));
    const menu = within(await screen.findByRole('menu'));
    // The current assignee is ticked.
    expect(
      await menu.findByRole('menuitem', { name: 'Olivia Osei (me)' }),
    ).toHaveClass('Mui-selected');
    await user.click(menu.getByRole('menuitem', { name: 'Sam Stone' }));
    expect(
      await dialog.findByText(
        'Could not assign the request: user:default/sam is not a member of group:default/ospo',
      ),
    ).toBeInTheDocument();
  });

  it('resolves a request only with a note', async () => {
    const state = serveConsultation(
      makeConsultationWithEvents({ status: 'in-progress' }),
    );
    let transition: { action: ConsultationAction; note?: string } | undefined;
    server.use(
      http.post(`${url}/transitions`, async ({ request }) => {
        transition = (await request.json()) as typeof transition;
        state.consultation = {
          ...state.consultation,
          status: 'resolved',
          resolution: transition?.note,
        };
        return HttpResponse.json(state.consultation);
      }),
    );
    const onChanged = jest.fn();
    const user = userEvent.setup();
    await renderDialog(onChanged);

    await user.click(
      await screen.findByRole('button', { name: 'Resolve request' }),
    );
    const form = within(
      await screen.findByRole('dialog', { name: 'Resolve this request' }),
    );
    await user.click(form.getByRole('button', { name: 'Confirm resolve' }));
    expect(
      form.getByText('Enter a note to resolve the request'),
    ).toBeInTheDocument();
    expect(transition).toBeUndefined();

    await user.click(form.getByLabelText(/^Resolution note/));
    await user.paste('Publish under Apache-2.0 with the public template.');
    await user.click(form.getByRole('button', { name: 'Confirm resolve' }));

    await waitFor(() =>
      expect(transition).toEqual({
        action: 'resolve',
        note: 'Publish under Apache-2.0 with the public template.',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Resolve this request' }),
      ).not.toBeInTheDocument(),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(await dialog.findByText('Resolved')).toBeInTheDocument();
    expect(dialog.getByText('OSPO answer')).toBeInTheDocument();
    expect(
      dialog.getByText('Publish under Apache-2.0 with the public template.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('button', { name: 'Reopen request' }),
    ).toBeEnabled();
    expect(
      dialog.queryByRole('button', { name: 'Resolve request' }),
    ).not.toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('explains a conflict and reloads the request', async () => {
    const state = serveConsultation(makeConsultationWithEvents());
    server.use(
      http.post(`${url}/transitions`, () =>
        HttpResponse.json(
          makeErrorBody(409, 'ConflictError', 'The request is withdrawn'),
          { status: 409 },
        ),
      ),
    );
    const onChanged = jest.fn();
    const user = userEvent.setup();
    await renderDialog(onChanged);

    await user.click(
      await screen.findByRole('button', { name: 'Decline request' }),
    );
    const form = within(
      await screen.findByRole('dialog', { name: 'Decline this request' }),
    );
    await user.click(form.getByLabelText(/^Reason for declining/));
    await user.paste('Out of scope.');
    await user.click(form.getByRole('button', { name: 'Confirm decline' }));

    expect(
      await form.findByText('This request changed meanwhile — reload'),
    ).toBeInTheDocument();
    expect(
      form.getByText(/Could not decline the request: The request is withdrawn/),
    ).toBeInTheDocument();
    // The note stays, in case it is still worth sending.
    expect(form.getByLabelText(/^Reason for declining/)).toHaveValue(
      'Out of scope.',
    );

    state.consultation = { ...state.consultation, status: 'withdrawn' };
    await user.click(form.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Decline this request' }),
      ).not.toBeInTheDocument(),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(await dialog.findByText('Withdrawn')).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows a refused quick action inline', async () => {
    serveConsultation(makeConsultationWithEvents());
    server.use(
      http.post(`${url}/transitions`, () =>
        HttpResponse.json(
          makeErrorBody(409, 'ConflictError', 'The request is resolved'),
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    const dialog = await renderDialog();

    await user.click(
      await dialog.findByRole('button', { name: 'Start work on request' }),
    );
    expect(
      await dialog.findByText('This request changed meanwhile — reload'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(
        /Could not start work on the request: The request is resolved/,
      ),
    ).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(
        dialog.queryByText('This request changed meanwhile — reload'),
      ).not.toBeInTheDocument(),
    );
  });

  it('reopens a closed request', async () => {
    const state = serveConsultation(
      makeConsultationWithEvents({
        status: 'declined',
        resolution: 'Out of scope.',
      }),
    );
    let transition: unknown;
    server.use(
      http.post(`${url}/transitions`, async ({ request }) => {
        transition = await request.json();
        state.consultation = { ...state.consultation, status: 'open' };
        return HttpResponse.json(state.consultation);
      }),
    );
    const user = userEvent.setup();
    const dialog = await renderDialog();

    expect(await dialog.findByText('Out of scope.')).toBeInTheDocument();
    expect(dialog.getByText('Why the OSPO declined')).toBeInTheDocument();
    expect(
      dialog.queryByRole('button', { name: 'Assign…' }),
    ).not.toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Reopen request' }));
    await waitFor(() => expect(transition).toEqual({ action: 'reopen' }));
    expect(await dialog.findByText('Open')).toBeInTheDocument();
  });

  it('lets staff withdraw a request they filed themselves', async () => {
    serveConsultation(
      makeConsultationWithEvents({ status: 'open', requesterRef: olivia }),
    );
    const user = userEvent.setup();
    const dialog = await renderDialog();

    // Staff actions and the requester's own, side by side.
    for (const name of [
      'Start work on request',
      'Resolve request',
      'Decline request',
    ]) {
      expect(await dialog.findByRole('button', { name })).toBeEnabled();
    }
    expect(
      dialog.queryByRole('button', { name: 'Reopen request' }),
    ).not.toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Withdraw request' }));
    expect(
      await screen.findByRole('dialog', { name: 'Withdraw this request' }),
    ).toBeInTheDocument();
  });

  it('shows a request that fails to load', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          makeErrorBody(404, 'NotFoundError', 'No such request'),
          {
            status: 404,
          },
        ),
      ),
    );
    const onClose = jest.fn();
    const user = userEvent.setup();
    const dialog = await renderDialog(jest.fn(), onClose);

    expect(
      await dialog.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
