import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  makeConsultationPage,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from './OspoPage';

const server = setupServer(
  http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
  http.get(`${OSPO_BASE_URL}/consultations`, () =>
    HttpResponse.json(makeConsultationPage([])),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('OspoPage', () => {
  it('opens on the consultations', async () => {
    await renderOspoPage(<OspoPage />, { routeEntries: ['/'] });
    expect(await screen.findByText('Consultations')).toBeInTheDocument();
    expect(
      await screen.findByText('No requests match these filters'),
    ).toBeInTheDocument();
  });

  it('serves the consultations at their own path', async () => {
    await renderOspoPage(<OspoPage />, { routeEntries: ['/consultations'] });
    expect(
      await screen.findByRole('heading', {
        name: 'Open Source Program Office',
      }),
    ).toBeInTheDocument();
  });
});
