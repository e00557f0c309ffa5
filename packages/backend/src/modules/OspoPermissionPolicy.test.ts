import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  ospoChecklistAnswerUpdatePermission,
  ospoChecklistReadPermission,
  ospoConsultationCreatePermission,
  ospoConsultationManagePermission,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';
import { OspoPermissionPolicy } from './OspoPermissionPolicy';

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    }),
  });
  return OspoPermissionPolicy.create({
    userInfo,
    staffGroupRef: 'group:default/ospo',
  });
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: {} as any,
});

describe('OspoPermissionPolicy', () => {
  it('lets OSPO staff change any team', async () => {
    const decision = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoChecklistAnswerUpdatePermission },
      user('user:default/olivia'),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets team members change their own team only, as a condition', async () => {
    const decision = await policyFor([
      'user:default/lee',
      'group:default/team-checkout',
    ]).handle(
      { permission: ospoChecklistAnswerUpdatePermission },
      user('user:default/lee'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ospo',
      resourceType: 'ospo-team',
      conditions: {
        rule: 'IS_TEAM_MEMBER',
        resourceType: 'ospo-team',
        params: {
          claims: ['user:default/lee', 'group:default/team-checkout'],
        },
      },
    });
  });

  it('denies changes without a user', async () => {
    const decision = await policyFor([]).handle({
      permission: ospoChecklistAnswerUpdatePermission,
    });
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets everyone signed in read, and leaves other permissions allowed', async () => {
    const policy = policyFor(['user:default/erin']);
    for (const permission of [
      ospoChecklistReadPermission,
      ospoConsultationCreatePermission,
      ospoMetricsReadPermission,
      catalogEntityReadPermission,
    ]) {
      expect(
        await policy.handle({ permission }, user('user:default/erin')),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets only OSPO staff work the consultation queue', async () => {
    const staff = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoConsultationManagePermission },
      user('user:default/olivia'),
    );
    const engineer = await policyFor([
      'user:default/erin',
      'group:default/team-storefront',
    ]).handle(
      { permission: ospoConsultationManagePermission },
      user('user:default/erin'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    expect(engineer).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets only OSPO staff start a metrics run', async () => {
    const staff = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoMetricsRefreshPermission },
      user('user:default/olivia'),
    );
    const lead = await policyFor([
      'user:default/lee',
      'group:default/team-checkout',
    ]).handle(
      { permission: ospoMetricsRefreshPermission },
      user('user:default/lee'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    expect(lead).toEqual({ result: AuthorizeResult.DENY });
  });
});
