import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The request header the demo sign-in page sends with the chosen persona. */
export const DEMO_PERSONA_HEADER = 'x-ospo-demo-persona';

const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * Signs the caller in as the catalog User named in a request header.
 *
 * For the demo portal only: anyone can claim any catalog user. It is enabled
 * only where `auth.providers.ospo-demo` is configured (app-config.yaml, never
 * app-config.production.yaml).
 */
export const demoPersonaAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize() {},
  async authenticate({ req }) {
    const userName = req.header(DEMO_PERSONA_HEADER);
    if (!userName || !USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `Choose a demo persona: the ${DEMO_PERSONA_HEADER} header must name a catalog user`,
      );
    }
    return { result: { userName } };
  },
});

/** Registers the `ospo-demo` sign-in provider with the auth backend. */
export const demoPersonaAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'ospo-demo-persona-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'ospo-demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoPersonaAuthenticator,
            // The catalog user's own name and email, for the profile menu.
            profileTransform: async (result, ctx) => {
              const { entity } = await ctx.findCatalogUser({
                entityRef: { name: result.userName },
              });
              const profile = (entity.spec?.profile ?? {}) as {
                displayName?: string;
                email?: string;
                picture?: string;
              };
              return {
                profile: {
                  displayName: profile.displayName ?? result.userName,
                  email: profile.email,
                  picture: profile.picture,
                },
              };
            },
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: { name: result.userName },
              }),
          }),
        });
      },
    });
  },
});
