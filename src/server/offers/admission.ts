/**
 * Which upstream calls may run, by memory and by time rather than by count. Each call is let in
 * once the memory budget (`core/budget.ts`) has room for what its answer is likely to weigh (the
 * median of the last answers, at least 32 KiB), and waits for that room, in turn, while it could
 * still be answered within its time limit (its deadline less the time an upstream call has been
 * taking); past that it is shed (503 with `Retry-After`). While its answer is read, each piece past
 * what it was let in for asks for more room: it waits, ahead of calls not yet let in, and if every
 * call being read is waiting so (nothing would ever free room), the youngest is shed so that the
 * others can finish. An answer already streaming to its clients need not wait: it can go on
 * without being kept (`passOn`), holding only what its clients have not yet taken.
 */
import type { MemoryBudget } from '../core/budget.js';

/** The least room a call is let in for: an answer smaller than this is decided whole anyway. */
const LEAST = 32 * 1024;
/** Room is asked for in steps of at least this, not piece by piece. */
const STEP = 64 * 1024;
/** How many answers' sizes the estimate is taken from. */
const REMEMBERED = 32;

export class Admission {
  private readonly _sizes: number[] = [];
  private _estimate = LEAST;
  /** How long a call to the upstream has been taking, in ms (a moving average). */
  private _typicalMs = 0;
  /** Calls holding room, and those of them waiting for more. */
  private readonly _reading = new Set<Ticket>();
  private readonly _stalled = new Set<Ticket>();
  private _count = 0;

  constructor(
    readonly budget: MemoryBudget,
    private readonly _maxBodyBytes: number,
  ) {}

  /** A call's place in the budget: `key` counts its bytes (its writers may hold it too). */
  ticket(key: object): Ticket {
    return new Ticket(this, key, ++this._count);
  }

  /** @internal */
  _admit(ticket: Ticket, deadline: number): Promise<boolean> {
    const bytes = Math.min(this._estimate, this._maxBodyBytes);
    return this.budget.holdWhenRoom(ticket.key, bytes, deadline - this._typicalMs).then((ok) => {
      if (ok) {
        ticket.counted = bytes;
        ticket.holding = true;
        this._reading.add(ticket);
      }
      return ok;
    });
  }

  /** @internal */
  _tryGrow(ticket: Ticket, received: number): boolean {
    const bytes = Math.max(received - ticket.counted, STEP);
    if (!this.budget.grow(ticket.key, bytes)) return false;
    ticket.counted += bytes;
    return true;
  }

  /** @internal */
  _passOn(ticket: Ticket): void {
    this._reading.delete(ticket);
    this.budget.shrink(ticket.key, ticket.counted);
    ticket.counted = 0;
  }

  /** @internal */
  async _grow(ticket: Ticket, received: number, deadline: number): Promise<boolean> {
    const bytes = Math.max(received - ticket.counted, STEP);
    if (!this.budget.grow(ticket.key, bytes)) {
      this._stalled.add(ticket);
      if (this._stalled.size >= this._reading.size) {
        // Every call being read waits for room only another could free: the youngest goes.
        let youngest = ticket;
        for (const other of this._stalled) if (other.order > youngest.order) youngest = other;
        if (youngest === ticket) {
          this._stalled.delete(ticket);
          return false;
        }
        this._stalled.delete(youngest);
        this.budget.cancel(youngest.key);
      }
      const ok = await this.budget.growWhenRoom(ticket.key, bytes, deadline, ticket.order);
      this._stalled.delete(ticket);
      if (!ok) return false;
    }
    ticket.counted += bytes;
    return true;
  }

  /** @internal */
  _release(ticket: Ticket, answered: { bytes: number; ms: number } | null): void {
    this._reading.delete(ticket);
    this._stalled.delete(ticket);
    this.budget.cancel(ticket.key);
    if (ticket.holding) this.budget.drop(ticket.key);
    ticket.holding = false;
    ticket.counted = 0;
    if (!answered) return;
    this._typicalMs = this._typicalMs ? this._typicalMs * 0.8 + answered.ms * 0.2 : answered.ms;
    this._sizes.push(answered.bytes);
    if (this._sizes.length > REMEMBERED) this._sizes.shift();
    const sorted = [...this._sizes].sort((a, b) => a - b);
    this._estimate = Math.max(LEAST, sorted[sorted.length >> 1]!);
  }
}

export class Ticket {
  /** Bytes counted for it in the budget, and whether it holds its key there. */
  counted = 0;
  holding = false;
  private _released = false;

  constructor(
    private readonly _admission: Admission,
    readonly key: object,
    readonly order: number,
  ) {}

  /** Waits for room to start, until it could no longer be answered by `deadline`; false then. */
  admit(deadline: number): Promise<boolean> {
    return this._admission._admit(this, deadline);
  }

  /** `received` bytes are in: true at once while they fit, else once there is room; false when it is shed. */
  room(received: number, deadline: number): boolean | Promise<boolean> {
    if (received <= this.counted) return true;
    return this._admission._grow(this, received, deadline);
  }

  /** Like `room`, without waiting: false when `received` bytes do not fit now. */
  fits(received: number): boolean {
    return received <= this.counted || this._admission._tryGrow(this, received);
  }

  /** Its answer goes on without being kept: it counts nothing more, and waits for no room. */
  passOn(): void {
    if (!this._released) this._admission._passOn(this);
  }

  /** The call is over (answered: its size and time, for the estimates); its room is free. */
  release(answered: { bytes: number; ms: number } | null = null): void {
    if (this._released) return;
    this._released = true;
    this._admission._release(this, answered);
  }
}
