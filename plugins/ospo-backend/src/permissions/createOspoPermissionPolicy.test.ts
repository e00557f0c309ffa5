import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  ospoChecklistAnswerUpdatePermission,
  ospoEntityChecksRefreshPermission,
  ospoChecklistReadPermission,
  ospoConsultationCreatePermission,
  ospoConsultationManagePermission,
  ospoConsultationReadPermission,
  ospoMetricsReadPermission,
  ospoMetricsRefreshPermission,
  ospoCampaignManagePermission,
  ospoSbomUploadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { createOspoPermissionPolicy } from './createOspoPermissionPolicy';

/** A permission of another plugin, as the catalog's. */
const catalogEntityReadPermission = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function policyFor(
  ownershipEntityRefs: string[],
  options: { office?: object; fallback?: PermissionPolicy } = {},
) {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    }),
  });
  return createOspoPermissionPolicy({
    config: new ConfigReader(
      options.office ? { ospo: { office: options.office } } : {},
    ),
    userInfo,
    fallback: options.fallback,
  });
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: {} as any,
});

describe('createOspoPermissionPolicy', () => {
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

  it('treats having an entity checked again like answering: staff anywhere, members for their team', async () => {
    const staff = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoEntityChecksRefreshPermission },
      user('user:default/olivia'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    const member = await policyFor([
      'user:default/lee',
      'group:default/team-checkout',
    ]).handle(
      { permission: ospoEntityChecksRefreshPermission },
      user('user:default/lee'),
    );
    expect(member).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_TEAM_MEMBER' },
    });
    expect(
      await policyFor([]).handle({
        permission: ospoEntityChecksRefreshPermission,
      }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it("lets members upload their team's SBOMs, and staff anyone's", async () => {
    const staff = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoSbomUploadPermission },
      user('user:default/olivia'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    const member = await policyFor([
      'user:default/lee',
      'group:default/team-checkout',
    ]).handle(
      { permission: ospoSbomUploadPermission },
      user('user:default/lee'),
    );
    expect(member).toEqual({
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
    expect(
      await policyFor([]).handle({ permission: ospoSbomUploadPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
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
      ospoConsultationReadPermission,
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

  it('lets only OSPO staff run campaigns', async () => {
    const staff = await policyFor([
      'user:default/olivia',
      'group:default/ospo',
    ]).handle(
      { permission: ospoCampaignManagePermission },
      user('user:default/olivia'),
    );
    const lead = await policyFor([
      'user:default/lee',
      'group:default/team-checkout',
    ]).handle(
      { permission: ospoCampaignManagePermission },
      user('user:default/lee'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    expect(lead).toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies staff-only permissions without a user', async () => {
    const policy = policyFor(['group:default/ospo']);
    for (const permission of [
      ospoConsultationManagePermission,
      ospoMetricsRefreshPermission,
      ospoCampaignManagePermission,
    ]) {
      expect(await policy.handle({ permission })).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('takes OSPO staff from ospo.office.group, a short ref as the catalog reads it', async () => {
    const office = { group: 'open-source-office' };
    const staff = await policyFor(
      ['user:default/olivia', 'group:default/open-source-office'],
      { office },
    ).handle(
      { permission: ospoMetricsRefreshPermission },
      user('user:default/olivia'),
    );
    const defaultGroup = await policyFor(
      ['user:default/olivia', 'group:default/ospo'],
      { office },
    ).handle(
      { permission: ospoMetricsRefreshPermission },
      user('user:default/olivia'),
    );
    expect(staff).toEqual({ result: AuthorizeResult.ALLOW });
    expect(defaultGroup).toEqual({ result: AuthorizeResult.DENY });
  });

  it('leaves every other permission to the fallback policy, and only those', async () => {
    const fallback = {
      handle: jest.fn(async () => ({ result: AuthorizeResult.DENY } as const)),
    };
    const policy = policyFor(['user:default/erin'], { fallback });
    const erin = user('user:default/erin');

    expect(
      await policy.handle({ permission: catalogEntityReadPermission }, erin),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(fallback.handle).toHaveBeenCalledWith(
      { permission: catalogEntityReadPermission },
      erin,
    );

    fallback.handle.mockClear();
    expect(
      await policy.handle({ permission: ospoMetricsReadPermission }, erin),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(fallback.handle).not.toHaveBeenCalled();
  });
});
