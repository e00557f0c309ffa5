/**
 * Values read from something that only changes as a whole, such as a
 * metrics run (keyed by its id) or the checklist answers (keyed by their
 * version): each value is read once per version, for every caller.
 *
 * Concurrent callers of a key share one read; a read that fails is dropped,
 * so that the next caller tries again; a new version drops every value of
 * the old one; beyond `maxEntries` the oldest value goes.
 *
 * @internal
 */
export class VersionedCache<T> {
  private version?: string;
  private readonly entries = new Map<string, Promise<T>>();

  private constructor(private readonly maxEntries: number) {}

  static create<T>(options: { maxEntries: number }): VersionedCache<T> {
    return new VersionedCache<T>(options.maxEntries);
  }

  /** The value of `key` in `version`: kept, or read now and kept. */
  get(version: string, key: string, read: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    const kept = this.entries.get(key);
    if (kept) return kept;
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    const reading = read();
    this.entries.set(key, reading);
    reading.catch(() => {
      if (this.entries.get(key) === reading) this.entries.delete(key);
    });
    return reading;
  }
}
