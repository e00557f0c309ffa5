import { ConfigReader } from '@backstage/config';
import { readAccessCacheTtlMs } from './readAccessCacheConfig';

const read = (accessCache?: unknown) =>
  readAccessCacheTtlMs(
    new ConfigReader(
      accessCache === undefined ? {} : { ospo: { accessCache } },
    ),
  );

describe('readAccessCacheTtlMs', () => {
  it('defaults to 10 seconds', () => {
    expect(read()).toBe(10_000);
    expect(read({})).toBe(10_000);
  });

  it('reads a duration, and 0 to turn the cache off', () => {
    expect(read({ ttl: { seconds: 30 } })).toBe(30_000);
    expect(read({ ttl: 'PT1M' })).toBe(60_000);
    expect(read({ ttl: { seconds: 0 } })).toBe(0);
  });

  it('refuses a bad or too long duration, naming the key', () => {
    expect(() => read({ ttl: 'soon' })).toThrow(/ospo\.accessCache\.ttl|ttl/);
    expect(() => read({ ttl: { hours: 1 } })).toThrow(
      'ospo.accessCache.ttl must be from 0 (no cache) to 5 minutes',
    );
  });
});
