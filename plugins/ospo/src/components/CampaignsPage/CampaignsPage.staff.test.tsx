import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { serveCampaignList } from '../../__testUtils__/campaignFixtures';
import { ospoChecklist } from '../../__testUtils__/ospoFixtures';
import { ALLOW } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

// Staff in a file of their own: usePermission caches a decision per
// permission for the whole file.
jest.setTimeout(45_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('CampaignsPage (staff)', () => {
  it('lets staff start a campaign, showing what the backend refused', async () => {
    const { created } = serveCampaignList(server);
    await renderOspoPage(<OspoPage />, {
      routeEntries: ['/campaigns'],
      permission: () => ALLOW,
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'New campaign' },
        { timeout: 10_000 },
      ),
    );
    await user.type(screen.getByLabelText(/Title/), 'Know the OSPO');
    await user.type(
      screen.getByLabelText(/Departments or teams/),
      'group:default/eng, group:default/solo',
    );
    // Wait for the checklist's items.
    await user.click(
      await screen.findByLabelText(ospoChecklist.items[0].title),
    );
    const start = screen.getByLabelText(/Start date/);
    const target = screen.getByLabelText(/Target date/);
    await user.type(start, '2027-01-01');
    await user.type(target, '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Start campaign' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'targetDate 2026-01-01 must come after startDate',
    );
    expect(created[0]).toEqual({
      title: 'Know the OSPO',
      checklistId: 'ospo',
      itemIds: [ospoChecklist.items[0].id],
      targetRefs: ['group:default/eng', 'group:default/solo'],
      startDate: '2027-01-01',
      targetDate: '2026-01-01',
    });

    await user.clear(target);
    await user.type(target, '2027-01-21');
    await user.click(screen.getByRole('button', { name: 'Start campaign' }));
    await waitFor(() => expect(created).toHaveLength(2));
  });
});
