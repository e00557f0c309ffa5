import { discoveryApiRef, IdentityApi } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PERSONA_STORAGE_KEY } from './PersonaSignInPage';
import { personaSignInPage } from './personaSignInModule';

const server = setupServer();
// The sign-in page reads the token's expiry; the signature is never checked here.
const token = [
  '{"alg":"none"}',
  `{"sub":"user:default/lee","exp":${Math.floor(Date.now() / 1000) + 3600}}`,
  'sig',
]
  .map(part => Buffer.from(part).toString('base64url'))
  .join('.');
const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};

// The page as the app gets it: the sign-in page extension's component.
function renderPage(onSignInSuccess: (identity: IdentityApi) => void) {
  const SignInPage = createExtensionTester(personaSignInPage).get(
    SignInPageBlueprint.dataRefs.component,
  );
  return renderInTestApp(<SignInPage onSignInSuccess={onSignInSuccess} />, {
    apis: [[discoveryApiRef, discoveryApi]],
  });
}

describe('PersonaSignInPage', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    window.localStorage.clear();
  });
  afterAll(() => server.close());

  it('offers the three demo personas', async () => {
    renderPage(jest.fn());
    for (const name of ['Erin Ng', 'Lee Tanaka', 'Olivia Osei']) {
      expect(
        await screen.findByRole('button', { name: `Sign in as ${name}` }),
      ).toBeInTheDocument();
    }
  });

  it('signs in as the chosen persona, and forgets it on sign-out', async () => {
    const personas: Array<string | null> = [];
    server.use(
      http.get(
        'http://localhost:7007/api/auth/ospo-demo/refresh',
        ({ request }) => {
          personas.push(request.headers.get('x-ospo-demo-persona'));
          return HttpResponse.json({
            profile: { displayName: 'Lee Tanaka' },
            backstageIdentity: {
              token,
              identity: {
                type: 'user',
                userEntityRef: 'user:default/lee',
                ownershipEntityRefs: ['user:default/lee'],
              },
            },
          });
        },
      ),
    );
    const onSignInSuccess = jest.fn();
    renderPage(onSignInSuccess);

    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Lee Tanaka' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(personas).toEqual(['lee']);
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBe('lee');
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/lee',
    );
    await identity.signOut();
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBeNull();
  });
});
