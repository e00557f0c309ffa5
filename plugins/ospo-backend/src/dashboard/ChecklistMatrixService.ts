import { ChecklistDefinition, MetricScope } from '@ospo-kit/plugin-ospo-common';
import { ChecklistStore } from '../checklists/ChecklistStore';
import { MetricRun, MetricsStore } from '../metrics/MetricsStore';
import { ChecklistAggregate } from './ChecklistAggregate';
import { VersionedCache } from '../caching/VersionedCache';

/**
 * Serves the checklist heat map from one aggregate held in memory. Each read
 * asks the database two cheap questions, which is the latest successful
 * metrics run (its Group hierarchy is used) and the answers' version, and
 * rebuilds the aggregate only when either changed, from one query of every
 * answer and the run's scopes. So every instance of the backend sees the
 * others' writes on its next read, and never queries per team.
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

  private constructor(
    private readonly definitions: ChecklistDefinition[],
    private readonly checklistStore: ChecklistStore,
    private readonly metricsStore: MetricsStore,
  ) {}

  static create(options: {
    definitions: ChecklistDefinition[];
    checklistStore: ChecklistStore;
    metricsStore: MetricsStore;
  }): ChecklistMatrixService {
    return new ChecklistMatrixService(
      options.definitions,
      options.checklistStore,
      options.metricsStore,
    );
  }

  /** The current aggregate: cached, or built once for concurrent readers. */
  async getAggregate(): Promise<ChecklistAggregate> {
    const [run, version] = await Promise.all([
      this.metricsStore.getLatestSuccessfulRun(),
      this.checklistStore.getAnswersVersion(),
    ]);
    // The answers are read after their version, so the aggregate is never
    // older than its key: at worst a write in between is built twice.
    return this.aggregates.get(`${run?.id ?? ''} ${version}`, '', () =>
      this.build(run),
    );
  }

  private async build(run: MetricRun | undefined) {
    const [scopes, answers] = await Promise.all([
      run ? this.scopesOf(run.id) : [],
      this.checklistStore.listAnswerStatuses(),
    ]);
    return ChecklistAggregate.build({
      definitions: this.definitions,
      scopes,
      answers,
      hierarchyAsOf: run?.finishedAt,
    });
  }

  /** A run's scopes never change once it succeeded: read once per run. */
  private scopesOf(runId: string): Promise<MetricScope[]> {
    return this.scopes.get(runId, '', () => this.metricsStore.getScopes(runId));
  }
}
