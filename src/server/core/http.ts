/**
 * The request and the answer as every route sees them, whatever the runtime: an adapter
 * (`adapters/fetch.ts`, `adapters/node.ts`) turns its runtime's request into a `ProxyRequest` and
 * writes the `ProxyResponse` it gets back. Also the one place where an `Answer` becomes the head
 * and body of a response (fixed headers, `no-store` on errors, the length) and is logged.
 */
import type { Answer } from './answer.js';
import type { BodyStream } from './body-stream.js';

/** What a runtime adapter may pass beside the request. */
export interface RequestInfoLike {
  clientAddress?: string | null;
}

/** A request as the routes need it, whatever the runtime gave. */
export interface ProxyRequest {
  method: string;
  /** The request target, as on the request line: `/offers?page=1` (or an absolute URL). */
  target: string;
  /** The `Origin` header, or null. */
  origin: string | null;
  /** This request's own origin (`http://host`); asked only when an `Origin` header came. */
  selfOrigin: () => string;
  /** The user's address for `X-Forwarded-For` and per-user answers; null when the runtime gives none. */
  clientAddress: () => string | null | undefined;
  /** Aborted when the client goes away before its answer is complete. */
  signal?: AbortSignal;
  /** A request header (for the rewards' endpoints). */
  header?: (name: string) => string | null;
  /** The body's text, or null when it is larger than `limit` bytes (for the rewards' endpoints). */
  body?: (limit: number) => Promise<string | null>;
  /** The URLs the request may have been made to, scheme and host included (for URL-signed postbacks). */
  urls?: () => string[];
}

/** An answer as the routes give it: what both the fetch wrapper and the Node adapter write. */
export interface ProxyResponse {
  status: number;
  /** Names and values alternating, as Node's `writeHead` takes them; `Content-Length` when known. */
  headers: string[];
  /** The whole body, or null (for HEAD, 204, and a body that streams). */
  body: Uint8Array<ArrayBuffer> | null;
  /**
   * A body still arriving from the upstream: write each piece as it comes. When it ends with an
   * error the connection must be broken off (the answer is not whole).
   */
  stream?: BodyStream;
  /** To call once the answer is written or the client has gone: it may release an upstream call. */
  done?: () => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Machine-readable cause of an error answer. */
  code: string | null;
  cache: 'hit' | 'miss' | 'coalesced' | null;
  /** Time to the answer (its head, for a streaming one), milliseconds. */
  ms: number;
  /** The upstream's HTTP status when this request went upstream. */
  upstream: number | null;
  /** What a route adds about the request (a postback's profile, transaction, user and verdict). */
  detail?: Readonly<Record<string, string | null>>;
}

export type LogRequest = (line: string, entry: RequestLogEntry) => void;

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Paths that need no normalising (no dot segments, no escapes). */
const PLAIN_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/** Targets already split (most requests repeat a few): bounded, cleared when full, short ones only. */
const SPLIT = new Map<string, { path: string; search: string } | null>();

/** The path and query of a request target, or null when it is none (`//[`, `http://[::1/x`). */
export function splitTarget(target: string): { path: string; search: string } | null {
  let split = SPLIT.get(target);
  if (split !== undefined) return split;
  split = splitTargetNow(target);
  if (target.length <= 256) {
    if (SPLIT.size >= 1000) SPLIT.clear();
    SPLIT.set(target, split);
  }
  return split;
}

function splitTargetNow(target: string): { path: string; search: string } | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (PLAIN_PATH.test(path)) return { path, search: q < 0 ? '' : target.slice(q + 1) };
  // `//host` is neither a path nor a URL of its own.
  if (target.startsWith('//')) return null;
  try {
    // Origin-form with dot segments or escapes, or absolute-form (`http://host/offers`).
    const url = target.startsWith('/') ? new URL(target, 'http://h') : new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { path: url.pathname, search: url.search.slice(1) };
  } catch {
    return null;
  }
}

/** Node's Buffer, where the runtime has one. */
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBuffer, offset: number, length: number): Uint8Array<ArrayBuffer> } }).Buffer;

/**
 * The same bytes as a Buffer on Node (a view of them, not a copy), as they are on other runtimes:
 * Node writes a Buffer as it is, where it makes a Buffer of any other Uint8Array on every write.
 */
const writable = (bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => (NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes);

/** An answer's headers: the fixed ones, then those this request needs (CORS, cache). */
export function headOf(status: number, length: number | null, extra: readonly string[], type = JSON_TYPE): string[] {
  // A 204 has no body, so no body type.
  const headers = status === 204 ? ['X-Content-Type-Options', 'nosniff', ...extra] : ['Content-Type', type, 'X-Content-Type-Options', 'nosniff', ...extra];
  // No error answer may be kept by any cache.
  if (status >= 400 && !extra.includes('Cache-Control')) headers.push('Cache-Control', 'no-store');
  if (length !== null) headers.push('Content-Length', String(length));
  return headers;
}

/**
 * One request's way to its answer: the headers its route adds (`extra`, CORS and cache), and the
 * one place that turns an `Answer` into the response and logs it.
 */
export class Exchange {
  /** Headers this request's answer carries beyond the fixed ones, names and values alternating. */
  readonly extra: string[] = [];
  /** What the route adds to the request's log line. */
  detail: Readonly<Record<string, string | null>> | undefined;
  /** When it started, for the log (not read without one). */
  private readonly _started: number;

  constructor(
    readonly request: ProxyRequest,
    readonly path: string,
    private readonly _log: LogRequest | undefined,
  ) {
    this._started = _log ? performance.now() : 0;
  }

  /** Logs this request's outcome (once its head is known). */
  log(status: number, code: string | null, cache: RequestLogEntry['cache'], upstream: number | null): void {
    const log = this._log;
    if (!log) return;
    const entry: RequestLogEntry = {
      method: this.request.method,
      path: this.path,
      status,
      code,
      cache,
      ms: Math.round((performance.now() - this._started) * 1000) / 1000,
      upstream: cache === 'hit' ? null : upstream,
    };
    if (this.detail) entry.detail = this.detail;
    // Written by hand: the fields are known, and this runs once per request.
    log(
      `{"method":${JSON.stringify(entry.method)},"path":${JSON.stringify(this.path)},"status":${status},` +
        `"code":${code ? `"${code}"` : null},"cache":${cache ? `"${cache}"` : null},"ms":${entry.ms},"upstream":${entry.upstream}` +
        `${this.detail ? `,${JSON.stringify(this.detail).slice(1, -1)}` : ''}}`,
      entry,
    );
  }

  /** `hitTtl` is set for a cache hit whose headers are the same for every request (no CORS). */
  finish(answer: Answer, cache: RequestLogEntry['cache'] = null, hitTtl = 0): ProxyResponse {
    const empty = answer.status === 204;
    const body = this.request.method === 'HEAD' || empty ? null : answer.bytes;
    const length = empty ? null : answer.bytes.byteLength;
    if (answer.cause) this.detail = { ...this.detail, cause: answer.cause };
    this.log(answer.status, answer.code, cache, answer.upstream);
    if (hitTtl && body) {
      // A plain hit (no CORS headers): the same response as the last one while the ttl holds
      // (the adapters only read it).
      if (answer.hitHead?.ttl !== hitTtl) {
        const headers = headOf(answer.status, length, this.extra);
        answer.hitHead = { ttl: hitTtl, headers, response: { status: answer.status, headers, body: writable(body) } };
      }
      return answer.hitHead.response;
    }
    return { status: answer.status, headers: headOf(answer.status, length, this.extra, answer.type), body };
  }
}

/** One path's handler, as a feature exports it and the router (`app.ts`) composes them. */
export interface Route {
  /**
   * Whether pages of the allowed origins may call it (CORS): the methods and request headers a
   * preflight allows, and what its answers vary by. Without it the route is not for browsers
   * (a network's postback, a probe).
   */
  cors?: { methods: string; headers: string; vary: string };
  answer(exchange: Exchange, search: string): ProxyResponse | Promise<ProxyResponse>;
}

/** A feature's routes, by path. */
export type Routes = Readonly<Record<string, Route>>;
