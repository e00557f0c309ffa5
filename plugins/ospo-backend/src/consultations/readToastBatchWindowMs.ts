import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Five seconds: a burst of requests makes one toast, a lone one is shown soon. */
const DEFAULT_WINDOW_MS = 5_000;
/** Longer, and a toast about a new request would come too late to help. */
const MAX_WINDOW_MS = 60_000;

/**
 * How long, in milliseconds, new consultation requests are collected before
 * OSPO staff are signalled about them in one message
 * (`ospo.notifications.toastBatchWindow`; 0 signals each at once). Throws at
 * start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readToastBatchWindowMs(config: Config): number {
  const notifications = config.getOptionalConfig('ospo.notifications');
  if (!notifications?.has('toastBatchWindow')) return DEFAULT_WINDOW_MS;
  let windowMs: number;
  try {
    windowMs = durationToMilliseconds(
      readDurationFromConfig(notifications, { key: 'toastBatchWindow' }),
    );
  } catch (error) {
    throw new Error(
      `ospo.notifications.toastBatchWindow: not a duration such as { seconds: 5 } or PT5S (${error})`,
    );
  }
  if (!(windowMs >= 0) || windowMs > MAX_WINDOW_MS) {
    throw new Error(
      'ospo.notifications.toastBatchWindow must be from 0 to 1 minute',
    );
  }
  return windowMs;
}
