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
  makeGroupEntity,
  makeUserEntity,
  officeStaff,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import {
  choose,
  currentLocation,
  renderQueue,
  row,
  serveQueue as serveQueueOn,
} from '../../__testUtils__/queueTestUtils';

// Table and select flows click through several MUI transitions; give them
// room on a busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(45_000);

// Everyone here is OSPO staff (the test app allows every permission); the
// requester's view is in a file of its own, as usePermission caches its
// decision for the whole file.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const olivia = 'user:default/olivia';

const serveQueue = (items: Consultation[], page?: { totalCount?: number }) =>
  serveQueueOn(server, items, page);

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

/** Serves one request with its thread at its own URL. */
function serveRequest(id: string, summary: string) {
  server.use(
    http.get(`${OSPO_BASE_URL}/consultations/${id}`, () =>
      HttpResponse.json(makeConsultationWithEvents({ id, summary })),
    ),
  );
}

const render = (path?: string) =>
  renderQueue({
    userEntityRef: olivia,
    path,
    catalogEntities: [
      makeUserEntity('sam', 'Sam Stone'),
      makeUserEntity('lee', 'Lee Lambert'),
      makeGroupEntity('team-checkout', 'Checkout team'),
      makeGroupEntity('team-search', 'Search team'),
    ],
  });

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
    // Staff get a checkbox column first, to select requests.
    expect(headers).toEqual([
      '',
      'Summary',
      'Entity',
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
    expect(queue.last().has('q')).toBe(false);
    expect(queue.last().has('mine')).toBe(false);
    expect(currentLocation()).toBe('/consultations');
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

    // Topic is one of the filters folded away.
    await user.click(screen.getByRole('button', { name: 'More filters' }));
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
    // The filters are in the URL, to share and to survive a reload.
    expect(currentLocation()).toBe('/consultations?status=all&topic=publish');
  });

  it('filters by assignee among the OSPO staff, and resets the filters', async () => {
    const queue = serveQueue([makeConsultation()]);
    const user = userEvent.setup();
    await render();
    await screen.findByText('1 request');

    await choose(user, 'Assignee', 'Unassigned');
    await waitFor(() => expect(queue.last().get('assigneeRef')).toBe('none'));

    // The staff come from GET /office/staff, by name.
    await choose(user, 'Assignee', 'Sam Stone');
    await waitFor(() =>
      expect(queue.last().get('assigneeRef')).toBe('user:default/sam'),
    );
    expect(queue.last().getAll('status')).toEqual(['open', 'in-progress']);
    expect(currentLocation()).toBe(
      '/consultations?assignee=user%3Adefault%2Fsam',
    );

    await user.click(screen.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() => expect(queue.last().has('assigneeRef')).toBe(false));
    expect(
      screen.queryByRole('button', { name: 'Reset filters' }),
    ).not.toBeInTheDocument();
    expect(currentLocation()).toBe('/consultations');
  });

  it('offers staff "Assigned to me", sent as mine', async () => {
    const queue = serveQueue([makeConsultation()]);
    const user = userEvent.setup();
    await render();
    await screen.findByText('1 request');

    const mine = await screen.findByRole('checkbox', {
      name: 'Assigned to me',
    });
    await waitFor(() => expect(mine).toBeEnabled());
    expect(screen.queryByText('Filed by me')).not.toBeInTheDocument();
    await user.click(mine);
    await waitFor(() => expect(queue.last().get('mine')).toBe('true'));
    // Mine is the server's to decide: no assignee is sent with it.
    expect(queue.last().has('assigneeRef')).toBe(false);
    expect(currentLocation()).toBe('/consultations?mine=true');
  });

  it('searches once typing pauses, from two characters', async () => {
    const queue = serveQueue([makeConsultation()]);
    const user = userEvent.setup();
    await render();
    await screen.findByText('1 request');

    const search = screen.getByLabelText('Search');
    await user.type(search, 'g');
    expect(
      await screen.findByText('Type at least 2 characters to search'),
    ).toBeInTheDocument();
    const before = queue.queries.length;

    await user.type(search, 'pl  ');
    await waitFor(() => expect(queue.last().get('q')).toBe('gpl'));
    expect(
      screen.queryByText('Type at least 2 characters to search'),
    ).not.toBeInTheDocument();
    // One request for the pause, none for each key or for the lone "g".
    expect(queue.queries.length).toBe(before + 1);
    expect(queue.queries.every(query => query.get('q') !== 'g')).toBe(true);
    expect(currentLocation()).toBe('/consultations?q=gpl');

    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    await waitFor(() => expect(queue.last().has('q')).toBe(false));
    expect(search).toHaveValue('');
  });

  it('reads every filter from the URL and sends it to the server', async () => {
    const queue = serveQueue([makeConsultation()]);
    await render(
      '/consultations?q=grafana%20fork&status=open&topic=publish' +
        '&requester=user:default/sam&entity=component:default/payments-api' +
        '&owner=group:default/team-checkout&assignee=unassigned&mine=true' +
        '&sort=urgency&order=desc&page=2&size=10',
    );
    await screen.findByText('1 request');
    const query = queue.last();
    expect(Object.fromEntries(query)).toEqual({
      q: 'grafana fork',
      status: 'open',
      topic: 'publish',
      requesterRef: 'user:default/sam',
      entityRef: 'component:default/payments-api',
      ownerRef: 'group:default/team-checkout',
      assigneeRef: 'none',
      mine: 'true',
      orderBy: 'urgency',
      order: 'desc',
      limit: '10',
      offset: '10',
    });

    // The controls show the same, the folded filters unfolded since in use.
    expect(screen.getByLabelText('Search')).toHaveValue('grafana fork');
    expect(
      screen.getByRole('checkbox', { name: 'Assigned to me' }),
    ).toBeChecked();
    expect(screen.getByRole('button', { name: 'Fewer filters' })).toBeVisible();
    await waitFor(() =>
      expect(screen.getByLabelText('Requester')).toHaveValue('Sam Stone'),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Owner team')).toHaveValue('Checkout team'),
    );
  });

  it('falls back to the defaults for values it cannot read', async () => {
    const queue = serveQueue([makeConsultation()]);
    await render(
      '/consultations?status=bogus&requester=group:default/x&owner=not%20a%20ref&page=-3&size=7&q=a',
    );
    await screen.findByText('1 request');
    expect(filtersOf(queue.last())).toEqual({
      status: ['open', 'in-progress'],
      topic: null,
      assigneeRef: null,
      orderBy: 'createdAt',
      order: 'desc',
      limit: '20',
      offset: '0',
    });
    expect(queue.last().has('requesterRef')).toBe(false);
    expect(queue.last().has('ownerRef')).toBe(false);
    // A single character is never sent: the server would refuse it.
    expect(queue.queries.some(query => query.has('q'))).toBe(false);
  });

  it('picks a requester and an owner team from the catalog, from page 1', async () => {
    const queue = serveQueue([makeConsultation()], { totalCount: 45 });
    const user = userEvent.setup();
    await render('/consultations?page=2');
    await screen.findByText('45 requests');
    expect(queue.last().get('offset')).toBe('20');

    await user.click(screen.getByRole('button', { name: 'More filters' }));
    await user.click(screen.getByLabelText('Requester'));
    await user.keyboard('sam');
    // The catalog narrows the options down once typing pauses; pick from
    // that list, not from the one it replaces.
    await waitFor(
      () => {
        expect(screen.getByRole('option', { name: /Sam Stone/ })).toBeVisible();
        expect(
          screen.queryByRole('option', { name: /Lee Lambert/ }),
        ).not.toBeInTheDocument();
      },
      { timeout: 5_000 },
    );
    await user.click(screen.getByRole('option', { name: /Sam Stone/ }));
    await waitFor(() =>
      expect(queue.last().get('requesterRef')).toBe('user:default/sam'),
    );
    // Every filter change starts again from the first page.
    expect(queue.last().get('offset')).toBe('0');

    await user.click(screen.getByLabelText('Owner team'));
    await user.click(
      await screen.findByRole('option', { name: /Search team/ }),
    );
    await waitFor(() =>
      expect(queue.last().get('ownerRef')).toBe('group:default/team-search'),
    );
    expect(currentLocation()).toBe(
      '/consultations?requester=user%3Adefault%2Fsam&owner=group%3Adefault%2Fteam-search',
    );
    // Folded again, the button counts the filters in use.
    await user.click(screen.getByRole('button', { name: 'Fewer filters' }));
    expect(
      screen.getByRole('button', { name: 'More filters (2)' }),
    ).toBeInTheDocument();
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
    await render('/consultations?status=open');

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
    // The request has its own URL, the queue's filters kept behind it.
    expect(currentLocation()).toBe('/consultations/c1?status=open');
    const before = queue.queries.length;
    await user.click(await dialog.findByLabelText('Add a comment'));
    await user.paste('On it.');
    await user.click(dialog.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(queue.queries.length).toBe(before + 1));
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(currentLocation()).toBe('/consultations?status=open');

    // A click anywhere on the row opens it too.
    await user.click(
      within(row('Can we publish the payments SDK?')).getByText('3 days'),
    );
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });

  it('opens the request a link leads to, over the queue', async () => {
    const queue = serveQueue([
      makeConsultation({ id: 'c1', summary: 'Can we publish the SDK?' }),
    ]);
    serveRequest('c2', 'Fork of grafana');
    const user = userEvent.setup();
    await render('/consultations/c2?status=resolved');

    const dialog = await screen.findByRole('dialog', {
      name: 'Fork of grafana',
    });
    // The queue behind it has the link's filters.
    await waitFor(() =>
      expect(queue.last().getAll('status')).toEqual(['resolved']),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(currentLocation()).toBe('/consultations?status=resolved');
    expect(
      screen.getByRole('button', { name: 'Can we publish the SDK?' }),
    ).toBeInTheDocument();
  });

  it('takes the old notification links, ?request=, to the request', async () => {
    serveQueue([makeConsultation({ id: 'c2', summary: 'Fork of grafana' })]);
    serveRequest('c2', 'Fork of grafana');
    await render('/consultations?request=c2&topic=publish');
    expect(
      await screen.findByRole('dialog', { name: 'Fork of grafana' }),
    ).toBeInTheDocument();
    expect(currentLocation()).toBe('/consultations/c2?topic=publish');
  });

  it('says when a linked request does not exist', async () => {
    serveQueue([]);
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/nope`, () =>
        HttpResponse.json(
          makeErrorBody(404, 'NotFoundError', 'No request nope'),
          { status: 404 },
        ),
      ),
    );
    await render('/consultations/nope');
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      await dialog.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
  });

  it('says when no request matches', async () => {
    serveQueue([]);
    await render();
    expect(
      await screen.findByText('No requests match these filters'),
    ).toBeInTheDocument();
  });

  it('says which filter the server refused, with a way out', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/office/staff`, () =>
        HttpResponse.json(officeStaff),
      ),
      http.get(`${OSPO_BASE_URL}/consultations`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        if (query.has('ownerRef')) {
          return HttpResponse.json(
            makeErrorBody(
              400,
              'InputError',
              'Invalid query: ownerRef group:default/gone is not a Group in the catalog',
            ),
            { status: 400 },
          );
        }
        return HttpResponse.json(makeConsultationPage([]));
      }),
    );
    const user = userEvent.setup();
    await render('/consultations?owner=group:default/gone');
    expect(
      await screen.findByText(
        'These filters cannot be applied: Invalid query: ownerRef group:default/gone is not a Group in the catalog',
      ),
    ).toBeInTheDocument();

    await user.click(
      within(screen.getByRole('alert')).getByRole('button', {
        name: 'Reset filters',
      }),
    );
    expect(
      await screen.findByText('No requests match these filters'),
    ).toBeInTheDocument();
    expect(currentLocation()).toBe('/consultations');
  });

  it('shows why the queue failed to load', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/office/staff`, () =>
        HttpResponse.json(officeStaff),
      ),
      http.get(`${OSPO_BASE_URL}/consultations`, () =>
        HttpResponse.json(makeErrorBody(500, 'Error', 'The database is down'), {
          status: 500,
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });
});
