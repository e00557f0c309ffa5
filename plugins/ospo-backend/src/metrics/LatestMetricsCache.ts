import { LatestMetrics, MetricDefinition } from '@ospo-kit/plugin-ospo-common';
import { MetricRun, MetricsStore } from './MetricsStore';
import { JsonBody } from '../caching/JsonBody';
import { VersionedCache } from '../caching/VersionedCache';

/** Scopes whose figures are kept per run. */
const MAX_SCOPES = 256;

/**
 * The latest run's figures per scope, as response bodies: read once per run
 * and scope, since a run never changes once it succeeded. The body tells when
 * the next run is due too, which changes without a run (it is now once the
 * run is overdue): only the body is made again then, not the figures read.
 *
 * @internal
 */
export class LatestMetricsCache {
  private readonly figures = VersionedCache.create<LatestMetrics | undefined>({
    maxEntries: MAX_SCOPES,
  });
  private readonly bodies = VersionedCache.create<JsonBody | undefined>({
    maxEntries: MAX_SCOPES,
  });

  private constructor(
    private readonly store: MetricsStore,
    private readonly definitions: MetricDefinition[],
  ) {}

  static create(options: {
    store: MetricsStore;
    definitions: MetricDefinition[];
  }): LatestMetricsCache {
    return new LatestMetricsCache(options.store, options.definitions);
  }

  /** The `LatestMetrics` of a scope the run covered; undefined for others. */
  async get(
    run: MetricRun,
    scopeRef: string,
    nextRunAt?: string,
  ): Promise<JsonBody | undefined> {
    return this.bodies.get(
      `${run.id} ${nextRunAt ?? ''}`,
      scopeRef,
      async () => {
        const latest = await this.figures.get(run.id, scopeRef, () =>
          this.read(run, scopeRef),
        );
        if (!latest) return undefined;
        return new JsonBody(
          JSON.stringify(nextRunAt ? { ...latest, nextRunAt } : latest),
        );
      },
    );
  }

  private async read(run: MetricRun, scopeRef: string) {
    const [scope, values] = await Promise.all([
      this.store.getScope(run.id, scopeRef),
      this.store.getValues(run.id, scopeRef),
    ]);
    if (!scope) return undefined;
    const latest: LatestMetrics = {
      scope,
      definitions: this.definitions,
      values,
    };
    if (run.finishedAt) latest.computedAt = run.finishedAt;
    return latest;
  }
}
