import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import { makeChecklistMatrix } from '../../__testUtils__/dashboardFixtures';
import { OSPO_BASE_URL } from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { serveDashboard } from '../../__testUtils__/serveDashboard';
import { OspoDashboardPage } from './OspoDashboardPage';

// The "Needs attention" strip on the dashboard: first, and reading what the
// cards read without asking again.

jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function LocationDisplay() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

describe('OspoDashboardPage: needs attention', () => {
  it('comes first, and makes no request the cards do not make', async () => {
    const counts = serveDashboard(server);
    const matrixQueries: string[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
        matrixQueries.push(new URL(request.url).search);
        return HttpResponse.json(makeChecklistMatrix());
      }),
    );
    const user = userEvent.setup();
    await renderOspoPage(
      <>
        <OspoDashboardPage pollIntervalMs={20} />
        <LocationDisplay />
      </>,
      { routeEntries: ['/ospo'] },
    );

    const strip = await screen.findByRole('region', {
      name: 'Needs attention',
    });
    const teamsLink = await within(strip).findByRole('link', {
      name: /teams below 50%/,
    });
    expect(
      within(strip)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual([
      '2overdue requests',
      '7dependencies under a denied license',
      '4teams below 50%',
    ]);

    // Before the metric tiles, the first card.
    const metrics = screen.getByText('Metrics', {
      selector: '[class*="headerTitle"]',
    });
    expect(
      // eslint-disable-next-line no-bitwise
      strip.compareDocumentPosition(metrics) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    await screen.findByRole('tab', { name: 'Main offenders (7)' });
    await screen.findByRole('link', {
      name: 'Can we publish the payments SDK?',
    });
    expect(counts['/dashboard/consultations']).toBe(1);
    expect(counts['/metrics/latest']).toBe(1);
    expect(counts['/sbom/offenders']).toBe(1);
    const lowestFirst = '?sort=completion&order=asc&limit=5';
    expect(matrixQueries.filter(q => q === lowestFirst)).toHaveLength(1);

    // The teams lead to the heat map, lowest completion first.
    await user.click(teamsLink);
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/ospo?sort=completion&order=asc',
    );
    await waitFor(() =>
      expect(matrixQueries).toContain(
        '?sort=completion&order=asc&limit=100&offset=0',
      ),
    );
  });
});
