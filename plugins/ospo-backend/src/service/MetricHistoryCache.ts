import { MetricsStore } from '../database/MetricsStore';

/** Scopes whose series are kept; a year of 15 metrics is about 0.5 MB each. */
const MAX_SCOPES = 32;
/** Later than any run. */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/** One metric's points for one scope, oldest first, each already as JSON. */
interface Series {
  times: number[];
  points: string[];
}

/**
 * The history of the metrics per scope, read with one query per scope and
 * kept in memory until the stored history changes (a run succeeded, or old
 * runs were pruned). A request then only picks the range out of it, with
 * every point already serialised: a year of daily runs is thousands of
 * points, too many to read and convert on every request.
 *
 * @internal
 */
export class MetricHistoryCache {
  private version?: string;
  private readonly scopes = new Map<string, Promise<Map<string, Series>>>();

  private constructor(
    private readonly store: MetricsStore,
    private readonly metricIds: string[],
  ) {}

  /** `metricIds` are every metric's id, the series read for each scope. */
  static create(options: {
    store: MetricsStore;
    metricIds: string[];
  }): MetricHistoryCache {
    return new MetricHistoryCache(options.store, options.metricIds);
  }

  /**
   * The `MetricHistory` of each of `metricIds` (in that order) for the scope
   * and range, as JSON.
   */
  async getJson(options: {
    scopeRef: string;
    metricIds: string[];
    from: Date;
    to: Date;
  }): Promise<string[]> {
    const series = await this.seriesOf(options.scopeRef);
    const from = options.from.getTime();
    const to = options.to.getTime();
    const scopeJson = JSON.stringify(options.scopeRef);
    return options.metricIds.map(metricId => {
      const { times, points } = series.get(metricId) ?? {
        times: [],
        points: [],
      };
      const range = points.slice(
        firstAtOrAfter(times, from),
        firstAfter(times, to),
      );
      return `{"metricId":${JSON.stringify(
        metricId,
      )},"scopeRef":${scopeJson},"points":[${range.join(',')}]}`;
    });
  }

  private async seriesOf(scopeRef: string): Promise<Map<string, Series>> {
    const version = await this.store.getHistoryVersion();
    if (version !== this.version) {
      this.version = version;
      this.scopes.clear();
    }
    let series = this.scopes.get(scopeRef);
    if (!series) {
      series = this.load(scopeRef);
      if (this.scopes.size >= MAX_SCOPES) {
        this.scopes.delete(this.scopes.keys().next().value!);
      }
      this.scopes.set(scopeRef, series);
      const loaded = series;
      // A failed read is not kept: the next request tries again.
      loaded.catch(() => {
        if (this.scopes.get(scopeRef) === loaded) this.scopes.delete(scopeRef);
      });
    }
    return series;
  }

  private async load(scopeRef: string): Promise<Map<string, Series>> {
    const histories = await this.store.getHistory({
      scopeRef,
      metricIds: this.metricIds,
      from: new Date(0),
      to: END_OF_TIME,
    });
    return new Map(
      histories.map(history => [
        history.metricId,
        {
          times: history.points.map(p => Date.parse(p.computedAt)),
          points: history.points.map(p => JSON.stringify(p)),
        },
      ]),
    );
  }
}

/** The index of the first time at or after `time` in ascending `times`. */
function firstAtOrAfter(times: number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the first time after `time` in ascending `times`. */
function firstAfter(times: number[], time: number): number {
  return firstAtOrAfter(times, time + 1);
}
