import { Entity } from '@backstage/catalog-model';
import { EntityCheckVerdict } from '@ospo-kit/plugin-ospo-common';
import { MetricEntityContext } from './OspoMetric';

/**
 * What a check found on one entity.
 *
 * @public
 */
export interface EntityCheckOutcome {
  /** `unknown` when the check cannot tell; it never counts as a pass. */
  verdict: EntityCheckVerdict;
  /** Why, in words a component's owner understands. */
  reason: string;
  /** How to fix it; leave it out on a pass. */
  fix?: string;
  /**
   * The consultation topic (an id of `ospo.office.topics`) to pre-fill when
   * the owner consults the OSPO about it, e.g. `vulnerability`.
   */
  consultTopic?: string;
}

/**
 * An OSPO check: a verdict on one catalog entity, shown on its page with how
 * to fix it. Checks are evaluated in the scheduled metrics run (in the same
 * pass over the catalog as the metrics) and when an owner asks for one
 * entity to be evaluated again; only the latest verdicts are kept.
 *
 * @public
 */
export interface OspoEntityCheck {
  /**
   * Stable id, lower case words joined by `-` (e.g. `license-policy`): it
   * keys `ospo.checks.guidance` in config.
   */
  id: string;
  /** What the check looks at, e.g. `License policy`. */
  title: string;
  /** The kinds it applies to, e.g. `['Component']`. */
  kinds: string[];
  /**
   * The entity fields `evaluate` reads, in the catalog's `fields` syntax.
   * The entity's kind, name, namespace and `spec.owner` are always there.
   */
  fields: string[];
  /**
   * The verdict on one entity, or `undefined` when the check does not apply
   * to it (e.g. a fork check on an entity that is no fork). Must be
   * synchronous and fast: it also runs while a user waits.
   */
  evaluate(
    entity: Entity,
    context: MetricEntityContext,
  ): EntityCheckOutcome | undefined;
}
