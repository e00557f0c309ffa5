import {
  MetricScope,
  MetricScopeValues,
  MetricValue,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { MetricRun, MetricsStore } from './MetricsStore';

/**
 * One metric's values for every Group of a run, by title, with the Groups
 * below each scope.
 *
 * @internal
 */
export class MetricValuesIndex {
  private readonly byParent = new Map<string, MetricScopeValues['items']>();

  private constructor(
    /** Every Group with a value, by title then ref. */
    readonly items: MetricScopeValues['items'],
    private readonly childRefs: Map<string, string[]>,
  ) {}

  static build(
    scopes: MetricScope[],
    values: MetricValue[],
  ): MetricValuesIndex {
    const valueByRef = new Map(values.map(v => [v.scopeRef, v]));
    const collator = new Intl.Collator('en', {
      sensitivity: 'base',
      numeric: true,
    });
    const items = scopes
      .filter(scope => scope.type !== 'org' && valueByRef.has(scope.ref))
      .sort(
        (a, b) =>
          collator.compare(a.title, b.title) || (a.ref < b.ref ? -1 : 1),
      )
      .map(scope => ({ scope, value: valueByRef.get(scope.ref)! }));
    const childRefs = new Map<string, string[]>();
    childRefs.set(
      ORG_SCOPE,
      items.filter(i => !i.scope.parentRef).map(i => i.scope.ref),
    );
    for (const scope of scopes) {
      if (scope.type !== 'org') childRefs.set(scope.ref, scope.childRefs ?? []);
    }
    return new MetricValuesIndex(items, childRefs);
  }

  /** Whether the run saw this scope (`org` or one of its Groups). */
  covers(scopeRef: string): boolean {
    return this.childRefs.has(scopeRef);
  }

  /**
   * The direct child Groups of a scope (`org`: the top-level Groups), or
   * every Group when `parent` is undefined. A Group the run did not cover
   * has none.
   */
  below(parent: string | undefined): MetricScopeValues['items'] {
    if (parent === undefined) return this.items;
    let below = this.byParent.get(parent);
    if (!below) {
      const refs = new Set(this.childRefs.get(parent) ?? []);
      below = this.items.filter(i => refs.has(i.scope.ref));
      this.byParent.set(parent, below);
    }
    return below;
  }
}

/**
 * The values of each metric for every Group of the latest successful run,
 * read with one query per run and metric and kept until a newer run
 * succeeds.
 *
 * @internal
 */
export class MetricValuesCache {
  private runId?: string;
  private scopes?: Promise<MetricScope[]>;
  private readonly indexes = new Map<string, Promise<MetricValuesIndex>>();

  private constructor(private readonly store: MetricsStore) {}

  static create(options: { store: MetricsStore }): MetricValuesCache {
    return new MetricValuesCache(options.store);
  }

  /** The latest successful run and its values of the metric; none before the first run. */
  async get(
    metricId: string,
  ): Promise<{ run?: MetricRun; index?: MetricValuesIndex }> {
    const run = await this.store.getLatestSuccessfulRun();
    if (!run) return {};
    if (this.runId !== run.id) {
      this.runId = run.id;
      this.scopes = undefined;
      this.indexes.clear();
    }
    let index = this.indexes.get(metricId);
    if (!index) {
      this.scopes ??= this.store.getScopes(run.id);
      const scopes = this.scopes;
      index = Promise.all([
        scopes,
        this.store.getMetricValues(run.id, metricId),
      ]).then(([s, values]) => MetricValuesIndex.build(s, values));
      this.indexes.set(metricId, index);
      // A failed read is not kept: the next request tries again.
      index.catch(() => {
        if (this.indexes.get(metricId) === index) {
          this.indexes.delete(metricId);
          if (this.scopes === scopes) this.scopes = undefined;
        }
      });
    }
    return { run, index: await index };
  }
}
