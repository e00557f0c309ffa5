import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { OspoEntityCheck } from './OspoEntityCheck';
import { OspoMetric } from './OspoMetric';

/**
 * Lets a backend module add metrics and entity checks to the OSPO plugin's
 * runs.
 *
 * @public
 */
export interface OspoMetricsExtensionPoint {
  /** Adds metrics; their ids must be unique across all metrics. */
  addMetrics(...metrics: OspoMetric[]): void;
  /**
   * Adds checks shown on entity pages; their ids must be unique across all
   * checks, the built-in ones included.
   */
  addChecks(...checks: OspoEntityCheck[]): void;
}

/**
 * The extension point for adding metrics and entity checks to the OSPO
 * backend plugin.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'ospo',
 *   moduleId: 'my-metrics',
 *   register(env) {
 *     env.registerInit({
 *       deps: { metrics: ospoMetricsExtensionPoint },
 *       async init({ metrics }) {
 *         metrics.addMetrics(myMetric);
 *         metrics.addChecks(myCheck);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const ospoMetricsExtensionPoint =
  createExtensionPoint<OspoMetricsExtensionPoint>({ id: 'ospo.metrics' });
