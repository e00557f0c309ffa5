import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import { MetricsRunStatus, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import {
  commerce,
  makeChecklistMatrix,
} from '../../__testUtils__/dashboardFixtures';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeErrorBody,
} from '../../__testUtils__/ospoFixtures';
import {
  makeLatestMetrics,
  makeMetricValue,
} from '../../__testUtils__/metricFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import {
  finishedRunStatus,
  serveDashboard,
} from '../../__testUtils__/serveDashboard';
import { OspoDashboardPage } from './OspoDashboardPage';

// Every permission is allowed in this file: usePermission caches decisions
// per test file, so the denied case has a file of its own.

jest.setTimeout(30_000);

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const running = (processedEntities: number): MetricsRunStatus => ({
  ...finishedRunStatus,
  running: { runId: 'run-2', startedAt: daysAgo(0), processedEntities },
});

/** Answers the status reads with these statuses in turn, the last for good. */
function serveStatuses(statuses: MetricsRunStatus[]) {
  let reads = 0;
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/status`, () =>
      HttpResponse.json(statuses[Math.min(reads++, statuses.length - 1)]),
    ),
  );
  return () => reads;
}

const render = () => renderOspoPage(<OspoDashboardPage pollIntervalMs={20} />);

function LocationDisplay() {
  const location = useLocation();
  return (
    <div data-testid="location">
      {location.pathname}
      {location.search}
    </div>
  );
}

describe('OspoDashboardPage', () => {
  it('shows where the organisation stands, section by section', async () => {
    serveDashboard(server);
    await render();

    expect(
      screen.getByRole('heading', { name: 'Open Source Program Office' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Dashboard')).toBeInTheDocument();
    for (const title of [
      'Metrics',
      'Consultations',
      'Where to act',
      'Dependencies and vulnerabilities',
      'Checklist progress',
    ]) {
      // The cards' titles, not the metric groups of the same name.
      expect(
        screen.getByText(title, { selector: '[class*="headerTitle"]' }),
      ).toBeInTheDocument();
    }
    expect(
      await screen.findByRole('region', { name: 'Ownership coverage' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', {
        name: 'Can we publish the payments SDK?',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No component uses a denied license.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('tab', { name: 'Main offenders (7)' }),
    ).toBeInTheDocument();
  });

  it("opens the heat map on the view in the page's URL, and keeps it there", async () => {
    const counts = serveDashboard(server);
    const heatMapQueries: URLSearchParams[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
        heatMapQueries.push(new URL(request.url).searchParams);
        return HttpResponse.json(makeChecklistMatrix());
      }),
    );
    const user = userEvent.setup();
    await renderOspoPage(
      <>
        <OspoDashboardPage pollIntervalMs={20} />
        <LocationDisplay />
      </>,
      { routeEntries: ['/ospo?department=group:default/commerce&page=1'] },
    );

    await screen.findByRole('button', { name: 'Checkout: Creation — done' });
    await screen.findByRole('region', { name: 'Ownership coverage' });
    const pages = () => heatMapQueries.filter(q => q.get('limit') === '100');
    expect(pages().map(q => q.get('department'))).toEqual([commerce.ref]);
    expect(screen.getByLabelText('Department')).toHaveTextContent('Commerce');

    await user.click(screen.getByLabelText('Teams with an item'));
    const listbox = await screen.findByRole('listbox');
    await user.click(within(listbox).getByText('Not started'));
    await waitFor(() =>
      expect(pages().map(q => q.get('status'))).toEqual([null, 'not-started']),
    );
    expect(pages()[1].get('department')).toBe(commerce.ref);
    const url = new URL(
      screen.getByTestId('location').textContent ?? '',
      'http://localhost',
    );
    expect(url.pathname).toBe('/ospo');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      department: commerce.ref,
      status: 'not-started',
    });
    // Only the heat map follows its filters; the rest is not loaded again.
    expect(counts['/metrics/latest']).toBe(1);
    expect(counts['/dashboard/consultations']).toBe(1);
  });

  it('lets OSPO staff start a metrics run, follows it, then reloads the figures', async () => {
    const counts = serveDashboard(server);
    const reads = serveStatuses([
      finishedRunStatus,
      running(1500),
      running(2600),
      finishedRunStatus,
    ]);
    let started = 0;
    server.use(
      http.post(`${OSPO_BASE_URL}/metrics/refresh`, () => {
        started += 1;
        return HttpResponse.json(running(0), { status: 202 });
      }),
    );
    const user = userEvent.setup();
    await render();

    const button = await screen.findByRole('button', {
      name: 'Refresh metrics',
    });
    expect(await screen.findByText(/^Updated/)).toHaveTextContent(
      'Updated 1 hour ago',
    );
    await screen.findByRole('region', { name: 'Ownership coverage' });
    expect(counts['/metrics/latest']).toBe(1);
    expect(counts['/metrics/license.denied/findings']).toBe(1);

    await user.click(button);
    expect(started).toBe(1);
    await waitFor(() =>
      expect(
        screen.getByRole('progressbar', { name: 'Metrics run' }),
      ).toHaveAttribute('aria-valuetext', '2,600 catalog entities read'),
    );
    expect(button).toBeDisabled();

    // Once the run is over: the button is back and the figures load again.
    await waitFor(() => expect(button).toBeEnabled());
    await waitFor(() => expect(counts['/metrics/latest']).toBe(2));
    expect(counts['/metrics/history']).toBe(2);
    expect(counts['/metrics/license.denied/findings']).toBe(2);
    expect(counts['/metrics/ownership.coverage/findings']).toBe(2);
    expect(screen.queryByText('Computing…')).not.toBeInTheDocument();
    // And polling stops.
    const settled = reads();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(reads()).toBe(settled);
  });

  it('follows a run someone else started first', async () => {
    serveDashboard(server);
    serveStatuses([finishedRunStatus, running(42)]);
    server.use(
      http.post(`${OSPO_BASE_URL}/metrics/refresh`, () =>
        HttpResponse.json(
          makeErrorBody(409, 'ConflictError', 'A metrics run is under way'),
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Refresh metrics' }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Metrics run' }),
    ).toHaveAttribute(
      'aria-valuetext',
      '42 of about 2,400 catalog entities read',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why a run could not be started, and why the last one failed', async () => {
    serveDashboard(server, {
      status: {
        ...finishedRunStatus,
        lastFailure: {
          runId: 'run-0',
          startedAt: daysAgo(0.02),
          finishedAt: daysAgo(0.01),
          error: 'Catalog unreachable',
        },
      },
    });
    server.use(
      http.post(`${OSPO_BASE_URL}/metrics/refresh`, () =>
        HttpResponse.json(
          makeErrorBody(403, 'NotAllowedError', 'Only OSPO staff may do this'),
          { status: 403 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    expect(await screen.findByText(/^The last run failed/)).toHaveTextContent(
      'The last run failed 14 minutes ago: Catalog unreachable',
    );

    await user.click(screen.getByRole('button', { name: 'Refresh metrics' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only OSPO staff may do this',
    );
    expect(
      screen.getByRole('button', { name: 'Refresh metrics' }),
    ).toBeEnabled();
  });

  it('keeps the last figures, and says a later run found the catalog empty', async () => {
    serveDashboard(server, {
      status: {
        ...finishedRunStatus,
        lastSkip: {
          runId: 'run-2',
          startedAt: daysAgo(0.002),
          finishedAt: daysAgo(0.002),
          reason: 'catalog-empty',
          nextAttemptBy: new Date(Date.now() + 5 * 60 * 1000).toISOString(),
        },
      },
    });
    await render();

    expect(
      await screen.findByText(/found the catalog empty/),
    ).toHaveTextContent(
      'The last run 3 minutes ago found the catalog empty and stored nothing. The next attempt is due in 5 minutes.',
    );
    expect(
      await screen.findByRole('region', { name: 'Ownership coverage' }),
    ).toBeInTheDocument();
  });
  it('shows the checklist completion of the heat map on its metric tile, with the run’s as of its time', async () => {
    const counts = serveDashboard(server);
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/latest`, () =>
        HttpResponse.json(
          makeLatestMetrics(
            ORG_SCOPE,
            [
              makeMetricValue(ORG_SCOPE, 'checklist.completion', {
                value: 0.1,
                numerator: 3,
                denominator: 30,
              }),
            ],
            {
              scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
              nextRunAt: new Date(Date.now() + 2 * HOUR + MINUTE).toISOString(),
            },
          ),
        ),
      ),
    );
    await render();

    const completion = within(
      await screen.findByRole('region', { name: 'Checklist completion' }),
    );
    // The heat map's organisation row: 4 of 27.
    expect(await completion.findByText('4 of 27 · live')).toBeInTheDocument();
    expect(completion.getByText('15%')).toBeInTheDocument();
    expect(completion.getByText(/as of/)).toHaveTextContent(
      '10% as of 1 hour ago',
    );
    expect(screen.getAllByTestId('info-card-subheader')[0]).toHaveTextContent(
      'Organisation-wide · computed 1 hour ago · next run in 2 hours',
    );
    // Read from the heat map the page loads anyway: no request of its own.
    await screen.findByRole('button', { name: 'Checkout: Creation — done' });
    expect(counts['/dashboard/checklists']).toBe(2);
  });
});
