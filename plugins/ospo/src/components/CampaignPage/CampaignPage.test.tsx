import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  Campaign,
  CampaignBurnup,
  CampaignProgress,
} from '@ospo-kit/plugin-ospo-common';
import { captureDownloads } from '../../__testUtils__/captureDownloads';
import { OSPO_BASE_URL } from '../../__testUtils__/ospoFixtures';
import { ALLOW, DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { OspoPage } from '../OspoPage';

jest.setTimeout(30_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ID = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';

const campaign: Campaign = {
  id: ID,
  title: 'Know the OSPO',
  goal: 'Every team knows the OSPO.',
  checklistId: 'ospo',
  itemIds: ['creation'],
  targetRefs: ['group:default/eng'],
  startDate: '2027-01-01',
  targetDate: '2027-01-21',
  status: 'active',
  createdBy: 'user:default/olivia',
  createdAt: '2026-12-20T10:00:00.000Z',
  updatedAt: '2026-12-20T10:00:00.000Z',
};

const progress: CampaignProgress = {
  campaign,
  today: '2027-01-25',
  totals: {
    teams: 2,
    teamsDone: 1,
    teamsOverdue: 1,
    items: 2,
    itemsDone: 1,
    ratio: 0.5,
  },
  departments: [
    {
      ref: 'group:default/eng',
      title: 'Engineering',
      counts: {
        teams: 2,
        teamsDone: 1,
        teamsOverdue: 1,
        items: 2,
        itemsDone: 1,
        ratio: 0.5,
      },
    },
  ],
  teams: [
    {
      teamRef: 'group:default/team-a',
      title: 'Team A',
      departmentRef: 'group:default/eng',
      itemsDone: 1,
      items: 1,
      ratio: 1,
      done: true,
      overdue: false,
    },
    {
      teamRef: 'group:default/team-b',
      title: 'Team B',
      departmentRef: 'group:default/eng',
      itemsDone: 0,
      items: 1,
      ratio: 0,
      done: false,
      overdue: true,
    },
  ],
  overdueTeams: ['group:default/team-b'],
};

const burnup: CampaignBurnup = {
  startDate: '2027-01-01',
  targetDate: '2027-01-21',
  teams: 2,
  points: [
    { date: '2027-01-01', itemsDone: 0, items: 2, ratio: 0, teamsDone: 0 },
    { date: '2027-01-02', itemsDone: 1, items: 2, ratio: 0.5, teamsDone: 1 },
  ],
};

function serveCampaign() {
  const patches: unknown[] = [];
  let current = progress;
  server.use(
    http.get(`${OSPO_BASE_URL}/campaigns/${ID}`, () =>
      HttpResponse.json(current),
    ),
    http.get(`${OSPO_BASE_URL}/campaigns/${ID}/burnup`, () =>
      HttpResponse.json(burnup),
    ),
    http.get(
      `${OSPO_BASE_URL}/campaigns/${ID}/progress.csv`,
      () =>
        new HttpResponse('Department,Team ref\r\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    ),
    http.patch(`${OSPO_BASE_URL}/campaigns/${ID}`, async ({ request }) => {
      const body = (await request.json()) as { status: Campaign['status'] };
      patches.push(body);
      current = { ...current, campaign: { ...campaign, ...body } };
      return HttpResponse.json(current.campaign);
    }),
  );
  return { patches };
}

describe('CampaignPage', () => {
  it('shows progress per department and team, overdue teams and the burn-up', async () => {
    serveCampaign();
    await renderOspoPage(<OspoPage />, {
      routeEntries: [`/campaigns/${ID}`],
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
    serveCampaign();
    const downloads = captureDownloads();
    try {
      await renderOspoPage(<OspoPage />, {
        routeEntries: [`/campaigns/${ID}`],
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

  it('lets staff close the campaign', async () => {
    const { patches } = serveCampaign();
    await renderOspoPage(<OspoPage />, {
      routeEntries: [`/campaigns/${ID}`],
      permission: () => ALLOW,
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(patches).toEqual([{ status: 'closed' }]));
    expect(
      await screen.findByRole('button', { name: 'Reopen' }),
    ).toBeInTheDocument();
  });
});
