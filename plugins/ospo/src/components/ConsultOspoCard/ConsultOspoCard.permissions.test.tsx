import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  makeConsultationPage,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import {
  ALLOW,
  DENY,
  renderOspoCard,
} from '../../__testUtils__/renderOspoCard';
import { ConsultOspoCard } from './ConsultOspoCard';

// A file of its own: usePermission caches decisions per permission for the
// whole test file, and these tests deny what the others allow.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('ConsultOspoCard permissions', () => {
  it('tells people who may not file requests why', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/consultations`, () =>
        HttpResponse.json(makeConsultationPage([])),
      ),
    );
    const user = userEvent.setup();
    await renderOspoCard(<ConsultOspoCard />, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-api', namespace: 'default' },
        spec: {},
      },
      permission: request =>
        request.permission.name === 'ospo.consultation.create' ? DENY : ALLOW,
    });

    const button = await screen.findByRole('button', {
      name: 'Request a consultation',
    });
    await waitFor(() => expect(button).toBeDisabled());
    await user.hover(button.parentElement!);
    expect(
      await screen.findByText(
        'You are not allowed to file requests with the OSPO',
      ),
    ).toBeInTheDocument();
  });
});
