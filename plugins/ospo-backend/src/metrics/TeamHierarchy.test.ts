import { Entity } from '@backstage/catalog-model';
import { TeamHierarchy, toEntityRef, toGroupRef } from './TeamHierarchy';

function group(
  name: string,
  spec: Record<string, unknown> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace },
    spec: { type: 'team', children: [], ...spec },
  };
}

describe('TeamHierarchy', () => {
  it('joins spec.parent and spec.children, and drops links to missing Groups', () => {
    const hierarchy = TeamHierarchy.fromGroups([
      group('org', { children: ['dept-a', 'ghost'] }),
      group('dept-a'),
      group('dept-b', { parent: 'org' }),
      group('team-1', { parent: 'group:default/dept-a' }),
      group('team-2', { parent: 'missing' }),
    ]);
    expect(hierarchy.teams.get('group:default/org')).toMatchObject({
      type: 'department',
      childRefs: ['group:default/dept-a', 'group:default/dept-b'],
    });
    expect(hierarchy.teams.get('group:default/dept-a')).toMatchObject({
      parentRef: 'group:default/org',
      childRefs: ['group:default/team-1'],
    });
    expect(hierarchy.teams.get('group:default/team-2')).toEqual({
      ref: 'group:default/team-2',
      childRefs: [],
      title: 'team-2',
      type: 'team',
    });
    expect(hierarchy.descendantsOf('group:default/org').sort()).toEqual([
      'group:default/dept-a',
      'group:default/dept-b',
      'group:default/org',
      'group:default/team-1',
    ]);
  });

  it('covers each Group once in a cycle, and ignores a Group naming itself', () => {
    const hierarchy = TeamHierarchy.fromGroups([
      group('a', { parent: 'c' }),
      group('b', { parent: 'a' }),
      group('c', { parent: 'b', children: ['c'] }),
    ]);
    for (const ref of [
      'group:default/a',
      'group:default/b',
      'group:default/c',
    ]) {
      expect(hierarchy.descendantsOf(ref).sort()).toEqual([
        'group:default/a',
        'group:default/b',
        'group:default/c',
      ]);
    }
    expect(hierarchy.teams.get('group:default/c')?.childRefs).toEqual([
      'group:default/a',
    ]);
  });

  it('resolves short refs in the Group\u2019s namespace and titles by display name', () => {
    const hierarchy = TeamHierarchy.fromGroups([
      group('parent', { profile: { displayName: 'The Parent' } }, 'other'),
      group('child', { parent: 'parent' }, 'other'),
    ]);
    expect(hierarchy.teams.get('group:other/child')?.parentRef).toBe(
      'group:other/parent',
    );
    expect(hierarchy.teams.get('group:other/parent')?.title).toBe('The Parent');
    expect(hierarchy.descendantsOf('group:default/unknown')).toEqual([]);
  });
});

describe('toEntityRef and toGroupRef', () => {
  it('default the kind to Group and the namespace to the entity\u2019s', () => {
    expect(toEntityRef('team-a', 'ns')).toBe('group:ns/team-a');
    expect(toEntityRef('user:erin', 'default')).toBe('user:default/erin');
    expect(toGroupRef('user:erin', 'default')).toBeUndefined();
    expect(toGroupRef('Group:Default/Team-A', 'x')).toBe(
      'group:default/team-a',
    );
    expect(toEntityRef('', 'default')).toBeUndefined();
    expect(toEntityRef(42, 'default')).toBeUndefined();
    expect(toEntityRef('group:', 'default')).toBeUndefined();
  });
});
