import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { UnresolvedOwnerReason } from '@ospo-kit/plugin-ospo-common';

const VISIBILITY_BATCH_SIZE = 500;

/**
 * Looks teams and entities up in the catalog, with the caller's credentials so
 * that the catalog's own permissions apply.
 *
 * @internal
 */
export class TeamDirectory {
  private constructor(private readonly catalog: CatalogService) {}

  static create(options: { catalog: CatalogService }): TeamDirectory {
    return new TeamDirectory(options.catalog);
  }

  /** Whether a Group with this ref exists and the caller may see it. */
  async teamExists(
    teamRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity = await this.catalog.getEntityByRef(teamRef, { credentials });
    return entity?.kind.toLocaleLowerCase('en-US') === 'group';
  }

  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(entityRef, { credentials });
  }

  /** Of the given entity refs, those the caller can see in the catalog. */
  async visibleEntityRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const visible: string[] = [];
    // In batches, to keep each catalog request small.
    for (let i = 0; i < entityRefs.length; i += VISIBILITY_BATCH_SIZE) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: entityRefs.slice(i, i + VISIBILITY_BATCH_SIZE),
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      visible.push(...items.flatMap(e => (e ? [stringifyEntityRef(e)] : [])));
    }
    return visible;
  }

  /** Splits an entity's owners into existing teams and owners without checklists. */
  async resolveOwners(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<{
    ownerRefs: string[];
    teamRefs: string[];
    unresolved: Array<{ ref: string; reason: UnresolvedOwnerReason }>;
  }> {
    const ownerRefs = ownersOf(entity);
    const groupRefs = ownerRefs.filter(
      ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group',
    );
    const found =
      groupRefs.length === 0
        ? []
        : (
            await this.catalog.getEntitiesByRefs(
              {
                entityRefs: groupRefs,
                fields: ['kind', 'metadata.name', 'metadata.namespace'],
              },
              { credentials },
            )
          ).items;
    const existing = new Set(
      found.flatMap(e => (e ? [stringifyEntityRef(e)] : [])),
    );
    const teamRefs: string[] = [];
    const unresolved: Array<{ ref: string; reason: UnresolvedOwnerReason }> =
      [];
    for (const ref of ownerRefs) {
      if (!groupRefs.includes(ref)) {
        unresolved.push({ ref, reason: 'not-a-group' });
      } else if (existing.has(ref)) {
        teamRefs.push(ref);
      } else {
        unresolved.push({ ref, reason: 'not-found' });
      }
    }
    return { ownerRefs, teamRefs, unresolved };
  }
}

function ownersOf(entity: Entity): string[] {
  const fromRelations = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (fromRelations.length > 0) {
    return [...new Set(fromRelations)];
  }
  // Relations are filled in by the catalog's processing; fall back to the spec.
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.length === 0) {
    return [];
  }
  return [
    stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ),
  ];
}
