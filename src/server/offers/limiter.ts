/**
 * A bound on concurrent upstream calls: at most `max` run at once, up to `maxWaiting` more wait
 * their turn in order, and beyond that a call is refused at once (the proxy answers 503 with
 * `Retry-After`), so no client, however many requests it sends, can make the proxy start more.
 */
export interface Slot {
  /** Settles when the slot is the caller's. */
  ready: Promise<void>;
  /** Gives the slot back, or leaves the queue when it was still waiting. */
  release(): void;
}

export class Limiter {
  private _running = 0;
  private readonly _waiting: Array<() => void> = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  get running(): number {
    return this._running;
  }

  get waiting(): number {
    return this._waiting.length;
  }

  /** A slot, now or in turn; null when the queue is full too. */
  take(): Slot | null {
    let granted = false;
    let released = false;
    let grant!: () => void;
    const ready = new Promise<void>((resolve) => (grant = resolve));
    const start = () => {
      granted = true;
      this._running++;
      grant();
    };
    if (this._running < this.max) start();
    else if (this._waiting.length < this.maxWaiting) this._waiting.push(start);
    else return null;
    return {
      ready,
      release: () => {
        if (released) return;
        released = true;
        if (!granted) {
          const at = this._waiting.indexOf(start);
          if (at >= 0) this._waiting.splice(at, 1);
          return;
        }
        this._running--;
        this._waiting.shift()?.();
      },
    };
  }
}
