import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  OSPO_TEAM_RESOURCE_TYPE,
  ospoChecklistAnswerUpdatePermission,
} from '@ospo-kit/plugin-ospo-common';
import {
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from './conditions';
import {
  isTeamMember,
  ospoTeamPermissionResourceRef,
  ospoTeamRules,
} from './rules';

const claims = ['user:default/lee', 'group:default/team-a', 'group:other/ops'];

describe('isTeamMember', () => {
  it('belongs to the ospo-team resource type of the ospo plugin', () => {
    expect(isTeamMember.resourceType).toBe(OSPO_TEAM_RESOURCE_TYPE);
    expect(ospoTeamPermissionResourceRef).toMatchObject({
      pluginId: 'ospo',
      resourceType: OSPO_TEAM_RESOURCE_TYPE,
    });
    expect(Object.values(ospoTeamRules)).toEqual([isTeamMember]);
  });

  it('applies to the teams among the claims only', () => {
    expect(
      isTeamMember.apply({ teamRef: 'group:default/team-a' }, { claims }),
    ).toBe(true);
    expect(isTeamMember.apply({ teamRef: 'group:other/ops' }, { claims })).toBe(
      true,
    );
    expect(
      isTeamMember.apply({ teamRef: 'group:default/team-b' }, { claims }),
    ).toBe(false);
    // Same name in another namespace is another team.
    expect(
      isTeamMember.apply({ teamRef: 'group:other/team-a' }, { claims }),
    ).toBe(false);
    expect(
      isTeamMember.apply({ teamRef: 'group:default/team-a' }, { claims: [] }),
    ).toBe(false);
  });

  it('translates to a query for the claimed team refs', () => {
    expect(isTeamMember.toQuery({ claims })).toEqual({ teamRefs: claims });
    expect(isTeamMember.toQuery({ claims: [] })).toEqual({ teamRefs: [] });

    const transform = createConditionTransformer([isTeamMember]);
    expect(
      transform({
        rule: 'IS_TEAM_MEMBER',
        resourceType: OSPO_TEAM_RESOURCE_TYPE,
        params: { claims: ['group:default/team-a'] },
      }),
    ).toEqual({ teamRefs: ['group:default/team-a'] });
  });

  it('accepts only a list of refs as parameters', () => {
    const schema = isTeamMember.paramsSchema as any;
    expect(schema.safeParse({ claims }).success).toBe(true);
    expect(schema.safeParse({ claims: 'group:default/team-a' }).success).toBe(
      false,
    );
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe('ospoTeamConditions', () => {
  it('builds a conditional decision that a resource is authorized against', () => {
    const condition = ospoTeamConditions.isTeamMember({ claims });
    expect(condition).toEqual({
      rule: 'IS_TEAM_MEMBER',
      resourceType: OSPO_TEAM_RESOURCE_TYPE,
      params: { claims },
    });

    const decision = createOspoTeamConditionalDecision(
      ospoChecklistAnswerUpdatePermission,
      condition,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ospo',
      resourceType: OSPO_TEAM_RESOURCE_TYPE,
      conditions: condition,
    });

    const isAuthorized = createConditionAuthorizer([isTeamMember]);
    expect(isAuthorized(decision, { teamRef: 'group:default/team-a' })).toBe(
      true,
    );
    expect(isAuthorized(decision, { teamRef: 'group:default/team-b' })).toBe(
      false,
    );
    expect(isAuthorized(decision, undefined)).toBe(false);
  });
});
