import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/** Where the actions under test find the OSPO backend. */
export const ospoBaseUrl = 'http://localhost:7007/api/ospo';

/** The user who runs the template in the tests. */
export const initiator = mockCredentials.user('user:default/alice');

/**
 * Auth and discovery for the actions under test: the plugin request token
 * names the user it was issued for, so a test can tell whose it is.
 */
export function mockActionServices() {
  const auth = mockServices.auth.mock({
    getPluginRequestToken: jest.fn(async ({ onBehalfOf, targetPluginId }) => {
      const principal = onBehalfOf.principal as { userEntityRef?: string };
      return {
        token: `token-for-${principal.userEntityRef}-to-${targetPluginId}`,
      };
    }),
  });
  const discovery = mockServices.discovery.mock({
    getBaseUrl: jest.fn(async () => ospoBaseUrl),
  });
  return { auth, discovery };
}
