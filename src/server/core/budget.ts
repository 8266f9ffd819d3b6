/**
 * One memory budget for the bytes of answers the server holds: upstream answers being read, the
 * answers in the cache, and answers being written to clients. Each holder counts its bytes under
 * a key (an answer's buffer, an upstream call), so bytes held by several (a cached answer written
 * to a slow client) count once, until the last of them lets go.
 *
 * New work asks for room and may wait for it, in order, until a time it gives; what is already in
 * memory (an answer read whole, to be written) is counted whatever the room, so the budget is what
 * decides whether more is read, never whether what was read is thrown away. When there is no room,
 * the budget first asks for some back (`reclaim`: the cache lets its least recently used answers
 * go), then the waiters wait.
 */

interface Held {
  bytes: number;
  holders: number;
}

interface Waiter {
  key: object;
  bytes: number;
  /** Bytes more for a key already held (an answer being read), rather than a new holder. */
  grow: boolean;
  /** Among those growing, the lower goes first. */
  rank: number;
  grant: (ok: boolean) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class MemoryBudget {
  private _used = 0;
  private readonly _held = new Map<object, Held>();
  private readonly _waiting: Waiter[] = [];
  /** Room is being taken back or handed out: what is freed meanwhile is not handed out again. */
  private _busy = false;
  /** Asked for `bytes` of room back when there is not enough (the cache sets it). */
  reclaim: ((bytes: number) => void) | null = null;

  constructor(readonly limit: number) {}

  /** Bytes counted now. */
  get used(): number {
    return this._used;
  }

  /** Requests waiting for room. */
  get waiting(): number {
    return this._waiting.length;
  }

  /** Whether `bytes` more fit, after asking for room back; never while others wait their turn. */
  private _fits(bytes: number, queued: boolean): boolean {
    if (!queued && this._waiting.length) return false;
    if (this._used + bytes > this.limit && this.reclaim) {
      const busy = this._busy;
      this._busy = true;
      this.reclaim(this._used + bytes - this.limit);
      this._busy = busy;
    }
    return this._used + bytes <= this.limit;
  }

  private _count(key: object, bytes: number): void {
    this._held.set(key, { bytes, holders: 1 });
    this._used += bytes;
  }

  /** Whether `bytes` more fit now (after asking for room back), with no one waiting for room. */
  fits(bytes: number): boolean {
    return this._fits(bytes, false);
  }

  /**
   * One more holder of `key`. Its bytes count once, when the key is new: then they must fit (else
   * false and nothing counted), unless `force` (they are in memory already).
   */
  hold(key: object, bytes: number, force = false): boolean {
    const held = this._held.get(key);
    if (held) {
      held.holders++;
      return true;
    }
    if (!force && !this._fits(bytes, false)) return false;
    this._count(key, bytes);
    return true;
  }

  /** Like `hold`, but waits for room in turn until `until` (a `Date.now()` time); false then. */
  holdWhenRoom(key: object, bytes: number, until: number): Promise<boolean> {
    if (this.hold(key, bytes)) return Promise.resolve(true);
    return this._wait(key, bytes, until);
  }

  /** `bytes` more under `key`, which the caller holds: false (nothing counted) when they do not fit. */
  grow(key: object, bytes: number): boolean {
    const held = this._held.get(key);
    if (!held) return this.hold(key, bytes);
    // Only what is being read waits ahead of it (what has not started waits behind).
    if (!this._fits(bytes, !this._waiting[0]?.grow)) return false;
    held.bytes += bytes;
    this._used += bytes;
    return true;
  }

  /**
   * Like `grow`, but waits for room, ahead of new holders and of those growing with a larger
   * `rank` (the oldest first), until `until`; false then.
   */
  growWhenRoom(key: object, bytes: number, until: number, rank = 0): Promise<boolean> {
    if (this.grow(key, bytes)) return Promise.resolve(true);
    return this._wait(key, bytes, until, rank);
  }

  /** `bytes` fewer under `key` (what it held was let go, its holders stay). */
  shrink(key: object, bytes: number): void {
    const held = this._held.get(key);
    if (!held) return;
    const less = Math.min(bytes, held.bytes);
    held.bytes -= less;
    this._used -= less;
    this._wake();
  }

  /** One holder of `key` lets go; its bytes are free once the last has. */
  drop(key: object): void {
    const held = this._held.get(key);
    if (!held) return;
    if (--held.holders > 0) return;
    this._held.delete(key);
    this._used -= held.bytes;
    this._wake();
  }

  /** Stops waiting for `key` (its request has gone): it gets false. */
  cancel(key: object): void {
    const at = this._waiting.findIndex((waiter) => waiter.key === key);
    if (at < 0) return;
    const [waiter] = this._waiting.splice(at, 1);
    clearTimeout(waiter!.timer);
    waiter!.grant(false);
    this._wake();
  }

  private _wait(key: object, bytes: number, until: number, rank: number | null = null): Promise<boolean> {
    const grow = rank !== null;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { key, bytes, grow, rank: rank ?? 0, grant: resolve, timer: undefined };
      const left = until - Date.now();
      if (left <= 0) return resolve(false);
      waiter.timer = setTimeout(() => {
        const at = this._waiting.indexOf(waiter);
        if (at >= 0) this._waiting.splice(at, 1);
        resolve(false);
        this._wake();
      }, left);
      // What is being read already goes before what has not started.
      const before = grow ? this._waiting.findIndex((other) => !other.grow || other.rank > waiter.rank) : -1;
      if (before >= 0) this._waiting.splice(before, 0, waiter);
      else this._waiting.push(waiter);
    });
  }

  /** Gives room to the waiters in turn, as far as it goes. */
  private _wake(): void {
    if (this._busy) return;
    this._busy = true;
    try {
      this._grant();
    } finally {
      this._busy = false;
    }
  }

  private _grant(): void {
    while (this._waiting.length) {
      const waiter = this._waiting[0]!;
      if (!this._fits(waiter.bytes, true)) return;
      this._waiting.shift();
      clearTimeout(waiter.timer);
      const held = this._held.get(waiter.key);
      if (held && waiter.grow) {
        held.bytes += waiter.bytes;
        this._used += waiter.bytes;
      } else if (held) held.holders++;
      else this._count(waiter.key, waiter.bytes);
      waiter.grant(true);
    }
  }
}
