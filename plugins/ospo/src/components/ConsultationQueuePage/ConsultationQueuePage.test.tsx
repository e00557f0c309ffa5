import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Consultation } from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeConsultation,
  makeConsultationPage,
  makeConsultationWithEvents,
  makeErrorBody,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { ConsultationQueuePage } from './ConsultationQueuePage';

// Table and select flows click through several MUI transitions; give them
// room on a busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(45_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const olivia = 'user:default/olivia';

/** Serves the office and a queue; records every list request's query. */
function serveQueue(items: Consultation[], page: { totalCount?: number } = {}) {
  const state = { queries: [] as URLSearchParams[] };
  server.use(
    http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
    http.get(`${OSPO_BASE_URL}/consultations`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      state.queries.push(query);
      return HttpResponse.json(
        makeConsultationPage(items, {
          totalCount: page.totalCount ?? items.length,
          limit: Number(query.get('limit')),
          offset: Number(query.get('offset')),
        }),
      );
    }),
  );
  return {
    ...state,
    last: () => state.queries[state.queries.length - 1],
  };
}

/** The query string without the parts every request shares. */
function filtersOf(query: URLSearchParams) {
  return {
    status: query.getAll('status'),
    topic: query.get('topic'),
    assigneeRef: query.get('assigneeRef'),
    orderBy: query.get('orderBy'),
    order: query.get('order'),
    limit: query.get('limit'),
    offset: query.get('offset'),
  };
}

/** Picks an option the way people do: open the select, click the option. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  option: string,
) {
  await user.click(screen.getByLabelText(label));
  // Role queries over the whole page are slow; look the list up once and
  // wait for that element to go.
  const listbox = await screen.findByRole('listbox');
  await user.click(within(listbox).getByText(option));
  await waitFor(() => expect(listbox).not.toBeInTheDocument());
}

function row(summary: string): HTMLElement {
  const cell = screen.getByText(summary).closest('tr');
  if (!cell) {
    throw new Error(`No row for ${summary}`);
  }
  return cell;
}

const render = () =>
  renderOspoPage(<ConsultationQueuePage />, { userEntityRef: olivia });

describe('ConsultationQueuePage', () => {
  it('lists the active requests, newest first', async () => {
    const queue = serveQueue([
      makeConsultation({
        id: 'c1',
        summary: 'Can we publish the payments SDK?',
        urgency: 'high',
        createdAt: daysAgo(3),
      }),
      makeConsultation({
        id: 'c2',
        summary: 'Is GPL-3.0 fine for the CLI?',
        entityRef: 'api:default/billing',
        topic: 'new-dependency',
        requesterRef: 'user:default/sam',
        assigneeRef: olivia,
        status: 'in-progress',
        createdAt: daysAgo(0.5),
      }),
    ]);
    await render();

    expect(
      screen.getByRole('heading', { name: 'Open Source Program Office' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Consultations')).toBeInTheDocument();

    expect(
      await screen.findByRole('button', {
        name: 'Can we publish the payments SDK?',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('2 requests')).toBeInTheDocument();
    const headers = screen
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Summary',
      'Entity',
      'Topic',
      'Requester',
      'Assignee',
      'Urgency',
      'Status',
      'Age',
      'Rating',
    ]);

    const first = within(row('Can we publish the payments SDK?'));
    expect(first.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(
      first.getByText('Publishing this as open source'),
    ).toBeInTheDocument();
    expect(first.getByRole('link', { name: 'lee' })).toBeInTheDocument();
    expect(first.getByText('Unassigned')).toBeInTheDocument();
    expect(first.getByText('High')).toBeInTheDocument();
    expect(first.getByText('Open')).toBeInTheDocument();
    expect(first.getByText('3 days')).toBeInTheDocument();

    const second = within(row('Is GPL-3.0 fine for the CLI?'));
    expect(second.getByRole('link', { name: /billing/ })).toHaveAttribute(
      'href',
      '/catalog/default/api/billing',
    );
    expect(
      second.getByText('Using a new open source dependency'),
    ).toBeInTheDocument();
    expect(second.getByRole('link', { name: 'sam' })).toBeInTheDocument();
    expect(second.getByRole('link', { name: 'olivia' })).toBeInTheDocument();
    expect(second.getByText('In progress')).toBeInTheDocument();
    expect(second.getByText('12 hours')).toBeInTheDocument();

    expect(filtersOf(queue.last())).toEqual({
      status: ['open', 'in-progress'],
      topic: null,
      assigneeRef: null,
      orderBy: 'createdAt',
      order: 'desc',
      limit: '20',
      offset: '0',
    });
  });

  it('marks overdue requests and shows the ratings of answered ones', async () => {
    serveQueue([
      makeConsultation({
        id: 'c1',
        summary: 'Waiting too long',
        createdAt: daysAgo(6),
        firstResponseDueAt: daysAgo(2),
        overdue: true,
      }),
      makeConsultation({
        id: 'c2',
        summary: 'Just filed',
        createdAt: daysAgo(0.1),
        firstResponseDueAt: daysAgo(-2),
      }),
      makeConsultation({
        id: 'c3',
        summary: 'Answered and rated',
        status: 'resolved',
        resolution: 'Yes',
        rating: { score: 4, comment: 'Clear', ratedAt: daysAgo(1) },
      }),
    ]);
    await render();
    await screen.findByText('3 requests');

    const late = within(row('Waiting too long'));
    expect(late.getByText('Overdue')).toBeInTheDocument();
    expect(late.getByText('—')).toBeInTheDocument();
    expect(within(row('Just filed')).queryByText('Overdue')).toBeNull();
    const rated = within(row('Answered and rated'));
    expect(rated.queryByText('Overdue')).toBeNull();
    expect(rated.getByText('4 of 5')).toBeInTheDocument();
    expect(
      rated.getByRole('img', { name: 'Rated 4 of 5' }),
    ).toBeInTheDocument();
  });

  it('sends the status and topic filters to the server', async () => {
    const queue = serveQueue([makeConsultation()]);
    const user = userEvent.setup();
    await render();
    await screen.findByText('1 request');

    await choose(user, 'Status', 'Resolved');
    await waitFor(() =>
      expect(queue.last().getAll('status')).toEqual(['resolved']),
    );

    await choose(user, 'Topic', 'Publishing this as open source');
    await waitFor(() =>
      expect(filtersOf(queue.last())).toEqual({
        status: ['resolved'],
        topic: 'publish',
        assigneeRef: null,
        orderBy: 'createdAt',
        order: 'desc',
        limit: '20',
        offset: '0',
      }),
    );

    await choose(user, 'Status', 'Any status');
    await waitFor(() => expect(queue.last().has('status')).toBe(false));
    expect(queue.last().get('topic')).toBe('publish');
  });

  it('sends the assignee filter to the server and resets the filters', async () => {
    const queue = serveQueue([makeConsultation()]);
    const user = userEvent.setup();
    await render();
    await screen.findByText('1 request');

    await choose(user, 'Assignee', 'Unassigned');
    await waitFor(() => expect(queue.last().get('assigneeRef')).toBe('none'));

    await choose(user, 'Assignee', 'Assigned to me');
    await waitFor(() => expect(queue.last().get('assigneeRef')).toBe(olivia));
    expect(queue.last().getAll('status')).toEqual(['open', 'in-progress']);

    await user.click(screen.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() => expect(queue.last().has('assigneeRef')).toBe(false));
    expect(
      screen.queryByRole('button', { name: 'Reset filters' }),
    ).not.toBeInTheDocument();
  });

  it('sorts and pages on the server', async () => {
    // Fewer rows than a page holds keeps the test quick; the count decides
    // the paging.
    const items = Array.from({ length: 3 }, (_, i) =>
      makeConsultation({ id: `c${i}`, summary: `Question ${i + 1}` }),
    );
    const queue = serveQueue(items, { totalCount: 45 });
    const user = userEvent.setup();
    await render();
    await screen.findByText('45 requests');

    await user.click(screen.getByRole('button', { name: /Next Page/i }));
    await waitFor(() => expect(queue.last().get('offset')).toBe('20'));

    // Sorting starts again from the first page.
    await user.click(screen.getByRole('button', { name: 'Urgency' }));
    await waitFor(() =>
      expect(filtersOf(queue.last())).toMatchObject({
        orderBy: 'urgency',
        order: 'asc',
        offset: '0',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Urgency' }));
    await waitFor(() => expect(queue.last().get('order')).toBe('desc'));

    // The oldest requests have the greatest age.
    await user.click(screen.getByRole('button', { name: 'Age' }));
    await user.click(screen.getByRole('button', { name: 'Age' }));
    await waitFor(() =>
      expect(filtersOf(queue.last())).toMatchObject({
        orderBy: 'createdAt',
        order: 'asc',
      }),
    );
    // The server's order stands: the table does not sort the page again.
    const summaries = screen
      .getAllByRole('button', { name: /^Question \d+$/ })
      .map(button => button.textContent);
    expect(summaries.slice(0, 3)).toEqual([
      'Question 1',
      'Question 2',
      'Question 3',
    ]);
  });

  it('opens a request from its row and reloads after a change', async () => {
    const queue = serveQueue([
      makeConsultation({
        id: 'c1',
        summary: 'Can we publish the payments SDK?',
      }),
    ]);
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/c1`, () =>
        HttpResponse.json(makeConsultationWithEvents({ id: 'c1' })),
      ),
      http.post(`${OSPO_BASE_URL}/consultations/c1/comments`, () =>
        HttpResponse.json(
          {
            id: 'e1',
            type: 'comment',
            actorRef: olivia,
            createdAt: daysAgo(0),
          },
          { status: 201 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', {
        name: 'Can we publish the payments SDK?',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Can we publish the payments SDK?',
      }),
    );
    const before = queue.queries.length;
    await user.click(await dialog.findByLabelText('Add a comment'));
    await user.paste('On it.');
    await user.click(dialog.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(queue.queries.length).toBe(before + 1));
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // A click anywhere on the row opens it too.
    await user.click(
      within(row('Can we publish the payments SDK?')).getByText('3 days'),
    );
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });

  it('opens the request a notification links to', async () => {
    serveQueue([makeConsultation({ id: 'c2', summary: 'Fork of grafana' })]);
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/c2`, () =>
        HttpResponse.json(
          makeConsultationWithEvents({ id: 'c2', summary: 'Fork of grafana' }),
        ),
      ),
    );
    await renderOspoPage(<ConsultationQueuePage />, {
      userEntityRef: olivia,
      routeEntries: ['/?request=c2'],
    });
    expect(
      await screen.findByRole('dialog', { name: 'Fork of grafana' }),
    ).toBeInTheDocument();
  });

  it('says when no request matches', async () => {
    serveQueue([]);
    await render();
    expect(
      await screen.findByText('No requests match these filters'),
    ).toBeInTheDocument();
  });

  it('shows why the queue failed to load', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/consultations`, () =>
        HttpResponse.json(
          makeErrorBody(
            400,
            'InputError',
            'assigneeRef must be a full entity ref',
          ),
          { status: 400 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 400/),
    ).toBeInTheDocument();
  });
});
