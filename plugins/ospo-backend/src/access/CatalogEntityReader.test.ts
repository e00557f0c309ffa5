import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  permissionsConditionalFor,
  restrictedCatalog,
} from '../__testUtils__/restrictedCatalog';
import { CallerCache } from './CallerCache';
import { CatalogEntityReader } from './CatalogEntityReader';

const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', description: 'not read' },
  spec: owner ? { owner, type: 'service' } : {},
  relations: owner
    ? [{ type: 'ownedBy', targetRef: `group:default/${owner}` }]
    : [],
});
const ENTITIES = [
  entity('Group', 'team-a'),
  entity('Group', 'stealth'),
  entity('Component', 'shop', 'team-a'),
  entity('Component', 'secret', 'stealth'),
];
const LEE = 'user:default/lee';
const SAM = 'user:default/sam';
const lee = mockCredentials.user(LEE);
const sam = mockCredentials.user(SAM);

/**
 * The catalog as its permissions show it: the policy lets everyone but Sam
 * read every entity; Sam's decision is conditional, and the catalog hides
 * the secret component and the stealth team from him.
 */
function setup(ttlMs = 10_000) {
  const time = { now: 0 };
  const catalog = restrictedCatalog({
    entities: ENTITIES,
    isHidden: (user, e) =>
      user === SAM && ['secret', 'stealth'].includes(e.metadata.name),
  });
  const permissions = permissionsConditionalFor(SAM);
  const reader = CatalogEntityReader.create({
    catalog,
    auth: mockServices.auth(),
    permissions,
    visibility: CallerCache.create({ ttlMs, now: () => time.now }),
    ttlMs,
    now: () => time.now,
  });
  return { catalog, permissions, reader, time };
}

const SHOP = 'component:default/shop';
const SECRET = 'component:default/secret';

describe('CatalogEntityReader', () => {
  it('reads only the owner fields and the etag', async () => {
    const { catalog, reader } = setup();
    expect(await reader.getOwnedEntity(SHOP, lee)).toEqual({
      kind: 'Component',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { owner: 'team-a' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
    });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      {
        entityRefs: [SHOP],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.etag',
          'spec.owner',
          'relations',
        ],
      },
      expect.anything(),
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('serves callers who may read every entity from what it read for any of them, for the time to live', async () => {
    const { catalog, permissions, reader, time } = setup();
    const other = mockCredentials.user('user:default/kim');
    expect(await reader.getOwnedEntity(SECRET, lee)).toBeDefined();
    // Read with the plugin's own credentials: the caller may see everything.
    expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
      expect.anything(),
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
    expect(await reader.getOwnedEntity(SECRET, lee)).toBeDefined();
    expect(await reader.getOwnedEntity(SECRET, other)).toBeDefined();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    // One decision per caller, remembered too.
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: catalogEntityReadPermission }],
      { credentials: lee },
    );

    time.now += 10_000;
    await reader.getOwnedEntity(SECRET, lee);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('never shows a caller with a conditional decision what the catalog hides from them', async () => {
    const { catalog, reader } = setup();
    // Lee's read puts the secret component in the shared cache...
    expect(await reader.getOwnedEntity(SECRET, lee)).toBeDefined();
    // ...but Sam is asked about with his own credentials, and remembered.
    for (let i = 0; i < 2; i++) {
      expect(await reader.getOwnedEntity(SECRET, sam)).toBeUndefined();
      expect(await reader.getOwnedEntity(SHOP, sam)).toBeDefined();
      expect(await reader.existingRefs(['group:default/stealth'], sam)).toEqual(
        new Set(),
      );
    }
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(4);
    for (const call of catalog.getEntitiesByRefs.mock.calls.slice(1)) {
      expect(call[1]).toEqual({ credentials: sam });
    }
  });

  it('batches the reads asked for together into one catalog request', async () => {
    const { catalog, reader } = setup();
    const [shop, secret, missing] = await Promise.all([
      reader.getOwnedEntity(SHOP, lee),
      reader.getOwnedEntity(SECRET, mockCredentials.user('user:default/kim')),
      reader.getOwnedEntity('component:default/missing', lee),
      reader.getOwnedEntity(SHOP, lee),
    ]);
    expect(shop?.metadata.name).toBe('shop');
    expect(secret?.metadata.name).toBe('secret');
    expect(missing).toBeUndefined();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual([
      SHOP,
      SECRET,
      'component:default/missing',
    ]);
    // A missing entity is remembered as missing.
    await reader.getOwnedEntity('component:default/missing', lee);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('tells which of several entities exist', async () => {
    const { reader } = setup();
    const refs = [
      'group:default/team-a',
      'group:default/stealth',
      'group:default/ghost',
    ];
    expect(await reader.existingRefs(refs, lee)).toEqual(
      new Set(['group:default/team-a', 'group:default/stealth']),
    );
    expect(await reader.existingRefs(refs, sam)).toEqual(
      new Set(['group:default/team-a']),
    );
  });

  it('asks the catalog every time, with the caller’s credentials, without a cache and for services', async () => {
    for (const [ttlMs, credentials] of [
      [0, lee],
      [10_000, mockCredentials.service()],
    ] as const) {
      const { catalog, permissions, reader } = setup(ttlMs);
      await reader.getOwnedEntity(SHOP, credentials);
      await reader.getOwnedEntity(SHOP, credentials);
      await reader.existingRefs(['group:default/team-a'], credentials);
      expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
      for (const call of catalog.getEntitiesByRefs.mock.calls) {
        expect(call[1]).toEqual({ credentials });
      }
      expect(permissions.authorizeConditional).not.toHaveBeenCalled();
    }
  });

  it('passes a failed read on to every caller waiting for it, and tries again next time', async () => {
    const { catalog, reader } = setup();
    catalog.getEntitiesByRefs.mockRejectedValueOnce(new Error('catalog down'));
    await expect(
      Promise.all([
        reader.getOwnedEntity(SHOP, lee),
        reader.getOwnedEntity(SECRET, lee),
      ]),
    ).rejects.toThrow('catalog down');
    expect(await reader.getOwnedEntity(SHOP, lee)).toBeDefined();
  });
});
