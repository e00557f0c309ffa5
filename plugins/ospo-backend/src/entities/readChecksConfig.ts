import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * The settings of the entity checks, from `ospo.checks`.
 *
 * @internal
 */
export interface ChecksConfig {
  /** Guidance links by check id. */
  guidance: Map<string, string>;
  refreshIntervalMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Reads `ospo.checks`; throws at start-up on a bad value, naming the key.
 * Whether each guidance key names a check is told once the checks are known.
 *
 * @internal
 */
export function readChecksConfig(config: Config): ChecksConfig {
  const checks = config.getOptionalConfig('ospo.checks');
  const guidance = new Map<string, string>();
  const guidanceConfig = checks?.getOptionalConfig('guidance');
  for (const id of guidanceConfig?.keys() ?? []) {
    const url = guidanceConfig!.getString(id);
    if (!/^https?:\/\/\S+$/.test(url)) {
      throw new Error(
        `ospo.checks.guidance.${id} must be an http or https link, not '${url}'`,
      );
    }
    guidance.set(id, url);
  }
  const refreshIntervalMs = checks?.has('refreshInterval')
    ? durationToMilliseconds(
        readDurationFromConfig(checks, { key: 'refreshInterval' }),
      )
    : 10_000;
  if (!(refreshIntervalMs >= 0) || refreshIntervalMs > HOUR_MS) {
    throw new Error('ospo.checks.refreshInterval must be from zero to 1 hour');
  }
  return { guidance, refreshIntervalMs };
}
