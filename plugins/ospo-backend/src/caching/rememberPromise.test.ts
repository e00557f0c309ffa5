import { rememberPromise } from './rememberPromise';

describe('rememberPromise', () => {
  it('reads once for every caller of a key, and keeps the answer', async () => {
    const cache = new Map<string, Promise<number>>();
    const read = jest.fn(async () => 1);
    const answers = await Promise.all([
      rememberPromise(cache, 'a', read, 10),
      rememberPromise(cache, 'a', read, 10),
    ]);
    await rememberPromise(cache, 'a', read, 10);
    expect(answers).toEqual([1, 1]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('drops a failed read, so the next caller reads again', async () => {
    const cache = new Map<string, Promise<number>>();
    const read = jest
      .fn<Promise<number>, []>()
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValueOnce(2);
    await expect(rememberPromise(cache, 'a', read, 10)).rejects.toThrow(
      'database gone',
    );
    await expect(rememberPromise(cache, 'a', read, 10)).resolves.toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps at most max entries, dropping the oldest', async () => {
    const cache = new Map<string, Promise<string>>();
    for (const key of ['a', 'b', 'c']) {
      await rememberPromise(cache, key, async () => key, 2);
    }
    expect([...cache.keys()]).toEqual(['b', 'c']);
  });
});
