import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  ExtensionDefinition,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { OspoClient } from '@ospo-kit/plugin-ospo-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  makeAnswer,
  makeConsultationPage,
  makeConsultationWithEvents,
  makeTeamChecklists,
  officeStaff,
  ospoOffice,
} from './__testUtils__/ospoFixtures';
import { ospoTestApis } from './__testUtils__/ospoTestApis';
import {
  makeCheckResult,
  makeEntityChecks,
} from './__testUtils__/checkFixtures';
import { serveDashboard } from './__testUtils__/serveDashboard';
import ospoPlugin, {
  ospoApi,
  ospoConsultEntityCard,
  ospoOwnerChecklistEntityCard,
  ospoPage,
  ospoTeamChecklistEntityCard,
  ospoTeamMetricsEntityCard,
} from './alpha';
import { ospoApiRef } from './api';
import {
  consultationRouteRef,
  consultationsRouteRef,
  rootRouteRef,
} from './routes';

// The full test app and the dashboard render a lot at once; give them room on
// a busy CI machine.
jest.setTimeout(30_000);
// The pages are loaded lazily, as in an app: slower than findBy's default
// second when other work shares the machine.
const PAGE_LOAD_TIMEOUT = 20_000;

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function entityOfKind(kind: string, spec: Entity['spec'] = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'checkout', namespace: 'default' },
    spec,
  };
}

/** Every kind of the default catalog model. */
const ALL_KINDS = [
  'Component',
  'API',
  'System',
  'Domain',
  'Resource',
  'Group',
  'User',
  'Location',
  'Template',
];

/** A card's filter, as the entity page applies it. */
function cardFilter(
  card: ExtensionDefinition,
  config?: (typeof ospoOwnerChecklistEntityCard)['T']['configInput'],
) {
  const filter = createExtensionTester(card, { config })
    .query(card)
    .instance.getData(EntityCardBlueprint.dataRefs.filterFunction);
  if (!filter) {
    throw new Error('The card has no filter function');
  }
  return filter;
}

/** The kinds of entity a card's filter lets it show on. */
function kindsShownOn(
  card: ExtensionDefinition,
  config?: (typeof ospoOwnerChecklistEntityCard)['T']['configInput'],
  spec?: Entity['spec'],
) {
  const filter = cardFilter(card, config);
  return ALL_KINDS.filter(kind => filter(entityOfKind(kind, spec)));
}

/**
 * The permission decisions and signed-in user for a test app, leaving the
 * OSPO API to the plugin's own API extension.
 */
const appApis = [
  mockApis.permission(),
  mockApis.identity({ userEntityRef: 'user:default/test' }),
  [catalogApiRef, catalogApiMock()],
] as const;

describe('ospo plugin for the new frontend system', () => {
  it('is the ospo plugin with its root route', () => {
    expect(ospoPlugin.pluginId).toBe('ospo');
    expect(ospoPlugin.title).toBe('OSPO');
    // Converted in place: the legacy and the new route ref are one object, so
    // the legacy components' links resolve in either app.
    expect(ospoPlugin.routes.root).toBe(rootRouteRef);
    expect(ospoPlugin.routes.consultations).toBe(consultationsRouteRef);
    expect(ospoPlugin.routes.consultation).toBe(consultationRouteRef);
  });

  it('provides an OSPO client that talks to the ospo backend', async () => {
    const factory = createExtensionTester(ospoApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(ospoApiRef);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);

    const getBaseUrl = jest.fn(async () => OSPO_BASE_URL);
    const client = factory.factory({
      discoveryApi: { getBaseUrl },
      fetchApi: {
        fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
      },
    }) as OspoClient;
    expect(client).toBeInstanceOf(OspoClient);

    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
    );
    await expect(client.getOffice()).resolves.toEqual(ospoOffice);
    expect(getBaseUrl).toHaveBeenCalledWith('ospo');
  });

  describe('page', () => {
    it('mounts at /ospo on the root route, titled for the nav', () => {
      const tester = createExtensionTester(ospoPage);
      expect(tester.query(ospoPage).node.spec.attachTo).toEqual({
        id: 'app/routes',
        input: 'routes',
      });
      expect(tester.get(coreExtensionData.routePath)).toBe('/ospo');
      expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
      expect(tester.get(coreExtensionData.title)).toBe('OSPO');
      expect(tester.get(coreExtensionData.icon)).toBeDefined();
    });

    it('serves the dashboard at /ospo in an app, with its nav item', async () => {
      serveDashboard(server);
      renderTestApp({
        features: [ospoPlugin],
        apis: appApis,
        initialRouteEntries: ['/ospo'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
      });

      expect(
        await screen.findByRole(
          'button',
          { name: 'Checkout: Creation — done' },
          { timeout: PAGE_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Dashboard')).toBeInTheDocument();
      // Only the page's own header, not the plugin header on top of it.
      expect(
        screen.getAllByRole('heading', { name: 'Open Source Program Office' }),
      ).toHaveLength(1);
      expect(
        screen.queryByRole('heading', { name: 'OSPO' }),
      ).not.toBeInTheDocument();
      const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
      expect(within(nav).getByRole('link', { name: 'OSPO' })).toHaveAttribute(
        'href',
        '/ospo',
      );
    });

    it('serves the consultation queue at /ospo/consultations', async () => {
      server.use(
        http.get(`${OSPO_BASE_URL}/office`, () =>
          HttpResponse.json(ospoOffice),
        ),
        http.get(`${OSPO_BASE_URL}/office/staff`, () =>
          HttpResponse.json(officeStaff),
        ),
        http.get(`${OSPO_BASE_URL}/consultations`, () =>
          HttpResponse.json(makeConsultationPage([])),
        ),
      );
      renderTestApp({
        features: [ospoPlugin],
        apis: appApis,
        initialRouteEntries: ['/ospo/consultations'],
      });

      expect(
        await screen.findByText(
          'No requests match these filters',
          {},
          { timeout: PAGE_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Consultations')).toBeInTheDocument();
      expect(screen.queryByText('Dashboard')).not.toBeInTheDocument();
    });

    it('opens a request at its own URL, as notifications link to it', async () => {
      server.use(
        http.get(`${OSPO_BASE_URL}/office`, () =>
          HttpResponse.json(ospoOffice),
        ),
        http.get(`${OSPO_BASE_URL}/office/staff`, () =>
          HttpResponse.json(officeStaff),
        ),
        http.get(`${OSPO_BASE_URL}/consultations`, () =>
          HttpResponse.json(makeConsultationPage([])),
        ),
        http.get(`${OSPO_BASE_URL}/consultations/c2`, () =>
          HttpResponse.json(
            makeConsultationWithEvents({
              id: 'c2',
              summary: 'Fork of grafana',
            }),
          ),
        ),
      );
      renderTestApp({
        features: [ospoPlugin],
        apis: appApis,
        initialRouteEntries: ['/ospo/consultations/c2'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
      });

      expect(
        await screen.findByRole(
          'dialog',
          { name: 'Fork of grafana' },
          { timeout: PAGE_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Consultations')).toBeInTheDocument();
    });
  });

  describe('entity cards', () => {
    it('show on the entity kinds each card is for', () => {
      expect(kindsShownOn(ospoOwnerChecklistEntityCard)).toEqual([
        'Component',
        'API',
        'System',
        'Resource',
      ]);
      expect(kindsShownOn(ospoConsultEntityCard)).toEqual([
        'Component',
        'API',
        'System',
        'Resource',
        'Group',
      ]);
      expect(
        kindsShownOn(ospoTeamChecklistEntityCard, undefined, { type: 'team' }),
      ).toEqual(['Group']);
      expect(kindsShownOn(ospoTeamMetricsEntityCard)).toEqual(['Group']);
    });

    it('show the checklist on teams, the metrics on every Group', () => {
      const checklist = cardFilter(ospoTeamChecklistEntityCard);
      const metrics = cardFilter(ospoTeamMetricsEntityCard);
      for (const type of ['team', 'department', 'organization']) {
        const group = entityOfKind('Group', { type });
        expect(checklist(group)).toBe(type === 'team');
        expect(metrics(group)).toBe(true);
      }
      // An app whose teams are of another type says so in its config.
      const squads = cardFilter(ospoTeamChecklistEntityCard, {
        filter: { kind: 'group', 'spec.type': 'squad' },
      });
      expect(squads(entityOfKind('Group', { type: 'squad' }))).toBe(true);
    });

    it('place the owner checklist beside About, the others in the main column', () => {
      const typeOf = (card: ExtensionDefinition) =>
        createExtensionTester(card).get(EntityCardBlueprint.dataRefs.type);
      expect(typeOf(ospoOwnerChecklistEntityCard)).toBe('info');
      expect(typeOf(ospoConsultEntityCard)).toBe('content');
      expect(typeOf(ospoTeamChecklistEntityCard)).toBe('content');
      expect(typeOf(ospoTeamMetricsEntityCard)).toBe('content');
      expect(
        createExtensionTester(ospoConsultEntityCard, {
          config: { type: 'info' },
        }).get(EntityCardBlueprint.dataRefs.type),
      ).toBe('info');
    });

    it('take another filter from the app config', () => {
      expect(
        kindsShownOn(ospoOwnerChecklistEntityCard, {
          filter: { kind: { $in: ['component', 'resource'] } },
        }),
      ).toEqual(['Component', 'Resource']);
    });

    it('are attached to the entity overview', () => {
      const cards = {
        'owner-checklist': ospoOwnerChecklistEntityCard,
        consult: ospoConsultEntityCard,
        'team-checklist': ospoTeamChecklistEntityCard,
        'team-metrics': ospoTeamMetricsEntityCard,
      };
      for (const [name, card] of Object.entries<ExtensionDefinition>(cards)) {
        expect(
          ospoPlugin.getExtension(
            `entity-card:ospo/${name}` as 'entity-card:ospo/consult',
          ),
        ).toMatchObject({ kind: 'entity-card', namespace: 'ospo', name });
        expect(
          createExtensionTester(card).query(card).node.spec.attachTo,
        ).toEqual({ id: 'entity-content:catalog/overview', input: 'cards' });
      }
    });

    it("renders the owner checklist card with the owning team's progress", async () => {
      const teamRef = 'group:default/payments';
      server.use(
        http.get(
          `${OSPO_BASE_URL}/entities/component/default/checkout/checklist-status`,
          () =>
            HttpResponse.json({
              entityRef: 'component:default/checkout',
              ownerRefs: [teamRef],
              teams: [
                makeTeamChecklists(teamRef, [
                  makeAnswer(teamRef, 'creation', 'done'),
                  makeAnswer(teamRef, 'stakeholders', 'done'),
                ]),
              ],
              unresolvedOwners: [],
              checks: makeEntityChecks([makeCheckResult('owner', 'pass')]),
            }),
        ),
      );
      renderInTestApp(
        <EntityProvider entity={entityOfKind('Component')}>
          {createExtensionTester(ospoOwnerChecklistEntityCard).reactElement()}
        </EntityProvider>,
        {
          apis: ospoTestApis(),
          mountedRoutes: {
            '/catalog/:namespace/:kind/:name':
              convertLegacyRouteRef(entityRouteRef),
          },
        },
      );

      expect(await screen.findByText('Creating an OSPO')).toBeInTheDocument();
      expect(screen.getByText('2/5 done')).toBeInTheDocument();
      expect(screen.getByText('The 1 check passes')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: /payments/ })).toHaveAttribute(
        'href',
        '/catalog/default/group/payments',
      );
    });
  });
});
