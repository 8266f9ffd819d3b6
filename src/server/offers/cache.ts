/**
 * A small time-limited cache of upstream answers: an answer is reused until it expires (each kept
 * for its own time: a feed for the cache's, a remembered failure for less). It is bounded twice,
 * by entries and by bytes (an s2s answer can be megabytes), and the least recently used entry goes
 * first; an answer larger than the byte bound is served but not kept. With a memory budget, its
 * answers count in it, and it is the part that gives way: answers being read or written take room
 * from it (least recently used first), and an answer the budget has no room for is not kept.
 * Concurrent identical queries share one upstream call in the handler, which also streams it.
 */

import type { MemoryBudget } from '../core/budget.js';
import { DEFAULTS } from '../core/defaults.js';

export interface Cached<T> {
  value: T;
  /** Whether it came from the cache, joined a load in flight, or was loaded for this caller. */
  source: 'hit' | 'coalesced' | 'miss';
  /** Seconds it may still be reused for. */
  ttl: number;
}

export interface CacheLimits<T> {
  /** Most entries kept. Default 1000. */
  maxEntries?: number;
  /** Most bytes kept, as `sizeOf` counts them plus the key. Default 64 MiB. */
  maxBytes?: number;
  /** The bytes a value holds. Default 0 (only keys count). */
  sizeOf?: (value: T) => number;
  now?: () => number;
  /** The memory budget its values count in, each under `keyOf(value)` (its bytes' buffer). */
  budget?: { budget: MemoryBudget; keyOf: (value: T) => object };
}

/** What an entry costs besides its value and key: the Map slot and the entry object. */
const ENTRY_OVERHEAD = 64;


interface Entry<T> {
  value: T;
  expires: number;
  size: number;
  /** Its key in the budget, when there is one. */
  key?: object;
}

export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly sizeOf: (value: T) => number;
  private readonly now: () => number;
  /** The most recently used key: hits on it (the common case under load) skip re-ordering. */
  private newest: string | undefined;
  private totalBytes = 0;
  private readonly budget: CacheLimits<T>['budget'];

  constructor(
    private readonly seconds: number,
    limits: CacheLimits<T> = {},
  ) {
    this.maxEntries = limits.maxEntries ?? 1000;
    this.maxBytes = limits.maxBytes ?? DEFAULTS.cacheMaxBytes;
    this.sizeOf = limits.sizeOf ?? (() => 0);
    this.now = limits.now ?? Date.now;
    this.budget = limits.budget;
    // Room the budget needs is taken from the least recently used answers.
    if (this.budget) this.budget.budget.reclaim = (bytes) => this.reclaim(bytes);
  }

  /** Lets the least recently used answers go until `bytes` of the budget are free, or none is left. */
  reclaim(bytes: number): void {
    const budget = this.budget!.budget;
    const goal = budget.used - bytes;
    for (const [key, entry] of this.entries) {
      if (budget.used <= goal) return;
      this.remove(key, entry);
    }
  }

  /** Bytes held now, as counted against the bound. */
  get bytes(): number {
    return this.totalBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** A fresh cached answer, synchronously, or undefined: lets a hit skip the promise machinery. */
  peek(key: string): Cached<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const left = entry.expires - this.now();
    if (left <= 0) {
      this.remove(key, entry);
      return undefined;
    }
    if (key !== this.newest) {
      // Maps keep insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = key;
    }
    return { value: entry.value, source: 'hit', ttl: Math.ceil(left / 1000) };
  }

  private remove(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.totalBytes -= entry.size;
    if (key === this.newest) this.newest = undefined;
    if (entry.key) this.budget!.budget.drop(entry.key);
  }

  /**
   * Keeps `value` for `seconds` (the cache's own time by default; 0 keeps nothing). The value may
   * be given as a function that makes it, with its size: it is made only if it is kept.
   */
  store(key: string, value: T | (() => T), seconds = this.seconds, valueSize?: number): void {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    const made = typeof value === 'function' ? null : value;
    const size = (made ? this.sizeOf(made) : valueSize!) + key.length * 2 + ENTRY_OVERHEAD;
    if (size > this.maxBytes || seconds <= 0) return;
    // No room for it in the budget, even with the older answers gone: served, not kept.
    if (this.budget && !this.budget.budget.fits(size)) return;
    const entry: Entry<T> = { value: made ?? (value as () => T)(), expires: this.now() + seconds * 1000, size };
    if (this.budget) {
      entry.key = this.budget.keyOf(entry.value);
      this.budget.budget.hold(entry.key, size, true);
    }
    this.entries.set(key, entry);
    this.totalBytes += size;
    this.newest = key;
    // The first key is the least recently used.
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value!;
      this.remove(oldest, this.entries.get(oldest)!);
    }
  }
}
