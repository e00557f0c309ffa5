import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MetricFindingPage } from '@ospo-kit/plugin-ospo-common';
import {
  checkout,
  makeChecklistMatrix,
  makeFindingPage,
  platform,
} from '../../__testUtils__/dashboardFixtures';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { WhereToActCard } from './WhereToActCard';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves the lists; records the query of each request by path. */
function serveLists(
  findings: Record<string, MetricFindingPage | { status: number }>,
  matrix = makeChecklistMatrix({ teams: [platform, checkout], totalCount: 40 }),
) {
  const queries: Record<string, URLSearchParams> = {};
  server.use(
    http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
      queries.matrix = new URL(request.url).searchParams;
      return HttpResponse.json(matrix);
    }),
    http.get(
      `${OSPO_BASE_URL}/metrics/:metricId/findings`,
      ({ request, params }) => {
        const metricId = params.metricId as string;
        queries[metricId] = new URL(request.url).searchParams;
        const page = findings[metricId];
        if (!page || 'status' in page) {
          const status = page?.status ?? 404;
          return HttpResponse.json(
            makeErrorBody(status, 'Error', `No findings for ${metricId}`),
            { status },
          );
        }
        return HttpResponse.json(page);
      },
    ),
  );
  return queries;
}

function section(title: string) {
  return within(screen.getByRole('region', { name: title }));
}

describe('WhereToActCard', () => {
  it('lists where to act, each a link to the entity', async () => {
    const queries = serveLists({
      'license.denied': makeFindingPage(
        'license.denied',
        [
          {
            entityRef: 'component:default/payments-api',
            teamRef: 'group:default/checkout',
            detail: 'GPL-3.0-only is denied',
          },
        ],
        12,
      ),
      'ownership.coverage': makeFindingPage('ownership.coverage', [
        {
          entityRef: 'component:default/legacy-batch',
          detail: 'Owner group:default/gone does not exist',
        },
      ]),
    });
    await renderOspoPage(<WhereToActCard />);

    const lowest = section('Lowest checklist completion');
    expect(
      await lowest.findByRole('link', { name: 'Platform' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform');
    expect(lowest.getByText('Engineering')).toBeInTheDocument();
    expect(
      lowest.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      expect.stringMatching(/^PlatformEngineering0%/),
      expect.stringMatching(/^CheckoutCommerce33%/),
    ]);
    expect(lowest.getByText('2 of 40')).toBeInTheDocument();
    expect(Object.fromEntries(queries.matrix.entries())).toEqual({
      sort: 'completion',
      order: 'asc',
      limit: '5',
    });

    const denied = section('Denied licenses');
    expect(
      await denied.findByRole('link', { name: /payments-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(denied.getByText(/GPL-3.0-only is denied/)).toBeInTheDocument();
    expect(denied.getByRole('link', { name: 'checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout',
    );
    expect(denied.getByText('1 of 12')).toBeInTheDocument();
    expect(queries['license.denied'].get('limit')).toBe('5');

    const unowned = section('Components without an owner');
    expect(
      await unowned.findByRole('link', { name: /legacy-batch/ }),
    ).toHaveAttribute('href', '/catalog/default/component/legacy-batch');
    expect(
      unowned.getByText('Owner group:default/gone does not exist'),
    ).toBeInTheDocument();
    // All of them shown: no count.
    expect(unowned.queryByText(/ of /)).not.toBeInTheDocument();
    expect(queries['ownership.coverage'].get('limit')).toBe('5');
  });

  it('says when there is nothing to act on', async () => {
    serveLists(
      {
        'license.denied': makeFindingPage('license.denied', []),
        'ownership.coverage': makeFindingPage('ownership.coverage', []),
      },
      makeChecklistMatrix({ teams: [], totalCount: 0 }),
    );
    await renderOspoPage(<WhereToActCard />);

    expect(
      await screen.findByText('No component uses a denied license.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Every component has an owner in the catalog.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No team has a checklist to complete yet.'),
    ).toBeInTheDocument();
  });

  it('shows an error in the list that failed, and the others', async () => {
    serveLists({
      'license.denied': { status: 500 },
      'ownership.coverage': makeFindingPage('ownership.coverage', []),
    });
    await renderOspoPage(<WhereToActCard />);

    expect(
      (
        await section('Denied licenses').findAllByText(
          /No findings for license.denied/,
        )
      )[0],
    ).toBeInTheDocument();
    expect(
      await section('Lowest checklist completion').findByRole('link', {
        name: 'Platform',
      }),
    ).toBeInTheDocument();
    expect(
      await section('Components without an owner').findByText(
        'Every component has an owner in the catalog.',
      ),
    ).toBeInTheDocument();
  });
});
