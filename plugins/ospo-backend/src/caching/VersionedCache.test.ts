import { VersionedCache } from './VersionedCache';

describe('VersionedCache', () => {
  it('reads once for every caller of a key, and keeps the answer', async () => {
    const cache = VersionedCache.create<number>({ maxEntries: 10 });
    const read = jest.fn(async () => 1);
    const answers = await Promise.all([
      cache.get('run-1', 'a', read),
      cache.get('run-1', 'a', read),
    ]);
    await cache.get('run-1', 'a', read);
    expect(answers).toEqual([1, 1]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the version changed, and forgets the old one', async () => {
    const cache = VersionedCache.create<string>({ maxEntries: 10 });
    const read = jest.fn(async () => 'x');
    await cache.get('run-1', 'a', read);
    await cache.get('run-1', 'b', read);
    await cache.get('run-2', 'a', read);
    expect(read).toHaveBeenCalledTimes(3);
    // Back to the old version: nothing of it was kept.
    await cache.get('run-1', 'b', read);
    expect(read).toHaveBeenCalledTimes(4);
  });

  it('drops a failed read, so the next caller reads again', async () => {
    const cache = VersionedCache.create<number>({ maxEntries: 10 });
    const read = jest
      .fn<Promise<number>, []>()
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValueOnce(2);
    await expect(cache.get('v', 'a', read)).rejects.toThrow('database gone');
    await expect(cache.get('v', 'a', read)).resolves.toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxEntries values, dropping the oldest', async () => {
    const cache = VersionedCache.create<string>({ maxEntries: 2 });
    const read = jest.fn(async () => 'x');
    for (const key of ['a', 'b', 'c']) {
      await cache.get('v', key, read);
    }
    await cache.get('v', 'c', read);
    expect(read).toHaveBeenCalledTimes(3);
    await cache.get('v', 'a', read);
    expect(read).toHaveBeenCalledTimes(4);
  });
});
