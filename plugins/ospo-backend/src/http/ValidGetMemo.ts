/** URLs remembered at most; the least recently used go first. */
const DEFAULT_MAX_ENTRIES = 2_000;

/** What validating a GET left on the request. */
interface ValidatedGet {
  query: Record<string, unknown>;
  openapi: unknown;
}

/**
 * The GET URLs the spec has already accepted, with the query the validator
 * left on the request (parsed, defaults filled in).
 *
 * A GET carries nothing the validator reads but its path and query (the spec
 * has no header or cookie parameters, and security is not validated there),
 * so the same URL always gets the same verdict. express-openapi-validator
 * spends about a tenth of the backend's CPU on the dashboard's reads, which
 * repeat the same few URLs; a remembered verdict skips that. Refusals are
 * not remembered: they cost a 400 and may come in any number.
 *
 * @internal
 */
export class ValidGetMemo {
  private readonly entries = new Map<string, ValidatedGet>();

  constructor(private readonly maxEntries: number = DEFAULT_MAX_ENTRIES) {}

  /** Puts what validating `url` left back on the request; false when unknown. */
  restore(url: string, req: { query: unknown; openapi?: unknown }): boolean {
    const entry = this.entries.get(url);
    if (!entry) return false;
    // Most recently used last, so the first key is the one to drop.
    this.entries.delete(url);
    this.entries.set(url, entry);
    // A copy: a route may change its request's query.
    req.query = { ...entry.query };
    req.openapi = entry.openapi;
    return true;
  }

  /** Remembers what validating `url` left on the request. */
  remember(url: string, req: { query: unknown; openapi?: unknown }): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(url, {
      query: { ...(req.query as Record<string, unknown>) },
      openapi: req.openapi,
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
