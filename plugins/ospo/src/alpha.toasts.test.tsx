import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AppRootElementBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { OSPO_CONSULTATION_SIGNAL_CHANNEL } from '@ospo-kit/plugin-ospo-common';
import { fakeSignalApi } from './__testUtils__/fakeToasts';
import {
  OSPO_BASE_URL,
  makeConsultationPage,
  ospoOffice,
} from './__testUtils__/ospoFixtures';
import ospoPlugin, { ospoConsultationToaster, ospoSettingsPage } from './alpha';

// The toasts and their setting in an app of the new frontend system: the
// app's own toast display and settings page, the plugin's extensions.

jest.setTimeout(30_000);
const LOAD_TIMEOUT = 20_000;

const server = setupServer(
  http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
  http.get(`${OSPO_BASE_URL}/consultations`, () =>
    HttpResponse.json(makeConsultationPage([])),
  ),
  http.get(`${OSPO_BASE_URL}/office/staff`, () =>
    HttpResponse.json({ groupRef: ospoOffice.groupRef, items: [] }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function LocationDisplay() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

/** Where the test app is, on every page, to follow navigation. */
const locationProbe = AppRootElementBlueprint.make({
  name: 'location-probe',
  params: { element: <LocationDisplay /> },
});

describe('OSPO toasts in the new frontend system', () => {
  it('come as app root elements and an OSPO tab of the settings page', () => {
    expect(
      createExtensionTester(ospoConsultationToaster).query(
        ospoConsultationToaster,
      ).node.spec.attachTo,
    ).toEqual({ id: 'app/root', input: 'elements' });
    const settings = createExtensionTester(ospoSettingsPage);
    expect(settings.query(ospoSettingsPage).node.spec.attachTo).toEqual({
      id: 'page:user-settings',
      input: 'pages',
    });
    expect(settings.get(coreExtensionData.routePath)).toBe('ospo');
    expect(settings.get(coreExtensionData.title)).toBe('OSPO');
    expect(
      ospoPlugin.getExtension('app-root-element:ospo/consultation-toaster'),
    ).toMatchObject({ kind: 'app-root-element', name: 'consultation-toaster' });
    expect(ospoPlugin.getExtension('sub-page:ospo/settings')).toMatchObject({
      kind: 'sub-page',
      name: 'settings',
    });
  });

  it("shows one toast per batch with the app's toasts, leading into the app", async () => {
    const signals = fakeSignalApi();
    const user = userEvent.setup();
    renderTestApp({
      features: [ospoPlugin],
      extensions: [locationProbe],
      apis: [
        mockApis.permission(),
        mockApis.identity({ userEntityRef: 'user:default/ola' }),
        [signalApiRef, signals.api],
        // The queue's entity pickers search the catalog.
        [catalogApiRef, catalogApiMock()],
      ],
      initialRouteEntries: ['/'],
    });
    await waitFor(
      () =>
        expect(signals.subscriberCount(OSPO_CONSULTATION_SIGNAL_CHANNEL)).toBe(
          1,
        ),
      { timeout: LOAD_TIMEOUT },
    );

    signals.emit(OSPO_CONSULTATION_SIGNAL_CHANNEL, {
      type: 'new-requests',
      count: 5,
      ids: ['r5', 'r4', 'r3', 'r2', 'r1'],
      latest: { id: 'r5', summary: 'May we use libfoo?' },
    });

    expect(
      await screen.findByText('5 new consultation requests'),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest: May we use libfoo?')).toBeInTheDocument();
    expect(screen.getAllByText(/new consultation request/)).toHaveLength(1);
    const link = screen.getByRole('link', { name: 'Open the queue' });
    expect(link).toHaveAttribute('href', '/ospo/consultations');

    // In the app. (That the toast goes is for ConsultationToaster's tests:
    // its exit animation does not end in jsdom.)
    await user.click(link);
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/ospo/consultations',
      ),
    );
    expect(
      await screen.findByText(
        'No requests match these filters',
        {},
        { timeout: LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
  });

  it('lets the user mute them on the OSPO tab of the settings page', async () => {
    const user = userEvent.setup();
    const storageApi = mockApis.storage();
    renderTestApp({
      features: [ospoPlugin, userSettingsPlugin],
      apis: [
        mockApis.permission(),
        mockApis.identity({ userEntityRef: 'user:default/ola' }),
        storageApi,
      ],
      initialRouteEntries: ['/settings/ospo'],
    });

    const toggle = await screen.findByRole(
      'checkbox',
      { name: 'Toasts for new consultation requests' },
      { timeout: LOAD_TIMEOUT },
    );
    expect(screen.getByRole('tab', { name: 'OSPO' })).toBeInTheDocument();
    expect(toggle).toBeChecked();

    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(
      storageApi.forBucket('ospo').snapshot<boolean>('toastsMuted').value,
    ).toBe(true);
  });
});
