import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
  parseEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Groups nested deeper than this are a cycle or a mistake. */
const MAX_DEPTH = 20;

function isUserRef(ref: string): boolean {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    return false;
  }
}

/**
 * The Users who are members of a Group or of a Group below it, each once, in
 * the order found. The notifications backend picks the recipients of a
 * notification to a Group the same way, so those notified of a request are
 * those signalled about it.
 *
 * @internal
 */
export async function resolveGroupUsers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  groupRef: string;
}): Promise<string[]> {
  const users = new Set<string>();
  const seen = new Set<string>([options.groupRef]);
  let groups = [options.groupRef];
  for (let depth = 0; groups.length > 0 && depth < MAX_DEPTH; depth++) {
    const { items } = await options.catalog.getEntitiesByRefs(
      { entityRefs: groups, fields: ['kind', 'relations'] },
      { credentials: options.credentials },
    );
    groups = [];
    for (const group of items) {
      if (group?.kind.toLocaleLowerCase('en-US') !== 'group') continue;
      for (const { type, targetRef } of group.relations ?? []) {
        if (type === RELATION_HAS_MEMBER && isUserRef(targetRef)) {
          users.add(targetRef);
        } else if (type === RELATION_PARENT_OF && !seen.has(targetRef)) {
          seen.add(targetRef);
          groups.push(targetRef);
        }
      }
    }
  }
  return [...users];
}
