import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * The demo's sign-in page: pick a persona of the example organisation. It
 * replaces the app's default sign-in page (`sign-in-page:app`).
 */
export const personaSignInPage = SignInPageBlueprint.make({
  params: {
    loader: () => import('./PersonaSignInPage').then(m => m.PersonaSignInPage),
  },
});

/** Sign-in as a demo persona, through the backend's `ospo-demo` provider. */
export const personaSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [personaSignInPage],
});
