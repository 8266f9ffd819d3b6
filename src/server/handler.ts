/**
 * The reference backend endpoint as a standard fetch handler, `(Request) => Promise<Response>`:
 * the same code runs on Node (see `node.ts`), Deno, Bun and fetch-style edge runtimes, and this
 * module imports nothing of Node. It keeps the upstream's secret on the server, passes only the
 * dialect's validated parameters, caches and coalesces identical queries, and maps upstream
 * failures to 502/504 without echoing their body.
 *
 * All behaviour lives in one runtime-neutral function, `createOfferWallCore`, that takes the few
 * facts of a request and answers status, headers and body bytes (cached answers keep their bytes,
 * so a hit copies nothing), or a body that is still arriving from the upstream. The fetch handler
 * wraps it in Request/Response; `node.ts` writes its answers to Node's http server directly.
 * The upstream call (secret, deadline, size bound, the feed check, streaming) is `upstream.ts`.
 */
import { dialectFor } from '../data/dialects.js';
import type { FeedFormat } from '../data/types.js';
import { clientAddress as forwardedClient, type TrustProxy } from './address.js';
import { answerOf, jsonError, type Answer } from './answer.js';
import { AnswerCache } from './cache.js';
import { DEFAULTS } from './defaults.js';
import { Limiter } from './limiter.js';
import { ParameterError, allowedParameters } from './params.js';
import { createRedactor } from './redact.js';
import { createRewardsRoutes, type RewardsOptions } from './rewards.js';
import { createUpstreamCaller, type BodyStream, type UpstreamCall } from './upstream.js';

/** The upstream dialects the proxy speaks. */
export type ProxyFormat = FeedFormat;

export interface ProxyOptions {
  format: ProxyFormat;
  /** The upstream API's URL (its own query parameters are kept). No user name or password in it. */
  upstream: string;
  /** s2s `app_id`; required for s2s. */
  appId?: string;
  /** appcharge `x-publisher-token`; required for appcharge. */
  publisherToken?: string;
  /** Origins granted CORS (`https://app.example`); none means same origin only. */
  allowedOrigins?: readonly string[];
  /** Seconds an upstream answer is reused for the same query. Default 60; 0 turns caching off. */
  cacheSeconds?: number;
  /**
   * Most bytes of answers the cache holds (least recently used out first; a larger answer is
   * served but not kept). Default 64 MiB. It also holds at most 1,000 answers.
   */
  cacheMaxBytes?: number;
  /** Time limit of an upstream call, headers and body, in milliseconds. Default 8000. */
  timeoutMs?: number;
  /** The largest upstream answer read, in bytes (decompressed); past it, 502. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Upstream calls running at once (four times as many may wait; beyond, 503). Default 8. */
  maxUpstreamCalls?: number;
  /** Where the offers are served. Default `/offers`. */
  path?: string;
  /**
   * How far an `X-Forwarded-For` header is believed: the number of proxies in front of this
   * server, or their addresses and CIDR ranges (`parseTrustProxy`). Default: not at all, the
   * peer's own address is the client's.
   */
  trustProxy?: TrustProxy;
  /**
   * The address of the user's device, sent upstream in `X-Forwarded-For` so country-by-IP works.
   * Default: the runtime's peer address (and `X-Forwarded-For` as far as `trustProxy` allows).
   * Behind a CDN or on an edge runtime, read it from the header your platform sets and trusts.
   */
  clientAddress?: (request: Request, info: RequestInfoLike | undefined) => string | null | undefined;
  /**
   * One JSON line per request, and the same fields as an object (never the secret, never the
   * upstream URL, never the query). Default: no logging.
   */
  log?: (line: string, entry: RequestLogEntry) => void;
  /** The fetch used upstream. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** The clock, in milliseconds (for tests). Default: `Date.now`. */
  now?: () => number;
  /**
   * Rewards (CONTRACT.md section 9): with these, `/postback` receives the network's postbacks into
   * the ledger and `/rewards` lets the wall record clicks and list a user's rewards.
   */
  rewards?: RewardsOptions;
}

/** What a runtime adapter may pass beside the request. */
export interface RequestInfoLike {
  clientAddress?: string | null;
}

export type OfferWallHandler = (request: Request, info?: RequestInfoLike) => Promise<Response>;

/** A request as the core needs it, whatever the runtime gave. */
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

/** An answer as the core gives it: what both the fetch wrapper and the Node adapter write. */
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
}

export type OfferWallCore = (request: ProxyRequest) => ProxyResponse | Promise<ProxyResponse>;

const JSON_TYPE = 'application/json; charset=utf-8';
const EMPTY = new Uint8Array(0);
/** How many validated query strings are remembered, and the longest one remembered. */
const MEMO_QUERIES = 1000;
const MEMO_QUERY_LENGTH = 256;
/** Paths that need no normalising (no dot segments, no escapes). */
const PLAIN_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/** The path and query of a request target, or null when it is none (`//[`, `http://[::1/x`). */
function splitTarget(target: string): { path: string; search: string } | null {
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

/** A request's body as text, or null when it is larger than `limit` bytes (read no further). */
async function readBody(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('Content-Length')) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return null;
    }
    pieces.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return new TextDecoder().decode(bytes);
}

/** Runs a rewards endpoint; a failure of its own (a database down) is a 500, never a thrown error. */
function rewardsAnswer(
  request: ProxyRequest,
  search: string,
  route: (request: import('./rewards.js').RewardsRequest) => Promise<Answer>,
  done: (answer: Answer) => ProxyResponse,
): Promise<ProxyResponse> {
  return route({
    method: request.method,
    search,
    header: request.header ?? (() => null),
    body: request.body ?? (async () => ''),
    urls: request.urls ?? (() => []),
    address: request.clientAddress() ?? null,
  }).then(done, () => done(jsonError(500, 'internal', 'The request could not be handled; try again.')));
}

/** Validates options the way the CLI's environment check does, throwing on the first problem. */
function checkOptions(options: ProxyOptions): void {
  if (options.format !== 's2s' && options.format !== 'appcharge') throw new TypeError('format must be s2s or appcharge');
  const url = new URL(options.upstream);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('upstream must be an http(s) URL');
  if (url.username || url.password) throw new TypeError('upstream must not hold a user name or password');
  if (options.format === 's2s' && !options.appId) throw new TypeError('appId is required for s2s');
  if (options.format === 'appcharge' && !options.publisherToken) throw new TypeError('publisherToken is required for appcharge');
}

/** The fetch handler: the core behind a Request/Response wrapper, for any fetch-style runtime. */
export function createOfferWallHandler(options: ProxyOptions): OfferWallHandler {
  const core = createOfferWallCore(options);
  const trust = options.trustProxy;
  const clientAddressOf =
    options.clientAddress ?? ((request: Request, info?: RequestInfoLike) => forwardedClient(info?.clientAddress, request.headers.get('X-Forwarded-For'), trust));
  return async function handleOfferWallRequest(request, info) {
    const url = new URL(request.url);
    const answer = await core({
      method: request.method,
      target: url.pathname + url.search,
      origin: request.headers.get('Origin'),
      selfOrigin: () => url.origin,
      clientAddress: () => clientAddressOf(request, info),
      signal: request.signal,
      header: (name) => request.headers.get(name),
      body: (limit) => readBody(request, limit),
      urls: () => [request.url, request.url.replace(/^http:/, 'https:')],
    });
    const headers = new Headers();
    // The runtime sets Content-Length from a body itself; a HEAD answer says the GET body's.
    for (let i = 0; i < answer.headers.length; i += 2) {
      if (answer.headers[i] !== 'Content-Length' || !answer.body) headers.append(answer.headers[i]!, answer.headers[i + 1]!);
    }
    const source = answer.stream;
    if (!source) return new Response(answer.body, { status: answer.status, headers });
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stop = source.subscribe(
          (piece) => controller.enqueue(piece),
          (error) => {
            // A broken answer breaks the response off: no client may take it for a whole one.
            if (error) controller.error(error);
            else controller.close();
            answer.done?.();
          },
        );
      },
      cancel() {
        stop();
        answer.done?.();
      },
    });
    return new Response(body, { status: answer.status, headers });
  };
}

/**
 * The handler's behaviour, runtime-neutral: answers synchronously when it can (a cache hit, an
 * error), with a promise when it has to wait for the upstream.
 */
export function createOfferWallCore(options: ProxyOptions): OfferWallCore {
  checkOptions(options);
  const format = options.format;
  const dialect = dialectFor(format);
  const ownPath = options.path ?? '/offers';
  const secret = (format === 's2s' ? options.appId : options.publisherToken)!;
  const allowed = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));
  const cacheSeconds = options.cacheSeconds ?? DEFAULTS.cacheSeconds;
  const now = options.now ?? Date.now;
  const cache = new AnswerCache<Answer>(cacheSeconds, {
    maxBytes: options.cacheMaxBytes ?? DEFAULTS.cacheMaxBytes,
    sizeOf: (answer) => answer.bytes.byteLength,
    now,
  });
  const maxCalls = options.maxUpstreamCalls ?? DEFAULTS.maxUpstreamCalls;
  const callUpstream = createUpstreamCaller({
    format,
    dialect,
    upstream: options.upstream,
    secret,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    redactor: createRedactor(secret),
    limiter: new Limiter(maxCalls, maxCalls * 4),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  const routes = options.rewards ? createRewardsRoutes(options.rewards, now) : null;
  /** Calls in flight by cache key: concurrent identical queries share one. */
  const inFlight = new Map<string, UpstreamCall>();
  /** Until when the upstream asked not to be called at all (a 429 with its Retry-After). */
  let holdUntil = 0;
  const log = options.log;
  /**
   * Query strings already validated, with their parameters and cache key: validating and keying
   * cost more than the rest of a hit. Bounded (cleared when full; long queries are not kept).
   */
  const queries = new Map<string, { params: Array<[string, string]>; perClient: boolean; key: string }>();

  /** The answer's headers: the fixed ones, then those this request needs (CORS, cache). */
  function head(status: number, length: number | null, extra: string[], type = JSON_TYPE): string[] {
    // A 204 has no body, so no body type.
    const headers = status === 204 ? ['X-Content-Type-Options', 'nosniff', ...extra] : ['Content-Type', type, 'X-Content-Type-Options', 'nosniff', ...extra];
    // No error answer may be kept by any cache.
    if (status >= 400 && !extra.includes('Cache-Control')) headers.push('Cache-Control', 'no-store');
    if (length !== null) headers.push('Content-Length', String(length));
    return headers;
  }

  function logged(request: ProxyRequest, path: string, started: number, status: number, code: string | null, cacheState: RequestLogEntry['cache'], upstream: number | null) {
    if (!log) return;
    const entry: RequestLogEntry = {
      method: request.method,
      path,
      status,
      code,
      cache: cacheState,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
      upstream: cacheState === 'hit' ? null : upstream,
    };
    // Written by hand: the fields are known, and this runs once per request.
    log(
      `{"method":${JSON.stringify(entry.method)},"path":${JSON.stringify(path)},"status":${status},` +
        `"code":${code ? `"${code}"` : null},"cache":${cacheState ? `"${cacheState}"` : null},"ms":${entry.ms},"upstream":${entry.upstream}}`,
      entry,
    );
  }

  /** `hitTtl` is set for a hit whose headers are the same for every request (no CORS). */
  function finish(request: ProxyRequest, path: string, started: number, answer: Answer, extra: string[], cacheState: RequestLogEntry['cache'], hitTtl = 0): ProxyResponse {
    const empty = answer.status === 204;
    const body = request.method === 'HEAD' || empty ? null : answer.bytes;
    const length = empty ? null : answer.bytes.byteLength;
    let headers: string[];
    if (hitTtl && body) {
      // A plain hit (no CORS headers): the same headers as the last one while the ttl holds.
      if (answer.hitHead?.ttl !== hitTtl) answer.hitHead = { ttl: hitTtl, headers: head(answer.status, length, extra) };
      headers = answer.hitHead.headers;
    } else {
      headers = head(answer.status, length, extra, answer.type);
    }
    logged(request, path, started, answer.status, answer.code, cacheState, answer.upstream);
    return { status: answer.status, headers, body };
  }

  return function answerOfferWallRequest(request) {
    const started = performance.now();
    const target = splitTarget(request.target);
    const extra: string[] = [];
    if (!target) {
      const answer = jsonError(400, 'bad_request', 'The request target is not a path.');
      return finish(request, '-', started, answer, extra, null);
    }
    const { path, search } = target;

    let originAllowed = true;
    const origin = request.origin;
    const forRewards = routes !== null && path === '/rewards';
    if (path === ownPath || forRewards) {
      // Whether an answer may be read depends on who asks: caches must keep answers apart by Origin.
      extra.push('Vary', 'Origin');
      if (origin && origin !== request.selfOrigin()) {
        if (allowed.has(origin)) extra.push('Access-Control-Allow-Origin', origin);
        else originAllowed = false;
      }
    }
    const done = (answer: Answer, cacheState: RequestLogEntry['cache'] = null) => finish(request, path, started, answer, extra, cacheState);

    if (path === '/healthz') return done(answerOf(200, '{"ok":true}'));
    if (routes && path === '/postback') return rewardsAnswer(request, search, routes.postback, done);
    if (path !== ownPath && !forRewards) return done(jsonError(404, 'not_found', `Offers are served at ${ownPath}.`));
    if (!originAllowed) return done(jsonError(403, 'origin_not_allowed', 'This origin may not use this endpoint.'));
    if (request.method === 'OPTIONS') {
      const methods = forRewards ? 'GET, POST, OPTIONS' : 'GET, HEAD, OPTIONS';
      const headers = forRewards ? 'Authorization, Content-Type' : 'Accept, Content-Type';
      extra.push('Access-Control-Allow-Methods', methods, 'Access-Control-Allow-Headers', headers, 'Access-Control-Max-Age', '600');
      return done({ status: 204, bytes: EMPTY, code: null, upstream: null });
    }
    if (forRewards) {
      // A user's own rewards: never kept by any cache, and they vary by the token too.
      extra.push('Cache-Control', 'no-store');
      extra[1] = 'Origin, Authorization';
      return rewardsAnswer(request, search, routes.rewards, done);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      extra.push('Allow', 'GET, HEAD, OPTIONS');
      return done(jsonError(405, 'method_not_allowed', 'Use GET.'));
    }
    let query = queries.get(search);
    if (!query) {
      let params: Array<[string, string]>;
      try {
        params = allowedParameters(format, new URLSearchParams(search));
      } catch (error) {
        if (!(error instanceof ParameterError)) throw error;
        return done(jsonError(400, 'bad_parameter', error.message, { parameter: error.parameter }));
      }
      // Without a country, s2s picks offers by the user's IP: such answers are per address.
      const perClient = format === 's2s' && !params.some(([name]) => name === 'country');
      query = { params, perClient, key: perClient ? '' : JSON.stringify([params, null]) };
      if (search.length <= MEMO_QUERY_LENGTH) {
        if (queries.size >= MEMO_QUERIES) queries.clear();
        queries.set(search, query);
      }
    }
    const { params, perClient } = query;
    const address = request.clientAddress() ?? null;
    // An answer chosen by the user's address, for a user whose address is unknown, is nobody
    // else's: it is neither kept nor shared.
    const shared = !perClient || address !== null;
    const key = perClient ? JSON.stringify([params, address]) : query.key;
    const plain = extra.length === 2;
    extra.push('X-Offer-Wall-Cache', '', 'Cache-Control', '');
    const respond = (answer: Answer, source: 'hit' | 'miss' | 'coalesced', ttl: number, retryAfter: number | null = null): ProxyResponse => {
      extra[extra.length - 3] = source;
      extra[extra.length - 1] = answer.status === 200 ? `${perClient ? 'private' : 'public'}, max-age=${ttl}` : 'no-store';
      // A remembered failure tells the client when it is worth asking again.
      if (retryAfter !== null) extra.push('Retry-After', String(retryAfter));
      return finish(request, path, started, answer, extra, source, plain && source === 'hit' && retryAfter === null ? ttl : 0);
    };

    const hit = shared ? cache.peek(key) : undefined;
    if (hit) return respond(hit.value, 'hit', hit.ttl, hit.value.status === 200 ? null : hit.ttl);
    const held = Math.ceil((holdUntil - now()) / 1000);
    if (held > 0) return respond(jsonError(502, 'upstream_status', 'The upstream answered HTTP 429.', {}, 429), 'hit', 0, held);

    let call = shared ? inFlight.get(key) : undefined;
    const source = call ? 'coalesced' : 'miss';
    if (!call) {
      const fresh = callUpstream(params, address, now);
      call = fresh;
      if (shared) {
        inFlight.set(key, fresh);
        void fresh.settled.then((kept) => {
          if (inFlight.get(key) === fresh) inFlight.delete(key);
          if (kept) cache.store(key, kept.answer, kept.seconds === 'feed' ? cacheSeconds : kept.seconds);
        });
      }
    }
    const leave = call.join();
    request.signal?.addEventListener('abort', leave, { once: true });
    return call.outcome.then((outcome): ProxyResponse | Promise<ProxyResponse> => {
      if (outcome.kind === 'answer') {
        leave();
        if (outcome.answer.upstream === 429 && outcome.retryAfter) holdUntil = Math.max(holdUntil, now() + outcome.retryAfter * 1000);
        const ttl = outcome.reuse === 'feed' ? cacheSeconds : 0;
        return respond(outcome.answer, source, ttl, outcome.retryAfter);
      }
      // A feed that streams: its head now, its pieces as they come from the upstream.
      extra[extra.length - 3] = source;
      extra[extra.length - 1] = `${perClient ? 'private' : 'public'}, max-age=${cacheSeconds}`;
      const { stream, upstream } = outcome;
      if (request.method !== 'HEAD') {
        logged(request, path, started, 200, null, source, upstream);
        return { status: 200, headers: head(200, null, extra), body: null, stream, done: leave };
      }
      // HEAD says the length of what GET would send: known once the body is in.
      return new Promise<ProxyResponse>((resolve) => {
        let length = 0;
        stream.subscribe(
          (piece) => (length += piece.length),
          (error) => {
            leave();
            const answer = error ? jsonError(502, 'upstream_broken', 'The upstream’s answer broke off.', {}, upstream) : null;
            if (answer) return resolve(respond(answer, source, 0));
            logged(request, path, started, 200, null, source, upstream);
            resolve({ status: 200, headers: head(200, length, extra), body: null });
          },
        );
      });
    });
  };
}
