import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Entries kept at most; the oldest go first. */
const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Answers remembered per signed-in user for a short time: what the
 * permission policy decided for them, which entities the catalog shows them.
 * A dashboard view asks the same questions a dozen times within a second,
 * and each would otherwise be a request to another plugin.
 *
 * The caller is the user together with their token's expiry, so a new token
 * (after sign-in, or a refresh that brings new ownership claims) starts
 * empty. Only user principals are cached: service principals are decided
 * locally anyway.
 *
 * @internal
 */
export class CallerCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  private constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** `ttlMs` 0 keeps nothing. */
  static create<T>(options: {
    ttlMs: number;
    maxEntries?: number;
    now?: () => number;
  }): CallerCache<T> {
    return new CallerCache<T>(
      options.ttlMs,
      options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      options.now ?? Date.now,
    );
  }

  /** Who the credentials are, as a key; undefined when they are not cached. */
  callerOf(credentials: BackstageCredentials): string | undefined {
    if (this.ttlMs <= 0) return undefined;
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      actor?: { subject?: string };
    };
    if (principal?.type !== 'user' || !principal.userEntityRef) {
      return undefined;
    }
    return [
      principal.userEntityRef,
      credentials.expiresAt?.getTime() ?? '',
      principal.actor?.subject ?? '',
    ].join('\u0000');
  }

  get(caller: string, key: string): T | undefined {
    const id = `${caller}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  set(caller: string, key: string, value: T): void {
    const id = `${caller}\u0000${key}`;
    // Re-inserted, so that the map's order stays the order of expiry.
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(id, { value, expires: this.now() + this.ttlMs });
  }
}
