import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  OSPO_TEAM_RESOURCE_TYPE,
  ospoPermissions,
} from '@ospo-kit/plugin-ospo-common';
import { DatabaseChecklistStore } from './database/DatabaseChecklistStore';
import { DatabaseConsultationStore } from './database/DatabaseConsultationStore';
import { migrateDatabase } from './database/migrateDatabase';
import { ospoTeamPermissionResourceRef, ospoTeamRules } from './permissions';
import { ChecklistService } from './service/ChecklistService';
import { readChecklistDefinitions } from './service/readChecklistDefinitions';
import { ConsultationNotifier } from './service/ConsultationNotifier';
import { createConsultationsRouter } from './service/consultationsRouter';
import { readOfficeConfig } from './service/readOfficeConfig';
import { createRouter } from './service/router';
import { TeamDirectory } from './service/TeamDirectory';

/**
 * The OSPO backend plugin, mounted at `/api/ospo`.
 *
 * @public
 */
export const ospoPlugin = createBackendPlugin({
  pluginId: 'ospo',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        notifications,
      }) {
        const definitions = readChecklistDefinitions(config);
        const office = readOfficeConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const store = DatabaseChecklistStore.create({ database: knex });

        permissionsRegistry.addPermissions(ospoPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: ospoTeamPermissionResourceRef,
          permissions: ospoPermissions.filter(
            p =>
              p.type === 'resource' &&
              p.resourceType === OSPO_TEAM_RESOURCE_TYPE,
          ),
          rules: Object.values(ospoTeamRules),
          // A team's permission resource is just its ref; membership comes
          // from the caller's claims, so nothing needs loading.
          getResources: async refs => refs.map(teamRef => ({ teamRef })),
        });

        const teams = TeamDirectory.create({ catalog });
        httpRouter.use(
          await createConsultationsRouter({
            httpAuth,
            permissions,
            auditor,
            store: DatabaseConsultationStore.create({ database: knex }),
            teams,
            office,
            notifier: ConsultationNotifier.create({
              notifications,
              logger,
              officeGroupRef: office.groupRef,
            }),
          }),
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            checklists: ChecklistService.create({ definitions, store }),
            store,
            teams,
          }),
        );
        logger.info(
          `OSPO checklists: ${definitions.map(d => d.id).join(', ')}`,
        );
      },
    });
  },
});
