import { MetricFinding, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { MetricRun, MetricsStore } from './MetricsStore';
import { collectDescendants } from './TeamHierarchy';
import { VersionedCache } from '../caching/VersionedCache';

/** Scopes whose Group sets are kept per run. */
const MAX_SCOPES = 64;

/**
 * The findings of the latest successful run, per metric in entity order, read
 * once per run and metric: a run's findings never change once it succeeded,
 * and the dashboard asks for the same few on every view.
 *
 * @internal
 */
export class MetricFindingsCache {
  private readonly byMetric = VersionedCache.create<MetricFinding[]>({
    maxEntries: MAX_SCOPES,
  });
  private readonly teamsByScope = VersionedCache.create<Set<string>>({
    maxEntries: MAX_SCOPES,
  });
  private readonly children = VersionedCache.create<Map<string, string[]>>({
    maxEntries: 1,
  });

  private constructor(private readonly store: MetricsStore) {}

  static create(options: { store: MetricsStore }): MetricFindingsCache {
    return new MetricFindingsCache(options.store);
  }

  /**
   * The run's findings of the metric about entities owned in the scope (the
   * Group or any Group below it, as the run saw them; `org`: all of them).
   */
  async get(
    run: MetricRun,
    metricId: string,
    scopeRef: string,
  ): Promise<MetricFinding[]> {
    const [findings, teams] = await Promise.all([
      this.byMetric.get(run.id, metricId, () => this.readAll(run.id, metricId)),
      scopeRef === ORG_SCOPE
        ? undefined
        : this.teamsByScope.get(run.id, scopeRef, () =>
            this.teamsOf(run.id, scopeRef),
          ),
    ]);
    return teams
      ? findings.filter(f => f.teamRef !== undefined && teams.has(f.teamRef))
      : findings;
  }

  private async readAll(runId: string, metricId: string) {
    const filter = { runId, metricId };
    const { totalCount } = await this.store.getFindings({
      ...filter,
      limit: 1,
      offset: 0,
    });
    if (totalCount === 0) return [];
    const { items } = await this.store.getFindings({
      ...filter,
      limit: totalCount,
      offset: 0,
    });
    return items;
  }

  private async teamsOf(runId: string, scopeRef: string) {
    const children = await this.children.get(runId, '', async () => {
      const scopes = await this.store.getScopes(runId);
      return new Map(scopes.map(s => [s.ref, s.childRefs ?? []]));
    });
    return new Set(
      collectDescendants(scopeRef, current => children.get(current)),
    );
  }
}
