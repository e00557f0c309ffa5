/*
 * The floor of the metrics run: a bare cursor-paged read of the fields the
 * metrics run needs, Groups first and then Components, counting entities and
 * keeping none of them.
 */

import type { CatalogApi, EntityFilterQuery } from '@backstage/catalog-client';

/** The Group fields the metrics run reads to build the team hierarchy. */
export const FLOOR_GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'spec.parent',
  'spec.children',
];

/** The Component fields the metrics run reads. */
export const FLOOR_COMPONENT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.type',
  'spec.lifecycle',
  'metadata.annotations',
];

export interface FloorResult {
  groups: number;
  components: number;
  pages: number;
}

/** Pages through one query; returns the entity and page counts. */
export async function countPaged(options: {
  catalog: CatalogApi;
  token: string;
  pageSize: number;
  filter: EntityFilterQuery;
  fields: string[];
}): Promise<{ entities: number; pages: number; totalItems: number }> {
  const { catalog, token, pageSize: limit, filter, fields } = options;
  let entities = 0;
  let pages = 0;
  let totalItems = 0;
  let cursor: string | undefined;
  do {
    const response = cursor
      ? await catalog.queryEntities({ cursor, limit, fields }, { token })
      : await catalog.queryEntities({ filter, limit, fields }, { token });
    if (pages === 0) {
      totalItems = response.totalItems;
    }
    pages += 1;
    entities += response.items.length;
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
  if (entities !== totalItems) {
    throw new Error(
      `paged read returned ${entities} entities, totalItems was ${totalItems}`,
    );
  }
  return { entities, pages, totalItems };
}

export async function readFloor(options: {
  catalog: CatalogApi;
  token: string;
  pageSize: number;
}): Promise<FloorResult> {
  const groups = await countPaged({
    ...options,
    filter: { kind: 'Group' },
    fields: FLOOR_GROUP_FIELDS,
  });
  const components = await countPaged({
    ...options,
    filter: { kind: ['Component'] },
    fields: FLOOR_COMPONENT_FIELDS,
  });
  return {
    groups: groups.entities,
    components: components.entities,
    pages: groups.pages + components.pages,
  };
}
