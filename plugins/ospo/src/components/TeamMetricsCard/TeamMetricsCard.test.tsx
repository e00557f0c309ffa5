import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ChecklistCellStatus,
  ChecklistMatrix,
  LatestMetrics,
  MetricHistory,
  MetricsRunStatus,
} from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeAnswer,
  makeErrorBody,
  makeTeamChecklists,
  ospoChecklist,
} from '../../__testUtils__/ospoFixtures';
import {
  makeChecklistMatrix,
  makeMatrixDepartment,
  makeMatrixTeam,
  matrixColumns,
} from '../../__testUtils__/dashboardFixtures';
import { notifyChecklistAnswerChanged } from '../../hooks/checklistAnswerChanges';
import { TeamChecklistCard } from '../TeamChecklistCard';
import {
  makeLatestMetrics,
  makeMetricHistory,
  makeMetricValue,
} from '../../__testUtils__/metricFixtures';
import { renderOspoCard } from '../../__testUtils__/renderOspoCard';
import { TeamMetricsCard } from './TeamMetricsCard';

// Popovers and tooltips go through MUI transitions; give them room on a busy
// CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(20_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const teamRef = 'group:default/payments';
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const MINUS = '\u2212';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const columns = matrixColumns([ospoChecklist]);

/**
 * The heat map of the team alone, as `department=<team>` returns it: its row
 * and the roll-up, from its current answers.
 */
function teamMatrix(
  statuses: Record<string, ChecklistCellStatus>,
): ChecklistMatrix {
  const team = makeMatrixTeam(
    teamRef,
    'payments',
    undefined,
    statuses,
    columns,
  );
  return makeChecklistMatrix({
    checklists: [ospoChecklist],
    columns,
    total: makeMatrixDepartment(
      'org',
      'Organisation',
      { depth: 0 },
      [team],
      columns,
    ),
    departments: [],
    teams: [team],
    totalCount: 1,
  });
}

/**
 * Serves the team's metrics and the heat map of its current answers (none
 * by default), and records the requests made for them.
 */
function serveMetrics(latest: LatestMetrics, history: MetricHistory[] = []) {
  const state = {
    latest,
    history,
    matrix: teamMatrix({}),
    matrixStatus: 200,
    latestUrls: [] as URL[],
    historyUrls: [] as URL[],
    matrixUrls: [] as URL[],
  };
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/latest`, ({ request }) => {
      state.latestUrls.push(new URL(request.url));
      return HttpResponse.json(state.latest);
    }),
    http.get(`${OSPO_BASE_URL}/metrics/history`, ({ request }) => {
      state.historyUrls.push(new URL(request.url));
      return HttpResponse.json({ items: state.history });
    }),
    http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
      state.matrixUrls.push(new URL(request.url));
      return state.matrixStatus === 200
        ? HttpResponse.json(state.matrix)
        : HttpResponse.json(
            makeErrorBody(
              state.matrixStatus,
              'NotAllowedError',
              'You may not read checklists',
            ),
            { status: state.matrixStatus },
          );
    }),
  );
  return state;
}

function serveStatus(status: MetricsRunStatus) {
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/status`, () =>
      HttpResponse.json(status),
    ),
  );
}

/** The table row of one metric, found by its title. */
function metricRow(title: string) {
  const row = screen.getByText(title, { selector: 'th span' }).closest('tr');
  if (!row) {
    throw new Error(`No row for ${title}`);
  }
  return within(row);
}

const value = makeMetricValue.bind(undefined, teamRef);
const history = makeMetricHistory.bind(undefined, teamRef);

/** A team with a figure of every unit, a gap and breakdowns. */
function serveTeam() {
  return serveMetrics(
    makeLatestMetrics(teamRef, [
      value('inventory.components', {
        value: 1234,
        breakdown: {
          type: { website: 3, service: 12, library: 0 },
          lifecycle: {
            production: 800,
            experimental: 200,
            deprecated: 100,
            sunset: 90,
            legacy: 40,
            unknown: 4,
          },
        },
      }),
      value('ownership.coverage', {
        value: 0.75,
        numerator: 12,
        denominator: 16,
      }),
      value('docs.coverage', { numerator: 0, denominator: 0 }),
      value('license.denied', {
        value: 2,
        breakdown: {
          license: { 'GPL-3.0-only': 1, 'AGPL-3.0-only': 1 },
          policy: { denied: 2 },
        },
      }),
      value('consultations.first-response', { value: 3.5, denominator: 7 }),
      value('consultations.backlog', { value: 4 }),
    ]),
    [
      history('inventory.components', [1200, 1234]),
      history('ownership.coverage', [0.5, 0.6, 0.75]),
      history('docs.coverage', [0.5, undefined]),
      history('license.denied', [5, 2]),
      history('consultations.first-response', [2, undefined, 3.5]),
      history('consultations.backlog', [4, 4]),
    ],
  );
}

const render = () => renderOspoCard(<TeamMetricsCard />, { entity: payments });

describe('TeamMetricsCard', () => {
  it('asks for the team’s latest metrics and 90 days of history', async () => {
    const state = serveTeam();
    await render();
    await screen.findByText('Ownership coverage');

    expect(state.latestUrls).toHaveLength(1);
    expect(state.latestUrls[0].searchParams.get('scope')).toBe(teamRef);
    expect(state.historyUrls).toHaveLength(1);
    const params = state.historyUrls[0].searchParams;
    expect(params.get('scope')).toBe(teamRef);
    const from = Date.parse(params.get('from')!);
    const to = Date.parse(params.get('to')!);
    expect(to - from).toBe(90 * 24 * 60 * 60 * 1000);
    expect(Math.abs(to - Date.now())).toBeLessThan(60_000);
  });

  it('shows each metric in its unit with its change and trend', async () => {
    serveTeam();
    await render();

    const card = await screen.findByText('OSPO metrics');
    expect(card).toBeInTheDocument();
    expect(await screen.findByText(/^Computed/)).toHaveTextContent(
      'Computed 1 hour ago',
    );
    expect(
      screen.getByRole('columnheader', { name: 'Last 90 days' }),
    ).toBeInTheDocument();

    const ownership = metricRow('Ownership coverage');
    expect(ownership.getByText('75%')).toBeInTheDocument();
    expect(ownership.getByText('12 of 16')).toBeInTheDocument();
    expect(
      ownership.getByText('+25 pts').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'good');
    expect(
      ownership.getByRole('img', {
        name: 'Ownership coverage, last 90 days: from 50% to 75% over 3 points',
      }),
    ).toBeInTheDocument();

    const components = metricRow('Components');
    expect(components.getByText('1,234')).toBeInTheDocument();
    expect(components.getByText('+34').closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'neutral',
    );

    const denied = metricRow('Denied licenses');
    expect(denied.getByText('2')).toBeInTheDocument();
    expect(
      denied.getByText(`${MINUS}3`).closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'good');

    const response = metricRow('Time to first OSPO response');
    expect(response.getByText('3.5 h')).toBeInTheDocument();
    expect(response.getByText('median of 7')).toBeInTheDocument();
    expect(response.getByText('+1.5 h').closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'bad',
    );
    expect(
      response.getByRole('img', {
        name: 'Time to first OSPO response, last 90 days: from 2 h to 3.5 h over 3 points (1 without a value)',
      }),
    ).toBeInTheDocument();

    const backlog = metricRow('Consultation backlog');
    expect(backlog.getByText('±0')).toBeInTheDocument();
    expect(
      backlog.getByRole('img', {
        name: 'Consultation backlog, last 90 days: steady at 4 over 2 points',
      }),
    ).toBeInTheDocument();

    expect(screen.queryByText(/NaN/)).not.toBeInTheDocument();
  });

  it('shows a dash, explained, where there was nothing to measure', async () => {
    serveTeam();
    const user = userEvent.setup();
    await render();
    await screen.findByText('Docs coverage');

    const docs = metricRow('Docs coverage');
    // No value, and no change to a figure that does not exist.
    expect(docs.getAllByText('—')).toHaveLength(2);
    expect(docs.queryByText('0 of 0')).not.toBeInTheDocument();
    expect(docs.queryByText(/%/)).not.toBeInTheDocument();

    await user.hover(docs.getAllByText('—')[0]);
    expect(
      await screen.findByText(
        'n/a: nothing to measure in the latest run, such as a share of zero components',
      ),
    ).toBeInTheDocument();

    // A metric the run did not report for the team reads the same way.
    const forks = metricRow('Forks');
    expect(forks.getAllByText('—')).toHaveLength(2);
    expect(
      forks.getByRole('img', {
        name: 'Forks, last 90 days: no values over 1 point',
      }),
    ).toBeInTheDocument();
  });

  it('shows breakdowns as chips, largest first', async () => {
    serveTeam();
    const user = userEvent.setup();
    await render();
    await screen.findByText('Components');

    const byType = within(
      screen.getByRole('group', { name: 'Components by Type' }),
    );
    expect(byType.getByText('Type')).toBeInTheDocument();
    expect(byType.getAllByText(/\d$/).map(chip => chip.textContent)).toEqual([
      'service 12',
      'website 3',
    ]);

    const byLifecycle = within(
      screen.getByRole('group', { name: 'Components by Lifecycle' }),
    );
    expect(
      byLifecycle.getAllByText(/\d$/).map(chip => chip.textContent),
    ).toEqual([
      'production 800',
      'experimental 200',
      'deprecated 100',
      'sunset 90',
    ]);
    await user.hover(byLifecycle.getByText('+2 more'));
    expect(
      await screen.findByText('legacy 40 · unknown 4'),
    ).toBeInTheDocument();

    expect(
      within(
        screen.getByRole('group', { name: 'Denied licenses by License' }),
      ).getByText('AGPL-3.0-only 1'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Denied licenses by Policy class' }),
      ).getByText('denied 2'),
    ).toBeInTheDocument();
    // Metrics without a breakdown get no chips.
    expect(
      screen.queryByRole('group', { name: /Ownership coverage by/ }),
    ).not.toBeInTheDocument();
  });

  it('opens the published definition of a metric', async () => {
    serveTeam();
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'About Ownership coverage' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Ownership coverage' }),
    );
    expect(
      dialog.getByText(
        'Share of components owned by a team that exists in the catalog.',
      ),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('How it is computed:').parentElement,
    ).toHaveTextContent(
      'How it is computed: Components whose spec.owner resolves to an existing Group, divided by all components.',
    );
    expect(dialog.getByText('spec.owner').tagName).toBe('CODE');
    expect(dialog.getByText('Percentage')).toBeInTheDocument();
    expect(dialog.getByText('Higher is better')).toBeInTheDocument();
    expect(dialog.getByText('Component')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await user.click(
      screen.getByRole('button', { name: 'About Denied licenses' }),
    );
    const denied = within(
      await screen.findByRole('dialog', { name: 'Denied licenses' }),
    );
    expect(denied.getByText('Lower is better')).toBeInTheDocument();
    expect(denied.getByText('Count')).toBeInTheDocument();
    expect(denied.getByText('Policy class, License')).toBeInTheDocument();
  });

  it('explains a change on hover', async () => {
    serveTeam();
    const user = userEvent.setup();
    await render();
    await screen.findByText('Ownership coverage');

    await user.hover(metricRow('Ownership coverage').getByText('+25 pts'));
    expect(
      await screen.findByText('Better: from 50% (2 weeks ago) to 75%'),
    ).toBeInTheDocument();
  });

  it('shows progress while the metrics load', async () => {
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/latest`, async () => {
        await released;
        return HttpResponse.json(makeLatestMetrics(teamRef, []));
      }),
      http.get(`${OSPO_BASE_URL}/metrics/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, () =>
        HttpResponse.json(teamMatrix({})),
      ),
    );
    await render();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    release();
    expect(
      await screen.findByText('No metrics for this team in the latest run'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('shows the server error', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/latest`, () =>
        HttpResponse.json(
          makeErrorBody(
            404,
            'NotFoundError',
            'No group group:default/payments',
          ),
          { status: 404 },
        ),
      ),
      http.get(`${OSPO_BASE_URL}/metrics/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, () =>
        HttpResponse.json(teamMatrix({})),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
    expect(screen.getByText('404: NotFoundError')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when no run has happened yet, and checks again', async () => {
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [], { computedAt: undefined }),
    );
    serveStatus({
      running: {
        runId: 'r1',
        startedAt: daysAgo(5 / (24 * 60)),
        processedEntities: 1234,
      },
    });
    const user = userEvent.setup();
    await render();

    expect(await screen.findByText('No metrics run yet')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'The first run started 5 minutes ago and has read 1,234 catalog entities so far.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Computed/)).not.toBeInTheDocument();

    state.latest = makeLatestMetrics(teamRef, [
      value('ownership.coverage', { value: 1, numerator: 3, denominator: 3 }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('100%')).toBeInTheDocument();
    expect(screen.getByText('3 of 3')).toBeInTheDocument();
    expect(state.latestUrls).toHaveLength(2);
  });

  it('tells when the last run failed', async () => {
    serveMetrics(makeLatestMetrics(teamRef, [], { computedAt: undefined }));
    serveStatus({
      lastFailure: {
        runId: 'r1',
        startedAt: daysAgo(1),
        finishedAt: daysAgo(1),
        error: 'Catalog unreachable',
      },
    });
    await render();
    expect(
      await screen.findByText('The last run failed: Catalog unreachable'),
    ).toBeInTheDocument();
  });

  it('says no run yet, and when the next is due, after a run found the catalog empty', async () => {
    serveMetrics(makeLatestMetrics(teamRef, [], { computedAt: undefined }));
    serveStatus({
      lastFailure: {
        runId: 'r0',
        startedAt: daysAgo(1),
        finishedAt: daysAgo(1),
        error: 'Catalog unreachable',
      },
      lastSkip: {
        runId: 'r1',
        startedAt: daysAgo(2 / (24 * 60)),
        finishedAt: daysAgo(2 / (24 * 60)),
        reason: 'catalog-empty',
        nextAttemptBy: new Date(Date.now() + 20 * 1000).toISOString(),
      },
    });
    await render();
    expect(await screen.findByText('No metrics run yet')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'The last attempt, 2 minutes ago, found the catalog empty, as it is while it still loads, and stored nothing. The next attempt is due within a minute.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when the team has no metrics in the latest run', async () => {
    serveMetrics(makeLatestMetrics(teamRef, []));
    await render();
    expect(
      await screen.findByText('No metrics for this team in the latest run'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Computed/)).toHaveTextContent(
      'Computed 1 hour ago',
    );
  });
  it('tells when the figures were computed and when the next run is due', async () => {
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [value('ownership.coverage', { value: 1 })], {
        nextRunAt: new Date(Date.now() + 5 * HOUR + MINUTE).toISOString(),
      }),
    );
    const { unmount } = await render();
    await screen.findByText(/^Computed/);
    const subheader = screen.getByTestId('info-card-subheader');
    expect(subheader).toHaveTextContent(
      'Computed 1 hour ago · next run in 5 hours',
    );
    expect(within(subheader).getAllByRole('time')).toHaveLength(2);
    unmount();

    // Overdue, or a run going on.
    state.latest = { ...state.latest, nextRunAt: daysAgo(1 / (24 * 60)) };
    const overdue = await render();
    await screen.findByText(/^Computed/);
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      'Computed 1 hour ago · next run due now',
    );
    overdue.unmount();

    // A schedule that only runs on request: no next run to tell.
    const { nextRunAt: _, ...manual } = state.latest;
    state.latest = manual;
    await render();
    await screen.findByText(/^Computed/);
    const computed = screen.getByTestId('info-card-subheader');
    expect(computed).toHaveTextContent('Computed 1 hour ago');
    expect(computed).not.toHaveTextContent(/next run/);
  });

  it('shows checklist completion from the current answers, and the run’s figure as of its time', async () => {
    // The run counted no item done; the team has done one since.
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [
        value('checklist.completion', {
          value: 0,
          numerator: 0,
          denominator: 5,
        }),
        value('checklist.teams-complete', {
          value: 0,
          numerator: 0,
          denominator: 1,
        }),
        value('ownership.coverage', { value: 1, numerator: 3, denominator: 3 }),
      ]),
      [history('checklist.completion', [0, 0])],
    );
    state.matrix = teamMatrix({ 'ospo/creation': 'done' });
    await render();
    await screen.findByText('Checklist completion');
    expect(state.matrixUrls).toHaveLength(1);
    expect(Object.fromEntries(state.matrixUrls[0].searchParams)).toEqual({
      department: teamRef,
      limit: '1',
    });

    const completion = metricRow('Checklist completion');
    expect(await completion.findByText('20%')).toBeInTheDocument();
    expect(completion.getByText('1 of 5 · live')).toBeInTheDocument();
    expect(completion.getByText(/as of/)).toHaveTextContent(
      '0% as of 1 hour ago',
    );
    // The change and the trend end at the figure shown.
    expect(completion.getByText('+20 pts')).toBeInTheDocument();
    expect(
      completion.getByRole('img', {
        name: 'Checklist completion, last 90 days: from 0% to 20% over 3 points',
      }),
    ).toBeInTheDocument();

    // The same as the run: one figure, live, no second one.
    const complete = metricRow('Teams with every item done');
    expect(complete.getByText('0%')).toBeInTheDocument();
    expect(complete.getByText('0 of 1 · live')).toBeInTheDocument();
    expect(complete.queryByText(/as of/)).not.toBeInTheDocument();

    // Figures that do not come from the answers are the run's, as before.
    const ownership = metricRow('Ownership coverage');
    expect(ownership.getByText('3 of 3')).toBeInTheDocument();
    expect(ownership.queryByText(/live|as of/)).not.toBeInTheDocument();
  });

  it('labels the run’s checklist figures with its time when the answers cannot be read', async () => {
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [
        value('checklist.completion', {
          value: 0,
          numerator: 0,
          denominator: 5,
        }),
        value('ownership.coverage', { value: 1, numerator: 3, denominator: 3 }),
      ]),
    );
    state.matrixStatus = 403;
    await render();
    await screen.findByText('Checklist completion');
    await waitFor(() => expect(state.matrixUrls).toHaveLength(1));

    const completion = metricRow('Checklist completion');
    expect(completion.getByText('0%')).toBeInTheDocument();
    expect(completion.getByText('0 of 5')).toBeInTheDocument();
    expect(completion.getByText(/as of/)).toHaveTextContent('as of 1 hour ago');
    expect(completion.queryByText(/live/)).not.toBeInTheDocument();
    expect(
      metricRow('Teams with every item done').getByText(/as of/),
    ).toHaveTextContent('as of 1 hour ago');
    expect(
      metricRow('Ownership coverage').queryByText(/as of/),
    ).not.toBeInTheDocument();
  });

  it('follows an answer changed on the page', async () => {
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [
        value('checklist.completion', {
          value: 0,
          numerator: 0,
          denominator: 5,
        }),
      ]),
    );
    await render();
    const completion = () => metricRow('Checklist completion');
    expect(await completion().findByText('0 of 5 · live')).toBeInTheDocument();
    expect(completion().queryByText(/as of/)).not.toBeInTheDocument();

    state.matrix = teamMatrix({
      'ospo/creation': 'done',
      'ospo/stakeholders': 'done',
    });
    act(() => notifyChecklistAnswerChanged(teamRef));
    expect(await completion().findByText('2 of 5 · live')).toBeInTheDocument();
    expect(completion().getByText('40%')).toBeInTheDocument();
    expect(completion().getByText(/as of/)).toHaveTextContent(
      '0% as of 1 hour ago',
    );
    expect(state.matrixUrls).toHaveLength(2);
  });

  it('agrees with the team’s checklists on the same page once an answer is saved', async () => {
    const state = serveMetrics(
      makeLatestMetrics(teamRef, [
        value('checklist.completion', {
          value: 0,
          numerator: 0,
          denominator: 5,
        }),
      ]),
    );
    let answers = [makeAnswer(teamRef, 'creation', 'in-progress')];
    server.use(
      http.get(`${OSPO_BASE_URL}/teams/default/payments/checklists`, () =>
        HttpResponse.json(makeTeamChecklists(teamRef, answers)),
      ),
      http.put(
        `${OSPO_BASE_URL}/teams/default/payments/checklists/ospo/items/creation`,
        () => {
          answers = [makeAnswer(teamRef, 'creation', 'done', { version: 2 })];
          state.matrix = teamMatrix({ 'ospo/creation': 'done' });
          return HttpResponse.json(answers[0]);
        },
      ),
    );
    const user = userEvent.setup();
    await renderOspoCard(
      <>
        <TeamChecklistCard />
        <TeamMetricsCard />
      </>,
      { entity: payments },
    );
    expect(await screen.findByText('0 of 5 done')).toBeInTheDocument();
    expect(
      await metricRow('Checklist completion').findByText('0 of 5 · live'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit Creation' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByLabelText('Status'));
    await user.click(await screen.findByRole('option', { name: 'Done' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('1 of 5 done')).toBeInTheDocument();
    expect(
      await metricRow('Checklist completion').findByText('1 of 5 · live'),
    ).toBeInTheDocument();
    expect(
      metricRow('Checklist completion').getByText('20%'),
    ).toBeInTheDocument();
  });
});
