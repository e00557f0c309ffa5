import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import {
  CAMPAIGN_ID,
  serveCampaign,
} from '../../__testUtils__/campaignFixtures';
import { ALLOW } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

// Staff in a file of their own: usePermission caches a decision per
// permission for the whole file.
jest.setTimeout(30_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('CampaignPage (staff)', () => {
  it('lets staff close the campaign', async () => {
    const { patches } = serveCampaign(server);
    await renderOspoPage(<OspoPage />, {
      routeEntries: [`/campaigns/${CAMPAIGN_ID}`],
      permission: () => ALLOW,
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(patches).toEqual([{ status: 'closed' }]));
    expect(
      await screen.findByRole('button', { name: 'Reopen' }),
    ).toBeInTheDocument();
  });
});
