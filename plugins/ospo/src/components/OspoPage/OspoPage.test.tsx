import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  makeConsultationPage,
  officeStaff,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { serveDashboard } from '../../__testUtils__/serveDashboard';
import { OspoPage } from './OspoPage';

// The dashboard renders every section at once; give it room on a busy CI
// machine.
jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('OspoPage', () => {
  it('opens on the dashboard', async () => {
    serveDashboard(server);
    await renderOspoPage(<OspoPage />, { routeEntries: ['/'] });
    expect(screen.getByText('Dashboard')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Checkout: Creation — done' }),
    ).toBeInTheDocument();
  });

  it('serves the consultations at their own path', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/office/staff`, () =>
        HttpResponse.json(officeStaff),
      ),
      http.get(`${OSPO_BASE_URL}/consultations`, () =>
        HttpResponse.json(makeConsultationPage([])),
      ),
    );
    await renderOspoPage(<OspoPage />, { routeEntries: ['/consultations'] });
    expect(
      await screen.findByRole('heading', {
        name: 'Open Source Program Office',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No requests match these filters'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Dashboard')).not.toBeInTheDocument();
  });
});
