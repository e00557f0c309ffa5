import { ConfigReader } from '@backstage/config';
import { readSbomConfig } from './readSbomConfig';

const read = (sbom: object) =>
  readSbomConfig(new ConfigReader({ ospo: { sbom } }));

describe('readSbomConfig', () => {
  it('defaults to 50 MB and 100,000 components', () => {
    expect(readSbomConfig(new ConfigReader({}))).toEqual({
      maxSizeBytes: 50 * 1024 * 1024,
      maxComponents: 100_000,
    });
  });

  it('reads sizes with units, case-insensitive, or as a number of bytes', () => {
    expect(read({ maxSize: '10mb' }).maxSizeBytes).toBe(10 * 1024 * 1024);
    expect(read({ maxSize: '512 KB' }).maxSizeBytes).toBe(512 * 1024);
    expect(read({ maxSize: '0.5gb' }).maxSizeBytes).toBe(512 * 1024 * 1024);
    expect(read({ maxSize: 2048 }).maxSizeBytes).toBe(2048);
    expect(read({ maxSize: '4096' }).maxSizeBytes).toBe(4096);
    expect(read({ maxComponents: 20 }).maxComponents).toBe(20);
  });

  it('refuses sizes it cannot read or out of bounds, naming the key', () => {
    for (const maxSize of ['fifty', '50 megabytes', '2gb', 100, -1, 1.5]) {
      expect(() => read({ maxSize })).toThrow(
        /^ospo\.sbom\.maxSize must be a size from 1kb to 1gb/,
      );
    }
  });

  it('refuses a component limit that is no positive whole number', () => {
    for (const maxComponents of [0, -5, 2.5, 20_000_000]) {
      expect(() => read({ maxComponents })).toThrow(
        /^ospo\.sbom\.maxComponents must be a whole number from 1 to 10000000/,
      );
    }
    expect(() => read({ maxComponents: 'many' })).toThrow(/maxComponents/);
  });
});
