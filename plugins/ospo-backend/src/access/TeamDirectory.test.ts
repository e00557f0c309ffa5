import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { restrictedCatalog } from '../__testUtils__/restrictedCatalog';
import { CallerCache } from './CallerCache';
import { TeamDirectory } from './TeamDirectory';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});
const ENTITIES = [
  entity('Group', 'team-a'),
  entity('Group', 'stealth'),
  entity('Component', 'shop'),
  entity('Component', 'secret'),
];
const LEE = mockCredentials.user('user:default/lee');
const SAM = mockCredentials.user('user:default/sam');

/** Sam sees neither the secret component nor the stealth team. */
function setup(ttlMs = 10_000) {
  const time = { now: 0 };
  const catalog = restrictedCatalog({
    entities: ENTITIES,
    isHidden: (user, e) =>
      user === 'user:default/sam' &&
      ['secret', 'stealth'].includes(e.metadata.name),
  });
  const teams = TeamDirectory.create({
    catalog,
    visibility: CallerCache.create({ ttlMs, now: () => time.now }),
  });
  return { catalog, teams, time };
}

const REFS = [
  'component:default/shop',
  'component:default/secret',
  'component:default/missing',
];

describe('TeamDirectory', () => {
  it('tells each user which entities they see, in the order asked', async () => {
    const { teams } = setup();
    expect(await teams.visibleEntityRefs(REFS, LEE)).toEqual([
      'component:default/shop',
      'component:default/secret',
    ]);
    expect(await teams.visibleEntityRefs(REFS, SAM)).toEqual([
      'component:default/shop',
    ]);
  });

  it('remembers visibility per user for the time to live, asking only for what it lacks', async () => {
    const { catalog, teams, time } = setup();
    await teams.visibleEntityRefs(REFS.slice(0, 2), SAM);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);

    expect(await teams.visibleEntityRefs(REFS, SAM)).toEqual([
      'component:default/shop',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRefs: ['component:default/missing'] }),
      { credentials: SAM },
    );
    await teams.visibleEntityRefs(REFS, SAM);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);

    // Another user is asked about on their own.
    expect(await teams.visibleEntityRefs(REFS, LEE)).toHaveLength(2);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);

    time.now += 10_000;
    await teams.visibleEntityRefs(REFS, SAM);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(4);
  });

  it('tells the owners of the entities a user sees, relations first, and remembers what it saw', async () => {
    const owned = (name: string, extra: Partial<Entity>): Entity => ({
      ...entity('Component', name),
      ...extra,
    });
    const catalog = restrictedCatalog({
      entities: [
        owned('shop', {
          spec: { owner: 'team-a' },
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-b' },
            { type: 'ownedBy', targetRef: 'group:default/team-b' },
            { type: 'dependsOn', targetRef: 'component:default/cart' },
          ],
        }),
        owned('cart', { spec: { owner: 'user:jo' } }),
        owned('wiki', {}),
        owned('secret', { spec: { owner: 'team-a' } }),
      ],
      isHidden: (user, e) =>
        user === 'user:default/sam' && e.metadata.name === 'secret',
    });
    const teams = TeamDirectory.create({
      catalog,
      visibility: CallerCache.create({ ttlMs: 10_000 }),
    });
    const refs = ['shop', 'cart', 'wiki', 'secret', 'missing'].map(
      n => `component:default/${n}`,
    );
    expect(await teams.visibleOwners(refs, SAM)).toEqual(
      new Map([
        ['component:default/shop', ['group:default/team-b']],
        ['component:default/cart', ['user:default/jo']],
        ['component:default/wiki', []],
      ]),
    );
    expect(
      (await teams.visibleOwners(refs, LEE)).get('component:default/secret'),
    ).toEqual(['group:default/team-a']);
    // What it saw answers the next visibility question.
    expect(await teams.visibleEntityRefs(refs, SAM)).toEqual(refs.slice(0, 3));
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('remembers whether a team exists for a user', async () => {
    const { catalog, teams } = setup();
    for (let i = 0; i < 2; i++) {
      expect(await teams.teamExists('group:default/stealth', LEE)).toBe(true);
      expect(await teams.teamExists('group:default/stealth', SAM)).toBe(false);
      expect(await teams.teamExists('component:default/shop', LEE)).toBe(false);
    }
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
  });

  it('asks the catalog every time without a cache, and for services', async () => {
    const { catalog, teams } = setup(0);
    await teams.visibleEntityRefs(REFS, SAM);
    await teams.visibleEntityRefs(REFS, SAM);
    const cached = setup();
    const service = mockCredentials.service();
    await cached.teams.teamExists('group:default/team-a', service);
    await cached.teams.teamExists('group:default/team-a', service);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(cached.catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });
});
