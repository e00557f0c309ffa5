import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  MetricScope,
  MetricScopeType,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { MetricTeam } from '@ospo-kit/plugin-ospo-node';

/**
 * A Group of the hierarchy, with what the scope list shows of it.
 *
 * @internal
 */
export interface HierarchyTeam extends MetricTeam {
  title: string;
  type: MetricScopeType;
}

/** The fields of a Group that the hierarchy needs. */
export const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'spec.parent',
  'spec.children',
];

/**
 * The whole organisation as a metrics scope.
 *
 * @internal
 */
export const ORG_METRIC_SCOPE: MetricScope = {
  ref: ORG_SCOPE,
  type: 'org',
  title: 'Organisation',
};

/**
 * The Groups of the catalog and how they nest, from both `spec.parent` and
 * `spec.children`; references to Groups that do not exist are dropped, and
 * cycles are tolerated.
 *
 * @internal
 */
export class TeamHierarchy {
  private constructor(readonly teams: ReadonlyMap<string, HierarchyTeam>) {}

  static fromGroups(groups: Iterable<Entity>): TeamHierarchy {
    const declared = new Map<
      string,
      { entity: Entity; parentRef?: string; childRefs: string[] }
    >();
    for (const group of groups) {
      const ref = stringifyEntityRef(group);
      const namespace = group.metadata.namespace ?? 'default';
      const spec = (group.spec ?? {}) as {
        parent?: unknown;
        children?: unknown;
      };
      declared.set(ref, {
        entity: group,
        parentRef: toGroupRef(spec.parent, namespace),
        childRefs: (Array.isArray(spec.children) ? spec.children : []).flatMap(
          child => toGroupRef(child, namespace) ?? [],
        ),
      });
    }

    const parents = new Map<string, string>();
    const children = new Map<string, Set<string>>();
    const link = (parentRef: string, childRef: string) => {
      if (parentRef === childRef) return;
      if (!declared.has(parentRef) || !declared.has(childRef)) return;
      if (!children.has(parentRef)) children.set(parentRef, new Set());
      children.get(parentRef)!.add(childRef);
      if (!parents.has(childRef)) parents.set(childRef, parentRef);
    };
    for (const [ref, group] of declared) {
      if (group.parentRef) link(group.parentRef, ref);
    }
    for (const [ref, group] of declared) {
      for (const childRef of group.childRefs) link(ref, childRef);
    }

    const teams = new Map<string, HierarchyTeam>();
    for (const [ref, { entity }] of declared) {
      const childRefs = [...(children.get(ref) ?? [])].sort();
      const profile = (entity.spec as { profile?: { displayName?: unknown } })
        ?.profile;
      teams.set(ref, {
        ref,
        parentRef: parents.get(ref),
        childRefs,
        title:
          (typeof profile?.displayName === 'string' && profile.displayName) ||
          entity.metadata.title ||
          entity.metadata.name,
        type: childRefs.length > 0 ? 'department' : 'team',
      });
    }
    return new TeamHierarchy(teams);
  }

  /**
   * The scopes a metrics run stores: the organisation first, then every
   * Group with its place in the hierarchy.
   */
  scopes(): MetricScope[] {
    const scopes: MetricScope[] = [ORG_METRIC_SCOPE];
    for (const team of this.teams.values()) {
      const scope: MetricScope = {
        ref: team.ref,
        type: team.type,
        title: team.title,
      };
      if (team.parentRef) scope.parentRef = team.parentRef;
      if (team.childRefs.length) scope.childRefs = team.childRefs;
      scopes.push(scope);
    }
    return scopes;
  }

  has(ref: string): boolean {
    return this.teams.has(ref);
  }

  /** The Group and every Group below it, each once, even in a cycle. */
  descendantsOf(ref: string): string[] {
    return collectDescendants(
      ref,
      current => this.teams.get(current)?.childRefs,
    );
  }
}

/**
 * A node and every node below it, each once, even when the links form a
 * cycle. Nodes `childrenOf` does not know are left out.
 *
 * @internal
 */
export function collectDescendants(
  ref: string,
  childrenOf: (ref: string) => string[] | undefined,
): string[] {
  const seen = new Set<string>();
  const stack = [ref];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const children = childrenOf(current);
    if (seen.has(current) || !children) continue;
    seen.add(current);
    stack.push(...children);
  }
  return [...seen];
}

/** A Group ref from a `spec.owner`-style reference; undefined if it is not a Group. */
export function toGroupRef(
  value: unknown,
  namespace: string,
): string | undefined {
  const ref = toEntityRef(value, namespace);
  return ref?.startsWith('group:') ? ref : undefined;
}

/** A full entity ref, defaulting the kind to Group as `spec.owner` does. */
export function toEntityRef(
  value: unknown,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}
