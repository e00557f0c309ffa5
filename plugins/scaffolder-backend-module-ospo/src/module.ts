import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createOspoChecklistStatusAction } from './actions/checklistStatusAction';
import { createOspoConsultationCreateAction } from './actions/createConsultationAction';

/**
 * Adds the OSPO's actions to the Scaffolder: `ospo:consultation:create` and
 * `ospo:checklist:status`.
 *
 * @public
 */
export const scaffolderModuleOspo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ospo',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        scaffolder.addActions(
          createOspoConsultationCreateAction({
            auth,
            discovery,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
          createOspoChecklistStatusAction({ auth, discovery }),
        );
      },
    });
  },
});
