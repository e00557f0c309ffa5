import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Entity } from '@backstage/catalog-model';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { CampaignSummary } from '@ospo-kit/plugin-ospo-common';
import { OSPO_BASE_URL } from '../../__testUtils__/ospoFixtures';
import { ospoTestApis } from '../../__testUtils__/ospoTestApis';
import { rootRouteRef } from '../../routes';
import { TeamCampaignsCard } from './TeamCampaignsCard';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team' },
};

const summary: CampaignSummary = {
  campaign: {
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
  },
  totals: {
    teams: 2,
    teamsDone: 0,
    teamsOverdue: 2,
    items: 2,
    itemsDone: 0,
    ratio: 0,
  },
  overdue: true,
};

async function render() {
  return renderInTestApp(
    <TestApiProvider apis={ospoTestApis()}>
      <EntityProvider entity={team}>
        <TeamCampaignsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/ospo': rootRouteRef } },
  );
}

describe('TeamCampaignsCard', () => {
  it("lists the team's active campaigns with their deadline", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/campaigns`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [summary] });
      }),
    );
    await render();
    expect(
      await screen.findByRole('link', { name: 'Know the OSPO' }),
    ).toHaveAttribute('href', `/ospo/campaigns/${summary.campaign.id}`);
    expect(
      screen.getByText('Due 2027-01-21 · past its target date'),
    ).toBeInTheDocument();
    expect(queries.map(q => [q.get('teamRef'), q.get('status')])).toEqual([
      ['group:default/team-a', 'active'],
    ]);
  });

  it('says when no campaign concerns the team', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/campaigns`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await render();
    expect(
      await screen.findByText('No active OSPO campaign concerns this team.'),
    ).toBeInTheDocument();
  });
});
