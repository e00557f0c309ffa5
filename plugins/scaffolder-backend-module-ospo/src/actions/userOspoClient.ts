import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { OSPO_PLUGIN_ID, OspoClient } from '@ospo-kit/plugin-ospo-common';

/**
 * An OSPO client that calls the backend on behalf of the template's user, so
 * the OSPO's permission checks and audit see that user, never the Scaffolder.
 */
export function createUserOspoClient(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials;
}): OspoClient {
  const { auth, discovery, credentials } = options;
  return new OspoClient({
    discoveryApi: discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: OSPO_PLUGIN_ID,
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}

/**
 * Runs a call to the OSPO backend, turning an error response into an error
 * whose message is the server's own (ResponseError only says the status), so
 * the failed step tells the user what to fix.
 */
export async function callOspo<T>(what: string, call: () => Promise<T>) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ResponseError) {
      const status = error.response.status;
      const message = error.body.error?.message || error.message;
      throw new Error(`Could not ${what}: ${message} (HTTP ${status})`);
    }
    throw error;
  }
}
