import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OspoPermissionPolicy } from './OspoPermissionPolicy';

/** Installs {@link OspoPermissionPolicy}, with OSPO staff from `ospo.office.group`. */
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
        const staffGroupRef = stringifyEntityRef(
          parseEntityRef(
            config.getOptionalString('ospo.office.group') ??
              'group:default/ospo',
            { defaultKind: 'group', defaultNamespace: 'default' },
          ),
        );
        policy.setPolicy(
          OspoPermissionPolicy.create({ userInfo, staffGroupRef }),
        );
      },
    });
  },
});
