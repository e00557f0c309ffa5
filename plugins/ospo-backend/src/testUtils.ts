/**
 * Helpers for tests and benchmarks outside this package: set up the plugin's
 * database and run its metrics the way the plugin does, without reaching into
 * its internals.
 *
 * @packageDocumentation
 */

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config, ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MetricDefinition,
  MetricScope,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { Knex } from 'knex';
import { DatabaseChecklistStore } from './checklists/DatabaseChecklistStore';
import { readChecklistDefinitions } from './checklists/readChecklistDefinitions';
import { Clock } from './database/Clock';
import { DatabaseClock } from './database/DatabaseClock';
import { DatabaseConsultationStore } from './consultations/DatabaseConsultationStore';
import { migrateDatabase } from './database/migrateDatabase';
import { DatabaseMetricsStore } from './metrics/DatabaseMetricsStore';
import { LicensePolicy } from './metrics/LicensePolicy';
import { MetricsRunner } from './metrics/MetricsRunner';
import { TeamHierarchy } from './metrics/TeamHierarchy';
import { createBuiltinMetrics } from './metrics/builtin/createBuiltinMetrics';
import { readOfficeConfig } from './consultations/readOfficeConfig';
import { readMetricsConfig } from './metrics/readMetricsConfig';

/**
 * Brings a database to the plugin's latest schema with its own migrations, as
 * the plugin does at start-up.
 *
 * @alpha
 */
export async function migrateOspoDatabase(knex: Knex): Promise<void> {
  await migrateDatabase(knex);
}

/**
 * The definitions of the plugin's built-in metrics for a configuration
 * (`ospo.checklists`, `ospo.licenses`, `ospo.metrics`; defaults when absent),
 * in the order the plugin shows them.
 *
 * @alpha
 */
export function getBuiltinMetricDefinitions(
  config: Config = new ConfigReader({}),
): MetricDefinition[] {
  // Only the definitions are read: the stores are never called.
  const unused = {};
  return builtinMetrics(config, {
    checklistStore: unused as DatabaseChecklistStore,
    clock: unused as Clock,
    consultationStore: unused as DatabaseConsultationStore,
  }).map(metric => metric.definition);
}

/**
 * A scope of a metrics run, with the Groups its figures cover.
 *
 * @alpha
 */
export interface OspoMetricScopeCoverage {
  scope: MetricScope;
  /**
   * The Group itself and every Group below it; every Group for the org
   * scope, whose figures also cover what no Group owns.
   */
  coveredRefs: string[];
}

/**
 * The scopes a metrics run stores for these Groups, in its order: the org,
 * then every Group with its parent and children as the run resolves them.
 *
 * @alpha
 */
export function describeMetricScopes(
  groups: Iterable<Entity>,
): OspoMetricScopeCoverage[] {
  const hierarchy = TeamHierarchy.fromGroups(groups);
  return hierarchy.scopes().map(scope => ({
    scope,
    coveredRefs:
      scope.ref === ORG_SCOPE
        ? [...hierarchy.teams.keys()]
        : hierarchy.descendantsOf(scope.ref),
  }));
}

/**
 * What one metrics run did.
 *
 * @alpha
 */
export interface OspoMetricsRunResult {
  runId: string;
  /** Catalog entities the per-entity metrics observed. */
  processedEntities: number;
  /** Scopes stored: the org and every Group. */
  scopeCount: number;
}

/**
 * Runs the built-in metrics once, as the plugin's scheduled task does: reads
 * the catalog, stores the run, its snapshot and findings in `database`
 * (migrated with {@link migrateOspoDatabase}), and prunes old runs. Settings
 * come from `config` as in the plugin (page size, retention, checklists,
 * license policy), defaults when absent.
 *
 * @alpha
 */
export async function runBuiltinMetrics(options: {
  database: Knex;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  config?: Config;
}): Promise<OspoMetricsRunResult> {
  const { database } = options;
  const config = options.config ?? new ConfigReader({});
  const metricsConfig = readMetricsConfig(config);
  const runner = MetricsRunner.create({
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
    store: DatabaseMetricsStore.create({ database }),
    metrics: builtinMetrics(config, {
      checklistStore: DatabaseChecklistStore.create({ database }),
      clock: DatabaseClock.create({ database }),
      consultationStore: DatabaseConsultationStore.create({ database }),
    }),
    pageSize: metricsConfig.pageSize,
    retentionMs: metricsConfig.retentionMs,
    staleAfterMs: metricsConfig.timeoutMs,
  });
  return runner.run();
}

function builtinMetrics(
  config: Config,
  stores: {
    checklistStore: DatabaseChecklistStore;
    clock: Clock;
    consultationStore: DatabaseConsultationStore;
  },
) {
  return createBuiltinMetrics({
    licensePolicy: LicensePolicy.fromConfig(config),
    checklists: readChecklistDefinitions(config),
    consultationPeriodDays: readMetricsConfig(config).consultationPeriodDays,
    consultationResponseTargetHours:
      readOfficeConfig(config).responseTargetHours,
    ...stores,
  });
}
