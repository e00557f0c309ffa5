/**
 * The promise kept under `key` in `cache`, or else `read()`, kept there for
 * the next callers: concurrent readers share one read. A read that fails is
 * dropped, so that the next caller tries again. Beyond `max` entries the
 * oldest one goes.
 *
 * @internal
 */
export function rememberPromise<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  read: () => Promise<T>,
  max: number,
): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  if (cache.size >= max) {
    cache.delete(cache.keys().next().value!);
  }
  const reading = read();
  cache.set(key, reading);
  reading.catch(() => {
    if (cache.get(key) === reading) cache.delete(key);
  });
  return reading;
}
