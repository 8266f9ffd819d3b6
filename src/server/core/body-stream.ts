/**
 * A body still arriving (an upstream's answer that streams), shared by every client that reads
 * it: each gets what has come so far, then every piece as it comes, then its end. The adapters
 * write it; the offers route makes it.
 */
import { concat } from './redact.js';

/**
 * The end comes with an error when the answer broke off, was cut at the
 * deadline or the size bound, or turned out not to be a feed: the client's connection must then
 * be broken off too, so that nothing takes it for a whole answer).
 */
export class BodyStream {
  private _pieces: Uint8Array[] = [];
  private _ended: { error: Error | null } | null = null;
  private _listeners = new Set<{ write: (piece: Uint8Array) => void; end: (error: Error | null) => void }>();

  /** Calls `write` with every piece and `end` once; returns a function that stops listening. */
  subscribe(write: (piece: Uint8Array) => void, end: (error: Error | null) => void): () => void {
    for (const piece of this._pieces) write(piece);
    if (this._ended) {
      end(this._ended.error);
      return () => {};
    }
    const listener = { write, end };
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** The whole body, once it has ended well. */
  get whole(): Uint8Array<ArrayBuffer> {
    return concat(this._pieces);
  }

  push(piece: Uint8Array): void {
    if (!piece.length || this._ended) return;
    this._pieces.push(piece);
    for (const listener of this._listeners) listener.write(piece);
  }

  end(error: Error | null = null): void {
    if (this._ended) return;
    this._ended = { error };
    // A broken answer is kept by nobody.
    if (error) this._pieces = [];
    for (const listener of this._listeners) listener.end(error);
    this._listeners.clear();
  }
}
