import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDatabase } from '../database/migrateDatabase';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { DatabaseSbomStore } from './DatabaseSbomStore';
import { createInlineSbomParser } from './SbomParser';
import { SbomService } from './SbomService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SHOP: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team-a' },
};
const REF = { kind: 'component', namespace: 'default', name: 'shop' };
const BODY = Buffer.from(
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    components: [{ type: 'library', name: 'lodash', version: '4.17.21' }],
  }),
);

async function setup(
  options: {
    onScanStored?: (entityRef: string) => Promise<void>;
    allowed?: boolean;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  await migrateDatabase(knex);
  const store = DatabaseSbomStore.create({ database: knex });
  const logger = mockServices.logger.mock();
  const decision = {
    result:
      options.allowed === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  };
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => decision),
    authorizeConditional: async requests => requests.map(() => decision) as any,
  });
  const service = SbomService.create({
    store,
    teams: TeamDirectory.create({
      catalog: catalogServiceMock({ entities: [SHOP] }),
    }),
    access: OspoAccess.create({ permissions }),
    auth: mockServices.auth(),
    parser: createInlineSbomParser(LicensePolicy.create({})),
    config: { maxSizeBytes: 1024 * 1024, maxComponents: 10 },
    logger,
    onScanStored: options.onScanStored,
  });
  return { service, store, logger };
}

describe('SbomService', () => {
  it('awaits onScanStored once the scan is stored', async () => {
    const seen: unknown[] = [];
    const { service, store } = await setup({
      onScanStored: async entityRef => {
        seen.push([entityRef, (await store.listHistory(entityRef)).length]);
      },
    });
    await service.upload(REF, mockCredentials.service(), async () => BODY);
    expect(seen).toEqual([['component:default/shop', 1]]);
  });

  it('keeps the upload when onScanStored fails, and logs it', async () => {
    const { service, store, logger } = await setup({
      onScanStored: async () => {
        throw new Error('checks are down');
      },
    });
    const result = await service.upload(
      REF,
      mockCredentials.service(),
      async () => BODY,
    );
    expect(result.summary.componentCount).toBe(1);
    expect(await store.listHistory('component:default/shop')).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'The SBOM of component:default/shop was stored, but what follows a stored scan failed',
      expect.objectContaining({ message: 'checks are down' }),
    );
  });

  it('reads the body only of callers who may upload, with the configured limit', async () => {
    const readBody = jest.fn(async () => BODY);
    const denied = await setup({ allowed: false });
    // SHOP's owner is no Group in the catalog: OSPO staff only.
    await expect(
      denied.service.upload(REF, mockCredentials.user(), readBody),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      denied.service.upload(
        { ...REF, name: 'nope' },
        mockCredentials.service(),
        readBody,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(readBody).not.toHaveBeenCalled();

    const allowed = await setup();
    await allowed.service.upload(REF, mockCredentials.user(), readBody);
    expect(readBody).toHaveBeenCalledWith(1024 * 1024);
  });
});
