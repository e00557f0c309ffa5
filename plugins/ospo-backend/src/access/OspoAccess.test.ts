import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { ospoEntityChecksRefreshPermission } from '@ospo-kit/plugin-ospo-common';
import {
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from '../permissions';
import { ospoTeamRules } from '../permissions/rules';
import { OspoAccess } from './OspoAccess';

const LEE = mockCredentials.user('user:default/lee');
const memberOfTeamA = createOspoTeamConditionalDecision(
  ospoEntityChecksRefreshPermission,
  ospoTeamConditions.isTeamMember({
    claims: ['user:default/lee', 'group:default/team-a'],
  }),
);

function setup(decision: any) {
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async requests => requests.map(() => decision),
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.DENY })),
  });
  const access = OspoAccess.create({
    permissions,
    authorizeTeam: createConditionAuthorizer(Object.values(ospoTeamRules)),
  });
  return { permissions, access };
}

describe('OspoAccess.isAllowedForAnyTeam', () => {
  it('applies a conditional decision to each team itself, asking the policy once', async () => {
    const { permissions, access } = setup(memberOfTeamA);
    await expect(
      access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        ['group:default/team-b', 'group:default/team-a'],
        LEE,
      ),
    ).resolves.toBe(true);
    await expect(
      access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        ['group:default/team-b'],
        LEE,
      ),
    ).resolves.toBe(false);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('takes a definitive decision as it is, and allows nothing without a team', async () => {
    const allow = setup({ result: AuthorizeResult.ALLOW });
    await expect(
      allow.access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        ['group:default/team-b'],
        LEE,
      ),
    ).resolves.toBe(true);
    await expect(
      allow.access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        [],
        LEE,
      ),
    ).resolves.toBe(false);
    const deny = setup({ result: AuthorizeResult.DENY });
    await expect(
      deny.access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        ['group:default/team-a'],
        LEE,
      ),
    ).resolves.toBe(false);
  });

  it('sends conditions it cannot apply to the permission backend, team by team', async () => {
    const { permissions, access } = setup({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
    });
    await expect(
      access.isAllowedForAnyTeam(
        ospoEntityChecksRefreshPermission,
        ['group:default/team-a', 'group:default/team-b'],
        LEE,
      ),
    ).resolves.toBe(false);
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
  });
});
