import { ChecklistDefinition, MetricScope } from '@ospo-kit/plugin-ospo-common';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { Clock } from '../database/Clock';
import { MetricRun, MetricsStore } from '../metrics/MetricsStore';
import { ChecklistAggregate } from './ChecklistAggregate';
import { VersionedCache } from '../caching/VersionedCache';

/**
 * Serves the checklist heat map from one aggregate held in memory. Each read
 * asks the database three cheap questions, which is the latest successful
 * metrics run (its Group hierarchy is used), the answers' version and the
 * time, and rebuilds the aggregate only when either of the first two
 * changed, or a done answer expired since it was built, from one query of
 * every answer and the run's scopes. So every instance of the backend sees
 * the others' writes on its next read, and never queries per team.
 *
 * @internal
 */
export class ChecklistMatrixService {
  private readonly aggregates = VersionedCache.create<ChecklistAggregate>({
    maxEntries: 1,
  });
  private readonly scopes = VersionedCache.create<MetricScope[]>({
    maxEntries: 1,
  });
  /** When an answer was last seen to have expired since its aggregate's build. */
  private expiredAsOf = '';

  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly checklistStore: ChecklistStore,
    private readonly metricsStore: MetricsStore,
    private readonly clock: Clock,
  ) {}

  static create(options: {
    definitions: ChecklistDefinition[];
    checklistStore: ChecklistStore;
    metricsStore: MetricsStore;
    /** The time answers expire by: the database's. */
    clock: Clock;
  }): ChecklistMatrixService {
    return new ChecklistMatrixService(
      options.definitions,
      options.checklistStore,
      options.metricsStore,
      options.clock,
    );
  }

  /** The current aggregate: cached, or built once for concurrent readers. */
  async getAggregate(): Promise<ChecklistAggregate> {
    const [run, version, now] = await Promise.all([
      this.metricsStore.getLatestSuccessfulRun(),
      this.checklistStore.getAnswersVersion(),
      this.clock.now(),
    ]);
    // The answers are read after their version, so the aggregate is never
    // older than its key: at worst a write in between is built twice.
    const key = `${run?.id ?? ''} ${version}`;
    const aggregate = await this.aggregates.get(
      `${key} ${this.expiredAsOf}`,
      '',
      () => this.build(run, now),
    );
    if (!aggregate.changesAt || aggregate.changesAt > now) {
      return aggregate;
    }
    // An answer expired since the aggregate was built: no write tells, so
    // the time does, and the key changes with it.
    this.expiredAsOf = now.toISOString();
    return this.aggregates.get(`${key} ${this.expiredAsOf}`, '', () =>
      this.build(run, now),
    );
  }

  private async build(run: MetricRun | undefined, now: Date) {
    const [scopes, answers] = await Promise.all([
      run ? this.scopesOf(run.id) : [],
      this.checklistStore.listAnswerStatuses(),
    ]);
    return ChecklistAggregate.build({
      definitions: this.definitions,
      scopes,
      answers,
      hierarchyAsOf: run?.finishedAt,
      now,
    });
  }

  /** A run's scopes never change once it succeeded: read once per run. */
  private scopesOf(runId: string): Promise<MetricScope[]> {
    return this.scopes.get(runId, '', () => this.metricsStore.getScopes(runId));
  }
}
