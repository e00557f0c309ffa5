import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { OspoMetric } from './OspoMetric';

/**
 * Lets a backend module add metrics to the OSPO plugin's runs.
 *
 * @public
 */
export interface OspoMetricsExtensionPoint {
  /** Adds metrics; their ids must be unique across all metrics. */
  addMetrics(...metrics: OspoMetric[]): void;
}

/**
 * The extension point for adding metrics to the OSPO backend plugin.
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
