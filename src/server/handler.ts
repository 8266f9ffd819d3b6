/**
 * The reference backend endpoint as a standard fetch handler, `(Request) => Promise<Response>`:
 * the same code runs on Node (see `node.ts`), Deno, Bun and fetch-style edge runtimes. It keeps
 * the upstream's secret on the server, passes only the dialect's validated parameters, caches and
 * coalesces identical queries, and maps upstream failures to 502/504 without echoing their body.
 *
 * All behaviour lives in one runtime-neutral function, `createOfferWallCore`, that takes the few
 * facts of a request and answers status, headers and body bytes (cached answers keep their bytes,
 * so a hit copies nothing). The fetch handler wraps it in Request/Response; `node.ts` writes its
 * answers to Node's http server directly, without building a Request or a Response per request.
 * The call to the upstream (secret, time limit, failures, the feed check) is in `upstream.ts`.
 */
import { dialectFor } from '../data/dialects.js';
import { answerOf, jsonError, type Answer } from './answer.js';
import { AnswerCache } from './cache.js';
import { ParameterError, allowedParameters, type ProxyFormat } from './params.js';
import { createUpstreamCall } from './upstream.js';

export interface ProxyOptions {
  format: ProxyFormat;
  /** The upstream API's URL (its own query parameters are kept). */
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
  /** Upstream time limit in milliseconds. Default 8000. */
  timeoutMs?: number;
  /** Where the offers are served. Default `/offers`. */
  path?: string;
  /**
   * The address of the user's device, sent upstream in `X-Forwarded-For` so country-by-IP works.
   * Default: what the runtime adapter passes (`node.ts` passes the socket's address). Behind a
   * CDN or on an edge runtime, read it from the header your platform sets and trusts.
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
}

/** What a runtime adapter may pass beside the request. */
export interface RequestInfoLike {
  clientAddress?: string | null;
}

export type OfferWallHandler = (request: Request, info?: RequestInfoLike) => Promise<Response>;

/** A request as the core needs it, whatever the runtime gave. */
export interface ProxyRequest {
  method: string;
  /** Path and query, as on the request line: `/offers?page=1`. */
  target: string;
  /** The `Origin` header, or null. */
  origin: string | null;
  /** This request's own origin (`http://host`); asked only when an `Origin` header came. */
  selfOrigin: () => string;
  /** The user's address for `X-Forwarded-For`; asked only on the way upstream or for the key. */
  clientAddress: () => string | null | undefined;
}

/** An answer as the core gives it: what both the fetch wrapper and the Node adapter write. */
export interface ProxyResponse {
  status: number;
  /** Names and values alternating, as Node's `writeHead` takes them; `Content-Length` included. */
  headers: string[];
  /** Null for HEAD and 204. */
  body: Uint8Array<ArrayBuffer> | null;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Machine-readable cause of an error answer. */
  code: string | null;
  cache: 'hit' | 'miss' | 'coalesced' | null;
  /** Time to the answer, milliseconds. */
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

/** Validates options the way the CLI's environment check does, throwing on the first problem. */
function checkOptions(options: ProxyOptions): void {
  if (options.format !== 's2s' && options.format !== 'appcharge') throw new TypeError('format must be s2s or appcharge');
  const url = new URL(options.upstream);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('upstream must be an http(s) URL');
  if (options.format === 's2s' && !options.appId) throw new TypeError('appId is required for s2s');
  if (options.format === 'appcharge' && !options.publisherToken) throw new TypeError('publisherToken is required for appcharge');
}

/** The fetch handler: the core behind a Request/Response wrapper, for any fetch-style runtime. */
export function createOfferWallHandler(options: ProxyOptions): OfferWallHandler {
  const core = createOfferWallCore(options);
  const clientAddressOf = options.clientAddress ?? ((_request, info) => info?.clientAddress);
  return async function handleOfferWallRequest(request, info) {
    const url = new URL(request.url);
    const answer = await core({
      method: request.method,
      target: url.pathname + url.search,
      origin: request.headers.get('Origin'),
      selfOrigin: () => url.origin,
      clientAddress: () => clientAddressOf(request, info),
    });
    const headers = new Headers();
    // The runtime sets Content-Length from the body itself.
    for (let i = 0; i < answer.headers.length; i += 2) {
      if (answer.headers[i] !== 'Content-Length') headers.append(answer.headers[i]!, answer.headers[i + 1]!);
    }
    return new Response(answer.body, { status: answer.status, headers });
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
  const timeoutMs = options.timeoutMs ?? 8000;
  const cacheSeconds = options.cacheSeconds ?? 60;
  const cache = new AnswerCache<Answer>(cacheSeconds, {
    maxBytes: options.cacheMaxBytes,
    sizeOf: (answer) => answer.bytes.byteLength,
    ...(options.now ? { now: options.now } : {}),
  });
  const callUpstream = createUpstreamCall({
    format,
    dialect,
    upstream: options.upstream,
    secret,
    timeoutMs,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  const log = options.log;
  /**
   * Query strings already validated, with their parameters and cache key: validating and keying
   * cost more than the rest of a hit. Bounded (cleared when full; long queries are not kept).
   */
  const queries = new Map<string, { params: Array<[string, string]>; perClient: boolean; key: string }>();

  /** The answer's headers: the fixed ones, then those this request needs (CORS, Allow, cache). */
  function head(body: Uint8Array | null, extra: string[]): string[] {
    const headers = ['Content-Type', JSON_TYPE, 'X-Content-Type-Options', 'nosniff', ...extra];
    if (body) headers.push('Content-Length', String(body.byteLength));
    return headers;
  }

  /** `hitTtl` is set for a hit whose headers are the same for every request (no CORS). */
  function finish(request: ProxyRequest, path: string, started: number, answer: Answer, extra: string[], cache: RequestLogEntry['cache'], hitTtl = 0): ProxyResponse {
    const body = request.method === 'HEAD' || answer.status === 204 ? null : answer.bytes;
    let headers: string[];
    if (hitTtl && body) {
      // A plain hit (no CORS headers): the same headers as the last one while the ttl holds.
      if (answer.hitHead?.ttl !== hitTtl) answer.hitHead = { ttl: hitTtl, headers: head(body, extra) };
      headers = answer.hitHead.headers;
    } else {
      headers = head(body, extra);
    }
    if (log) {
      const entry: RequestLogEntry = {
        method: request.method,
        path,
        status: answer.status,
        code: answer.code,
        cache,
        ms: Math.round((performance.now() - started) * 1000) / 1000,
        upstream: cache === 'hit' ? null : answer.upstream,
      };
      // Written by hand: the fields are known, and this runs once per request.
      log(
        `{"method":${JSON.stringify(entry.method)},"path":${JSON.stringify(path)},"status":${entry.status},` +
          `"code":${entry.code ? `"${entry.code}"` : null},"cache":${cache ? `"${cache}"` : null},"ms":${entry.ms},"upstream":${entry.upstream}}`,
        entry,
      );
    }
    return { status: answer.status, headers, body };
  }

  return function answerOfferWallRequest(request) {
    const started = performance.now();
    const target = request.target;
    const q = target.indexOf('?');
    let path = q < 0 ? target : target.slice(0, q);
    if (!PLAIN_PATH.test(path)) path = new URL(target, 'http://h').pathname;
    const extra: string[] = [];

    let originAllowed = true;
    const origin = request.origin;
    if (origin && origin !== request.selfOrigin()) {
      extra.push('Vary', 'Origin');
      if (allowed.has(origin)) extra.push('Access-Control-Allow-Origin', origin);
      else originAllowed = false;
    }
    const done = (answer: Answer, cacheState: RequestLogEntry['cache'] = null) => finish(request, path, started, answer, extra, cacheState);

    if (path === '/healthz') return done(answerOf(200, '{"ok":true}'));
    if (path !== ownPath) return done(jsonError(404, 'not_found', `Offers are served at ${ownPath}.`));
    if (!originAllowed) return done(jsonError(403, 'origin_not_allowed', 'This origin may not read offers from this endpoint.'));
    if (request.method === 'OPTIONS') {
      extra.push('Access-Control-Allow-Methods', 'GET, OPTIONS', 'Access-Control-Allow-Headers', 'Accept, Content-Type', 'Access-Control-Max-Age', '600');
      return done({ status: 204, bytes: EMPTY, code: null, upstream: null });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      extra.push('Allow', 'GET, HEAD, OPTIONS');
      return done(jsonError(405, 'method_not_allowed', 'Use GET.'));
    }
    const search = q < 0 ? '' : target.slice(q + 1);
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
    const clientAddress = perClient ? (request.clientAddress() ?? null) : null;
    const key = perClient ? JSON.stringify([params, clientAddress]) : query.key;
    const plain = extra.length === 0;
    extra.push('X-Offer-Wall-Cache', '', 'Cache-Control', '');
    const respond = ({ value, source, ttl }: { value: Answer; source: 'hit' | 'miss' | 'coalesced'; ttl: number }) => {
      extra[extra.length - 3] = source;
      extra[extra.length - 1] = value.status === 200 ? `${perClient ? 'private' : 'public'}, max-age=${ttl}` : 'no-store';
      return finish(request, path, started, value, extra, source, plain && source === 'hit' ? ttl : 0);
    };
    const hit = cache.peek(key);
    if (hit) return respond(hit);
    return cache.get(key, () => callUpstream(params, perClient ? clientAddress : (request.clientAddress() ?? null))).then(respond);
  };
}
