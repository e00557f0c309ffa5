import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  OspoEntityCheck,
  OspoMetric,
  ospoMetricsExtensionPoint,
} from '@ospo-kit/plugin-ospo-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  OSPO_TEAM_RESOURCE_TYPE,
  ospoPermissions,
} from '@ospo-kit/plugin-ospo-common';
import { DatabaseChecklistStore } from './checklists/DatabaseChecklistStore';
import { DatabaseConsultationStore } from './consultations/DatabaseConsultationStore';
import { DatabaseMetricsStore } from './metrics/DatabaseMetricsStore';
import { createBuiltinMetrics } from './metrics/builtin/createBuiltinMetrics';
import { LicensePolicy } from './metrics/LicensePolicy';
import { MetricsRunner } from './metrics/MetricsRunner';
import { readMetricsConfig } from './metrics/readMetricsConfig';
import { scheduleEmptyCatalogRetry } from './metrics/scheduleEmptyCatalogRetry';
import { MetricsService } from './metrics/MetricsService';
import { migrateDatabase } from './database/migrateDatabase';
import { ospoTeamPermissionResourceRef, ospoTeamRules } from './permissions';
import { ChecklistService } from './checklists/ChecklistService';
import { ChecklistMatrixService } from './dashboard/ChecklistMatrixService';
import { DashboardService } from './dashboard/DashboardService';
import { readChecklistDefinitions } from './checklists/readChecklistDefinitions';
import { ConsultationNotifier } from './consultations/ConsultationNotifier';
import { ConsultationSignals } from './consultations/ConsultationSignals';
import { readToastBatchWindowMs } from './consultations/readToastBatchWindowMs';
import { resolveGroupUsers } from './consultations/resolveGroupUsers';
import { ConsultationService } from './consultations/ConsultationService';
import { OfficeStaffDirectory } from './consultations/OfficeStaffDirectory';
import { readOfficeConfig } from './consultations/readOfficeConfig';
import { OspoAccess } from './access/OspoAccess';
import { createRouter } from './router';
import { TeamDirectory } from './access/TeamDirectory';
import { CallerCache } from './access/CallerCache';
import { CatalogEntityReader } from './access/CatalogEntityReader';
import { cachedPermissions } from './access/cachedPermissions';
import { readAccessCacheTtlMs } from './access/readAccessCacheConfig';
import { createBuiltinChecks } from './entities/builtinChecks';
import { DatabaseEntityChecksStore } from './entities/DatabaseEntityChecksStore';
import { EntityCheckEvaluator } from './entities/EntityCheckEvaluator';
import { EntityStatusService } from './entities/EntityStatusService';
import { readChecksConfig } from './entities/readChecksConfig';
import { registerOspoActions } from './actions/registerOspoActions';
import { DatabaseSbomReports } from './sbom/DatabaseSbomReports';
import { DatabaseSbomStore } from './sbom/DatabaseSbomStore';
import { createSbomFactsReader } from './sbom/SbomFacts';
import { createSbomChecks } from './sbom/sbomChecks';
import { createSbomMetrics } from './sbom/sbomMetrics';
import { SbomReportService } from './sbom/SbomReportService';
import { readSbomConfig } from './sbom/readSbomConfig';
import { SbomService } from './sbom/SbomService';
import { SbomWorkerParser } from './sbom/SbomParser';
import { DatabaseClock } from './database/DatabaseClock';
import { AnswerReminders } from './reminders/AnswerReminders';
import { DatabaseReminderStore } from './reminders/DatabaseReminderStore';
import { readReminderConfig } from './reminders/readReminderConfig';
import { TeamMembers } from './reminders/TeamMembers';
import { CampaignReminders } from './campaigns/CampaignReminders';
import { CampaignService } from './campaigns/CampaignService';
import { DatabaseCampaignStore } from './campaigns/DatabaseCampaignStore';
import { readCampaignsConfig } from './campaigns/readCampaignsConfig';

/** The id of the scheduled task that computes the metrics. */
export const METRICS_TASK_ID = 'ospo-metrics';

/** The id of the scheduled task that reminds teams of expiring answers. */
export const REMINDERS_TASK_ID = 'ospo-answer-reminders';
/** The id of the scheduled task that sends campaign reminders. */
export const CAMPAIGN_REMINDERS_TASK_ID = 'ospo-campaign-reminders';

/**
 * The OSPO backend plugin, mounted at `/api/ospo`.
 *
 * @public
 */
export const ospoPlugin = createBackendPlugin({
  pluginId: 'ospo',
  register(env) {
    const addedMetrics: OspoMetric[] = [];
    const addedChecks: OspoEntityCheck[] = [];
    env.registerExtensionPoint(ospoMetricsExtensionPoint, {
      addMetrics(...metrics) {
        addedMetrics.push(...metrics);
      },
      addChecks(...checks) {
        addedChecks.push(...checks);
      },
    });

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
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        permissions: permissionsService,
        permissionsRegistry,
        auditor,
        auth,
        scheduler,
        lifecycle,
        catalog,
        notifications,
        signals,
        actionsRegistry,
      }) {
        const definitions = readChecklistDefinitions(config);
        const office = readOfficeConfig(config);
        const toastBatchWindowMs = readToastBatchWindowMs(config);
        const metricsConfig = readMetricsConfig(config);
        const licensePolicy = LicensePolicy.fromConfig(config);
        const checksConfig = readChecksConfig(config);
        const sbomConfig = readSbomConfig(config);
        const reminderConfig = readReminderConfig(config);
        const campaignsConfig = readCampaignsConfig(config);
        const evaluator = EntityCheckEvaluator.create({
          checks: [
            ...createBuiltinChecks({
              licensePolicy,
              sbomStaleAfterDays: metricsConfig.sbomFreshDays,
            }),
            ...createSbomChecks(),
            ...addedChecks,
          ],
          guidance: checksConfig.guidance,
        });
        // Each user's decisions and catalog visibility, reused briefly: a
        // dashboard view makes a dozen requests that ask the same.
        const accessCacheTtlMs = readAccessCacheTtlMs(config);
        const permissions = cachedPermissions(
          permissionsService,
          CallerCache.create({ ttlMs: accessCacheTtlMs }),
        );
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        // Answers expire, and are stamped, by the database's time: every
        // instance of the backend agrees on it.
        const clock = DatabaseClock.create({ database: knex });
        const store = DatabaseChecklistStore.create({ database: knex, clock });

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

        const visibility = CallerCache.create<boolean>({
          ttlMs: accessCacheTtlMs,
        });
        const teams = TeamDirectory.create({
          catalog,
          visibility,
          // Every entity page asks for its entity: shared between callers
          // for the same time, batched under load.
          entities: CatalogEntityReader.create({
            catalog,
            auth,
            permissions,
            visibility,
            ttlMs: accessCacheTtlMs,
          }),
        });
        const consultationStore = DatabaseConsultationStore.create({
          database: knex,
        });
        const metricsStore = DatabaseMetricsStore.create({ database: knex });
        const checksStore = DatabaseEntityChecksStore.create({
          database: knex,
        });
        const sbomStore = DatabaseSbomStore.create({ database: knex });
        const sbomFacts = createSbomFactsReader(sbomStore);
        const runner = MetricsRunner.create({
          catalog,
          auth,
          logger,
          store: metricsStore,
          metrics: [
            ...createBuiltinMetrics({
              licensePolicy,
              checklists: definitions,
              checklistStore: store,
              clock,
              consultationStore,
              consultationPeriodDays: metricsConfig.consultationPeriodDays,
              consultationResponseTargetHours: office.responseTargetHours,
            }),
            ...createSbomMetrics({
              store: sbomStore,
              staleAfterDays: metricsConfig.sbomFreshDays,
              periodDays: metricsConfig.timeToFixPeriodDays,
            }),
            ...addedMetrics,
          ],
          checks: { evaluator, store: checksStore },
          sbom: sbomFacts,
          pageSize: metricsConfig.pageSize,
          retentionMs: metricsConfig.retentionMs,
          staleAfterMs: metricsConfig.timeoutMs,
        });
        await scheduler.scheduleTask({
          id: METRICS_TASK_ID,
          ...metricsConfig.schedule,
          fn: async signal => {
            // A failure is recorded with the run and logged; the next
            // scheduled run retries.
            await runner.run(signal).catch(() => undefined);
          },
        });
        // A run that found the catalog empty (a first start, before the
        // catalog ingested anything) is retried within minutes, not hours.
        await scheduleEmptyCatalogRetry({
          scheduler,
          store: metricsStore,
          logger,
          retryAfterMs: metricsConfig.retryEmptyCatalogAfterMs,
          metricsTaskId: METRICS_TASK_ID,
        });

        const access = OspoAccess.create({
          permissions,
          authorizeTeam: createConditionAuthorizer(
            permissionsRegistry.getPermissionRuleset(
              ospoTeamPermissionResourceRef,
            ),
          ),
        });
        const metrics = MetricsService.create({
          store: metricsStore,
          definitions: runner.metrics.map(m => m.definition),
          teams,
          access,
          auditor,
          triggerRun: () => scheduler.triggerTask(METRICS_TASK_ID),
          retryEmptyCatalogAfterMs: metricsConfig.retryEmptyCatalogAfterMs,
          schedule: metricsConfig.schedule,
        });
        const checklists = ChecklistService.create({
          definitions,
          store,
          teams,
          access,
          clock,
        });
        // Only items with `validFor` expire: without any, nothing to remind.
        if (definitions.some(d => d.items.some(i => i.validFor))) {
          const reminders = AnswerReminders.create({
            definitions,
            checklistStore: store,
            store: DatabaseReminderStore.create({ database: knex }),
            teams: TeamMembers.create({ catalog, auth }),
            notifications,
            clock,
            logger,
            before: reminderConfig.before,
            maxPerUserPerDay: reminderConfig.maxPerUserPerDay,
          });
          await scheduler.scheduleTask({
            id: REMINDERS_TASK_ID,
            ...reminderConfig.schedule,
            fn: async () => {
              const sent = await reminders.run();
              if (sent.notifications > 0 || sent.deferred > 0) {
                logger.info(
                  `Checklist answer reminders: ${sent.notifications} notification(s) about ${sent.reminded} answer(s); ${sent.deferred} left for a later run`,
                );
              }
            },
          });
        }
        const entities = EntityStatusService.create({
          evaluator,
          store: checksStore,
          checklists,
          teams,
          access,
          auth,
          // The metrics run evaluates every entity's checks.
          nextRunAt: () => metrics.nextRunAt(),
          refreshIntervalMs: checksConfig.refreshIntervalMs,
          sbom: sbomFacts,
        });
        // Live toasts for staff, batched; signalsServiceRef's default
        // publishes to nobody in a portal without the signals backend.
        const consultationSignals = ConsultationSignals.create({
          signals,
          staff: async () =>
            resolveGroupUsers({
              catalog,
              credentials: await auth.getOwnServiceCredentials(),
              groupRef: office.groupRef,
            }),
          logger,
          windowMs: toastBatchWindowMs,
        });
        lifecycle.addShutdownHook(() => consultationSignals.close());
        const consultations = ConsultationService.create({
          store: consultationStore,
          office,
          teams,
          access,
          auditor,
          notifier: ConsultationNotifier.create({
            notifications,
            logger,
            officeGroupRef: office.groupRef,
            signals: consultationSignals,
          }),
          staff: OfficeStaffDirectory.create({
            catalog,
            groupRef: office.groupRef,
          }),
          metricsStore,
        });
        const sbomParser = SbomWorkerParser.create({ licensePolicy, logger });
        lifecycle.addShutdownHook(() => sbomParser.close());
        const sbom = SbomService.create({
          store: sbomStore,
          teams,
          access,
          auth,
          parser: sbomParser,
          config: sbomConfig,
          logger,
          // The owners see the new scan's verdicts at once, not after the
          // next run.
          onScanStored: entityRef => entities.reevaluate(entityRef),
        });
        const campaignStore = DatabaseCampaignStore.create({ database: knex });
        const campaigns = CampaignService.create({
          store: campaignStore,
          definitions,
          answers: store,
          metricsStore,
          teams,
          access,
        });
        const reminders = CampaignReminders.create({
          campaigns,
          store: campaignStore,
          catalog,
          auth,
          notifications,
          logger,
          officeGroupRef: office.groupRef,
          dailyCapPerUser: campaignsConfig.dailyCapPerUser,
        });
        await scheduler.scheduleTask({
          id: CAMPAIGN_REMINDERS_TASK_ID,
          ...campaignsConfig.schedule,
          fn: async () => {
            await reminders
              .run()
              .catch(error =>
                logger.warn(`Campaign reminders failed: ${error}`),
              );
          },
        });
        // The REST API and the actions share the services, hence the checks.
        registerOspoActions({
          actionsRegistry,
          auth,
          entities,
          checklists,
          consultations,
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            checklists,
            entities,
            consultations,
            metrics,
            sbom,
            campaigns,
            dashboard: DashboardService.create({
              matrix: ChecklistMatrixService.create({
                definitions,
                checklistStore: store,
                metricsStore,
                clock,
              }),
              consultations: consultationStore,
              teams,
              access,
              responseTargetHours: office.responseTargetHours,
            }),
            sbomReports: SbomReportService.create({
              store: sbomStore,
              reports: DatabaseSbomReports.create({ database: knex }),
              metricsStore,
              teams,
              access,
              auth,
            }),
          }),
        );
        logger.info(
          `OSPO checklists: ${definitions.map(d => d.id).join(', ')}; ` +
            `metrics: ${runner.metrics.length}; entity checks: ${evaluator.checks.length}`,
        );
      },
    });
  },
});
