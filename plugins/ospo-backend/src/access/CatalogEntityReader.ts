import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CallerCache } from './CallerCache';
import { EntityBatches } from './EntityBatches';

/**
 * What the owner routes read of an entity: its ref, its owners, and its etag
 * (which tells whether it changed since its checks were evaluated).
 */
const OWNED_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.etag',
  'spec.owner',
  'relations',
];
/** What telling that an entity exists takes. */
const REF_FIELDS = ['kind', 'metadata.name', 'metadata.namespace'];
/** Entities kept at most; the oldest go first. */
const MAX_ENTRIES = 20_000;
/** The queue of reads made with the plugin's own credentials. */
const SHARED = '\u0000shared';

interface Known {
  /** The ref as the catalog spells it; none when there is no such entity. */
  ref?: string;
  /** The entity with {@link OWNED_FIELDS}, once read. */
  entity?: Entity;
  expires: number;
}

/** An entity the caller sees: its ref, and its owner fields when asked for. */
interface Found {
  ref: string;
  entity?: Entity;
}

/**
 * Reads single entities for the routes of one entity page, which every
 * component page view calls: few fields, shared between callers for a short
 * time, batched, and never shown to a caller the catalog would not show them.
 *
 * - What the catalog holds is remembered for the time to live, whoever asked.
 * - Whether the caller may see it is theirs: when the permission policy lets
 *   them read every entity (an unconditional allow of `catalog.entity.read`,
 *   the decision the catalog itself applies to their reads), what is
 *   remembered is theirs to see, and what is missing is read with the
 *   plugin's own credentials, in batches shared by all such callers. Any
 *   other decision (conditional, or deny) sends their reads to the catalog
 *   with their own credentials, and what it shows them is remembered per
 *   caller in `visibility`.
 * - Callers who are not cached (services, or a time to live of 0) read with
 *   their own credentials every time.
 *
 * @internal
 */
export class CatalogEntityReader {
  private readonly known = new Map<string, Known>();
  private readonly batches: EntityBatches;

  private constructor(
    private readonly catalog: CatalogService,
    private readonly options: {
      auth?: AuthService;
      permissions?: PermissionsService;
      visibility?: CallerCache<boolean>;
      ttlMs: number;
      now: () => number;
    },
  ) {
    this.batches = EntityBatches.create({ catalog });
  }

  /**
   * Without `visibility` and a time to live, every read goes to the catalog
   * with the caller's credentials. Without `auth` and `permissions`, what a
   * caller sees is remembered per caller only.
   */
  static create(options: {
    catalog: CatalogService;
    auth?: AuthService;
    permissions?: PermissionsService;
    visibility?: CallerCache<boolean>;
    ttlMs?: number;
    now?: () => number;
  }): CatalogEntityReader {
    return new CatalogEntityReader(options.catalog, {
      auth: options.auth,
      permissions: options.permissions,
      visibility: options.visibility,
      ttlMs: options.visibility ? options.ttlMs ?? 0 : 0,
      now: options.now ?? Date.now,
    });
  }

  /**
   * The entity's kind, name, namespace, etag, `spec.owner` and relations,
   * when the caller may see it.
   */
  async getOwnedEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const caller = this.callerOf(credentials);
    if (!caller) {
      const [entity] = await this.readNow(
        [entityRef],
        OWNED_FIELDS,
        credentials,
      );
      return entity;
    }
    return (await this.read(entityRef, caller, credentials, true))?.entity;
  }

  /**
   * Of these refs, the refs (as the catalog spells them) of the entities
   * the caller sees.
   */
  async existingRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (entityRefs.length === 0) return new Set();
    const caller = this.callerOf(credentials);
    const found = caller
      ? (
          await Promise.all(
            entityRefs.map(ref => this.read(ref, caller, credentials, false)),
          )
        ).map(f => f?.ref)
      : (await this.readNow(entityRefs, REF_FIELDS, credentials)).map(e =>
          e ? stringifyEntityRef(e) : undefined,
        );
    return new Set(found.flatMap(ref => (ref ? [ref] : [])));
  }

  private callerOf(credentials: BackstageCredentials): string | undefined {
    return this.options.ttlMs > 0
      ? this.options.visibility?.callerOf(credentials)
      : undefined;
  }

  /** As the catalog shows the entities to the caller now, in the order asked. */
  private async readNow(
    entityRefs: string[],
    fields: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs, fields },
      { credentials },
    );
    return items.map(e => e ?? undefined);
  }

  private async read(
    entityRef: string,
    caller: string,
    credentials: BackstageCredentials,
    owned: boolean,
  ): Promise<Found | undefined> {
    const key = entityRef.toLocaleLowerCase('en-US');
    const fields = owned ? OWNED_FIELDS : REF_FIELDS;
    const answer = (known: Known) =>
      known.ref ? { ref: known.ref, entity: known.entity } : undefined;
    // Enough is known when the entity is missing, or read with what is asked.
    const enough = (known?: Known): known is Known =>
      Boolean(known && (!known.ref || !owned || known.entity));

    if (await this.seesEverything(caller, credentials)) {
      const known = this.get(key);
      if (enough(known)) return answer(known);
      const entity = await this.batches.read({
        queue: `${SHARED}\u0000${owned}`,
        ref: entityRef,
        fields,
        credentials: await this.options.auth!.getOwnServiceCredentials(),
      });
      return answer(this.remember(key, entity, owned));
    }

    const visibility = this.options.visibility!;
    const visibleKey = `catalog-entity\u0000${key}`;
    const visible = visibility.get(caller, visibleKey);
    if (visible === false) return undefined;
    const known = visible ? this.get(key) : undefined;
    if (known?.ref && enough(known)) return answer(known);
    const entity = await this.batches.read({
      queue: `${caller}\u0000${owned}`,
      ref: entityRef,
      fields,
      credentials,
    });
    visibility.set(caller, visibleKey, Boolean(entity));
    // Hidden from this caller says nothing of whether it exists.
    return entity ? answer(this.remember(key, entity, owned)) : undefined;
  }

  /** Whether the policy lets the caller read every catalog entity. */
  private async seesEverything(
    caller: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const { auth, permissions, visibility } = this.options;
    if (!auth || !permissions) return false;
    const key = 'catalog-entity\u0000*';
    const cached = visibility!.get(caller, key);
    if (cached !== undefined) return cached;
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    const everything = decision.result === AuthorizeResult.ALLOW;
    visibility!.set(caller, key, everything);
    return everything;
  }

  private get(key: string): Known | undefined {
    const known = this.known.get(key);
    if (known && known.expires <= this.options.now()) {
      this.known.delete(key);
      return undefined;
    }
    return known;
  }

  private remember(
    key: string,
    entity: Entity | undefined,
    owned: boolean,
  ): Known {
    const previous = this.get(key);
    // An existence read does not replace the owner fields of one before.
    if (!owned && entity && previous?.entity) return previous;
    const known: Known = {
      ref: entity ? stringifyEntityRef(entity) : undefined,
      entity: owned ? entity : undefined,
      expires: this.options.now() + this.options.ttlMs,
    };
    // Re-inserted, so that the map's order stays the order of expiry.
    this.known.delete(key);
    if (this.known.size >= MAX_ENTRIES) {
      this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(key, known);
    return known;
  }
}
