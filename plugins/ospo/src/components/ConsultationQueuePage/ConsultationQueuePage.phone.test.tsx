import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeConsultation,
  makeConsultationWithEvents,
} from '../../__testUtils__/ospoFixtures';
import {
  choose,
  currentLocation,
  renderQueue,
  serveQueue,
} from '../../__testUtils__/queueTestUtils';

jest.setTimeout(45_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PHONE_WIDTH = 390;

/**
 * A phone, 390 px wide, as far as media queries go: jsdom has no
 * `matchMedia`, so MUI's `useMediaQuery` would see a desktop.
 */
beforeEach(() => {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    writable: true,
    value: (query: string) => {
      const maxWidth = /max-width:\s*([\d.]+)px/.exec(query);
      const minWidth = /min-width:\s*([\d.]+)px/.exec(query);
      const matches =
        (!maxWidth || Number(maxWidth[1]) >= PHONE_WIDTH) &&
        (!minWidth || Number(minWidth[1]) <= PHONE_WIDTH);
      return {
        matches,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      };
    },
  });
});
afterEach(() => {
  delete (window as { matchMedia?: unknown }).matchMedia;
});

describe('ConsultationQueuePage on a phone', () => {
  it('lists the requests as cards, and opens one full screen', async () => {
    const queue = serveQueue(server, [
      makeConsultation({
        id: 'c1',
        summary: 'Can we publish the payments SDK?',
        urgency: 'high',
        createdAt: daysAgo(3),
        firstResponseDueAt: daysAgo(1),
        overdue: true,
      }),
      makeConsultation({
        id: 'c2',
        summary: 'Fork of grafana',
        status: 'in-progress',
        entityRef: 'api:default/billing',
        createdAt: daysAgo(0.5),
      }),
    ]);
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/c1`, () =>
        HttpResponse.json(
          makeConsultationWithEvents({
            id: 'c1',
            summary: 'Can we publish the payments SDK?',
          }),
        ),
      ),
    );
    const user = userEvent.setup();
    await renderQueue({ userEntityRef: 'user:default/olivia' });

    const list = await screen.findByRole('list', { name: 'Requests' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText('2 requests')).toBeInTheDocument();
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);

    const first = within(cards[0]);
    expect(
      first.getByRole('button', { name: 'Can we publish the payments SDK?' }),
    ).toBeInTheDocument();
    expect(first.getByText('Open')).toBeInTheDocument();
    expect(first.getByText('High')).toBeInTheDocument();
    expect(first.getByText('Overdue')).toBeInTheDocument();
    expect(first.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(first.getByText('3 days old')).toBeInTheDocument();
    // Staff select from the cards.
    expect(
      first.getByRole('checkbox', {
        name: 'Select “Can we publish the payments SDK?”',
      }),
    ).toBeInTheDocument();

    const second = within(cards[1]);
    expect(second.getByText('In progress')).toBeInTheDocument();
    expect(second.queryByText('Overdue')).not.toBeInTheDocument();
    expect(second.getByText('12 hours old')).toBeInTheDocument();

    // The order is a choice above the cards.
    await choose(user, 'Sort', 'Most urgent first');
    await waitFor(() => expect(queue.last().get('orderBy')).toBe('urgency'));
    expect(queue.last().get('order')).toBe('desc');

    await user.click(
      within(screen.getAllByRole('listitem')[0]).getByText('Open'),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Can we publish the payments SDK?',
      }),
    );
    expect(currentLocation()).toBe('/consultations/c1?sort=urgency&order=desc');
    // Full screen, with a way back at the top.
    await user.click(dialog.getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(currentLocation()).toBe('/consultations?sort=urgency&order=desc');
  });
});
