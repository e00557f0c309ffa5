/**
 * Lets concurrent callers of the same read share one query: a call made while
 * that read is in flight gets its answer instead of starting another. Under
 * load, the dashboard's freshness checks (is there a newer run? did an answer
 * change?) then cost one query per burst of requests, not one per request.
 *
 * Nothing is kept once the query settles, so a caller never sees an answer
 * older than a read that was already running when it asked. Stores call
 * {@link SharedReads.forget} after each write, so that a read asked for after
 * a write through the same store never shares a query started before it.
 *
 * @internal
 */
export class SharedReads {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The answer of `query`, shared with concurrent callers of the same `key`. */
  read<T>(key: string, query: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const started = query();
    this.inFlight.set(key, started);
    const settle = () => {
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    };
    started.then(settle, settle);
    return started;
  }

  /** Later reads start their own query, whatever is in flight. */
  forget(): void {
    this.inFlight.clear();
  }

  /**
   * Runs a write, then {@link SharedReads.forget}s: a read asked for after
   * the write returns (or fails) never shares a query started before it.
   */
  async write<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.forget();
    }
  }
}
