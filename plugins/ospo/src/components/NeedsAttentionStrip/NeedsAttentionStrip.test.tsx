import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { configApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import {
  ChecklistMatrixTeam,
  ConsultationSummary,
  ORG_SCOPE,
  SbomOffenders,
} from '@ospo-kit/plugin-ospo-common';
import {
  consultationSummary,
  makeChecklistMatrix,
} from '../../__testUtils__/dashboardFixtures';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import {
  makeLatestMetrics,
  makeMetricValue,
} from '../../__testUtils__/metricFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import {
  sbomOffenders,
  sbomVulnerabilities,
} from '../../__testUtils__/sbomFixtures';
import { SharedRequestsProvider } from '../../hooks/sharedRequests';
import { NeedsAttentionStrip } from './NeedsAttentionStrip';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A team that has done `ratio` of its 10 applicable items. */
function team(name: string, ratio: number | undefined): ChecklistMatrixTeam {
  return {
    ref: `group:default/${name}`,
    title: name,
    statuses: {},
    done: ratio === undefined ? 0 : ratio * 10,
    applicable: ratio === undefined ? 0 : 10,
    ratio,
  };
}

/** Teams lowest first, as the backend sorts them by completion. */
const TEAMS = [
  team('a', 0),
  team('b', 0.2),
  team('c', 0.4),
  team('d', 0.5),
  team('e', 0.6),
  team('f', 0.9),
  team('g', undefined),
];

function serve(
  options: {
    summary?: Partial<ConsultationSummary> | 'error';
    /** Components under a denied license, as of the latest run. */
    deniedLicenses?: number;
    offenders?: Partial<SbomOffenders>;
    teams?: ChecklistMatrixTeam[];
  } = {},
) {
  const matrixQueries: URLSearchParams[] = [];
  const teams = options.teams ?? TEAMS;
  server.use(
    http.get(`${OSPO_BASE_URL}/metrics/latest`, () =>
      HttpResponse.json(
        makeLatestMetrics(ORG_SCOPE, [
          makeMetricValue(ORG_SCOPE, 'ownership.coverage', { value: 0.5 }),
          makeMetricValue(ORG_SCOPE, 'license.denied', {
            value: options.deniedLicenses ?? 0,
          }),
        ]),
      ),
    ),
    http.get(`${OSPO_BASE_URL}/dashboard/consultations`, () =>
      options.summary === 'error'
        ? HttpResponse.json(makeErrorBody(500, 'Error', 'The queue is down'), {
            status: 500,
          })
        : HttpResponse.json({ ...consultationSummary, ...options.summary }),
    ),
    http.get(`${OSPO_BASE_URL}/sbom/offenders`, () =>
      HttpResponse.json({ ...sbomOffenders, ...options.offenders }),
    ),
    http.get(`${OSPO_BASE_URL}/sbom/vulnerabilities`, () =>
      HttpResponse.json(sbomVulnerabilities),
    ),
    http.get(`${OSPO_BASE_URL}/dashboard/checklists`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      matrixQueries.push(query);
      const limit = Number(query.get('limit') ?? 100);
      return HttpResponse.json(
        makeChecklistMatrix({
          teams: teams.slice(0, limit),
          totalCount: teams.length,
        }),
      );
    }),
  );
  return { matrixQueries };
}

async function render(
  options: { config?: object; routeEntries?: string[] } = {},
) {
  return renderOspoPage(
    <TestApiProvider
      apis={[[configApiRef, mockApis.config({ data: options.config ?? {} })]]}
    >
      <SharedRequestsProvider>
        <NeedsAttentionStrip />
      </SharedRequestsProvider>
    </TestApiProvider>,
    { routeEntries: options.routeEntries ?? ['/ospo'] },
  );
}

const strip = () => screen.getByRole('region', { name: 'Needs attention' });

async function findLinks() {
  const region = await screen.findByRole('region', {
    name: 'Needs attention',
  });
  await within(region).findAllByRole('link');
  // Until every figure is in.
  await screen.findByRole('region', { name: 'Needs attention', busy: false });
  return within(region)
    .getAllByRole('link')
    .map(link => [link.textContent, link.getAttribute('href')]);
}

describe('NeedsAttentionStrip', () => {
  it('counts overdue requests, denied licenses and teams below the target, each leading where to act', async () => {
    const { matrixQueries } = serve({
      summary: { overdue: 2 },
      deniedLicenses: 2,
      offenders: { violationCount: 7, affectedEntityCount: 3 },
    });
    await render();

    expect(await findLinks()).toEqual([
      ['2overdue requests', '/ospo/consultations'],
      ['2components under a denied license', '/ospo#ospo-where-to-act'],
      ['7dependencies under a denied license', '/ospo#ospo-dependencies'],
      // a, b and c; d is at the target, g has nothing to do.
      ['3teams below 50%', '/ospo?sort=completion&order=asc#ospo-checklists'],
    ]);
    expect(
      within(strip()).getByRole('link', { name: /dependencies under/ }),
    ).toHaveAttribute(
      'title',
      '7 dependencies under a denied license in the latest SBOMs of 3 components',
    );
    // The first few teams, as "Where to act" reads them, were enough.
    expect(matrixQueries.map(q => Object.fromEntries(q))).toEqual([
      { sort: 'completion', order: 'asc', limit: '5' },
    ]);
  });

  it('shows what is not zero, in the singular for one', async () => {
    serve({
      summary: { overdue: 1 },
      deniedLicenses: 1,
      offenders: { violationCount: 1, affectedEntityCount: 1 },
      teams: [team('a', 0.1), team('b', 0.7)],
    });
    await render();

    expect(await findLinks()).toEqual([
      ['1overdue request', '/ospo/consultations'],
      ['1component under a denied license', '/ospo#ospo-where-to-act'],
      ['1dependency under a denied license', '/ospo#ospo-dependencies'],
      ['1team below 50%', '/ospo?sort=completion&order=asc#ospo-checklists'],
    ]);
  });

  it('says when nothing needs attention', async () => {
    serve({
      summary: { overdue: 0 },
      offenders: { violationCount: 0, affectedEntityCount: 0 },
      teams: [team('a', 0.5), team('b', 1), team('c', undefined)],
    });
    await render();

    const region = await screen.findByRole('region', {
      name: 'Nothing needs attention',
    });
    expect(region).toHaveTextContent(
      'No overdue requests, no denied licenses, every team at 50% or more.',
    );
    expect(within(region).queryByRole('link')).not.toBeInTheDocument();
  });

  it('counts every team below the target when more are below it than the first few', async () => {
    const teams = [
      ...Array.from({ length: 8 }, (_, i) => team(`low-${i}`, i / 20)),
      team('high', 0.8),
    ];
    const { matrixQueries } = serve({ summary: { overdue: 0 }, teams });
    await render();

    const links = await findLinks();
    expect(links).toContainEqual([
      '8teams below 50%',
      '/ospo?sort=completion&order=asc#ospo-checklists',
    ]);
    expect(matrixQueries.map(q => q.get('limit'))).toEqual(['5', '500']);
  });

  it('follows the configured target, and keeps the heat map filters in the link', async () => {
    serve({ summary: { overdue: 0 } });
    await render({
      config: { ospo: { dashboard: { checklistTarget: 0.75 } } },
      routeEntries: ['/ospo?department=group:default/commerce&page=2'],
    });

    expect(await findLinks()).toContainEqual([
      // a, b, c, d and e.
      '5teams below 75%',
      '/ospo?department=group%3Adefault%2Fcommerce&sort=completion&order=asc#ospo-checklists',
    ]);
  });

  it('shows the other figures when one cannot be loaded, and never claims all is well', async () => {
    serve({ summary: 'error' });
    await render();
    const links = await findLinks();
    expect(links.map(([text]) => text)).toEqual([
      '7dependencies under a denied license',
      '3teams below 50%',
    ]);

    serve({
      summary: 'error',
      offenders: { violationCount: 0 },
      teams: [team('a', 1)],
    });
    await render();
    expect(
      await screen.findByText(
        'Some figures could not be loaded: see the cards below.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Nothing needs attention' }),
    ).not.toBeInTheDocument();
  });
});
