import { ReactNode } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { storageApiRef } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  NewConsultationRequestsSignal,
  OSPO_CONSULTATION_SIGNAL_CHANNEL,
} from '@ospo-kit/plugin-ospo-common';
import {
  FakeToastApi,
  FakeToastDisplay,
  fakeSignalApi,
} from '../../__testUtils__/fakeToasts';
import { rootRouteRef } from '../../routes';
import { OspoSettingsCard } from '../OspoSettingsCard';
import { ConsultationToaster, TOAST_TIMEOUT_MS } from './ConsultationToaster';

const CHANNEL = OSPO_CONSULTATION_SIGNAL_CHANNEL;

/** A batch of `count` requests, the newest `n${count}`. */
function batch(count: number, from = 1): NewConsultationRequestsSignal {
  const ids = Array.from({ length: count }, (_, i) => `r${from + i}`).reverse();
  return {
    type: 'new-requests',
    count,
    ids,
    latest: { id: ids[0], summary: `Request ${ids[0]}` },
  };
}

function LocationDisplay() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

async function render(
  options: {
    toastApi?: FakeToastApi;
    storageApi?: ReturnType<typeof mockApis.storage>;
    signals?: ReturnType<typeof fakeSignalApi>;
    children?: ReactNode;
  } = {},
) {
  const signals = options.signals ?? fakeSignalApi();
  const storageApi = options.storageApi ?? mockApis.storage();
  const apis: Array<readonly [any, any]> = [
    [signalApiRef, signals.api],
    [storageApiRef, storageApi],
  ];
  if (options.toastApi) apis.push([toastApiRef, options.toastApi]);
  await renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <ConsultationToaster />
      {options.toastApi && <FakeToastDisplay toastApi={options.toastApi} />}
      <LocationDisplay />
      {options.children}
    </TestApiProvider>,
    { mountedRoutes: { '/ospo': rootRouteRef } },
  );
  return { signals, storageApi };
}

describe('ConsultationToaster', () => {
  afterEach(() => jest.restoreAllMocks());

  describe("with the app's toasts", () => {
    it('shows one toast for a single request, leading to it', async () => {
      const toastApi = new FakeToastApi();
      const { signals } = await render({ toastApi });
      const user = userEvent.setup();

      signals.emit(CHANNEL, batch(1));

      expect(toastApi.posted).toHaveLength(1);
      expect(toastApi.posted[0].message).toMatchObject({
        title: 'New consultation request: Request r1',
        status: 'info',
        timeout: TOAST_TIMEOUT_MS,
      });
      const toast = screen.getByRole('status');
      expect(toast).toHaveTextContent('New consultation request: Request r1');
      const link = screen.getByRole('link', { name: 'Open the request' });
      expect(link).toHaveAttribute('href', '/ospo/consultations/r1');

      // In the app, and the toast goes away.
      await user.click(link);
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/ospo/consultations/r1',
      );
      expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('shows one toast for a batch of five, leading to the queue', async () => {
      const toastApi = new FakeToastApi();
      const { signals } = await render({ toastApi });

      signals.emit(CHANNEL, batch(5));

      expect(toastApi.posted).toHaveLength(1);
      const toast = screen.getByRole('status');
      expect(toast).toHaveTextContent('5 new consultation requests');
      expect(toast).toHaveTextContent('Latest: Request r5');
      expect(
        screen.getByRole('link', { name: 'Open the queue' }),
      ).toHaveAttribute('href', '/ospo/consultations');
    });

    it('adds a batch arriving while the toast is shown to it, and starts afresh after', async () => {
      const toastApi = new FakeToastApi();
      const { signals } = await render({ toastApi });
      let now = Date.parse('2026-03-02T10:00:00Z');
      jest.spyOn(Date, 'now').mockImplementation(() => now);

      signals.emit(CHANNEL, batch(2, 1));
      now += TOAST_TIMEOUT_MS - 1;
      signals.emit(CHANNEL, batch(3, 3));

      // The first toast made way for one of both batches.
      expect(toastApi.posted.map(t => [t.message.title, t.closed])).toEqual([
        ['2 new consultation requests', true],
        ['5 new consultation requests', false],
      ]);
      expect(screen.getAllByRole('status')).toHaveLength(1);
      expect(screen.getByRole('status')).toHaveTextContent(
        'Latest: Request r5',
      );

      // Once that toast is gone, the next batch is a toast of its own.
      now += TOAST_TIMEOUT_MS;
      signals.emit(CHANNEL, batch(1, 6));
      expect(toastApi.posted.map(t => t.message.title)).toEqual([
        '2 new consultation requests',
        '5 new consultation requests',
        'New consultation request: Request r6',
      ]);
    });

    it('ignores other messages on the channel', async () => {
      const toastApi = new FakeToastApi();
      const { signals } = await render({ toastApi });

      signals.emit(CHANNEL, { type: 'something-else', count: 2 });
      signals.emit(CHANNEL, { ...batch(1), count: 0 });
      signals.emit('notifications', batch(1));

      expect(toastApi.posted).toEqual([]);
    });

    it('shows nothing when the user muted the toasts', async () => {
      const toastApi = new FakeToastApi();
      const storageApi = mockApis.storage({
        data: { ospo: { toastsMuted: true } },
      });
      const { signals } = await render({ toastApi, storageApi });

      signals.emit(CHANNEL, batch(1));
      signals.emit(CHANNEL, batch(5, 2));

      expect(toastApi.posted).toEqual([]);
      expect(signals.subscriberCount(CHANNEL)).toBe(0);
    });

    it('stops at once when muted in the settings, and starts again when unmuted', async () => {
      const toastApi = new FakeToastApi();
      const storageApi = mockApis.storage();
      const user = userEvent.setup();
      const { signals } = await render({
        toastApi,
        storageApi,
        children: <OspoSettingsCard />,
      });
      const toggle = screen.getByRole('checkbox', {
        name: 'Toasts for new consultation requests',
      });

      signals.emit(CHANNEL, batch(1));
      expect(screen.getByRole('status')).toBeInTheDocument();

      await user.click(toggle);
      // The toast shown goes, and no other comes.
      await waitFor(() =>
        expect(screen.queryByRole('status')).not.toBeInTheDocument(),
      );
      signals.emit(CHANNEL, batch(5, 2));
      expect(toastApi.posted).toHaveLength(1);

      await user.click(toggle);
      signals.emit(CHANNEL, batch(1, 7));
      expect(toastApi.posted.map(t => t.message.title)).toEqual([
        'New consultation request: Request r1',
        'New consultation request: Request r7',
      ]);
    });
  });

  describe('without the app toasts (the classic frontend system)', () => {
    it('shows its own snackbar, for one batch at a time', async () => {
      const user = userEvent.setup();
      const { signals } = await render();

      signals.emit(CHANNEL, batch(1));
      expect(
        await screen.findByText('New consultation request: Request r1'),
      ).toBeInTheDocument();

      signals.emit(CHANNEL, batch(4, 2));
      expect(
        await screen.findByText('5 new consultation requests'),
      ).toBeInTheDocument();
      expect(screen.getByText('Latest: Request r5')).toBeInTheDocument();
      expect(
        screen.queryByText('New consultation request: Request r1'),
      ).not.toBeInTheDocument();

      await user.click(screen.getByRole('link', { name: 'Open the queue' }));
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/ospo/consultations',
      );
      await waitFor(() =>
        expect(
          screen.queryByText('5 new consultation requests'),
        ).not.toBeInTheDocument(),
      );
    });

    it('can be closed', async () => {
      const user = userEvent.setup();
      const { signals } = await render();
      signals.emit(CHANNEL, batch(2));
      await screen.findByText('2 new consultation requests');
      await user.click(screen.getByRole('button', { name: 'Close' }));
      await waitFor(() =>
        expect(
          screen.queryByText('2 new consultation requests'),
        ).not.toBeInTheDocument(),
      );
    });
  });

  it('renders nothing, and does not fail, in an app without signals', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[storageApiRef, mockApis.storage()]]}>
        <ConsultationToaster />
        <span>the app</span>
      </TestApiProvider>,
      { mountedRoutes: { '/ospo': rootRouteRef } },
    );
    expect(screen.getByText('the app')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
