import { discoveryApiRef, IdentityApi } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PERSONA_STORAGE_KEY, PersonaSignInPage } from './PersonaSignInPage';

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

function renderPage(onSignInSuccess: (identity: IdentityApi) => void) {
  return renderInTestApp(
    <TestApiProvider apis={[[discoveryApiRef, discoveryApi]]}>
      <PersonaSignInPage onSignInSuccess={onSignInSuccess} />
    </TestApiProvider>,
  );
}

describe('PersonaSignInPage', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    window.localStorage.clear();
  });
  afterAll(() => server.close());

  it('offers the three demo personas', async () => {
    await renderPage(jest.fn());
    for (const name of ['Erin Ng', 'Lee Tanaka', 'Olivia Osei']) {
      expect(
        screen.getByRole('button', { name: `Sign in as ${name}` }),
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
    await renderPage(onSignInSuccess);

    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as Lee Tanaka' }),
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
