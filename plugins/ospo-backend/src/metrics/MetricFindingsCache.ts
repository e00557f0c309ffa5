import { MetricFinding, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { MetricRun, MetricsStore } from './MetricsStore';
import { collectDescendants } from './TeamHierarchy';
import { rememberPromise } from '../caching/rememberPromise';

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
  private runId?: string;
  private readonly byMetric = new Map<string, Promise<MetricFinding[]>>();
  private readonly teamsByScope = new Map<string, Promise<Set<string>>>();
  private children?: Promise<Map<string, string[]>>;

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
    if (this.runId !== run.id) {
      this.runId = run.id;
      this.byMetric.clear();
      this.teamsByScope.clear();
      this.children = undefined;
    }
    const [findings, teams] = await Promise.all([
      rememberPromise(
        this.byMetric,
        metricId,
        () => this.readAll(run.id, metricId),
        MAX_SCOPES,
      ),
      scopeRef === ORG_SCOPE
        ? undefined
        : rememberPromise(
            this.teamsByScope,
            scopeRef,
            () => this.teamsOf(run.id, scopeRef),
            MAX_SCOPES,
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
    if (!this.children) {
      const loading = this.store
        .getScopes(runId)
        .then(scopes => new Map(scopes.map(s => [s.ref, s.childRefs ?? []])));
      this.children = loading;
      loading.catch(() => {
        if (this.children === loading) this.children = undefined;
      });
    }
    const children = await this.children;
    return new Set(
      collectDescendants(scopeRef, current => children.get(current)),
    );
  }
}
