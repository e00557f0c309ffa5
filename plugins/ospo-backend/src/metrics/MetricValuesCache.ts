import {
  MetricScope,
  MetricScopeValues,
  MetricValue,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { MetricRun, MetricsStore } from './MetricsStore';
import { VersionedCache } from '../caching/VersionedCache';

/** Metrics whose values are kept per run: more than any portal defines. */
const MAX_METRICS = 256;

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
  private readonly scopes = VersionedCache.create<MetricScope[]>({
    maxEntries: 1,
  });
  private readonly indexes = VersionedCache.create<MetricValuesIndex>({
    maxEntries: MAX_METRICS,
  });

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
    const index = this.indexes.get(run.id, metricId, async () => {
      const [scopes, values] = await Promise.all([
        this.scopes.get(run.id, '', () => this.store.getScopes(run.id)),
        this.store.getMetricValues(run.id, metricId),
      ]);
      return MetricValuesIndex.build(scopes, values);
    });
    return { run, index: await index };
  }
}
