/**
 * A request of Node's http server as the core reads it (`ProxyRequest`): one object per request,
 * whose facts are read from Node's own on demand, with no function and no abort signal made for a
 * request that never asks for them (a cache hit asks for none: they were a good part of its cost,
 * BENCHMARKS.md).
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress, type TrustProxy } from '../core/address.js';
import type { ProxyRequest, RequestInfoLike } from '../core/http.js';

/** How the server finds a request's client address (the same for every request). */
export interface AddressRule {
  trust: TrustProxy | undefined;
  custom: ((request: Request, info: RequestInfoLike | undefined) => string | null | undefined) | undefined;
}

/** A request's body as text, or null when it is larger than `limit` bytes (read no further). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(null);
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    let size = 0;
    req.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else pieces.push(piece);
    });
    req.on('end', () => resolve(Buffer.concat(pieces).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** A fetch Request for a custom `clientAddress(request)`, which may read any header. */
function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url?.startsWith('/') ? incoming.url : '/'}`, {
    method: incoming.method ?? 'GET',
    headers,
  });
}

/**
 * The `Origin` header read from the raw list, as Node's `headers` would give it (several joined
 * with ", ", which no allowed origin matches): Node builds that object on first read, a cost a
 * cache hit, which needs only this header, need not pay.
 */
function originOf(raw: readonly string[]): string | null {
  let origin: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 6 && name.toLowerCase() === 'origin') origin = origin === null ? raw[i + 1]! : `${origin}, ${raw[i + 1]!}`;
  }
  return origin;
}

export class NodeRequest implements ProxyRequest {
  readonly method: string;
  readonly target: string;
  readonly origin: string | null;
  private _gone: AbortController | null = null;
  private _left = false;

  constructor(
    private readonly _req: IncomingMessage,
    private readonly _rule: AddressRule,
  ) {
    this.method = _req.method ?? 'GET';
    this.target = _req.url ?? '/';
    this.origin = originOf(_req.rawHeaders);
  }

  /** Aborted once the client has gone before its answer was written (made when first asked for). */
  get signal(): AbortSignal {
    this._gone ??= new AbortController();
    if (this._left) this._gone.abort();
    return this._gone.signal;
  }

  /** The connection it came on. */
  get socket() {
    return this._req.socket;
  }

  /** The client went before its answer was written. */
  left(): void {
    this._left = true;
    this._gone?.abort();
  }

  // The functions below are made when first read, not per request: a route may take them off
  // the request and call them on their own, so each is bound to it.

  /** The server speaks plain http; a TLS terminator in front forwards to it as such. */
  get selfOrigin(): () => string {
    return () => `http://${this._req.headers.host ?? ''}`;
  }

  get clientAddress(): () => string | null | undefined {
    return () => {
      const peer = this._req.socket.remoteAddress ?? null;
      const { custom, trust } = this._rule;
      if (custom) return custom(toRequest(this._req), { clientAddress: peer });
      return clientAddress(peer, this._req.headers['x-forwarded-for'] as string | undefined, trust);
    };
  }

  get header(): (name: string) => string | null {
    return (name) => {
      const value = this._req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
  }

  get body(): (limit: number) => Promise<string | null> {
    return (limit) => readBody(this._req, limit);
  }

  /** The scheme the network used is not known behind a TLS terminator: both are tried. */
  get urls(): () => string[] {
    return () => {
      const host = this._req.headers.host ?? 'localhost';
      return [`https://${host}${this.target}`, `http://${host}${this.target}`];
    };
  }
}
