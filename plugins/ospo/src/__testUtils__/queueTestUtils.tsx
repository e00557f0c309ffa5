import { useLocation } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import { Consultation } from '@ospo-kit/plugin-ospo-common';
import { OspoPage } from '../components/OspoPage';
import {
  OSPO_BASE_URL,
  makeConsultationPage,
  officeStaff,
  ospoOffice,
} from './ospoFixtures';
import { OspoTestApiOptions } from './ospoTestApis';
import { renderOspoPage } from './renderOspoPage';

/**
 * Serves the office, its staff and a queue; records every list request's
 * query.
 */
export function serveQueue(
  server: SetupServer,
  items: Consultation[],
  page: { totalCount?: number } = {},
) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
    http.get(`${OSPO_BASE_URL}/office/staff`, () =>
      HttpResponse.json(officeStaff),
    ),
    http.get(`${OSPO_BASE_URL}/consultations`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return HttpResponse.json(
        makeConsultationPage(items, {
          totalCount: page.totalCount ?? items.length,
          limit: Number(query.get('limit')),
          offset: Number(query.get('offset')),
        }),
      );
    }),
  );
  return {
    queries,
    last: () => queries[queries.length - 1],
  };
}

/** Shows where the app is, for tests of the URL. */
function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location">
      {location.pathname}
      {location.search}
    </output>
  );
}

/** The path and query the app is at. */
export function currentLocation(): string {
  return screen.getByTestId('location').textContent ?? '';
}

/**
 * Renders the OSPO's pages at a path below `/ospo` (the queue unless
 * given), with the location shown for assertions.
 */
export function renderQueue(
  options: OspoTestApiOptions & { path?: string } = {},
) {
  return renderOspoPage(
    <>
      <OspoPage />
      <LocationProbe />
    </>,
    { ...options, routeEntries: [options.path ?? '/consultations'] },
  );
}

/** Picks an option the way people do: open the select, click the option. */
export async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  option: string,
) {
  await user.click(screen.getByLabelText(label));
  // Role queries over the whole page are slow; look the list up once and
  // wait for that element to go.
  const listbox = await screen.findByRole('listbox');
  await user.click(within(listbox).getByText(option));
  await waitFor(() => expect(listbox).not.toBeInTheDocument());
}

/** The table row of a request, by its summary. */
export function row(summary: string): HTMLElement {
  const cell = screen.getByText(summary).closest('tr');
  if (!cell) {
    throw new Error(`No row for ${summary}`);
  }
  return cell;
}
