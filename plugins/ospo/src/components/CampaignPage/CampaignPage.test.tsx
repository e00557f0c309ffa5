import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { captureDownloads } from '../../__testUtils__/captureDownloads';
import {
  CAMPAIGN_ID,
  serveCampaign,
} from '../../__testUtils__/campaignFixtures';
import { DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

jest.setTimeout(30_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('CampaignPage', () => {
  it('shows progress per department and team, overdue teams and the burn-up', async () => {
    serveCampaign(server);
    await renderOspoPage(<OspoPage />, {
      routeEntries: [`/campaigns/${CAMPAIGN_ID}`],
      permission: () => DENY,
    });
    expect(
      await screen.findByRole('heading', { name: 'Know the OSPO' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Every team knows the OSPO.')).toBeInTheDocument();
    const overdue = screen.getByRole('list', { name: 'Overdue teams' });
    expect(
      within(overdue).getByRole('link', { name: 'Team B' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-b');
    expect(
      screen.getByRole('img', {
        name: 'Burn-up: 50% done on 2027-01-02, target 2027-01-21',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Engineering' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 of 1 (100%)')).toBeInTheDocument();
    expect(
      within(screen.getByRole('row', { name: /Team B/ })).getByText('Overdue'),
    ).toBeInTheDocument();
    // Not staff: no actions.
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('downloads the CSV', async () => {
    serveCampaign(server);
    const downloads = captureDownloads();
    try {
      await renderOspoPage(<OspoPage />, {
        routeEntries: [`/campaigns/${CAMPAIGN_ID}`],
        permission: () => DENY,
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      await waitFor(() => expect(downloads.downloads).toHaveLength(1));
      expect(downloads.downloads[0].filename).toBe('ospo-campaign.csv');
      expect(await downloads.downloads[0].blob.text()).toBe(
        'Department,Team ref\r\n',
      );
    } finally {
      downloads.restore();
    }
  });
});
