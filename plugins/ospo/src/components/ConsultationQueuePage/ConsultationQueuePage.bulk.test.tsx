import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BulkConsultationRequest,
  BulkConsultationResult,
} from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  makeConsultation,
  makeErrorBody,
} from '../../__testUtils__/ospoFixtures';
import { renderQueue, serveQueue } from '../../__testUtils__/queueTestUtils';

// Selecting, menus and the note form click through several MUI transitions.
jest.setTimeout(45_000);

// Everyone here is OSPO staff: the test app allows every permission.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const olivia = 'user:default/olivia';

const items = [
  makeConsultation({ id: 'c1', summary: 'Can we publish the SDK?' }),
  makeConsultation({ id: 'c2', summary: 'Fork of grafana' }),
  makeConsultation({ id: 'c3', summary: 'Is GPL-3.0 fine for the CLI?' }),
];

/** Serves the bulk route with the given answer; records every body. */
function serveBulk(
  answer: (body: BulkConsultationRequest) => BulkConsultationResult,
) {
  const bodies: BulkConsultationRequest[] = [];
  server.use(
    http.post(`${OSPO_BASE_URL}/consultations/bulk`, async ({ request }) => {
      const body = (await request.json()) as BulkConsultationRequest;
      bodies.push(body);
      return HttpResponse.json(answer(body));
    }),
  );
  return bodies;
}

/** Every request of the body changed. */
const allChanged = (body: BulkConsultationRequest): BulkConsultationResult => ({
  changed: body.ids.length,
  items: body.ids.map(id => ({ id, ok: true })),
});

async function renderStaffQueue() {
  const queue = serveQueue(server, items);
  await renderQueue({ userEntityRef: olivia });
  await screen.findByText('3 requests');
  return queue;
}

describe('ConsultationQueuePage bulk actions', () => {
  it('assigns the selected requests to a member of the OSPO', async () => {
    const bodies = serveBulk(allChanged);
    const user = userEvent.setup();
    const queue = await renderStaffQueue();
    expect(
      screen.queryByRole('toolbar', { name: 'Bulk actions' }),
    ).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('checkbox', {
        name: 'Select “Can we publish the SDK?”',
      }),
    );
    await user.click(
      screen.getByRole('checkbox', {
        name: 'Select “Is GPL-3.0 fine for the CLI?”',
      }),
    );
    const toolbar = within(
      screen.getByRole('toolbar', { name: 'Bulk actions' }),
    );
    expect(toolbar.getByText('2 selected')).toBeInTheDocument();
    // Part of the page is selected.
    expect(
      screen.getByRole('checkbox', { name: 'Select this page' }),
    ).toHaveAttribute('data-indeterminate', 'true');

    await user.click(toolbar.getByRole('button', { name: 'Assign to…' }));
    const menu = within(await screen.findByRole('menu'));
    // The signed-in member comes first.
    expect(
      (await menu.findAllByRole('menuitem')).map(item => item.textContent),
    ).toEqual(['Olivia Osei (me)', 'Sam Stone', 'Unassign']);
    const before = queue.queries.length;
    await user.click(menu.getByRole('menuitem', { name: 'Sam Stone' }));

    await waitFor(() =>
      expect(bodies).toEqual([
        { ids: ['c1', 'c3'], assigneeRef: 'user:default/sam' },
      ]),
    );
    expect(await screen.findByText('2 changed')).toBeInTheDocument();
    // The queue reloads, and the selection is gone with the change.
    await waitFor(() => expect(queue.queries.length).toBe(before + 1));
    expect(
      screen.queryByRole('toolbar', { name: 'Bulk actions' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', {
        name: 'Select “Can we publish the SDK?”',
      }),
    ).not.toBeChecked();
  });

  it('resolves the page with a required note, and names what could not change', async () => {
    const bodies = serveBulk(body => ({
      changed: 2,
      items: body.ids.map(id =>
        id === 'c2'
          ? {
              id,
              ok: false,
              status: 409,
              error: 'The request is withdrawn',
            }
          : { id, ok: true },
      ),
    }));
    const user = userEvent.setup();
    await renderStaffQueue();

    await user.click(
      screen.getByRole('checkbox', { name: 'Select this page' }),
    );
    const toolbar = within(
      screen.getByRole('toolbar', { name: 'Bulk actions' }),
    );
    expect(toolbar.getByText('3 selected')).toBeInTheDocument();

    await user.click(toolbar.getByRole('button', { name: 'Resolve…' }));
    const form = within(
      await screen.findByRole('dialog', { name: 'Resolve 3 requests' }),
    );
    expect(
      form.getByText(/Each requester sees this note as the OSPO’s answer/),
    ).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Confirm resolve' }));
    expect(
      form.getByText('Enter a note to resolve the requests'),
    ).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.click(form.getByLabelText(/^Resolution note/));
    await user.paste('Covered by the open source policy, section 4.');
    await user.click(form.getByRole('button', { name: 'Confirm resolve' }));

    await waitFor(() =>
      expect(bodies).toEqual([
        {
          ids: ['c1', 'c2', 'c3'],
          action: 'resolve',
          note: 'Covered by the open source policy, section 4.',
        },
      ]),
    );
    const alert = within(await screen.findByRole('alert'));
    expect(alert.getByText('2 changed, 1 could not:')).toBeInTheDocument();
    expect(alert.getByRole('listitem').textContent).toBe(
      '“Fork of grafana” — The request is withdrawn',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Resolve 3 requests' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('starts and reopens without a note', async () => {
    const bodies = serveBulk(allChanged);
    const user = userEvent.setup();
    await renderStaffQueue();

    await user.click(
      screen.getByRole('checkbox', { name: 'Select this page' }),
    );
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() =>
      expect(bodies).toEqual([{ ids: ['c1', 'c2', 'c3'], action: 'start' }]),
    );
    expect(await screen.findByText('3 changed')).toBeInTheDocument();

    await user.click(
      screen.getByRole('checkbox', { name: 'Select “Fork of grafana”' }),
    );
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await waitFor(() =>
      expect(bodies[1]).toEqual({ ids: ['c2'], action: 'reopen' }),
    );
  });

  it('shows why the server refused the whole change', async () => {
    server.use(
      http.post(`${OSPO_BASE_URL}/consultations/bulk`, () =>
        HttpResponse.json(
          makeErrorBody(
            400,
            'InputError',
            'user:default/lee is not a member of the OSPO',
          ),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    await renderStaffQueue();

    await user.click(
      screen.getByRole('checkbox', { name: 'Select “Fork of grafana”' }),
    );
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByText(
        'Could not start work on the requests: user:default/lee is not a member of the OSPO',
      ),
    ).toBeInTheDocument();
    // Nothing changed, so the selection stays for another try.
    expect(screen.getByText('1 selected')).toBeInTheDocument();
  });
});
