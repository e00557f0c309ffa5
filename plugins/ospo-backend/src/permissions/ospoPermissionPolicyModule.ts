import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createOspoPermissionPolicy } from './createOspoPermissionPolicy';

/**
 * A permission backend module that installs
 * {@link createOspoPermissionPolicy} as the backend's whole policy: the OSPO's
 * rules for `ospo.*` permissions, every other permission allowed.
 *
 * For a backend without a policy of its own: it replaces the allow-all policy
 * module of a new app (remove that one, a backend takes one policy). With a
 * policy of your own, call `createOspoPermissionPolicy` from your module
 * instead, passing yours as `fallback`.
 *
 * @public
 */
export const ospoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ospo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(createOspoPermissionPolicy({ config, userInfo }));
      },
    });
  },
});
