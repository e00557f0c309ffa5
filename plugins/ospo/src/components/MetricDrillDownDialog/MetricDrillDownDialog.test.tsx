import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MetricScopeValues } from '@ospo-kit/plugin-ospo-common';
import {
  builtinMetricDefinitions,
  makeMetricValue,
} from '../../__testUtils__/metricFixtures';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import {
  makeScope,
  makeScopeValues,
} from '../../__testUtils__/dashboardFixtures';
import {
  blobText,
  captureDownloads,
} from '../../__testUtils__/captureDownloads';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { MetricDrillDownDialog } from './MetricDrillDownDialog';

jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ownership = builtinMetricDefinitions.find(
  d => d.id === 'ownership.coverage',
)!;

const engineering = makeScope('group:default/engineering', 'Engineering', {
  type: 'department',
  childRefs: ['group:default/commerce', 'group:default/platform'],
});
const marketing = makeScope('group:default/marketing', 'Marketing', {
  type: 'department',
  childRefs: ['group:default/brand'],
});
const commerce = makeScope('group:default/commerce', 'Commerce', {
  type: 'department',
  parentRef: engineering.ref,
  childRefs: ['group:default/checkout'],
});
const platform = makeScope('group:default/platform', 'Platform', {
  parentRef: engineering.ref,
});
const checkout = makeScope('group:default/checkout', 'Checkout', {
  parentRef: commerce.ref,
});

/** The Groups below each scope, as the backend answers. */
const valuesBelow: Record<string, MetricScopeValues> = {
  org: makeScopeValues('ownership.coverage', [
    { scope: marketing, value: { value: 0.5, numerator: 1, denominator: 2 } },
    {
      scope: engineering,
      value: { value: 0.8, numerator: 8, denominator: 10 },
    },
  ]),
  [engineering.ref]: makeScopeValues('ownership.coverage', [
    { scope: platform, value: { value: 1, numerator: 4, denominator: 4 } },
    { scope: commerce, value: { value: 2 / 3, numerator: 4, denominator: 6 } },
  ]),
  [commerce.ref]: makeScopeValues('ownership.coverage', [
    { scope: checkout, value: { numerator: 0, denominator: 0 } },
  ]),
};

/** Serves the values below each scope; records which were asked for. */
function serveValues() {
  const parents: Array<string | null> = [];
  server.use(
    http.get(
      `${OSPO_BASE_URL}/metrics/ownership.coverage/values`,
      ({ request }) => {
        const parent = new URL(request.url).searchParams.get('parent');
        parents.push(parent);
        return HttpResponse.json(valuesBelow[parent ?? ''] ?? { items: [] });
      },
    ),
  );
  return parents;
}

/** The names of the Groups listed, in order. */
function groupNames() {
  return screen.getAllByRole('rowheader').map(cell => cell.textContent);
}

const orgValue = makeMetricValue('org', 'ownership.coverage', {
  value: 0.75,
  numerator: 12,
  denominator: 16,
});

const render = (onClose = jest.fn()) =>
  renderOspoPage(
    <MetricDrillDownDialog
      definition={ownership}
      orgValue={orgValue}
      onClose={onClose}
    />,
  );

describe('MetricDrillDownDialog', () => {
  it('goes down from the top-level Groups to the teams, and back up', async () => {
    const parents = serveValues();
    const user = userEvent.setup();
    await render();

    const dialog = await screen.findByRole('dialog', {
      name: 'Ownership coverage by department',
    });
    await within(dialog).findByText('80%');
    expect(groupNames()).toEqual(['Engineering', 'Marketing']);
    expect(within(dialog).getByText('8 of 10')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Department · 2 Groups'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('drill-down-summary')).toHaveTextContent(
      '75%12 of 16',
    );
    const crumbs = () =>
      within(
        screen.getByRole('navigation', { name: 'Where in the organisation' }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent);
    expect(crumbs()).toEqual(['Organisation']);

    await user.click(
      screen.getByRole('button', {
        name: 'Engineering: show the Groups in it',
      }),
    );
    await screen.findByText('Platform');
    expect(groupNames()).toEqual(['Commerce', 'Platform']);
    expect(crumbs()).toEqual(['Organisation', 'Engineering']);
    expect(screen.getByText('Engineering as a whole:')).toBeInTheDocument();
    expect(screen.getByTestId('drill-down-summary')).toHaveTextContent(
      '80%8 of 10',
    );
    // A team links to its Group page.
    expect(screen.getByRole('link', { name: 'Platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    expect(screen.getByText('67%')).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Commerce: show the Groups in it' }),
    );
    await screen.findByRole('link', { name: 'Checkout' });
    expect(crumbs()).toEqual(['Organisation', 'Engineering', 'Commerce']);
    // Nothing to measure reads as a dash.
    expect(
      within(screen.getByRole('table')).getByText('—'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Organisation' }));
    await screen.findByText('Marketing');
    expect(groupNames()).toEqual(['Engineering', 'Marketing']);
    expect(crumbs()).toEqual(['Organisation']);

    expect(parents).toEqual(['org', engineering.ref, commerce.ref, 'org']);
  });

  it('opens at the first level with more than one Group, passing over the root', async () => {
    // ACME, alone at the top, holds Holding alone, which holds the rest.
    const acme = makeScope('group:default/acme', 'ACME', {
      type: 'department',
      childRefs: ['group:default/holding'],
    });
    const holding = makeScope('group:default/holding', 'Holding', {
      type: 'department',
      parentRef: acme.ref,
      childRefs: [engineering.ref, marketing.ref],
    });
    const below: Record<string, MetricScopeValues> = {
      org: makeScopeValues('ownership.coverage', [
        { scope: acme, value: { value: 0.75 } },
      ]),
      [acme.ref]: makeScopeValues('ownership.coverage', [
        { scope: holding, value: { value: 0.75 } },
      ]),
      [holding.ref]: valuesBelow.org,
      [engineering.ref]: valuesBelow[engineering.ref],
    };
    const parents: Array<string | null> = [];
    server.use(
      http.get(
        `${OSPO_BASE_URL}/metrics/ownership.coverage/values`,
        ({ request }) => {
          const parent = new URL(request.url).searchParams.get('parent');
          parents.push(parent);
          return HttpResponse.json(below[parent ?? ''] ?? { items: [] });
        },
      ),
    );
    const user = userEvent.setup();
    await render();

    await screen.findByText('Marketing');
    expect(groupNames()).toEqual(['Engineering', 'Marketing']);
    expect(parents).toEqual(['org', acme.ref, holding.ref]);
    const crumbs = screen.getByRole('navigation', {
      name: 'Where in the organisation',
    });
    expect(crumbs).toHaveTextContent(/^Organisation$/);
    expect(screen.getByText('Organisation as a whole:')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The Groups below ACME › Holding, which holds the whole organisation.',
      ),
    ).toBeInTheDocument();

    // Down and back up to the organisation: its Groups straight away.
    await user.click(
      screen.getByRole('button', {
        name: 'Engineering: show the Groups in it',
      }),
    );
    await screen.findByText('Platform');
    await user.click(screen.getByRole('button', { name: 'Organisation' }));
    await screen.findByText('Marketing');
    expect(groupNames()).toEqual(['Engineering', 'Marketing']);
    expect(parents).toEqual([
      'org',
      acme.ref,
      holding.ref,
      engineering.ref,
      holding.ref,
    ]);
  });

  it('lists a lone top-level Group that is a team, or a lone department below the top', async () => {
    const solo = makeScope('group:default/solo', 'Solo');
    const lone: Record<string, MetricScopeValues> = {
      org: makeScopeValues('ownership.coverage', [
        { scope: solo, value: { value: 1 } },
      ]),
    };
    server.use(
      http.get(
        `${OSPO_BASE_URL}/metrics/ownership.coverage/values`,
        ({ request }) => {
          const parent = new URL(request.url).searchParams.get('parent') ?? '';
          return HttpResponse.json(lone[parent] ?? { items: [] });
        },
      ),
    );
    const { unmount } = await render();
    expect(
      await screen.findByRole('link', { name: 'Solo' }),
    ).toBeInTheDocument();
    expect(groupNames()).toEqual(['Solo']);
    unmount();

    // Engineering holds Commerce alone: a department, listed all the same.
    lone.org = valuesBelow.org;
    lone[engineering.ref] = makeScopeValues('ownership.coverage', [
      { scope: commerce, value: { value: 0.5 } },
    ]);
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', {
        name: 'Engineering: show the Groups in it',
      }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Commerce: show the Groups in it',
      }),
    ).toBeInTheDocument();
    expect(groupNames()).toEqual(['Commerce']);
  });

  it("exports the metric's values for every Group as CSV", async () => {
    serveValues();
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/ownership.coverage/values.csv`, () =>
        HttpResponse.text('group,value\ngroup:default/platform,1\n'),
      ),
    );
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await render();
      await screen.findByText('Engineering');

      await user.click(
        screen.getByRole('button', { name: 'Export CSV (every Group)' }),
      );
      await waitFor(() => expect(downloads.downloads).toHaveLength(1));
      const [download] = downloads.downloads;
      expect(download.filename).toBe('ownership.coverage.csv');
      expect(await blobText(download.blob)).toBe(
        'group,value\ngroup:default/platform,1\n',
      );
    } finally {
      downloads.restore();
    }
  });

  it('closes', async () => {
    serveValues();
    const onClose = jest.fn();
    const user = userEvent.setup();
    await render(onClose);
    await screen.findByText('Engineering');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('says when there are no Groups below a scope', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/ownership.coverage/values`, () =>
        HttpResponse.json(makeScopeValues('ownership.coverage', [])),
      ),
    );
    await render();
    expect(
      await screen.findByText('No Groups below Organisation'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when the values cannot be loaded', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/ownership.coverage/values`, () =>
        HttpResponse.json(
          makeErrorBody(404, 'NotFoundError', 'No metric ownership.coverage'),
          { status: 404 },
        ),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/No metric ownership.coverage/))[0],
    ).toBeInTheDocument();
  });
  it('says when the run computed the values and when the next is due', async () => {
    serveValues();
    await renderOspoPage(
      <MetricDrillDownDialog
        definition={ownership}
        orgValue={orgValue}
        nextRunAt={new Date(Date.now() + 6 * 3_600_000 + 60_000).toISOString()}
        onClose={jest.fn()}
      />,
    );
    const caption = (await screen.findByText(/^Computed/)).closest(
      '.MuiTypography-caption',
    );
    expect(caption).toHaveTextContent(
      'Computed 1 hour ago · next run in 6 hours',
    );
    // Not a checklist metric: no word about the heat map, no label on the
    // organisation's figure.
    expect(caption).not.toHaveTextContent(/heat map/);
    expect(screen.getByTestId('drill-down-summary')).toHaveTextContent(
      '75%12 of 16',
    );
  });

  it('labels a checklist metric’s figures as the run’s, and tells the live one when known', async () => {
    const completion = builtinMetricDefinitions.find(
      d => d.id === 'checklist.completion',
    )!;
    server.use(
      http.get(`${OSPO_BASE_URL}/metrics/checklist.completion/values`, () =>
        HttpResponse.json(
          makeScopeValues('checklist.completion', [
            {
              scope: engineering,
              value: { value: 0.5, numerator: 5, denominator: 10 },
            },
            { scope: marketing, value: { value: 0.5 } },
          ]),
        ),
      ),
    );
    const runValue = makeMetricValue('org', 'checklist.completion', {
      value: 0.5,
      numerator: 5,
      denominator: 10,
    });
    const { unmount } = await renderOspoPage(
      <MetricDrillDownDialog
        definition={completion}
        orgValue={runValue}
        onClose={jest.fn()}
      />,
    );
    expect(await screen.findByText('Engineering')).toBeInTheDocument();
    expect(screen.getByTestId('drill-down-summary')).toHaveTextContent(
      '50%5 of 10as of 1 hour ago',
    );
    expect(
      screen.getByText(/^Computed/).closest('.MuiTypography-caption'),
    ).toHaveTextContent(
      'Computed 1 hour ago. The Groups’ figures are the run’s; the checklist heat map shows the current answers.',
    );
    unmount();

    await renderOspoPage(
      <MetricDrillDownDialog
        definition={completion}
        orgValue={runValue}
        orgLive={{ ...runValue, value: 0.6, numerator: 6 }}
        onClose={jest.fn()}
      />,
    );
    expect(await screen.findByText('Engineering')).toBeInTheDocument();
    expect(screen.getByTestId('drill-down-summary')).toHaveTextContent(
      '60%6 of 10 · live50% as of 1 hour ago',
    );
  });
});
