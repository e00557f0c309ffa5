import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  serveCampaignList,
  summary,
} from '../../__testUtils__/campaignFixtures';
import { DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

jest.setTimeout(45_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('CampaignsPage', () => {
  it('lists the campaigns with their progress, without actions for others', async () => {
    serveCampaignList(server);
    await renderOspoPage(<OspoPage />, {
      routeEntries: ['/campaigns'],
      permission: () => DENY,
    });
    expect(
      await screen.findByRole('link', { name: 'Know the OSPO' }),
    ).toHaveAttribute('href', `/ospo/campaigns/${summary.campaign.id}`);
    expect(screen.getByText('1 of 4')).toBeInTheDocument();
    expect(screen.getByText('38%')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();
  });
});
