import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import {
  Campaign,
  CampaignBurnup,
  CampaignProgress,
  CampaignSummary,
} from '@ospo-kit/plugin-ospo-common';
import { OSPO_BASE_URL, makeErrorBody, ospoChecklist } from './ospoFixtures';

// The campaigns the campaign pages' tests serve. Staff and non-staff tests
// live in files of their own: usePermission caches a decision per
// permission for the whole file.

export const CAMPAIGN_ID = '3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b';

export const campaign: Campaign = {
  id: CAMPAIGN_ID,
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

export const progress: CampaignProgress = {
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

export const burnup: CampaignBurnup = {
  startDate: '2027-01-01',
  targetDate: '2027-01-21',
  teams: 2,
  points: [
    { date: '2027-01-01', itemsDone: 0, items: 2, ratio: 0, teamsDone: 0 },
    { date: '2027-01-02', itemsDone: 1, items: 2, ratio: 0.5, teamsDone: 1 },
  ],
};

export function serveCampaign(server: SetupServer) {
  const patches: unknown[] = [];
  let current = progress;
  server.use(
    http.get(`${OSPO_BASE_URL}/campaigns/${CAMPAIGN_ID}`, () =>
      HttpResponse.json(current),
    ),
    http.get(`${OSPO_BASE_URL}/campaigns/${CAMPAIGN_ID}/burnup`, () =>
      HttpResponse.json(burnup),
    ),
    http.get(
      `${OSPO_BASE_URL}/campaigns/${CAMPAIGN_ID}/progress.csv`,
      () =>
        new HttpResponse('Department,Team ref\r\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    ),
    http.patch(
      `${OSPO_BASE_URL}/campaigns/${CAMPAIGN_ID}`,
      async ({ request }) => {
        const body = (await request.json()) as { status: Campaign['status'] };
        patches.push(body);
        current = { ...current, campaign: { ...campaign, ...body } };
        return HttpResponse.json(current.campaign);
      },
    ),
  );
  return { patches };
}

const listedCampaign: Campaign = {
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

export const summary: CampaignSummary = {
  campaign: listedCampaign,
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

export function serveCampaignList(server: SetupServer) {
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
      return HttpResponse.json(listedCampaign, { status: 201 });
    }),
  );
  return { created };
}
