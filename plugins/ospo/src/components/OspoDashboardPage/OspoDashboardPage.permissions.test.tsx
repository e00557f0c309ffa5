import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { ALLOW, DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { serveDashboard } from '../../__testUtils__/serveDashboard';
import { OspoDashboardPage } from './OspoDashboardPage';

// A file of its own: usePermission caches decisions per permission for the
// whole test file, and this one denies what the others allow.

// The whole page renders at once; give it room on a busy CI machine.
jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('OspoDashboardPage without the refresh permission', () => {
  it('shows the dashboard without the staff-only metrics run', async () => {
    const counts = serveDashboard(server);
    const asked: string[] = [];
    await renderOspoPage(<OspoDashboardPage />, {
      permission: request => {
        asked.push(request.permission.name);
        return request.permission.name === 'ospo.metrics.refresh'
          ? DENY
          : ALLOW;
      },
    });

    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Ownership coverage' }),
    ).toBeInTheDocument();
    expect(asked).toContain('ospo.metrics.refresh');
    expect(
      screen.queryByRole('button', { name: 'Refresh metrics' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/^Updated/)).not.toBeInTheDocument();
    // Nobody polls a status they cannot act on.
    expect(counts['/metrics/status']).toBeUndefined();
  });
});
