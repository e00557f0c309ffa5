import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Ten seconds: a dashboard view's requests share answers, a change applies soon. */
const DEFAULT_TTL_MS = 10_000;

/**
 * How long, in milliseconds, each signed-in user's permission decisions and
 * catalog visibility are reused (`ospo.accessCache.ttl`; 0 turns the cache
 * off). Throws at start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readAccessCacheTtlMs(config: Config): number {
  const accessCache = config.getOptionalConfig('ospo.accessCache');
  if (!accessCache?.has('ttl')) return DEFAULT_TTL_MS;
  const ttlMs = durationToMilliseconds(
    readDurationFromConfig(accessCache, { key: 'ttl' }),
  );
  if (!(ttlMs >= 0) || ttlMs > 5 * 60_000) {
    throw new Error(
      'ospo.accessCache.ttl must be from 0 (no cache) to 5 minutes',
    );
  }
  return ttlMs;
}
