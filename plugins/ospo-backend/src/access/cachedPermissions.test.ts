import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { CallerCache } from './CallerCache';
import { cachedPermissions } from './cachedPermissions';

const read = createPermission({
  name: 'test.read',
  attributes: { action: 'read' },
});
const edit = createPermission({
  name: 'test.edit',
  attributes: { action: 'update' },
  resourceType: 'test-team',
});
const LEE = mockCredentials.user('user:default/lee');
const SAM = mockCredentials.user('user:default/sam');

function setup(ttlMs = 10_000) {
  const time = { now: 0 };
  // Lee may do everything, on team-a only; everybody else nothing.
  const inner = mockServices.permissions.mock({
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => ({
        result:
          user === 'user:default/lee' &&
          (!('resourceRef' in r) ||
            !r.resourceRef ||
            r.resourceRef === 'team-a')
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
  const permissions = cachedPermissions(
    inner,
    CallerCache.create({ ttlMs, now: () => time.now }),
  );
  return { inner, permissions, time };
}

describe('cachedPermissions', () => {
  it('asks once per user and permission within the time to live, DENY included', async () => {
    const { inner, permissions, time } = setup();
    for (let i = 0; i < 3; i++) {
      expect(
        await permissions.authorize([{ permission: read }], {
          credentials: LEE,
        }),
      ).toEqual([{ result: AuthorizeResult.ALLOW }]);
      expect(
        await permissions.authorize([{ permission: read }], {
          credentials: SAM,
        }),
      ).toEqual([{ result: AuthorizeResult.DENY }]);
    }
    expect(inner.authorize).toHaveBeenCalledTimes(2);
    time.now += 10_000;
    await permissions.authorize([{ permission: read }], { credentials: LEE });
    expect(inner.authorize).toHaveBeenCalledTimes(3);
  });

  it('keeps decisions per resource, and asks only for those it lacks, in order', async () => {
    const { inner, permissions } = setup();
    await permissions.authorize([{ permission: edit, resourceRef: 'team-a' }], {
      credentials: LEE,
    });
    const decisions = await permissions.authorize(
      [
        { permission: edit, resourceRef: 'team-b' },
        { permission: edit, resourceRef: 'team-a' },
        { permission: read },
      ],
      { credentials: LEE },
    );
    expect(decisions).toEqual([
      { result: AuthorizeResult.DENY },
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.ALLOW },
    ]);
    expect(inner.authorize).toHaveBeenLastCalledWith(
      [{ permission: edit, resourceRef: 'team-b' }, { permission: read }],
      { credentials: LEE },
    );
  });

  it('always asks for services, and for users when the time to live is 0', async () => {
    const { inner, permissions } = setup();
    const service = mockCredentials.service();
    await permissions.authorize([{ permission: read }], {
      credentials: service,
    });
    await permissions.authorize([{ permission: read }], {
      credentials: service,
    });
    expect(inner.authorize).toHaveBeenCalledTimes(2);

    const off = setup(0);
    await off.permissions.authorize([{ permission: read }], {
      credentials: LEE,
    });
    await off.permissions.authorize([{ permission: read }], {
      credentials: LEE,
    });
    expect(off.inner.authorize).toHaveBeenCalledTimes(2);
  });

  it('remembers conditional decisions, conditions included, per user and permission', async () => {
    const { inner, permissions, time } = setup();
    const conditional = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'test',
      resourceType: 'test-team',
      conditions: { rule: 'IS_MEMBER', resourceType: 'test-team', params: {} },
    } as const;
    inner.authorizeConditional.mockImplementation(async (requests, options) =>
      requests.map(() =>
        (options.credentials.principal as { userEntityRef?: string })
          .userEntityRef === 'user:default/lee'
          ? conditional
          : { result: AuthorizeResult.DENY },
      ),
    );
    for (let i = 0; i < 2; i++) {
      expect(
        await permissions.authorizeConditional([{ permission: edit }], {
          credentials: LEE,
        }),
      ).toEqual([conditional]);
      expect(
        await permissions.authorizeConditional([{ permission: edit }], {
          credentials: SAM,
        }),
      ).toEqual([{ result: AuthorizeResult.DENY }]);
    }
    expect(inner.authorizeConditional).toHaveBeenCalledTimes(2);
    time.now += 10_001;
    await permissions.authorizeConditional([{ permission: edit }], {
      credentials: LEE,
    });
    expect(inner.authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('does not remember a failed request', async () => {
    const { inner, permissions } = setup();
    inner.authorize.mockRejectedValueOnce(new Error('permission backend down'));
    await expect(
      permissions.authorize([{ permission: read }], { credentials: LEE }),
    ).rejects.toThrow('permission backend down');
    expect(
      await permissions.authorize([{ permission: read }], { credentials: LEE }),
    ).toEqual([{ result: AuthorizeResult.ALLOW }]);
  });
});
