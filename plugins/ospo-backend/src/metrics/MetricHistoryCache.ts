import { MetricsStore } from './MetricsStore';
import { JsonBody } from '../caching/JsonBody';
import { VersionedCache } from '../caching/VersionedCache';

/** Scopes whose series are kept; a year of 15 metrics is about 0.5 MB each. */
const MAX_SCOPES = 32;
/** Whole responses kept: views ask for the same few ranges. */
const MAX_BODIES = 16;
/** Later than any run. */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/** What a history request asks for. */
interface HistoryRequest {
  scopeRef: string;
  metricIds: string[];
  from: Date;
  to: Date;
}

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
  private readonly scopes = VersionedCache.create<Map<string, Series>>({
    maxEntries: MAX_SCOPES,
  });
  private readonly bodies = VersionedCache.create<JsonBody>({
    maxEntries: MAX_BODIES,
  });

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
  async getJson(options: HistoryRequest): Promise<string[]> {
    const { series } = await this.seriesOf(options.scopeRef);
    return this.seriesJson(options, series, this.rangesOf(options, series));
  }

  /**
   * `{"items": [...]}` of {@link MetricHistoryCache.getJson}, as a body kept
   * for the next request of the same points: a year of every metric is
   * hundreds of kilobytes, to join and compress once rather than each time.
   */
  async getBody(options: HistoryRequest): Promise<JsonBody> {
    const { version, series } = await this.seriesOf(options.scopeRef);
    const ranges = this.rangesOf(options, series);
    // By the points picked, not the times asked: "the last 90 days" asked a
    // second later is the same body.
    const key = JSON.stringify([
      version,
      options.scopeRef,
      options.metricIds,
      ranges,
    ]);
    return this.bodies.get(version, key, async () => {
      const items = this.seriesJson(options, series, ranges);
      return new JsonBody(`{"items":[${items.join(',')}]}`);
    });
  }

  /** The indexes of each metric's first and after-last point in the range. */
  private rangesOf(
    options: HistoryRequest,
    series: Map<string, Series>,
  ): Array<[number, number]> {
    const from = options.from.getTime();
    const to = options.to.getTime();
    return options.metricIds.map(metricId => {
      const times = series.get(metricId)?.times ?? [];
      return [firstAtOrAfter(times, from), firstAfter(times, to)];
    });
  }

  private seriesJson(
    options: HistoryRequest,
    series: Map<string, Series>,
    ranges: Array<[number, number]>,
  ): string[] {
    const scopeJson = JSON.stringify(options.scopeRef);
    return options.metricIds.map((metricId, i) => {
      const points = series.get(metricId)?.points ?? [];
      const range = points.slice(ranges[i][0], ranges[i][1]);
      return `{"metricId":${JSON.stringify(
        metricId,
      )},"scopeRef":${scopeJson},"points":[${range.join(',')}]}`;
    });
  }

  private async seriesOf(
    scopeRef: string,
  ): Promise<{ version: string; series: Map<string, Series> }> {
    const version = await this.store.getHistoryVersion();
    const series = await this.scopes.get(version, scopeRef, () =>
      this.load(scopeRef),
    );
    return { version, series };
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
