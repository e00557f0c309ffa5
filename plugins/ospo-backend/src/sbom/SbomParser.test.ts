import { mockServices } from '@backstage/backend-test-utils';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { SbomWorkerParser } from './SbomParser';

jest.setTimeout(60_000);

const body = (document: unknown) => Buffer.from(JSON.stringify(document));
const bom = (components: unknown[]) =>
  body({ bomFormat: 'CycloneDX', specVersion: '1.6', components });

describe('SbomWorkerParser', () => {
  const logger = mockServices.logger.mock();
  const parser = SbomWorkerParser.create({
    // A policy of its own, to show it reaches the worker.
    licensePolicy: LicensePolicy.create({ denied: ['MIT'] }),
    logger,
  });

  afterAll(async () => {
    await parser.close();
  });

  it('parses in a worker with the license policy it was given', async () => {
    const parsed = await parser.parse(
      bom([
        {
          type: 'library',
          name: 'lodash',
          version: '4.17.21',
          licenses: [{ license: { id: 'MIT' } }],
        },
      ]),
      { maxComponents: 10 },
    );
    expect(parsed).toMatchObject({
      specVersion: '1.6',
      componentCount: 1,
      licenses: { denied: 1 },
      findings: [{ kind: 'license', culprits: ['MIT'] }],
    });
  });

  it('answers with the errors parsing refuses a body with', async () => {
    await expect(
      parser.parse(Buffer.from('nope'), { maxComponents: 10 }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^not JSON: /),
    });
    await expect(
      parser.parse(
        bom([
          { type: 'library', name: 'a' },
          { type: 'library', name: 'b' },
        ]),
        { maxComponents: 1 },
      ),
    ).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
      statusCode: 413,
    });
  });

  it('parses queued bodies one after another, each with its own answer', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(count =>
        parser.parse(
          bom(
            Array.from({ length: count }, (_, i) => ({
              type: 'library',
              name: `p${i}`,
            })),
          ),
          { maxComponents: 10 },
        ),
      ),
    );
    expect(results.map(r => r.componentCount)).toEqual([1, 2, 3, 4]);
    // A slice of a larger buffer is copied, leaving the rest alone.
    const shared = Buffer.concat([bom([]), Buffer.from('tail')]);
    const slice = shared.subarray(0, shared.length - 4);
    expect(
      (await parser.parse(slice, { maxComponents: 1 })).componentCount,
    ).toBe(0);
    expect(shared.subarray(shared.length - 4).toString()).toBe('tail');
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('fails what it was parsing when stopped, and starts again after', async () => {
    const other = SbomWorkerParser.create({
      licensePolicy: LicensePolicy.create({}),
      logger,
    });
    const pending = other.parse(bom([]), { maxComponents: 1 });
    await other.close();
    await expect(pending).rejects.toThrow('The SBOM parser was stopped');
    expect(
      (await other.parse(bom([]), { maxComponents: 1 })).componentCount,
    ).toBe(0);
    await other.close();
  });
});
