import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { ospoPermissionPolicyModule } from './ospoPermissionPolicyModule';

const GROUPS: Record<string, string[]> = {
  'user:default/olivia': ['group:default/open-source-office'],
  'user:default/erin': ['group:default/team-storefront'],
};

describe('ospoPermissionPolicyModule', () => {
  it('installs the OSPO policy in the permission backend, staff from ospo.office.group', async () => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        ospoPermissionPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            ospo: { office: { group: 'group:default/open-source-office' } },
          },
        }),
        mockServices.userInfo.mock({
          async getUserInfo(credentials) {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
            };
          },
        }).factory,
      ],
    });

    const decide = async (userRef: string, name: string) => {
      const res = await request(backend.server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(userRef))
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name,
                attributes: { action: 'update' },
              },
            },
          ],
        });
      expect(res.status).toBe(200);
      return res.body.items[0].result;
    };

    expect(await decide('user:default/olivia', 'ospo.metrics.refresh')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('user:default/erin', 'ospo.metrics.refresh')).toBe(
      AuthorizeResult.DENY,
    );
    // Other plugins' permissions stay allowed, as by the allow-all policy.
    expect(await decide('user:default/erin', 'catalog.entity.delete')).toBe(
      AuthorizeResult.ALLOW,
    );
    await backend.stop();
  });
});
