import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { UnresolvedOwnerReason } from '@ospo-kit/plugin-ospo-common';
import { CallerCache } from './CallerCache';
import { CatalogEntityReader } from './CatalogEntityReader';

const VISIBILITY_BATCH_SIZE = 500;

/**
 * Looks teams and entities up in the catalog, with the caller's credentials so
 * that the catalog's own permissions apply.
 *
 * @internal
 */
export class TeamDirectory {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly entities: CatalogEntityReader,
    private readonly visibility?: CallerCache<boolean>,
  ) {}

  /**
   * With `visibility`, whether a user may see an entity (or a team) is
   * remembered for the cache's time to live: the dashboard asks it of the
   * same entities on every request. `entities` reads the single entities of
   * entity pages; by default, from the catalog every time.
   */
  static create(options: {
    catalog: CatalogService;
    visibility?: CallerCache<boolean>;
    entities?: CatalogEntityReader;
  }): TeamDirectory {
    return new TeamDirectory(
      options.catalog,
      options.entities ??
        CatalogEntityReader.create({ catalog: options.catalog }),
      options.visibility,
    );
  }

  /** Whether a Group with this ref exists and the caller may see it. */
  async teamExists(
    teamRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const caller = this.visibility?.callerOf(credentials);
    const key = `team\u0000${teamRef}`;
    const cached = caller ? this.visibility!.get(caller, key) : undefined;
    if (cached !== undefined) return cached;
    const entity = await this.catalog.getEntityByRef(teamRef, { credentials });
    const exists = entity?.kind.toLocaleLowerCase('en-US') === 'group';
    if (caller) this.visibility!.set(caller, key, exists);
    return exists;
  }

  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(entityRef, { credentials });
  }

  /**
   * The entity's kind, name, namespace and owners (`spec.owner`,
   * relations), when the caller may see it: what {@link resolveOwners}
   * needs, read the cheap way.
   */
  async getOwnedEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.entities.getOwnedEntity(entityRef, credentials);
  }

  /** Of the given entity refs, those the caller can see in the catalog. */
  async visibleEntityRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const caller = this.visibility?.callerOf(credentials);
    const known = new Map<string, boolean>();
    if (caller) {
      for (const ref of entityRefs) {
        const cached = this.visibility!.get(caller, `entity\u0000${ref}`);
        if (cached !== undefined) known.set(ref, cached);
      }
    }
    const unknown = entityRefs.filter(ref => !known.has(ref));
    // In batches, to keep each catalog request small.
    for (let i = 0; i < unknown.length; i += VISIBILITY_BATCH_SIZE) {
      const batch = unknown.slice(i, i + VISIBILITY_BATCH_SIZE);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: batch,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      // The catalog answers in the order asked, null for what it hides.
      batch.forEach((ref, j) => {
        known.set(ref, Boolean(items[j]));
        if (caller) {
          this.visibility!.set(caller, `entity\u0000${ref}`, Boolean(items[j]));
        }
      });
    }
    return entityRefs.filter(ref => known.get(ref));
  }

  /**
   * Of the given entity refs, those the caller can see in the catalog, each
   * with its owners' refs (relations, else `spec.owner`), for reports that
   * tell or filter by owner. Asked of the catalog every time, in batches;
   * what it tells of visibility is remembered as {@link visibleEntityRefs}
   * remembers it.
   */
  async visibleOwners(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string[]>> {
    const caller = this.visibility?.callerOf(credentials);
    const owners = new Map<string, string[]>();
    for (let i = 0; i < entityRefs.length; i += VISIBILITY_BATCH_SIZE) {
      const batch = entityRefs.slice(i, i + VISIBILITY_BATCH_SIZE);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: batch,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.owner',
            'relations',
          ],
        },
        { credentials },
      );
      for (const [j, ref] of batch.entries()) {
        const entity = items[j];
        if (entity) owners.set(ref, ownersOf(entity));
        if (caller) {
          this.visibility!.set(caller, `entity\u0000${ref}`, Boolean(entity));
        }
      }
    }
    return owners;
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
    const existing = await this.entities.existingRefs(groupRefs, credentials);
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
