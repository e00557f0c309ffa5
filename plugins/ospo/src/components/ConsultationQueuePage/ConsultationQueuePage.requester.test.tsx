import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { makeConsultation } from '../../__testUtils__/ospoFixtures';
import { DENY } from '../../__testUtils__/renderOspoCard';
import {
  currentLocation,
  renderQueue,
  serveQueue,
} from '../../__testUtils__/queueTestUtils';

jest.setTimeout(30_000);

// Nobody here is OSPO staff; a file of its own because usePermission caches
// its decision for the whole file.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('ConsultationQueuePage for people outside the OSPO', () => {
  it('offers "Filed by me", sent as mine, and no selection', async () => {
    const queue = serveQueue(server, [
      makeConsultation({ id: 'c1', summary: 'Can we publish the SDK?' }),
    ]);
    const user = userEvent.setup();
    await renderQueue({
      userEntityRef: 'user:default/lee',
      permission: () => DENY,
    });
    await screen.findByText('1 request');

    const mine = await screen.findByRole('checkbox', { name: 'Filed by me' });
    await waitFor(() => expect(mine).toBeEnabled());
    expect(screen.queryByText('Assigned to me')).not.toBeInTheDocument();
    // Without checkboxes, the first column is the summary.
    expect(screen.getAllByRole('columnheader')[0]).toHaveTextContent('Summary');
    expect(
      screen.queryByRole('checkbox', { name: /^Select/ }),
    ).not.toBeInTheDocument();

    await user.click(mine);
    await waitFor(() => expect(queue.last().get('mine')).toBe('true'));
    expect(currentLocation()).toBe('/consultations?mine=true');
    // Mine is the only checkbox there is.
    expect(screen.getAllByRole('checkbox')).toEqual([mine]);
  });
});
