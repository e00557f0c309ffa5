import { Entity } from '@backstage/catalog-model';
import {
  ENTITY_CHECK_VERDICTS,
  EntityCheckResult,
} from '@ospo-kit/plugin-ospo-common';
import {
  MetricEntityContext,
  OspoEntityCheck,
} from '@ospo-kit/plugin-ospo-node';

const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Evaluates every check that applies to an entity's kind, worst verdict
 * first, each with the organisation's guidance link.
 *
 * @internal
 */
export class EntityCheckEvaluator {
  private readonly byKind = new Map<string, OspoEntityCheck[]>();

  private constructor(
    readonly checks: OspoEntityCheck[],
    private readonly guidance: ReadonlyMap<string, string>,
  ) {
    for (const check of checks) {
      for (const kind of check.kinds) {
        const key = kind.toLocaleLowerCase('en-US');
        this.byKind.set(key, [...(this.byKind.get(key) ?? []), check]);
      }
    }
  }

  /** Throws on a malformed or repeated check id. */
  static create(options: {
    checks: OspoEntityCheck[];
    guidance?: ReadonlyMap<string, string>;
  }): EntityCheckEvaluator {
    const ids = new Set<string>();
    for (const { id } of options.checks) {
      if (!CHECK_ID.test(id)) {
        throw new Error(
          `Check id '${id}' must be lower case words joined by '-', e.g. 'license-policy'`,
        );
      }
      if (ids.has(id)) throw new Error(`Check id '${id}' is used twice`);
      ids.add(id);
    }
    for (const id of options.guidance?.keys() ?? []) {
      if (!ids.has(id)) {
        throw new Error(
          `ospo.checks.guidance.${id}: there is no check '${id}'; the checks are ${[
            ...ids,
          ].join(', ')}`,
        );
      }
    }
    return new EntityCheckEvaluator(
      options.checks,
      options.guidance ?? new Map(),
    );
  }

  /** The kinds some check applies to, in lower case. */
  get kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** The entity fields the checks read. */
  get fields(): string[] {
    return [...new Set(this.checks.flatMap(c => c.fields))];
  }

  /** Whether any check applies to entities of this kind. */
  appliesTo(kind: string): boolean {
    return this.byKind.has(kind.toLocaleLowerCase('en-US'));
  }

  /**
   * The verdicts on one entity. A check that throws gives `unknown` with the
   * error, rather than losing the others.
   */
  evaluate(entity: Entity, context: MetricEntityContext): EntityCheckResult[] {
    const results: EntityCheckResult[] = [];
    for (const check of this.byKind.get(
      entity.kind.toLocaleLowerCase('en-US'),
    ) ?? []) {
      let outcome;
      try {
        outcome = check.evaluate(entity, context);
      } catch (error) {
        outcome = {
          verdict: 'unknown' as const,
          reason: `The check failed: ${
            error instanceof Error ? error.message : String(error)
          }`,
        };
      }
      if (!outcome) continue;
      const result: EntityCheckResult = {
        checkId: check.id,
        title: check.title,
        verdict: outcome.verdict,
        reason: outcome.reason,
      };
      if (outcome.fix && outcome.verdict !== 'pass') result.fix = outcome.fix;
      if (outcome.consultTopic && outcome.verdict !== 'pass') {
        result.consultTopic = outcome.consultTopic;
      }
      const guidanceUrl = this.guidance.get(check.id);
      if (guidanceUrl && outcome.verdict !== 'pass') {
        result.guidanceUrl = guidanceUrl;
      }
      results.push(result);
    }
    // Stable: checks keep their order within a verdict.
    return results.sort(
      (a, b) =>
        ENTITY_CHECK_VERDICTS.indexOf(a.verdict) -
        ENTITY_CHECK_VERDICTS.indexOf(b.verdict),
    );
  }
}
