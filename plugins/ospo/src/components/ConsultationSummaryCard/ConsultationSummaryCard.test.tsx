import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { gate } from '../../__testUtils__/gate';
import { setupServer } from 'msw/node';
import { ConsultationSummary } from '@ospo-kit/plugin-ospo-common';
import { consultationSummary } from '../../__testUtils__/dashboardFixtures';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { ConsultationSummaryCard } from './ConsultationSummaryCard';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serveSummary(summary: ConsultationSummary) {
  server.use(
    http.get(`${OSPO_BASE_URL}/dashboard/consultations`, () =>
      HttpResponse.json(summary),
    ),
  );
}

/** The figure under a label of the summary. */
function figure(label: string) {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling;
}

describe('ConsultationSummaryCard', () => {
  it('shows the queue in figures, with the request waiting longest', async () => {
    serveSummary(consultationSummary);
    await renderOspoPage(<ConsultationSummaryCard />);

    const oldest = await screen.findByRole('link', {
      name: 'Can we publish the payments SDK?',
    });
    expect(figure('Open')).toHaveTextContent('7');
    expect(figure('In progress')).toHaveTextContent('3');
    // 60 hours reads in days.
    expect(figure('Median age')).toHaveTextContent('2.5 d');

    expect(oldest).toHaveAttribute(
      'href',
      '/ospo/consultations/6f1c9a52-0d5e-4a55-9a58-1f6a3c1e2b01',
    );
    expect(screen.getByText('5 days old · about')).toBeInTheDocument();
    expect(screen.getByText('Open', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(
      screen.getByRole('link', { name: 'Open the queue' }),
    ).toHaveAttribute('href', '/ospo/consultations');
  });

  it('says when nothing is waiting', async () => {
    serveSummary({ open: 0, inProgress: 0, overdue: 0 });
    await renderOspoPage(<ConsultationSummaryCard />);

    expect(
      await screen.findByText(
        'Nothing is waiting: every request has been answered.',
      ),
    ).toBeInTheDocument();
    expect(figure('Open')).toHaveTextContent('0');
    expect(figure('Median age')).toHaveTextContent('—');
    expect(screen.queryByText('Waiting longest')).not.toBeInTheDocument();
  });

  it('shows progress, then the error when the summary cannot be loaded', async () => {
    const response = gate();
    server.use(
      http.get(`${OSPO_BASE_URL}/dashboard/consultations`, async () => {
        await response.passed;
        return HttpResponse.json(
          makeErrorBody(403, 'NotAllowedError', 'Not allowed to read requests'),
          { status: 403 },
        );
      }),
    );
    await renderOspoPage(<ConsultationSummaryCard />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    response.open();
    expect(
      (await screen.findAllByText(/Not allowed to read requests/))[0],
    ).toBeInTheDocument();
    // The way to the queue stays.
    expect(
      screen.getByRole('link', { name: 'Open the queue' }),
    ).toBeInTheDocument();
  });
});
