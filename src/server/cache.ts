/**
 * A small time-limited cache of upstream answers with coalescing: concurrent callers asking for
 * the same key share one pending load, and a settled answer is reused until it expires. Only the
 * answers the loader marks cacheable are kept; the number of entries is bounded.
 */

export interface Cached<T> {
  value: T;
  /** Whether it came from the cache, joined a load in flight, or was loaded for this caller. */
  source: 'hit' | 'coalesced' | 'miss';
  /** Seconds it may still be reused for. */
  ttl: number;
}

export class AnswerCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly pending = new Map<string, Promise<{ value: T; cacheable: boolean }>>();

  constructor(
    private readonly seconds: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<{ value: T; cacheable: boolean }>): Promise<Cached<T>> {
    const entry = this.entries.get(key);
    if (entry) {
      const left = entry.expires - this.now();
      if (left > 0) return { value: entry.value, source: 'hit', ttl: Math.ceil(left / 1000) };
      this.entries.delete(key);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      const { value, cacheable } = await inFlight;
      return { value, source: 'coalesced', ttl: cacheable ? this.seconds : 0 };
    }
    const loading = load();
    this.pending.set(key, loading);
    try {
      const { value, cacheable } = await loading;
      if (cacheable && this.seconds > 0) this.store(key, value);
      return { value, source: 'miss', ttl: cacheable ? this.seconds : 0 };
    } finally {
      this.pending.delete(key);
    }
  }

  private store(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.seconds * 1000 });
    // Maps keep insertion order: the first key is the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
