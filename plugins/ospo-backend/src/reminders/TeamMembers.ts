import { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const BATCH = 500;

/**
 * A team as a reminder addresses it.
 *
 * @internal
 */
export interface TeamContacts {
  /** Its display name, title or name. */
  title: string;
  /** Its member Users' refs. */
  members: string[];
}

/**
 * The members of teams, read from the catalog as this plugin sees it (a
 * reminder is sent whoever asked): the Users of each Group's `hasMember`
 * relations.
 *
 * @internal
 */
export class TeamMembers {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): TeamMembers {
    return new TeamMembers(options.catalog, options.auth);
  }

  /** Each Group's title and member Users, by ref; missing Groups are left out. */
  async contactsOf(teamRefs: string[]): Promise<Map<string, TeamContacts>> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const contacts = new Map<string, TeamContacts>();
    for (let i = 0; i < teamRefs.length; i += BATCH) {
      const batch = teamRefs.slice(i, i + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: batch,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'spec.profile.displayName',
            'relations',
          ],
        },
        { credentials },
      );
      for (const [j, teamRef] of batch.entries()) {
        const group = items[j];
        if (!group) continue;
        const users = (group.relations ?? [])
          .filter(
            r =>
              r.type === RELATION_HAS_MEMBER &&
              parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') ===
                'user',
          )
          .map(r => r.targetRef);
        const displayName = (
          group.spec?.profile as { displayName?: unknown } | undefined
        )?.displayName;
        contacts.set(teamRef, {
          title:
            (typeof displayName === 'string' && displayName) ||
            group.metadata.title ||
            group.metadata.name,
          members: [...new Set(users)].sort(),
        });
      }
    }
    return contacts;
  }
}
