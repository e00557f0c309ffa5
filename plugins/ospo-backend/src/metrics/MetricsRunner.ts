import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MetricFinding, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import {
  MetricCollectContext,
  MetricEntityContext,
  MetricObservation,
  OspoMetric,
} from '@ospo-kit/plugin-ospo-node';
import { EntityCheckEvaluator } from '../entities/EntityCheckEvaluator';
import { SbomFactsReader } from '../sbom/SbomFacts';
import {
  EntityChecksStore,
  StoredEntityChecks,
} from '../entities/EntityChecksStore';
import { MetricFigure, MetricsStore } from './MetricsStore';
import { MetricAggregate } from './MetricAggregate';
import { GROUP_FIELDS, TeamHierarchy, toEntityRef } from './TeamHierarchy';

type QueryEntitiesResponse = Awaited<
  ReturnType<CatalogService['queryEntities']>
>;

const BASE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
];
const DEFAULT_PAGE_SIZE = 1000;
const FINDINGS_BATCH = 500;
const OWNER_LOOKUP_BATCH = 500;

/**
 * The outcome of a run that did not fail: `skipped` when it found the catalog
 * empty and stored nothing.
 *
 * @internal
 */
export interface MetricsRunResult {
  runId: string;
  outcome: 'succeeded' | 'skipped';
  processedEntities: number;
  scopeCount: number;
}

/**
 * Computes every metric in one pass over the catalog and stores the snapshot.
 *
 * The catalog is read a page at a time and each entity is dropped once the
 * metrics have observed it, so memory holds one page plus an aggregate per
 * team and metric, whatever the size of the catalog.
 *
 * @internal
 */
export class MetricsRunner {
  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: MetricsStore;
      metrics: OspoMetric[];
      /** Entity checks, evaluated in the same pass over the catalog. */
      checks?: { evaluator: EntityCheckEvaluator; store: EntityChecksStore };
      /** The latest SBOM scans, read a page at a time for metrics and checks. */
      sbom?: SbomFactsReader;
      pageSize: number;
      /** Snapshots older than this many milliseconds are pruned. */
      retentionMs: number;
      /** A run still marked running after this long was cut off. */
      staleAfterMs: number;
    },
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    store: MetricsStore;
    metrics: OspoMetric[];
    checks?: { evaluator: EntityCheckEvaluator; store: EntityChecksStore };
    sbom?: SbomFactsReader;
    pageSize?: number;
    retentionMs: number;
    staleAfterMs: number;
  }): MetricsRunner {
    const ids = new Set<string>();
    for (const metric of options.metrics) {
      if (ids.has(metric.definition.id)) {
        throw new Error(`Metric id '${metric.definition.id}' is used twice`);
      }
      ids.add(metric.definition.id);
    }
    return new MetricsRunner({
      ...options,
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    });
  }

  get metrics(): OspoMetric[] {
    return this.options.metrics;
  }

  /**
   * One run. A failure is recorded with its error and rethrown; the last
   * successful snapshot stays what the API serves.
   *
   * A run that finds the catalog empty is recorded as skipped and stores no
   * figures: a catalog without a single Group or entity of a kind the metrics
   * read is one that has not ingested anything yet (a first start), and
   * figures of zero would be served as the truth until the next run.
   */
  async run(signal?: AbortSignal): Promise<MetricsRunResult> {
    const { store, logger } = this.options;
    const abortSignal = signal ?? new AbortController().signal;
    const now = new Date();
    const run = await store.startRun({
      staleBefore: new Date(now.getTime() - this.options.staleAfterMs),
    });
    let result: Awaited<ReturnType<MetricsRunner['compute']>>;
    try {
      result = await this.compute(run.id, now, abortSignal);
      if (result) {
        await store.completeRun(run.id, result);
      } else {
        await store.skipRun(run.id);
      }
    } catch (error) {
      const message = abortSignal.aborted
        ? 'The run was aborted: it took longer than its timeout, or the backend shut down'
        : errorMessage(error);
      logger.error(`OSPO metrics: run ${run.id} failed: ${message}`);
      await store.failRun(run.id, message);
      throw error;
    }
    if (!result) {
      logger.info(
        `OSPO metrics: run ${run.id} skipped: the catalog has no Group and no ` +
          `entity of a kind the metrics read (still loading?); nothing stored`,
      );
      return {
        runId: run.id,
        outcome: 'skipped',
        processedEntities: 0,
        scopeCount: 0,
      };
    }
    // Pruning is housekeeping: failing at it must not undo the run it follows.
    let pruned = 0;
    try {
      pruned = await store.prune(
        new Date(now.getTime() - this.options.retentionMs),
      );
    } catch (error) {
      logger.warn(
        `OSPO metrics: pruning old runs failed: ${errorMessage(error)}`,
      );
    }
    if (this.options.checks) {
      try {
        await this.options.checks.store.pruneUnseen(run.id, now);
      } catch (error) {
        logger.warn(
          `OSPO metrics: pruning the checks of entities gone from the catalog failed: ${errorMessage(
            error,
          )}`,
        );
      }
    }
    const prunedNote = pruned ? `, pruned ${pruned} old runs` : '';
    logger.info(
      `OSPO metrics: run ${run.id} read ${result.processedEntities} entities, ` +
        `stored ${result.figures.length} figures for ${result.scopes.length} scopes${prunedNote}`,
    );
    return {
      runId: run.id,
      outcome: 'succeeded',
      processedEntities: result.processedEntities,
      scopeCount: result.scopes.length,
    };
  }

  private async compute(runId: string, now: Date, signal: AbortSignal) {
    const { metrics, store } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();

    const groups: Entity[] = [];
    for await (const page of this.pages(
      ['Group'],
      GROUP_FIELDS,
      credentials,
      signal,
    )) {
      groups.push(...page);
    }
    const hierarchy = TeamHierarchy.fromGroups(groups);
    const groupCount = groups.length;
    groups.length = 0;

    // Aggregates per metric: each team's own observations, and the org's.
    const own = metrics.map(() => new Map<string, MetricAggregate>());
    const org = metrics.map(() => new MetricAggregate());
    const findings: MetricFinding[] = [];
    const flushFindings = async (force: boolean) => {
      if (findings.length >= FINDINGS_BATCH || (force && findings.length > 0)) {
        await store.addFindings(runId, findings.splice(0, findings.length));
      }
    };
    const observe = (
      index: number,
      observation: MetricObservation | undefined,
      teamRef: string | undefined,
      entityRef?: string,
    ) => {
      if (!observation) return;
      org[index].add(observation);
      if (teamRef) {
        let aggregate = own[index].get(teamRef);
        if (!aggregate) {
          aggregate = new MetricAggregate();
          own[index].set(teamRef, aggregate);
        }
        aggregate.add(observation);
      }
      if (observation.finding && entityRef) {
        findings.push({
          metricId: metrics[index].definition.id,
          entityRef,
          teamRef,
          detail: observation.finding,
        });
      }
    };

    // One pass over the catalog for every metric and check that reads it.
    const checks = this.options.checks;
    const byKind = new Map<string, number[]>();
    const fields = new Set(BASE_FIELDS);
    metrics.forEach((metric, index) => {
      if (!metric.catalog) return;
      for (const field of metric.catalog.fields) fields.add(field);
      for (const kind of metric.definition.kinds) {
        const key = kind.toLocaleLowerCase('en-US');
        byKind.set(key, [...(byKind.get(key) ?? []), index]);
      }
    });
    if (checks) {
      for (const field of checks.evaluator.fields) fields.add(field);
      fields.add('metadata.etag');
      for (const kind of checks.evaluator.kinds) {
        if (!byKind.has(kind)) byKind.set(kind, []);
      }
    }
    let processed = 0;
    if (byKind.size > 0) {
      for await (const page of this.pages(
        [...byKind.keys()],
        [...fields],
        credentials,
        signal,
      )) {
        const verdicts: StoredEntityChecks[] = [];
        const sbomFacts = this.options.sbom
          ? await this.options.sbom(page.map(e => stringifyEntityRef(e)))
          : undefined;
        for (const entity of page) {
          const context = entityContext(entity, hierarchy);
          const sbom = sbomFacts?.get(context.entityRef);
          if (sbom) context.sbom = sbom;
          for (const index of byKind.get(
            entity.kind.toLocaleLowerCase('en-US'),
          ) ?? []) {
            observe(
              index,
              metrics[index].catalog!.observe(entity, context),
              context.teamRef,
              context.entityRef,
            );
          }
          if (checks?.evaluator.appliesTo(entity.kind)) {
            verdicts.push({
              entityRef: context.entityRef,
              teamRef: context.teamRef,
              entityEtag: entity.metadata.etag,
              evaluatedAt: now,
              evaluatedBy: 'run',
              results: checks.evaluator.evaluate(entity, context),
            });
          }
        }
        processed += page.length;
        if (checks && verdicts.length > 0) {
          await checks.store.put(verdicts, runId);
        }
        await flushFindings(false);
        await store.updateProgress(runId, processed);
      }
    }
    if (groupCount === 0 && processed === 0) {
      // Nothing to measure: the catalog has not ingested anything yet.
      return undefined;
    }

    const collectContext: MetricCollectContext = {
      teams: hierarchy.teams,
      owningTeams: refs => this.owningTeams(refs, hierarchy, credentials),
      now,
      signal,
      logger: this.options.logger,
    };
    for (const [index, metric] of metrics.entries()) {
      if (!metric.collect) continue;
      for await (const { teamRef, observation } of metric.collect(
        collectContext,
      )) {
        observe(
          index,
          observation,
          teamRef && hierarchy.has(teamRef) ? teamRef : undefined,
        );
      }
      throwIfAborted(signal);
    }
    await flushFindings(true);

    // Roll up: a Group's figure covers itself and every Group below it.
    const scopes = hierarchy.scopes();
    const figures: MetricFigure[] = [];
    metrics.forEach((metric, index) => {
      figures.push({
        metricId: metric.definition.id,
        scopeRef: ORG_SCOPE,
        ...org[index].toFigure(metric.definition.aggregation),
      });
    });
    for (const team of hierarchy.teams.values()) {
      const covered = hierarchy.descendantsOf(team.ref);
      metrics.forEach((metric, index) => {
        const total = new MetricAggregate();
        for (const ref of covered) {
          const aggregate = own[index].get(ref);
          if (aggregate) total.merge(aggregate);
        }
        figures.push({
          metricId: metric.definition.id,
          scopeRef: team.ref,
          ...total.toFigure(metric.definition.aggregation),
        });
      });
    }
    return { scopes, figures, processedEntities: processed };
  }

  /**
   * The catalog, a page at a time, with only the fields asked for. The next
   * page is requested before the current one is handed out, so the catalog
   * works while the metrics observe: at most two pages are held.
   */
  private async *pages(
    kinds: string[],
    fields: string[],
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    signal: AbortSignal,
  ): AsyncGenerator<Entity[]> {
    const request = (cursor?: string) =>
      this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.options.pageSize, fields }
          : { filter: { kind: kinds }, limit: this.options.pageSize, fields },
        { credentials },
      );
    throwIfAborted(signal);
    let next: Promise<QueryEntitiesResponse> | undefined = request();
    while (next) {
      const response: QueryEntitiesResponse = await next;
      const cursor = response.pageInfo.nextCursor;
      throwIfAborted(signal);
      next = cursor ? request(cursor) : undefined;
      // An abandoned prefetch (the consumer threw) must not be an unhandled rejection.
      next?.catch(() => undefined);
      yield response.items;
    }
  }

  private async owningTeams(
    entityRefs: string[],
    hierarchy: TeamHierarchy,
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<Map<string, string | undefined>> {
    const result = new Map<string, string | undefined>();
    const unique = [...new Set(entityRefs)];
    for (let i = 0; i < unique.length; i += OWNER_LOOKUP_BATCH) {
      const batch = unique.slice(i, i + OWNER_LOOKUP_BATCH);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: BASE_FIELDS },
        { credentials },
      );
      batch.forEach((ref, j) => {
        const entity = items[j];
        result.set(
          ref,
          entity ? entityContext(entity, hierarchy).teamRef : undefined,
        );
      });
    }
    return result;
  }
}

function entityContext(
  entity: Entity,
  hierarchy: TeamHierarchy,
): MetricEntityContext {
  const namespace = entity.metadata.namespace ?? 'default';
  const ownerRef = toEntityRef(entity.spec?.owner, namespace);
  const groupRef = ownerRef?.startsWith('group:') ? ownerRef : undefined;
  const context: MetricEntityContext = {
    entityRef: stringifyEntityRef(entity),
  };
  if (ownerRef) context.ownerRef = ownerRef;
  if (groupRef && hierarchy.has(groupRef)) context.teamRef = groupRef;
  return context;
}

function throwIfAborted(signal: AbortSignal) {
  if (signal.aborted) {
    throw new Error('Metrics run aborted');
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
