import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AnswerHistoryEntry,
  ChecklistMatrix,
} from '@ospo-kit/plugin-ospo-common';
import {
  billing,
  brand,
  checkout,
  commerce,
  engineering,
  innerSourceChecklist,
  makeChecklistMatrix,
  makeMatrixDepartment,
  makeMatrixTeam,
  matrixColumns,
  platform,
} from '../../__testUtils__/dashboardFixtures';
import {
  blobText,
  captureDownloads,
} from '../../__testUtils__/captureDownloads';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeErrorBody,
  makeHistoryEntry,
} from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { ChecklistHeatMapCard } from './ChecklistHeatMapCard';

// Select flows click through several MUI transitions; give them room on a
// busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(45_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves the heat map, and records the query of every request. */
function serveMatrix(
  respond: (query: URLSearchParams) => ChecklistMatrix = () =>
    makeChecklistMatrix(),
) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return HttpResponse.json(respond(query));
    }),
  );
  // A page opened filtered also asks for one team, just for the filters' lists.
  const pages = () => queries.filter(q => q.get('limit') !== '1');
  return { queries, last: () => queries[queries.length - 1], pages };
}

/**
 * Serves the history of a team's answers, by `<team name>/<checklist>/<item>`,
 * and records which were asked for.
 */
function serveHistory(histories: Record<string, AnswerHistoryEntry[]>) {
  const asked: string[] = [];
  server.use(
    http.get(
      `${OSPO_BASE_URL}/teams/default/:name/checklists/:checklistId/items/:itemId/history`,
      ({ params }) => {
        const key = `${params.name}/${params.checklistId}/${params.itemId}`;
        asked.push(key);
        return key in histories
          ? HttpResponse.json({ items: histories[key] })
          : HttpResponse.json(
              makeErrorBody(404, 'NotFoundError', `No team ${params.name}`),
              { status: 404 },
            );
      },
    ),
  );
  return asked;
}

/** The query as an object, to compare in one go. */
function paramsOf(query: URLSearchParams) {
  return Object.fromEntries(query.entries());
}

/** Picks an option the way people do: open the select, click the option. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  option: string,
) {
  await user.click(screen.getByLabelText(label));
  const listbox = await screen.findByRole('listbox');
  await user.click(within(listbox).getByText(option));
  await waitFor(() => expect(listbox).not.toBeInTheDocument());
}

/** The text of every row header, in order. */
function rowHeaders() {
  return screen.getAllByRole('rowheader').map(header => header.textContent);
}

/** Where the app is, how it got there, and the browser's Back button. */
function LocationDisplay() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <div data-testid="location">
        {location.pathname}
        {location.search}
      </div>
      <div data-testid="navigation-type">{useNavigationType()}</div>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
}

/** The query of the app's URL, decoded. */
function urlQuery() {
  const url = new URL(
    screen.getByTestId('location').textContent ?? '',
    'http://localhost',
  );
  return paramsOf(url.searchParams);
}

const render = (url?: string) =>
  renderOspoPage(
    <>
      <ChecklistHeatMapCard />
      <LocationDisplay />
    </>,
    { routeEntries: url ? [url] : undefined },
  );

describe('ChecklistHeatMapCard', () => {
  it("shows each team's answer to each item, named and coloured by status", async () => {
    const matrix = serveMatrix();
    await render();

    const done = await screen.findByRole('button', {
      name: 'Checkout: Creation — done',
    });
    expect(done).toHaveAttribute('data-status', 'done');
    expect(done).toHaveAttribute('title', 'Checkout: Creation — done');
    expect(
      screen.getByRole('button', {
        name: 'Checkout: Stakeholders — in progress',
      }),
    ).toHaveAttribute('data-status', 'in-progress');
    expect(
      screen.getByRole('button', { name: 'Checkout: Awareness — not started' }),
    ).toHaveAttribute('data-status', 'not-started');
    expect(
      screen.getByRole('button', {
        name: 'Checkout: Consultation — not applicable',
      }),
    ).toHaveAttribute('data-status', 'not-applicable');
    // A column the team never answered.
    expect(
      screen.getByRole('button', { name: 'Checkout: Mentoring — no answer' }),
    ).toHaveAttribute('data-status', 'unanswered');
    // A done answer that expired asks to be re-attested.
    const expired = screen.getByRole('button', {
      name: 'Billing: Measurement — re-attest (expired)',
    });
    expect(expired).toHaveAttribute('data-status', 'expired');
    expect(expired).toHaveTextContent('↻');
    expect(
      screen.getByRole('button', { name: 'Brand: Creation — in progress' }),
    ).toBeInTheDocument();

    // Both checklists head their columns.
    expect(
      screen.getByRole('columnheader', { name: 'Creating an OSPO' }),
    ).toHaveAttribute('colspan', '5');
    expect(
      screen.getByRole('columnheader', { name: 'Inner source' }),
    ).toHaveAttribute('colspan', '2');
    expect(
      screen.getByRole('columnheader', { name: 'Mentoring' }),
    ).toBeInTheDocument();

    const legend = within(screen.getByRole('list', { name: 'Legend' }));
    expect(legend.getAllByRole('listitem').map(i => i.textContent)).toEqual([
      '✓Done',
      '↻Re-attest (expired)',
      '◐In progress',
      '○Not started',
      '–Not applicable',
      '?No answer',
    ]);
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      /^4 teams · departments as of 1 hour ago$/,
    );

    expect(matrix.queries).toHaveLength(1);
    expect(paramsOf(matrix.last())).toEqual({
      sort: 'department',
      order: 'asc',
      limit: '100',
      offset: '0',
    });
  });

  it('groups the teams under their departments, with rolled-up department rows', async () => {
    serveMatrix();
    await render();
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });

    // Departments come parents first, breadth first; rows follow the tree.
    expect(rowHeaders()).toEqual([
      'Organisation4 teams',
      'Engineering3 teams',
      'Platform',
      'Commerce2 teams',
      'Checkout',
      'Billing',
      'Marketing1 team',
      'Brand',
    ]);
    const header = (name: string) =>
      screen.getByText(name).closest('th') as HTMLElement;
    expect(header('Engineering')).toHaveStyle({ paddingLeft: '8px' });
    expect(header('Platform')).toHaveStyle({ paddingLeft: '24px' });
    expect(header('Commerce')).toHaveStyle({ paddingLeft: '24px' });
    expect(header('Checkout')).toHaveStyle({ paddingLeft: '40px' });

    // Roll-ups count every team below the department, any depth.
    expect(
      screen.getByRole('img', {
        name: 'Engineering · Creation: 67% done (2 done, 1 not started)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Commerce · Consultation: 0% done (1 not applicable, 1 no answer)',
      }),
    ).toBeInTheDocument();
    const organisation = screen.getByRole('img', {
      name: 'Organisation · Creation: 50% done (2 done, 1 in progress, 1 not started)',
    });
    // Segments in proportion to the counts.
    const segments = Array.from(
      organisation.querySelectorAll<HTMLElement>('[data-status]'),
    ).map(s => [s.dataset.status, s.style.flexGrow]);
    expect(segments).toEqual([
      ['done', '2'],
      ['in-progress', '1'],
      ['not-started', '1'],
    ]);

    // Completion leaves not-applicable out: 2 of 6 for Checkout.
    const checkoutRow = header('Checkout').closest('tr') as HTMLElement;
    expect(within(checkoutRow).getByText('33%')).toBeInTheDocument();
    expect(
      within(checkoutRow).getByText('done: 2 of 6 applicable items done', {
        exact: false,
      }),
    ).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout',
    );
    expect(screen.getByRole('link', { name: 'Engineering' })).toHaveAttribute(
      'href',
      '/catalog/default/group/engineering',
    );
  });

  it("opens a team's Group page from anywhere on its row but the cells", async () => {
    serveMatrix();
    const user = userEvent.setup();
    await render();

    const billingRow = (
      await screen.findByRole('button', {
        name: 'Billing: Mentoring — no answer',
      })
    ).closest('tr') as HTMLElement;
    // Its completion, 2 of 7 items done.
    await user.click(within(billingRow).getByText('29%'));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/catalog/default/group/billing',
    );
  });

  it("opens a team's answer in place from its cell, loaded when opened", async () => {
    serveMatrix();
    const checkoutRef = 'group:default/checkout';
    const asked = serveHistory({
      'checkout/ospo/stakeholders': [
        makeHistoryEntry(checkoutRef, {
          itemId: 'stakeholders',
          fromStatus: 'not-started',
          toStatus: 'in-progress',
          note: 'Legal and security are in; sales to come.',
          evidenceUrl: 'https://wiki.example.com/stakeholders',
          changedBy: 'user:default/sam',
          version: 2,
        }),
        makeHistoryEntry(checkoutRef, {
          itemId: 'stakeholders',
          toStatus: 'not-started',
          changedAt: daysAgo(3),
          version: 1,
        }),
      ],
    });
    const user = userEvent.setup();
    await render('/ospo');

    const cell = await screen.findByRole('button', {
      name: 'Checkout: Stakeholders — in progress',
    });
    expect(cell).toHaveAttribute('aria-haspopup', 'dialog');
    // Nothing is asked before a cell is opened.
    expect(asked).toEqual([]);

    await user.click(cell);
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Checkout: Stakeholders' }),
    );
    expect(dialog.getByText('Creating an OSPO')).toBeInTheDocument();
    expect(
      await dialog.findByText('Legal and security are in; sales to come.'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['checkout/ospo/stakeholders']);
    expect(dialog.getByRole('link', { name: /Evidence/ })).toHaveAttribute(
      'href',
      'https://wiki.example.com/stakeholders',
    );
    expect(dialog.getByText(/answered by/)).toHaveTextContent(
      'answered by sam · 1 hour ago',
    );
    const earlier = within(
      dialog.getByRole('list', { name: 'Earlier changes' }),
    );
    const entries = earlier.getAllByRole('listitem');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toHaveTextContent(/First answer:.*Not started/);
    expect(entries[0]).toHaveTextContent('changed by lee · 3 days ago');
    expect(
      dialog.getByRole('link', { name: 'Open Checkout’s checklists' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout');
    // Opening the answer did not leave the dashboard.
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/ospo$/);

    // Escape closes it, and focus goes back to the cell.
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(cell).toHaveFocus();
  });

  it('shows an opened expired answer as one to re-attest', async () => {
    serveMatrix();
    serveHistory({
      'billing/ospo/measurement': [
        makeHistoryEntry('group:default/billing', {
          itemId: 'measurement',
          fromStatus: 'done',
          toStatus: 'done',
          reattested: true,
          changedAt: daysAgo(400),
          version: 2,
        }),
        makeHistoryEntry('group:default/billing', {
          itemId: 'measurement',
          toStatus: 'done',
          changedAt: daysAgo(800),
          version: 1,
        }),
      ],
    });
    const user = userEvent.setup();
    await render('/ospo');

    await user.click(
      await screen.findByRole('button', {
        name: 'Billing: Measurement — re-attest (expired)',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Billing: Measurement' }),
    );
    expect(await dialog.findByText('Re-attest')).toBeInTheDocument();
    const earlier = within(
      dialog.getByRole('list', { name: 'Earlier changes' }),
    );
    expect(earlier.getByRole('listitem')).toHaveTextContent(
      /First answer:.*Done/,
    );
  });

  it('moves between cells with the arrow keys, one of them in the tab order, and opens one with Enter', async () => {
    serveMatrix();
    const asked = serveHistory({ 'checkout/innersource/mentoring': [] });
    const user = userEvent.setup();
    await render();

    const cell = (name: string) => screen.getByRole('button', { name });
    const first = await screen.findByRole('button', {
      name: 'Platform: Creation — not started',
    });
    // The first team's first cell is the table's one tab stop.
    const tabbable = () =>
      screen
        .getByRole('table')
        .querySelectorAll('button[data-status][tabindex="0"]');
    expect(tabbable()).toEqual(
      expect.objectContaining({ length: 1, 0: first }),
    );

    act(() => first.focus());
    await user.keyboard('{ArrowRight}');
    expect(cell('Platform: Stakeholders — no answer')).toHaveFocus();
    // Down skips the department rows, whose cells are summaries.
    await user.keyboard('{ArrowDown}');
    expect(cell('Checkout: Stakeholders — in progress')).toHaveFocus();
    await user.keyboard('{End}');
    const mentoring = cell('Checkout: Mentoring — no answer');
    expect(mentoring).toHaveFocus();
    // At the edge, it stays.
    await user.keyboard('{ArrowRight}');
    expect(mentoring).toHaveFocus();
    await user.keyboard('{Home}{ArrowUp}{ArrowUp}');
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowDown}{End}');
    expect(mentoring).toHaveFocus();
    // The focused cell is now the tab stop.
    expect(tabbable()).toEqual(
      expect.objectContaining({ length: 1, 0: mentoring }),
    );

    await user.keyboard('{Enter}');
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Checkout: Mentoring' }),
    );
    expect(
      await dialog.findByText('Not answered yet, so there is no history.'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['checkout/innersource/mentoring']);
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(mentoring).toHaveFocus();
  });

  it("says why a cell's answer could not be loaded", async () => {
    serveMatrix();
    serveHistory({});
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', {
        name: 'Brand: Creation — in progress',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'The answer could not be loaded: No team brand',
    );
  });

  it('shows a Group that is a department and answered once, its own answers inside its roll-up', async () => {
    const commerceOwn = {
      ...makeMatrixTeam(commerce.ref, 'Commerce', engineering.ref, {
        'ospo/creation': 'done',
      }),
      isDepartment: true as const,
    };
    serveMatrix(() =>
      makeChecklistMatrix({
        teams: [platform, commerceOwn, checkout, billing, brand],
      }),
    );
    await render();
    await screen.findByRole('button', {
      name: 'Commerce (own answers): Creation — done',
    });
    expect(rowHeaders()).toEqual([
      'Organisation4 teams',
      'Engineering3 teams',
      'Platform',
      'Commerce2 teams',
      'Commerce (own answers)',
      'Checkout',
      'Billing',
      'Marketing1 team',
      'Brand',
    ]);
  });

  it('keeps the names and the completion in view while the items scroll, with horizontal item titles', async () => {
    serveMatrix();
    await render();
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });
    expect(
      screen.getByRole('columnheader', { name: 'Completion' }),
    ).toHaveStyle({ position: 'sticky', right: '0px' });
    expect(
      screen.getByRole('columnheader', { name: 'Team, by department' }),
    ).toHaveStyle({ position: 'sticky', left: '0px' });
    const checkoutRow = screen
      .getByRole('link', { name: 'Checkout' })
      .closest('tr') as HTMLElement;
    const cells = within(checkoutRow).getAllByRole('cell');
    expect(cells[cells.length - 1]).toHaveStyle({ position: 'sticky' });
    // Item titles wrap rather than run on one (rotated) line.
    const header = screen.getByRole('columnheader', { name: 'Stakeholders' });
    expect(header.firstElementChild).not.toHaveStyle({ whiteSpace: 'nowrap' });
    expect(header.firstElementChild).toHaveStyle({
      overflowWrap: 'break-word',
    });
  });

  it('sends the department, checklist and status filters to the server', async () => {
    const matrix = serveMatrix(query => {
      if (query.get('department') === commerce.ref) {
        return makeChecklistMatrix({
          departments: [commerce],
          teams: [checkout, billing],
          total: makeMatrixDepartment('org', 'Organisation', { depth: -1 }, [
            checkout,
            billing,
          ]),
        });
      }
      if (query.get('checklistId') === innerSourceChecklist.id) {
        return makeChecklistMatrix({
          checklists: [innerSourceChecklist],
          columns: matrixColumns([innerSourceChecklist]),
          departments: [],
          teams: [brand],
        });
      }
      return makeChecklistMatrix();
    });
    const user = userEvent.setup();
    await render();
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });

    await choose(user, 'Department', 'Commerce');
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toEqual({
        department: commerce.ref,
        sort: 'department',
        order: 'asc',
        limit: '100',
        offset: '0',
      }),
    );
    await waitFor(() =>
      expect(rowHeaders()).toEqual([
        'All matching teams2 teams',
        'Commerce2 teams',
        'Checkout',
        'Billing',
      ]),
    );
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      /^2 teams match the filters · /,
    );

    // The other departments stay on offer, along the hierarchy.
    await user.click(screen.getByLabelText('Department'));
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'All departments',
      'Engineering',
      'Commerce',
      'Marketing',
    ]);
    expect(options[2]).toHaveStyle({ paddingLeft: '32px' });
    await user.click(within(listbox).getByText('All departments'));
    await waitFor(() => expect(listbox).not.toBeInTheDocument());

    await choose(user, 'Checklist', 'Inner source');
    await waitFor(() =>
      expect(matrix.last().get('checklistId')).toBe('innersource'),
    );
    expect(matrix.last().has('department')).toBe(false);
    await waitFor(() =>
      expect(
        screen.queryByRole('columnheader', { name: 'Creating an OSPO' }),
      ).not.toBeInTheDocument(),
    );

    await choose(user, 'Teams with an item', 'Not started');
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toEqual({
        checklistId: 'innersource',
        status: 'not-started',
        sort: 'department',
        order: 'asc',
        limit: '100',
        offset: '0',
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toEqual({
        sort: 'department',
        order: 'asc',
        limit: '100',
        offset: '0',
      }),
    );
  });

  it('ranks the teams by completion either way, each naming its department', async () => {
    const matrix = serveMatrix();
    const user = userEvent.setup();
    await render();
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });

    await user.click(screen.getByRole('button', { name: 'Completion' }));
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toEqual({
        sort: 'completion',
        order: 'asc',
        limit: '100',
        offset: '0',
      }),
    );
    // Not grouped: the server's order, no department rows.
    expect(rowHeaders()).toEqual([
      'Organisation4 teams',
      'PlatformEngineering',
      'CheckoutCommerce',
      'BillingCommerce',
      'BrandMarketing',
    ]);
    expect(
      screen.getByRole('columnheader', { name: 'Completion' }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByRole('button', { name: 'Completion' }));
    await waitFor(() => expect(matrix.last().get('order')).toBe('desc'));
    expect(
      screen.getByRole('columnheader', { name: 'Completion' }),
    ).toHaveAttribute('aria-sort', 'descending');

    await choose(user, 'Sort', 'By department');
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toMatchObject({
        sort: 'department',
        order: 'asc',
      }),
    );
    await waitFor(() => expect(rowHeaders()).toContain('Commerce2 teams'));

    await choose(user, 'Sort', 'Highest completion first');
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toMatchObject({
        sort: 'completion',
        order: 'desc',
      }),
    );
  });

  it('pages through the teams on the server, a hundred at a time', async () => {
    const matrix = serveMatrix(() => makeChecklistMatrix({ totalCount: 2000 }));
    const user = userEvent.setup();
    await render();
    await screen.findByText('1-100 of 2000');

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toMatchObject({
        limit: '100',
        offset: '100',
      }),
    );
    expect(await screen.findByText('101-200 of 2000')).toBeInTheDocument();

    // Another filter starts again from the first page.
    await choose(user, 'Teams with an item', 'No answer');
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toMatchObject({
        status: 'unanswered',
        offset: '0',
      }),
    );
    expect(matrix.queries.every(q => q.get('limit') === '100')).toBe(true);
  });

  it('opens on the view its URL asks for, as from a shared link', async () => {
    const matrix = serveMatrix(query =>
      // The answer to a filtered page lists only what passes the filters.
      query.has('department')
        ? makeChecklistMatrix({ departments: [commerce], totalCount: 2000 })
        : makeChecklistMatrix({ totalCount: 2000 }),
    );
    await render(
      '/ospo?department=group:default/commerce&status=not-started&sort=completion&order=desc&page=2',
    );

    expect(await screen.findByText('101-200 of 2000')).toBeInTheDocument();
    expect(paramsOf(matrix.pages()[0])).toEqual({
      department: commerce.ref,
      status: 'not-started',
      sort: 'completion',
      order: 'desc',
      limit: '100',
      offset: '100',
    });
    expect(matrix.pages()).toHaveLength(1);
    expect(screen.getByLabelText('Department')).toHaveTextContent('Commerce');
    expect(screen.getByLabelText('Teams with an item')).toHaveTextContent(
      'Not started',
    );
    expect(screen.getByLabelText('Sort')).toHaveTextContent(
      'Highest completion first',
    );
    expect(
      screen.getByRole('columnheader', { name: 'Completion' }),
    ).toHaveAttribute('aria-sort', 'descending');

    // The other departments are on offer all the same: one unfiltered team
    // was asked for, for the lists.
    await waitFor(() =>
      expect(matrix.queries.map(paramsOf)).toContainEqual({ limit: '1' }),
    );
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Department'));
    const listbox = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual(['All departments', 'Engineering', 'Commerce', 'Marketing']),
    );
  });

  it('keeps its view in the URL, replacing the history entry', async () => {
    const matrix = serveMatrix(() => makeChecklistMatrix({ totalCount: 2000 }));
    const user = userEvent.setup();
    await render('/ospo');
    await screen.findByText('1-100 of 2000');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/ospo$/);

    await choose(user, 'Department', 'Commerce');
    expect(urlQuery()).toEqual({ department: commerce.ref });
    expect(screen.getByTestId('navigation-type')).toHaveTextContent('REPLACE');
    await waitFor(() =>
      expect(matrix.last().get('department')).toBe(commerce.ref),
    );

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(urlQuery()).toEqual({ department: commerce.ref, page: '2' });
    await waitFor(() => expect(matrix.last().get('offset')).toBe('100'));

    // Another filter or order starts again from the first page.
    await choose(user, 'Teams with an item', 'No answer');
    expect(urlQuery()).toEqual({
      department: commerce.ref,
      status: 'unanswered',
    });
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await user.click(screen.getByRole('button', { name: 'Completion' }));
    expect(urlQuery()).toEqual({
      department: commerce.ref,
      status: 'unanswered',
      sort: 'completion',
    });
    await user.click(screen.getByRole('button', { name: 'Completion' }));
    await choose(user, 'Checklist', 'Inner source');
    expect(urlQuery()).toEqual({
      department: commerce.ref,
      checklist: 'innersource',
      status: 'unanswered',
      sort: 'completion',
      order: 'desc',
    });
    await waitFor(() =>
      expect(paramsOf(matrix.last())).toEqual({
        department: commerce.ref,
        checklistId: 'innersource',
        status: 'unanswered',
        sort: 'completion',
        order: 'desc',
        limit: '100',
        offset: '0',
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(urlQuery()).toEqual({ sort: 'completion', order: 'desc' });
    await choose(user, 'Sort', 'By department');
    // Back to the defaults, back to a plain URL.
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/ospo$/);
    expect(screen.getByTestId('navigation-type')).toHaveTextContent('REPLACE');
  });

  it('comes back to the same view from a team', async () => {
    const matrix = serveMatrix();
    const user = userEvent.setup();
    await render('/ospo');
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });
    await choose(user, 'Teams with an item', 'Done');

    await screen.findByRole('button', { name: 'Billing: Creation — done' });
    await user.click(screen.getByRole('link', { name: 'Billing' }));
    expect(screen.getByTestId('location')).toHaveTextContent(
      /^\/catalog\/default\/group\/billing$/,
    );

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByTestId('location')).toHaveTextContent(
      /^\/ospo\?status=done$/,
    );
    expect(screen.getByLabelText('Teams with an item')).toHaveTextContent(
      'Done',
    );
    await waitFor(() => expect(matrix.last().get('status')).toBe('done'));
  });

  it('falls back to the defaults for what it cannot read in its URL', async () => {
    const matrix = serveMatrix();
    await render(
      '/ospo?department=user:default/jane&status=finished&sort=title&order=sideways&page=-2',
    );
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });

    expect(matrix.queries.map(paramsOf)).toEqual([
      { sort: 'department', order: 'asc', limit: '100', offset: '0' },
    ]);
    expect(screen.getByLabelText('Department')).toHaveTextContent(
      'All departments',
    );
    expect(screen.getByLabelText('Teams with an item')).toHaveTextContent(
      'Any answer',
    );
    expect(screen.getByLabelText('Sort')).toHaveTextContent('By department');
    expect(screen.getByText('1-4 of 4')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Clear filters' }),
    ).not.toBeInTheDocument();
  });

  it('shows the last page for a page past it', async () => {
    const matrix = serveMatrix(query =>
      Number(query.get('offset')) >= 2000
        ? makeChecklistMatrix({ teams: [], totalCount: 2000 })
        : makeChecklistMatrix({ totalCount: 2000 }),
    );
    await render('/ospo?status=done&page=50');

    expect(await screen.findByText('1901-2000 of 2000')).toBeInTheDocument();
    expect(urlQuery()).toEqual({ status: 'done', page: '20' });
    expect(matrix.pages().map(q => q.get('offset'))).toEqual(['4900', '1900']);
    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
  });

  it('says so in words when its URL names a department the server does not know', async () => {
    const matrix = serveMatrix();
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
        const department = new URL(request.url).searchParams.get('department');
        return department === 'group:default/gone'
          ? HttpResponse.json(
              makeErrorBody(
                404,
                'NotFoundError',
                'No department group:default/gone',
              ),
              { status: 404 },
            )
          : undefined;
      }),
    );
    const user = userEvent.setup();
    await render('/ospo?department=group:default/gone&sort=completion');

    expect(
      await screen.findByText('Unknown department or checklist'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^No department group:default\/gone\. The link may be/),
    ).toBeInTheDocument();
    // Not the raw response.
    expect(screen.queryByText(/Full Error as JSON/i)).not.toBeInTheDocument();
    expect(screen.queryByText(/404/)).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    // The select still says what was asked for.
    expect(screen.getByLabelText('Department')).toHaveTextContent(
      'group:default/gone',
    );

    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clear[clear.length - 1]);
    expect(urlQuery()).toEqual({ sort: 'completion' });
    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
    expect(paramsOf(matrix.last())).toEqual({
      sort: 'completion',
      order: 'asc',
      limit: '100',
      offset: '0',
    });
  });

  it('keeps the error panel for a failure that is not about the filters', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, () =>
        HttpResponse.json(
          makeErrorBody(500, 'Error', 'The database is on fire'),
          { status: 500 },
        ),
      ),
    );
    await render('/ospo?status=done');
    expect(
      (await screen.findAllByText(/The database is on fire/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Unknown department or checklist'),
    ).not.toBeInTheDocument();
  });

  it('exports the filtered heat map as CSV', async () => {
    serveMatrix();
    const csvQueries: URLSearchParams[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists.csv`, ({ request }) => {
        csvQueries.push(new URL(request.url).searchParams);
        return new HttpResponse('team,department\nCheckout,Commerce\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await render();
      await screen.findByRole('button', { name: 'Checkout: Creation — done' });
      await choose(user, 'Department', 'Commerce');

      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(downloads.downloads).toHaveLength(1));
      expect(paramsOf(csvQueries[0])).toEqual({ department: commerce.ref });
      const [download] = downloads.downloads;
      expect(download.filename).toBe('ospo-checklists.csv');
      expect(download.blob.type).toBe('text/csv;charset=utf-8');
      expect(await blobText(download.blob)).toBe(
        'team,department\nCheckout,Commerce\n',
      );
    } finally {
      downloads.restore();
    }
  });

  it('says why an export failed', async () => {
    serveMatrix();
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists.csv`, () =>
        HttpResponse.json(
          makeErrorBody(503, 'ServiceUnavailableError', 'Try again later'),
          { status: 503 },
        ),
      ),
    );
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await render();
      await user.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Export failed: Try again later',
      );
      expect(downloads.downloads).toHaveLength(0);
    } finally {
      downloads.restore();
    }
  });

  it('shows progress while the first page loads', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, async () => {
        await delay('infinite');
        return HttpResponse.json(makeChecklistMatrix());
      }),
    );
    await render();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when the heat map cannot be loaded', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, () =>
        HttpResponse.json(
          makeErrorBody(500, 'Error', 'The database is on fire'),
          { status: 500 },
        ),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/The database is on fire/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when no team matches the filters, and clears them', async () => {
    const matrix = serveMatrix(query =>
      query.get('status')
        ? makeChecklistMatrix({ teams: [], totalCount: 0, departments: [] })
        : makeChecklistMatrix(),
    );
    const user = userEvent.setup();
    await render();
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });

    await choose(user, 'Teams with an item', 'Not applicable');
    expect(
      await screen.findByText('No teams match these filters'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clear[clear.length - 1]);
    await waitFor(() => expect(matrix.last().has('status')).toBe(false));
    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
  });

  it('says when there are no teams or no checklist items yet', async () => {
    serveMatrix(() =>
      makeChecklistMatrix({ teams: [], totalCount: 0, departments: [] }),
    );
    const { unmount } = await render();
    expect(await screen.findByText('No teams yet')).toBeInTheDocument();
    unmount();

    serveMatrix(() => makeChecklistMatrix({ columns: [], checklists: [] }));
    await render();
    expect(
      await screen.findByText('No checklist items to show'),
    ).toBeInTheDocument();
  });
});
