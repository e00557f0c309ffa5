import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OfficeStaff, OfficeStaffMember } from '@ospo-kit/plugin-ospo-common';

/** What the staff list shows of a User. */
const USER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.profile.displayName',
  'spec.profile.email',
];
const PAGE_SIZE = 500;

/**
 * The OSPO's staff: the Users that are members of the OSPO's Group
 * (`ospo.office.group`) in the catalog, the only people a request can be
 * assigned to. Read from the catalog with the caller's credentials, so that
 * the catalog's own permissions apply.
 *
 * @internal
 */
export class OfficeStaffDirectory {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly groupRef: string,
  ) {}

  static create(options: {
    catalog: CatalogService;
    /** The OSPO's Group, a full entity ref. */
    groupRef: string;
  }): OfficeStaffDirectory {
    return new OfficeStaffDirectory(options.catalog, options.groupRef);
  }

  /** The members of the OSPO's Group, by display name. */
  async list(credentials: BackstageCredentials): Promise<OfficeStaff> {
    const items: OfficeStaffMember[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: USER_FIELDS }
          : {
              filter: {
                kind: 'user',
                [`relations.${RELATION_MEMBER_OF}`]: this.groupRef,
              },
              limit: PAGE_SIZE,
              fields: USER_FIELDS,
            },
        { credentials },
      );
      items.push(...response.items.map(toMember));
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    items.sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'en', {
          sensitivity: 'base',
        }) || (a.userRef < b.userRef ? -1 : 1),
    );
    return { groupRef: this.groupRef, items };
  }

  /**
   * Throws an `InputError` (400) naming the ref and why, unless it is a User
   * the caller can see that is a member of the OSPO's Group.
   */
  async requireMember(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
    if (kind !== 'user') {
      throw new InputError(
        `Invalid assignee: ${ref} is a ${kind}, not a User; only members of the OSPO's group ${this.groupRef} can be assigned`,
      );
    }
    const user = await this.catalog.getEntityByRef(ref, { credentials });
    if (!user || user.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(
        `Invalid assignee: there is no User ${ref} in the catalog`,
      );
    }
    const member = (user.relations ?? []).some(
      r =>
        r.type === RELATION_MEMBER_OF &&
        r.targetRef.toLocaleLowerCase('en-US') === this.groupRef,
    );
    if (!member) {
      throw new InputError(
        `Invalid assignee: ${ref} is not a member of the OSPO's group ${this.groupRef}`,
      );
    }
  }
}

function toMember(user: Entity): OfficeStaffMember {
  const profile = (
    user.spec as { profile?: { displayName?: unknown; email?: unknown } }
  )?.profile;
  const member: OfficeStaffMember = {
    userRef: stringifyEntityRef(user),
    displayName:
      (typeof profile?.displayName === 'string' && profile.displayName) ||
      user.metadata.name,
  };
  if (typeof profile?.email === 'string' && profile.email) {
    member.email = profile.email;
  }
  return member;
}
