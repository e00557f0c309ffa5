import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { gate } from '../../__testUtils__/gate';
import { setupServer } from 'msw/node';
import {
  LatestMetrics,
  MetricHistory,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import {
  makeLatestMetrics,
  makeMetricHistory,
  makeMetricValue,
} from '../../__testUtils__/metricFixtures';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import {
  makeChecklistMatrix,
  makeScope,
  makeScopeValues,
} from '../../__testUtils__/dashboardFixtures';
import { liveChecklistFigures } from '../../utils/liveChecklistFigures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { MetricTilesCard } from './MetricTilesCard';

// Popovers, selects and dialogs go through MUI transitions; give them room
// on a busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const DAY = 24 * 60 * 60 * 1000;
const MINUS = '\u2212';

const value = makeMetricValue.bind(undefined, ORG_SCOPE);
const history = makeMetricHistory.bind(undefined, ORG_SCOPE);

function orgMetrics(): LatestMetrics {
  return makeLatestMetrics(
    ORG_SCOPE,
    [
      value('ownership.coverage', {
        value: 0.75,
        numerator: 1200,
        denominator: 1600,
      }),
      value('license.denied', { value: 12 }),
      value('consultations.first-response', { value: 60, denominator: 40 }),
    ],
    { scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' } },
  );
}

/** Serves the organisation's metrics; records the history requests. */
function serveOrg(
  latest: LatestMetrics = orgMetrics(),
  histories: MetricHistory[] = [
    history('ownership.coverage', [0.5, 0.6, 0.75]),
    history('license.denied', [20, 12]),
    history('consultations.first-response', [12, 60]),
  ],
) {
  const historyQueries: URLSearchParams[] = [];
  const latestQueries: URLSearchParams[] = [];
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/latest`, ({ request }) => {
      latestQueries.push(new URL(request.url).searchParams);
      return HttpResponse.json(latest);
    }),
    http.get(`${OSPO_BASE_URL}/metrics/history`, ({ request }) => {
      historyQueries.push(new URL(request.url).searchParams);
      return HttpResponse.json({ items: histories });
    }),
  );
  return { historyQueries, latestQueries };
}

/** The tile of one metric. */
function tile(title: string) {
  return within(screen.getByRole('region', { name: title }));
}

describe('MetricTilesCard', () => {
  it('shows a tile per metric: the org-wide figure, its change and trend', async () => {
    const requests = serveOrg();
    await renderOspoPage(<MetricTilesCard />);

    await screen.findByRole('region', { name: 'Ownership coverage' });
    // Every published metric gets a tile, measured or not.
    expect(document.querySelectorAll('[data-metric]')).toHaveLength(
      orgMetrics().definitions.length,
    );
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      'Organisation-wide · computed 1 hour ago',
    );

    const ownership = tile('Ownership coverage');
    expect(ownership.getByText('75%')).toBeInTheDocument();
    expect(ownership.getByText('1,200 of 1,600')).toBeInTheDocument();
    expect(
      ownership.getByText('+25 pts').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'good');
    expect(ownership.getByText('90 days')).toBeInTheDocument();
    expect(
      ownership.getByRole('img', {
        name: 'Ownership coverage, last 90 days: from 50% to 75% over 3 points',
      }),
    ).toBeInTheDocument();

    const denied = tile('Denied licenses');
    expect(denied.getByText('12')).toBeInTheDocument();
    expect(
      denied.getByText(`${MINUS}8`).closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'good');

    const response = tile('Time to first OSPO response');
    expect(response.getByText('2.5 d')).toBeInTheDocument();
    expect(response.getByText('median of 40')).toBeInTheDocument();
    expect(response.getByText('+2 d').closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'bad',
    );

    // Not measured: a dash, not a zero.
    expect(tile('Docs coverage').getAllByText('—')).toHaveLength(2);

    // One request for every metric's history, for the organisation.
    expect(requests.latestQueries).toHaveLength(1);
    expect(requests.latestQueries[0].get('scope')).toBe('org');
    expect(requests.historyQueries).toHaveLength(1);
    const query = requests.historyQueries[0];
    expect(query.get('scope')).toBe('org');
    expect(Date.parse(query.get('to')!) - Date.parse(query.get('from')!)).toBe(
      90 * DAY,
    );
  });

  it('opens the published definition from a tile', async () => {
    serveOrg();
    const user = userEvent.setup();
    await renderOspoPage(<MetricTilesCard />);

    await user.click(
      await screen.findByRole('button', { name: 'About Ownership coverage' }),
    );
    const definition = within(
      await screen.findByRole('dialog', { name: 'Ownership coverage' }),
    );
    expect(
      definition.getByText(
        'Share of components owned by a team that exists in the catalog.',
      ),
    ).toBeInTheDocument();
    expect(definition.getByText('Higher is better')).toBeInTheDocument();
    // The definition is not the drill-down.
    expect(
      screen.queryByRole('dialog', { name: /by department/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the change over the period chosen', async () => {
    const requests = serveOrg();
    const user = userEvent.setup();
    await renderOspoPage(<MetricTilesCard />);
    await screen.findByRole('region', { name: 'Ownership coverage' });

    await user.click(screen.getByLabelText('Period'));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Last 30 days', 'Last 90 days', 'Last 365 days']);
    await user.click(within(listbox).getByText('Last 365 days'));

    await waitFor(() => expect(requests.historyQueries).toHaveLength(2));
    const query = requests.historyQueries[1];
    expect(Date.parse(query.get('to')!) - Date.parse(query.get('from')!)).toBe(
      365 * DAY,
    );
    expect(
      await tile('Ownership coverage').findByText('365 days'),
    ).toBeInTheDocument();
  });

  it("opens a metric's values by department from its tile", async () => {
    serveOrg();
    const parents: Array<string | null> = [];
    server.use(
      http.get(
        `${OSPO_BASE_URL}/metrics/ownership.coverage/values`,
        ({ request }) => {
          parents.push(new URL(request.url).searchParams.get('parent'));
          return HttpResponse.json(
            makeScopeValues('ownership.coverage', [
              {
                scope: makeScope('group:default/engineering', 'Engineering', {
                  type: 'department',
                  childRefs: ['group:default/platform'],
                }),
                value: { value: 0.8 },
              },
              // Two at the top: neither is passed over as the root.
              {
                scope: makeScope('group:default/marketing', 'Marketing'),
                value: { value: 0.5 },
              },
            ]),
          );
        },
      ),
    );
    const user = userEvent.setup();
    await renderOspoPage(<MetricTilesCard />);

    await user.click(
      await screen.findByRole('button', {
        name: 'Ownership coverage by department',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Ownership coverage by department',
      }),
    );
    expect(await dialog.findByText('80%')).toBeInTheDocument();
    expect(parents).toEqual(['org']);
    // The organisation's own figure heads the list.
    expect(dialog.getByTestId('drill-down-summary')).toHaveTextContent(
      '75%1,200 of 1,600',
    );

    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Clicking the figures opens it too.
    await user.click(tile('Denied licenses').getByText('12'));
    expect(
      await screen.findByRole('dialog', {
        name: 'Denied licenses by department',
      }),
    ).toBeInTheDocument();
  });

  it('says when no metrics run has finished yet', async () => {
    serveOrg(makeLatestMetrics(ORG_SCOPE, [], { computedAt: undefined }), []);
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/status`, () => HttpResponse.json({})),
    );
    await renderOspoPage(<MetricTilesCard />);
    expect(await screen.findByText('No metrics run yet')).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('says no run yet rather than zeros when the only run found the catalog empty', async () => {
    serveOrg(makeLatestMetrics(ORG_SCOPE, [], { computedAt: undefined }), []);
    const finishedAt = new Date(Date.now() - 30 * 1000).toISOString();
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/status`, () =>
        HttpResponse.json({
          lastSkip: {
            runId: 'r1',
            startedAt: finishedAt,
            finishedAt,
            reason: 'catalog-empty',
            nextAttemptBy: new Date(Date.now() + 200 * 1000).toISOString(),
          },
        }),
      ),
    );
    await renderOspoPage(<MetricTilesCard />);
    expect(await screen.findByText('No metrics run yet')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'The last attempt, just now, found the catalog empty, as it is while it still loads, and stored nothing. The next attempt is due in 3 minutes.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('0')).not.toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('shows progress, then the error when the metrics cannot be loaded', async () => {
    const response = gate();
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/latest`, async () => {
        await response.passed;
        return HttpResponse.json(
          makeErrorBody(500, 'Error', 'Metrics store unavailable'),
          { status: 500 },
        );
      }),
      http.get(`${OSPO_BASE_URL}/metrics/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderOspoPage(<MetricTilesCard />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    response.open();
    expect(
      (await screen.findAllByText(/Metrics store unavailable/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });
  it('tells when the figures were computed and when the next run is due', async () => {
    serveOrg({
      ...orgMetrics(),
      nextRunAt: new Date(
        Date.now() + 3 * 60 * 60 * 1000 + 60_000,
      ).toISOString(),
    });
    const { unmount } = await renderOspoPage(<MetricTilesCard />);
    await screen.findByRole('region', { name: 'Ownership coverage' });
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      'Organisation-wide · computed 1 hour ago · next run in 3 hours',
    );
    unmount();

    // Without a schedule to tell from, nothing is said about the next run.
    serveOrg();
    await renderOspoPage(<MetricTilesCard />);
    await screen.findByRole('region', { name: 'Ownership coverage' });
    expect(screen.getByTestId('info-card-subheader')).not.toHaveTextContent(
      /next run/,
    );
  });

  it('labels the checklist tiles with the run’s time, and shows the heat map’s live figure when the page has it', async () => {
    const latest = makeLatestMetrics(
      ORG_SCOPE,
      [
        value('checklist.completion', {
          value: 0.1,
          numerator: 3,
          denominator: 30,
        }),
        value('checklist.teams-complete', {
          value: 0,
          numerator: 0,
          denominator: 4,
        }),
        value('ownership.coverage', {
          value: 0.75,
          numerator: 1200,
          denominator: 1600,
        }),
      ],
      {
        scope: { ref: ORG_SCOPE, type: 'org', title: 'Organisation' },
        nextRunAt: new Date(
          Date.now() + 5 * 60 * 60 * 1000 + 60_000,
        ).toISOString(),
      },
    );
    serveOrg(latest, [history('checklist.completion', [0.05, 0.1])]);
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/checklist.completion/values`, () =>
        HttpResponse.json(
          makeScopeValues('checklist.completion', [
            {
              scope: makeScope('group:default/engineering', 'Engineering', {
                type: 'department',
              }),
              value: { value: 0.2, numerator: 3, denominator: 15 },
            },
          ]),
        ),
      ),
    );

    // Before the page has read the heat map: the run's figures, with its time.
    const { unmount } = await renderOspoPage(<MetricTilesCard />);
    await screen.findByRole('region', { name: 'Checklist completion' });
    expect(tile('Checklist completion').getByText('10%')).toBeInTheDocument();
    expect(tile('Checklist completion').getByText(/as of/)).toHaveTextContent(
      'as of 1 hour ago',
    );
    expect(
      tile('Teams with every item done').getByText(/as of/),
    ).toHaveTextContent('as of 1 hour ago');
    expect(
      tile('Ownership coverage').queryByText(/as of/),
    ).not.toBeInTheDocument();
    unmount();

    // The heat map's organisation row: 4 of 27 items done, no team complete.
    const matrix = makeChecklistMatrix();
    expect([matrix.total.done, matrix.total.applicable]).toEqual([4, 27]);
    const user = userEvent.setup();
    await renderOspoPage(
      <MetricTilesCard
        liveChecklists={liveChecklistFigures(
          matrix,
          ORG_SCOPE,
          new Date().toISOString(),
        )}
      />,
    );
    await screen.findByRole('region', { name: 'Checklist completion' });
    const completion = tile('Checklist completion');
    expect(completion.getByText('15%')).toBeInTheDocument();
    expect(completion.getByText('4 of 27 · live')).toBeInTheDocument();
    expect(completion.getByText(/as of/)).toHaveTextContent(
      '10% as of 1 hour ago',
    );
    // The same in the run and now: one figure.
    const complete = tile('Teams with every item done');
    expect(complete.getByText('0 of 4 · live')).toBeInTheDocument();
    expect(complete.queryByText(/as of/)).not.toBeInTheDocument();

    // The drill-down heads with the same figures, and says whose the
    // Groups' are.
    await user.click(
      completion.getByRole('button', {
        name: 'Checklist completion by department',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Checklist completion by department',
      }),
    );
    expect(await dialog.findByText('20%')).toBeInTheDocument();
    const summary = within(dialog.getByTestId('drill-down-summary'));
    expect(summary.getByText('4 of 27 · live')).toBeInTheDocument();
    expect(summary.getByText(/as of/)).toHaveTextContent(
      '10% as of 1 hour ago',
    );
    expect(
      dialog.getByText(/^Computed/).closest('.MuiTypography-caption'),
    ).toHaveTextContent(
      'Computed 1 hour ago · next run in 5 hours. The Groups’ figures are the run’s; the checklist heat map shows the current answers.',
    );
  });

  it('shows the tiles by group, each group folding away', async () => {
    serveOrg();
    const user = userEvent.setup();
    await renderOspoPage(<MetricTilesCard />);

    const catalog = await screen.findByRole('button', {
      name: 'Catalog 9 metrics',
    });
    expect(
      screen
        .getAllByRole('button', { expanded: true })
        .map(button => button.textContent),
    ).toEqual([
      'Catalog 9 metrics',
      'Checklists 2 metrics',
      'Consultations 3 metrics',
    ]);
    expect(catalog).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('region', { name: 'Ownership coverage' }),
    ).toBeInTheDocument();

    await user.click(catalog);
    expect(catalog).toHaveAttribute('aria-expanded', 'false');
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Ownership coverage' }),
      ).not.toBeInTheDocument(),
    );
    // The other groups stay as they were.
    expect(
      screen.getByRole('region', { name: 'Time to first OSPO response' }),
    ).toBeInTheDocument();
  });
});
