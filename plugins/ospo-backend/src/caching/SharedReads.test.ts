import { SharedReads } from './SharedReads';

/** A query that settles when told to, counting how often it was started. */
function controlledQuery<T>() {
  const calls: Array<{ resolve(v: T): void; reject(e: Error): void }> = [];
  const query = () =>
    new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { query, calls };
}

describe('SharedReads', () => {
  it('shares one query between concurrent callers of the same key', async () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    const first = reads.read('version', query);
    const second = reads.read('version', query);
    expect(calls).toHaveLength(1);
    calls[0].resolve(7);
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
  });

  it('keeps nothing once the query settled', async () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    const first = reads.read('version', query);
    calls[0].resolve(1);
    await first;
    const second = reads.read('version', query);
    expect(calls).toHaveLength(2);
    calls[1].resolve(2);
    await expect(second).resolves.toBe(2);
  });

  it('runs different keys separately', () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    void reads.read('a', query);
    void reads.read('b', query);
    expect(calls).toHaveLength(2);
  });

  it('shares a failure, and the next read tries again', async () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    const first = reads.read('version', query);
    const second = reads.read('version', query);
    calls[0].reject(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await expect(second).rejects.toThrow('connection lost');
    const third = reads.read('version', query);
    expect(calls).toHaveLength(2);
    calls[1].resolve(3);
    await expect(third).resolves.toBe(3);
  });

  it('starts a new query after forget, even while one is in flight', async () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    const before = reads.read('version', query);
    reads.forget();
    const after = reads.read('version', query);
    expect(calls).toHaveLength(2);
    calls[0].resolve(1);
    await expect(before).resolves.toBe(1);
    // The older query settling leaves the newer one to be shared.
    const joined = reads.read('version', query);
    expect(calls).toHaveLength(2);
    calls[1].resolve(2);
    await expect(after).resolves.toBe(2);
    await expect(joined).resolves.toBe(2);
  });

  it('starts afresh after a write, whether it succeeded or failed', async () => {
    const reads = new SharedReads();
    const { query, calls } = controlledQuery<number>();
    void reads.read('version', query);
    await expect(reads.write(async () => 'saved')).resolves.toBe('saved');
    void reads.read('version', query);
    expect(calls).toHaveLength(2);
    await expect(
      reads.write(async () => {
        throw new Error('conflict');
      }),
    ).rejects.toThrow('conflict');
    void reads.read('version', query);
    expect(calls).toHaveLength(3);
  });
});
