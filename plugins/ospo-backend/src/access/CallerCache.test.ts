import { mockCredentials } from '@backstage/backend-test-utils';
import { CallerCache } from './CallerCache';

const LEE = 'user:default/lee';

function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe('CallerCache', () => {
  it('keeps an answer for its time to live, and not after', () => {
    const { time, now } = clock();
    const cache = CallerCache.create<boolean>({ ttlMs: 10_000, now });
    const caller = cache.callerOf(mockCredentials.user(LEE))!;
    cache.set(caller, 'x', true);
    time.now += 9_999;
    expect(cache.get(caller, 'x')).toBe(true);
    time.now += 1;
    expect(cache.get(caller, 'x')).toBeUndefined();
  });

  it('keeps answers apart per user, per token expiry and per actor', () => {
    const cache = CallerCache.create<boolean>({ ttlMs: 10_000 });
    const lee = mockCredentials.user(LEE);
    const callers = [
      cache.callerOf(lee),
      cache.callerOf(mockCredentials.user('user:default/sam')),
      cache.callerOf({ ...lee, expiresAt: new Date('2026-11-25T10:00:00Z') }),
      cache.callerOf({ ...lee, expiresAt: new Date('2026-11-25T11:00:00Z') }),
      cache.callerOf(
        mockCredentials.user(LEE, { actor: { subject: 'plugin:scaffolder' } }),
      ),
    ];
    expect(new Set(callers).size).toBe(callers.length);
    cache.set(callers[0]!, 'x', true);
    for (const other of callers.slice(1)) {
      expect(cache.get(other!, 'x')).toBeUndefined();
    }
  });

  it('does not cache services, anonymous callers, or anything with a time to live of 0', () => {
    const cache = CallerCache.create<boolean>({ ttlMs: 10_000 });
    expect(cache.callerOf(mockCredentials.service())).toBeUndefined();
    expect(cache.callerOf(mockCredentials.none())).toBeUndefined();
    const off = CallerCache.create<boolean>({ ttlMs: 0 });
    expect(off.callerOf(mockCredentials.user(LEE))).toBeUndefined();
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = CallerCache.create<number>({ ttlMs: 10_000, maxEntries: 3 });
    const caller = cache.callerOf(mockCredentials.user(LEE))!;
    for (const key of ['a', 'b', 'c']) cache.set(caller, key, 1);
    // Written again, 'a' is now the newest.
    cache.set(caller, 'a', 2);
    cache.set(caller, 'd', 1);
    expect(cache.get(caller, 'a')).toBe(2);
    expect(cache.get(caller, 'b')).toBeUndefined();
    expect(cache.get(caller, 'c')).toBe(1);
    expect(cache.get(caller, 'd')).toBe(1);
  });
});
