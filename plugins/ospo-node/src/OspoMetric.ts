import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { MetricDefinition } from '@ospo-kit/plugin-ospo-common';
import { EntitySbomFacts } from './EntitySbomFacts';

/**
 * What one entity (or one record outside the catalog) contributes to a metric.
 * The run adds observations up per owning team, then along the Group
 * hierarchy, so a department covers all its teams and `org` covers everything.
 *
 * @public
 */
export interface MetricObservation {
  /** Adds to the numerator of a `ratio` metric. */
  numerator?: number;
  /** Adds to the denominator of a `ratio` metric. */
  denominator?: number;
  /** Adds to a `count` metric. */
  count?: number;
  /** One sample of a `median` or `mean` metric. */
  sample?: number;
  /** Counts one under each dimension's key, e.g. `{ type: 'service' }`. */
  breakdown?: Record<string, string>;
  /**
   * Adds each number under its key of each dimension, e.g.
   * `{ severity: { critical: 1, high: 3 } }`: a breakdown of many things an
   * entity holds.
   */
  tally?: Record<string, Record<string, number>>;
  /** Flags the entity for attention, saying why; listed as a finding. */
  finding?: string;
}

/**
 * What the run knows about the entity being observed.
 *
 * @public
 */
export interface MetricEntityContext {
  /** The entity's ref. */
  entityRef: string;
  /** The owner from `spec.owner`, as a full entity ref, when it has one. */
  ownerRef?: string;
  /** The owning Group, when the owner is a Group that exists in the catalog. */
  teamRef?: string;
  /**
   * The entity's latest SBOM scan, when one was uploaded
   * (`POST /api/ospo/entities/{kind}/{namespace}/{name}/sbom`); absent for
   * an entity never scanned.
   */
  sbom?: EntitySbomFacts;
}

/**
 * An observation attributed to a team, or to the organisation only when
 * `teamRef` is undefined.
 *
 * @public
 */
export interface ScopedMetricObservation {
  teamRef?: string;
  observation: MetricObservation;
}

/**
 * A Group as the run sees it.
 *
 * @public
 */
export interface MetricTeam {
  ref: string;
  parentRef?: string;
  childRefs: string[];
}

/**
 * What a metric that reads outside the catalog gets from the run.
 *
 * @public
 */
export interface MetricCollectContext {
  /** Every Group in the catalog, by entity ref. */
  teams: ReadonlyMap<string, MetricTeam>;
  /** The owning Group of each entity, where its owner resolves to one. */
  owningTeams(entityRefs: string[]): Promise<Map<string, string | undefined>>;
  /** When the run started. */
  now: Date;
  /** Aborted when the run times out; stop early when it is. */
  signal: AbortSignal;
  logger: LoggerService;
}

/**
 * A metric: its published definition and how to compute it. A metric reads
 * catalog entities as the run pages through them (`catalog`), collects
 * observations from elsewhere (`collect`), or both.
 *
 * @public
 */
export interface OspoMetric {
  definition: MetricDefinition;
  catalog?: {
    /**
     * The entity fields `observe` reads, in the catalog's `fields` syntax,
     * e.g. `spec.type` or `metadata.annotations`. The entity's kind, name,
     * namespace and `spec.owner` are always there.
     */
    fields: string[];
    /**
     * Called once for every entity of one of `definition.kinds`. Must be
     * synchronous and keep no per-entity state: memory must not grow with
     * the catalog.
     */
    observe(
      entity: Entity,
      context: MetricEntityContext,
    ): MetricObservation | undefined;
  };
  collect?(
    context: MetricCollectContext,
  ): AsyncIterable<ScopedMetricObservation> | Iterable<ScopedMetricObservation>;
}
