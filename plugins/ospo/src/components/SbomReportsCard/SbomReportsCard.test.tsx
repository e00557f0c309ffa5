import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  SbomOffenders,
  SbomVulnerabilities,
} from '@ospo-kit/plugin-ospo-common';
import {
  blobText,
  captureDownloads,
} from '../../__testUtils__/captureDownloads';
import { OSPO_BASE_URL, makeErrorBody } from '../../__testUtils__/ospoFixtures';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import {
  noSbomOffenders,
  noSbomVulnerabilities,
  sbomOffenders,
  sbomVulnerabilities,
} from '../../__testUtils__/sbomFixtures';
import { SbomReportsCard } from './SbomReportsCard';

jest.setTimeout(30_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves both reports, and records the query of each request. */
function serveReports(
  offenders: SbomOffenders = sbomOffenders,
  vulnerabilities: SbomVulnerabilities = sbomVulnerabilities,
) {
  const queries: string[] = [];
  server.use(
    http.get(`${OSPO_BASE_URL}/sbom/offenders`, ({ request }) => {
      queries.push(`offenders${new URL(request.url).search}`);
      return HttpResponse.json(offenders);
    }),
    http.get(`${OSPO_BASE_URL}/sbom/vulnerabilities`, ({ request }) => {
      queries.push(`vulnerabilities${new URL(request.url).search}`);
      return HttpResponse.json(vulnerabilities);
    }),
  );
  return queries;
}

/** The cells of a table's body rows, as text. */
function rowsOf(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      [...row.querySelectorAll('th, td')].map(cell => cell.textContent),
    );
}

describe('SbomReportsCard', () => {
  it('shows the main offenders first: packages and licenses by components affected', async () => {
    const queries = serveReports();
    await renderOspoPage(<SbomReportsCard />);

    const packages = await screen.findByRole('table', {
      name: 'Packages with license violations',
    });
    expect(queries.sort()).toEqual([
      'offenders?limit=20',
      'vulnerabilities?limit=20',
    ]);
    expect(
      screen.getByText('Dependencies and vulnerabilities'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^From the SBOMs of 12 components · latest uploaded/),
    ).toHaveTextContent('latest uploaded 2 hours ago');
    expect(
      screen.getByRole('tab', { name: 'Main offenders (7)' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      screen.getByRole('tab', { name: 'Vulnerabilities (3)' }),
    ).toHaveAttribute('aria-selected', 'false');
    expect(
      screen.getByText('7 open license violations in 3 components'),
    ).toBeInTheDocument();

    expect(
      within(packages)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Package', 'License', 'Components affected', 'Violations']);
    expect(rowsOf(packages)).toEqual([
      ['gpl-lib', 'GPL-3.0-only', '3', '4'],
      [
        '@acme/mixed',
        'MIT AND AGPL-3.0-only' + 'denied: AGPL-3.0-only',
        '2',
        '3',
      ],
    ]);
    expect(screen.getByText(/the first 2 of 24/)).toBeInTheDocument();

    const byLicense = screen.getByRole('list', { name: 'By license' });
    expect(
      within(byLicense)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'GPL-3.0-only3 components1 package · 4 violations',
      'MIT AND AGPL-3.0-only2 components1 package · 3 violations',
    ]);
  });

  it('shows the open vulnerabilities by severity, the oldest critical, and the worst first', async () => {
    serveReports();
    const user = userEvent.setup();
    await renderOspoPage(<SbomReportsCard />);
    await user.click(
      await screen.findByRole('tab', { name: 'Vulnerabilities (3)' }),
    );

    expect(
      screen.getByText('3 open vulnerabilities in 5 components'),
    ).toBeInTheDocument();
    const counts = screen.getByLabelText('Open vulnerabilities by severity');
    expect(
      [...counts.querySelectorAll(':scope > div')].map(
        figure => figure.textContent,
      ),
    ).toEqual([
      'Critical1in 4 components',
      'High0none open',
      'Medium1in 2 components',
      'Low0none open',
      'Unrated1in 1 component',
    ]);

    const oldest = screen.getByRole('alert');
    expect(oldest).toHaveTextContent(
      'Oldest open critical vulnerabilityCVE-2021-23337 in lodash of checkout, open for 1 month',
    );
    expect(
      within(oldest).getByRole('link', { name: 'checkout' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');

    const table = screen.getByRole('table', { name: 'Open vulnerabilities' });
    expect(rowsOf(table)).toEqual([
      [
        // Backstage's Link tells screen readers that it opens a new window.
        'CVE-2021-23337, Opens in a new window',
        'Critical',
        '4cart, checkout, search and 1 more',
        'lodash → 4.17.21',
        'last month',
      ],
      [
        'CVE-2022-24999',
        'Medium',
        '2cart, shop',
        'qs: no fix known',
        '3 days ago',
      ],
      [
        'GHSA-xxxx-yyyy-zzzz',
        'Unrated',
        '1wiki',
        'marked → 4.0.10',
        'yesterday',
      ],
    ]);
    // The advisory opens apart; a URL that is not http(s) is not a link.
    const advisory = within(table).getByRole('link', {
      name: 'CVE-2021-23337, Opens in a new window',
    });
    expect(advisory).toHaveAttribute(
      'href',
      'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
    );
    expect(advisory).toHaveAttribute('target', '_blank');
    expect(
      within(table).queryByRole('link', { name: 'CVE-2022-24999' }),
    ).not.toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('link', { name: 'cart' })
        .map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/component/cart',
      '/catalog/default/component/cart',
    ]);
    expect(
      table.querySelector('[data-severity="critical"]'),
    ).toBeInTheDocument();
  });

  it('downloads every violation and every vulnerability finding as CSV', async () => {
    serveReports();
    server.use(
      http.get(
        `${OSPO_BASE_URL}/sbom/violations.csv`,
        () =>
          new HttpResponse('Entity ref,Package\r\ncomponent:default/a,x\r\n', {
            headers: { 'Content-Type': 'text/csv' },
          }),
      ),
      http.get(
        `${OSPO_BASE_URL}/sbom/vulnerabilities.csv`,
        () =>
          new HttpResponse('Entity ref,Vulnerability\r\n', {
            headers: { 'Content-Type': 'text/csv' },
          }),
      ),
    );
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await renderOspoPage(<SbomReportsCard />);
      await user.click(
        await screen.findByRole('button', { name: 'Export violations' }),
      );
      await waitFor(() => expect(downloads.downloads).toHaveLength(1));
      await user.click(screen.getByRole('tab', { name: /^Vulnerabilities/ }));
      await user.click(
        screen.getByRole('button', { name: 'Export vulnerabilities' }),
      );
      await waitFor(() => expect(downloads.downloads).toHaveLength(2));

      const [violations, vulnerabilities] = downloads.downloads;
      expect(violations.filename).toBe('ospo-sbom-license-violations.csv');
      expect(await blobText(violations.blob)).toBe(
        'Entity ref,Package\r\ncomponent:default/a,x\r\n',
      );
      expect(vulnerabilities.filename).toBe('ospo-sbom-vulnerabilities.csv');
      expect(await blobText(vulnerabilities.blob)).toBe(
        'Entity ref,Vulnerability\r\n',
      );
    } finally {
      downloads.restore();
    }
  });

  it('says how to upload an SBOM before the first one', async () => {
    serveReports(noSbomOffenders, noSbomVulnerabilities);
    await renderOspoPage(<SbomReportsCard />);

    expect(await screen.findByText('No SBOM uploaded yet')).toBeInTheDocument();
    expect(
      screen.getByText(/From CI, POST a CycloneDX SBOM/),
    ).toHaveTextContent(
      'From CI, POST a CycloneDX SBOM (JSON) to /api/ospo/entities/<kind>/<namespace>/<name>/sbom',
    );
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Export/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when the SBOMs show no violation and no vulnerability', async () => {
    const clean = {
      scannedEntityCount: 4,
      lastScannedAt: sbomOffenders.lastScannedAt,
    };
    serveReports(
      { ...noSbomOffenders, ...clean },
      { ...noSbomVulnerabilities, ...clean },
    );
    const user = userEvent.setup();
    await renderOspoPage(<SbomReportsCard />);

    expect(
      await screen.findByText(
        'No dependency of the 4 components with an SBOM is under a denied license.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No open license violation')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Vulnerabilities (0)' }));
    expect(
      screen.getByText(
        'No known vulnerability in the dependencies of the 4 components with an SBOM.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows progress, then why the reports could not be loaded', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/sbom/offenders`, async () => {
        await delay(50);
        return HttpResponse.json(
          makeErrorBody(
            403,
            'NotAllowedError',
            'You may not read OSPO metrics',
          ),
          { status: 403 },
        );
      }),
      http.get(`${OSPO_BASE_URL}/sbom/vulnerabilities`, () =>
        HttpResponse.json(sbomVulnerabilities),
      ),
    );
    await renderOspoPage(<SbomReportsCard />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/You may not read OSPO metrics/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});
