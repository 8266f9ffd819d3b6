/**
 * A body still arriving (an upstream's answer that streams), shared by every client that reads
 * it: each gets what has come so far, then every piece as it comes, then its end. The adapters
 * write it; the offers route makes it.
 *
 * It keeps its pieces (for clients that join late, and for the cache once it is whole) unless it
 * is told to `forget` them (no memory for them): then it only passes pieces on, no one may join
 * any more, and the one who pushes waits for its readers to take each piece (`push` gives a
 * promise while one of them is full).
 */
import { concat } from './redact.js';

/** A reader's way to take a piece: a promise when it is full, settled once it can take more. */
export type PieceWriter = (piece: Uint8Array) => Promise<void> | void;

/**
 * The end comes with an error when the answer broke off, was cut at the
 * deadline or the size bound, or turned out not to be a feed: the client's connection must then
 * be broken off too, so that nothing takes it for a whole answer).
 */
export class BodyStream {
  private _pieces: Uint8Array[] | null = [];
  private _ended: { error: Error | null } | null = null;
  private _listeners = new Set<{ write: PieceWriter; end: (error: Error | null) => void }>();

  /** Calls `write` with every piece and `end` once; returns a function that stops listening. */
  subscribe(write: PieceWriter, end: (error: Error | null) => void): () => void {
    // Once its pieces are forgotten, a new reader could only get the rest: it gets nothing whole.
    const ended = this._pieces ? this._ended : { error: new Error('the answer was passed on without being kept') };
    for (const piece of this._pieces ?? []) void write(piece);
    if (ended) {
      end(ended.error);
      return () => {};
    }
    const listener = { write, end };
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** How many read it now. */
  get readers(): number {
    return this._listeners.size;
  }

  /** Whether a new reader would get all of it: not once it has forgotten its pieces. */
  get whole(): boolean {
    return this._pieces !== null;
  }

  /** The whole body, once it has ended well (empty once forgotten). */
  get bytes(): Uint8Array<ArrayBuffer> {
    return concat(this._pieces ?? []);
  }

  /** Keeps no piece from now on (those kept so far are let go): it only passes them on. */
  forget(): void {
    this._pieces = null;
  }

  /** Passes `piece` on (and keeps it); a promise when a reader is full, once they can all take more. */
  push(piece: Uint8Array): Promise<unknown> | null {
    if (!piece.length || this._ended) return null;
    this._pieces?.push(piece);
    let full: Array<Promise<void>> | null = null;
    for (const listener of this._listeners) {
      const wait = listener.write(piece);
      if (wait) (full ??= []).push(wait);
    }
    return full && Promise.all(full);
  }

  end(error: Error | null = null): void {
    if (this._ended) return;
    this._ended = { error };
    // A broken answer is kept by nobody.
    if (error && this._pieces) this._pieces = [];
    for (const listener of this._listeners) listener.end(error);
    this._listeners.clear();
  }
}
