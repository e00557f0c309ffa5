import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Campaign, CampaignSummary } from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  makeErrorBody,
  ospoChecklist,
} from '../../__testUtils__/ospoFixtures';
import { ALLOW, DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

jest.setTimeout(45_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const campaign: Campaign = {
  id: '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b',
  title: 'Know the OSPO',
  checklistId: 'ospo',
  targetRefs: ['group:default/eng'],
  startDate: '2027-01-01',
  targetDate: '2027-01-21',
  status: 'active',
  createdBy: 'user:default/olivia',
  createdAt: '2026-12-20T10:00:00.000Z',
  updatedAt: '2026-12-20T10:00:00.000Z',
};

const summary: CampaignSummary = {
  campaign,
  totals: {
    teams: 4,
    teamsDone: 1,
    teamsOverdue: 0,
    items: 8,
    itemsDone: 3,
    ratio: 0.375,
  },
  overdue: false,
};

function serveList() {
  const created: unknown[] = [];
  server.use(
    http.get(`${OSPO_BASE_URL}/campaigns`, () =>
      HttpResponse.json({ items: [summary] }),
    ),
    http.get(`${OSPO_BASE_URL}/checklists`, () =>
      HttpResponse.json({ items: [ospoChecklist] }),
    ),
    http.post(`${OSPO_BASE_URL}/campaigns`, async ({ request }) => {
      const body = (await request.json()) as { targetDate: string };
      created.push(body);
      if (body.targetDate < '2027-01-01') {
        return HttpResponse.json(
          makeErrorBody(
            400,
            'InputError',
            'Invalid campaign: targetDate 2026-01-01 must come after startDate 2027-01-01',
          ),
          { status: 400 },
        );
      }
      return HttpResponse.json(campaign, { status: 201 });
    }),
  );
  return { created };
}

describe('CampaignsPage', () => {
  it('lists the campaigns with their progress, without actions for others', async () => {
    serveList();
    await renderOspoPage(<OspoPage />, {
      routeEntries: ['/campaigns'],
      permission: () => DENY,
    });
    expect(
      await screen.findByRole('link', { name: 'Know the OSPO' }),
    ).toHaveAttribute('href', `/ospo/campaigns/${campaign.id}`);
    expect(screen.getByText('1 of 4')).toBeInTheDocument();
    expect(screen.getByText('38%')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();
  });

  it('lets staff start a campaign, showing what the backend refused', async () => {
    const { created } = serveList();
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
