import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { OSPO_BASE_URL, daysAgo } from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { RefreshMetricsControl } from './RefreshMetricsControl';

jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const lastHour: MetricsRunStatus = {
  lastSuccess: {
    runId: 'run-1',
    startedAt: daysAgo(1 / 24 + 1 / (24 * 60)),
    finishedAt: daysAgo(1 / 24),
    processedEntities: 2400,
  },
};

const running = (
  processedEntities: number,
  before: MetricsRunStatus = lastHour,
): MetricsRunStatus => ({
  ...before,
  running: { runId: 'run-2', startedAt: daysAgo(0), processedEntities },
});

/**
 * Answers the status reads with these statuses in turn, the last for good,
 * and a refresh with a run that has just started.
 */
function serveRun(statuses: MetricsRunStatus[]) {
  let reads = 0;
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/status`, () =>
      HttpResponse.json(statuses[Math.min(reads++, statuses.length - 1)]),
    ),
    http.post(`${OSPO_BASE_URL}/metrics/refresh`, () =>
      HttpResponse.json(running(0, statuses[0]), { status: 202 }),
    ),
  );
}

/** The one status region, whose changes screen readers announce. */
const statusRegion = () => screen.getByRole('status');

async function startRun(onRunFinished = jest.fn()) {
  const user = userEvent.setup();
  await renderOspoPage(
    <RefreshMetricsControl onRunFinished={onRunFinished} pollIntervalMs={20} />,
  );
  await waitFor(() => expect(statusRegion()).toHaveTextContent(/^Updated/));
  await user.click(screen.getByRole('button', { name: 'Refresh metrics' }));
  return onRunFinished;
}

describe('RefreshMetricsControl', () => {
  it('shows the run’s progress against the last run’s count, then “Updated just now”', async () => {
    serveRun([
      lastHour,
      running(600),
      running(1800),
      {
        lastSuccess: {
          runId: 'run-2',
          startedAt: daysAgo(0),
          finishedAt: new Date().toISOString(),
          processedEntities: 2450,
        },
      },
    ]);
    const onRunFinished = jest.fn();
    await renderOspoPage(
      <RefreshMetricsControl
        onRunFinished={onRunFinished}
        pollIntervalMs={20}
      />,
    );
    await waitFor(() =>
      expect(statusRegion()).toHaveTextContent('Updated 1 hour ago'),
    );

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Refresh metrics' }));
    const bar = await screen.findByRole('progressbar', { name: 'Metrics run' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '75'));
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      '1,800 of about 2,400 catalog entities read',
    );
    expect(screen.getByText('Computing…').parentElement).toHaveTextContent(
      'Computing… 1,800 of about 2,400 entities',
    );
    // Announced once as the run starts, not at each count.
    expect(statusRegion()).toHaveTextContent(/^Computing…$/);
    expect(
      screen.getByRole('button', { name: 'Refresh metrics' }),
    ).toBeDisabled();

    await waitFor(() =>
      expect(statusRegion()).toHaveTextContent('Updated just now'),
    );
    expect(
      screen.queryByRole('progressbar', { name: 'Metrics run' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Refresh metrics' }),
    ).toBeEnabled();
    expect(onRunFinished).toHaveBeenCalledTimes(1);
  });

  it('says in the status region why the run failed', async () => {
    serveRun([
      lastHour,
      running(300),
      {
        ...lastHour,
        lastFailure: {
          runId: 'run-2',
          startedAt: daysAgo(0),
          finishedAt: new Date().toISOString(),
          error: 'Catalog unreachable',
        },
      },
    ]);
    const onRunFinished = await startRun();
    await waitFor(() =>
      expect(statusRegion()).toHaveTextContent(
        'The last run failed just now: Catalog unreachable',
      ),
    );
    expect(onRunFinished).toHaveBeenCalledTimes(1);
  });

  it('shows a bar without an end when there is no count to go by', async () => {
    // No run before this one: nothing to measure the progress against.
    serveRun([{}, running(5, {}), running(5, {})]);
    const user = userEvent.setup();
    await renderOspoPage(
      <RefreshMetricsControl onRunFinished={jest.fn()} pollIntervalMs={20} />,
    );
    await user.click(
      await screen.findByRole('button', { name: 'Refresh metrics' }),
    );
    const bar = await screen.findByRole('progressbar', { name: 'Metrics run' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    await waitFor(() =>
      expect(bar).toHaveAttribute('aria-valuetext', '5 catalog entities read'),
    );
    expect(screen.getByText('Computing…').parentElement).toHaveTextContent(
      'Computing… 5 entities',
    );
  });

  it('leaves the bar without an end once a run reads more than the last one', async () => {
    serveRun([lastHour, running(3000)]);
    await startRun();
    const bar = await screen.findByRole('progressbar', { name: 'Metrics run' });
    await waitFor(() =>
      expect(bar).toHaveAttribute(
        'aria-valuetext',
        '3,000 catalog entities read',
      ),
    );
    expect(bar).not.toHaveAttribute('aria-valuenow');
  });
});
