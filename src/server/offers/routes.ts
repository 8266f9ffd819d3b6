/**
 * The offers proxy as a route (`/offers` by default): it keeps the upstream's secret on the
 * server, passes only the dialect's validated parameters (`params.ts`), answers from the cache
 * (`cache.ts`) or shares one upstream call among concurrent identical queries (`upstream.ts`),
 * and maps upstream failures to 502/504 without echoing their body. Runtime-neutral.
 */
import { dialectFor } from '../../data/dialects.js';
import type { FeedFormat } from '../../data/types.js';
import { jsonError, type Answer } from '../core/answer.js';
import { DEFAULTS } from '../core/defaults.js';
import type { MemoryBudget } from '../core/budget.js';
import { headOf, type Exchange, type ProxyResponse, type Routes } from '../core/http.js';
import { NO_METRICS, type Metrics } from '../core/metrics.js';
import { createRedactor } from '../core/redact.js';
import { Admission } from './admission.js';
import { AnswerCache } from './cache.js';
import { ParameterError, allowedParameters } from './params.js';
import { createUpstreamCaller, type UpstreamCall } from './upstream.js';

export interface OffersOptions {
  format: FeedFormat;
  /** The upstream API's URL (its own query parameters are kept). No user name or password in it. */
  upstream: string;
  /** s2s `app_id`; required for s2s. */
  appId?: string;
  /** appcharge `x-publisher-token`; required for appcharge. */
  publisherToken?: string;
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
  /**
   * The memory answers may take, in bytes: those being read from the upstream, those in the cache
   * and (on Node) those being written to clients, together. An upstream call starts once there is
   * room for it, waiting while it could still be answered within `timeoutMs`; past that, 503 with
   * `Retry-After`. Default 192 MiB (it fits a 512 MB container).
   */
  maxMemoryBytes?: number;
  /** Where the offers are served. Default `/offers`. */
  path?: string;
  /** The fetch used upstream. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** How many validated query strings are remembered, and the longest one remembered. */
const MEMO_QUERIES = 1000;
const MEMO_QUERY_LENGTH = 256;

/** Validates the options the way the program's environment check does, throwing on the first problem. */
export function checkOffersOptions(options: OffersOptions): void {
  if (options.format !== 's2s' && options.format !== 'appcharge') throw new TypeError('format must be s2s or appcharge');
  const url = new URL(options.upstream);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('upstream must be an http(s) URL');
  if (url.username || url.password) throw new TypeError('upstream must not hold a user name or password');
  if (options.format === 's2s' && !options.appId) throw new TypeError('appId is required for s2s');
  if (options.format === 'appcharge' && !options.publisherToken) throw new TypeError('publisherToken is required for appcharge');
}

export function offersRoutes(options: OffersOptions, now: () => number, budget: MemoryBudget, metrics: Metrics = NO_METRICS): Routes {
  checkOffersOptions(options);
  const format = options.format;
  const secret = (format === 's2s' ? options.appId : options.publisherToken)!;
  const cacheSeconds = options.cacheSeconds ?? DEFAULTS.cacheSeconds;
  const cache = new AnswerCache<Answer>(cacheSeconds, {
    maxBytes: options.cacheMaxBytes ?? DEFAULTS.cacheMaxBytes,
    sizeOf: (answer) => answer.bytes.byteLength,
    now,
    budget: { budget, keyOf: (answer) => answer.bytes.buffer },
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const callUpstream = createUpstreamCaller({
    format,
    dialect: dialectFor(format),
    upstream: options.upstream,
    secret,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBodyBytes,
    redactor: createRedactor(secret),
    admission: new Admission(budget, maxBodyBytes),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    metrics,
  });
  /** Calls in flight by cache key: concurrent identical queries share one. */
  const inFlight = new Map<string, UpstreamCall>();
  /** Until when the upstream asked not to be called at all (a 429 with its Retry-After). */
  let holdUntil = 0;
  /**
   * Query strings already validated, with their parameters and cache key: validating and keying
   * cost more than the rest of a hit. Bounded (cleared when full; long queries are not kept).
   */
  const queries = new Map<string, { params: Array<[string, string]>; perClient: boolean; key: string }>();

  /** The answer with its cache headers (the two slots `answer` put last in `extra`). */
  function respond(
    exchange: Exchange,
    perClient: boolean,
    plain: boolean,
    answer: Answer,
    source: 'hit' | 'miss' | 'coalesced',
    ttl: number,
    retryAfter: number | null = null,
  ): ProxyResponse {
    const { extra } = exchange;
    extra[extra.length - 3] = source;
    extra[extra.length - 1] = answer.status === 200 ? `${perClient ? 'private' : 'public'}, max-age=${ttl}` : 'no-store';
    // A remembered failure tells the client when it is worth asking again.
    if (retryAfter !== null) extra.push('Retry-After', String(retryAfter));
    return exchange.finish(answer, source, plain && source === 'hit' && retryAfter === null ? ttl : 0);
  }

  function answer(exchange: Exchange, search: string): ProxyResponse | Promise<ProxyResponse> {
    const { request, extra } = exchange;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      extra.push('Allow', 'GET, HEAD, OPTIONS');
      return exchange.finish(jsonError(405, 'method_not_allowed', 'Use GET.'));
    }
    let query = queries.get(search);
    if (!query) {
      let params: Array<[string, string]>;
      try {
        params = allowedParameters(format, new URLSearchParams(search));
      } catch (error) {
        if (!(error instanceof ParameterError)) throw error;
        return exchange.finish(jsonError(400, 'bad_parameter', error.message, { parameter: error.parameter }));
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
    // Only an answer chosen by the user's address needs the address now (a miss sends it upstream).
    const address = perClient ? (request.clientAddress() ?? null) : undefined;
    // An answer chosen by the user's address, for a user whose address is unknown, is nobody
    // else's: it is neither kept nor shared.
    const shared = !perClient || address !== null;
    const key = perClient ? JSON.stringify([params, address]) : query.key;
    // Only `Vary` so far: no CORS header, so a hit's head is the same for everyone.
    const plain = extra.length === 2;
    const hit = shared ? cache.peek(key) : undefined;
    if (hit) {
      metrics.cache('hit');
      const { value, ttl } = hit;
      // The hot path: a plain hit on an answer whose head was made for this ttl already (the same
      // response object as the last hit's; `respond` makes it when the ttl changes). A HEAD has
      // no body, so no such response: its head is written below like any other.
      if (plain && value.status === 200 && value.hitHead?.ttl === ttl && request.method === 'GET') return exchange.finish(value, 'hit', ttl);
      extra.push('X-Offer-Wall-Cache', '', 'Cache-Control', '');
      return respond(exchange, perClient, plain, value, 'hit', ttl, value.status === 200 ? null : ttl);
    }
    extra.push('X-Offer-Wall-Cache', '', 'Cache-Control', '');
    const held = Math.ceil((holdUntil - now()) / 1000);
    if (held > 0) return respond(exchange, perClient, plain, jsonError(502, 'upstream_status', 'The upstream answered HTTP 429.', {}, 429), 'hit', 0, held);

    let call = shared ? inFlight.get(key) : undefined;
    // A call whose answer goes on unkept cannot be joined half-way: this request asks afresh.
    if (call && !call.joinable) call = undefined;
    const source = call ? 'coalesced' : 'miss';
    metrics.cache(source);
    if (!call) {
      const fresh = callUpstream(params, address === undefined ? (request.clientAddress() ?? null) : address, now);
      call = fresh;
      if (shared) {
        inFlight.set(key, fresh);
        void fresh.settled.then((kept) => {
          if (inFlight.get(key) === fresh) inFlight.delete(key);
          if (kept) cache.store(key, kept.answer, kept.seconds === 'feed' ? cacheSeconds : kept.seconds, kept.size);
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
        return respond(exchange, perClient, plain, outcome.answer, source, ttl, outcome.retryAfter);
      }
      // A feed that streams: its head now, its pieces as they come from the upstream.
      extra[extra.length - 3] = source;
      extra[extra.length - 1] = `${perClient ? 'private' : 'public'}, max-age=${cacheSeconds}`;
      const { stream, upstream } = outcome;
      if (request.method !== 'HEAD') {
        exchange.log(200, null, source, upstream);
        return { status: 200, headers: headOf(200, null, extra), body: null, stream, done: leave };
      }
      // HEAD says the length of what GET would send: known once the body is in.
      return new Promise<ProxyResponse>((resolve) => {
        let length = 0;
        stream.subscribe(
          (piece) => void (length += piece.length),
          (error) => {
            leave();
            const answer = error ? jsonError(502, 'upstream_broken', 'The upstream’s answer broke off.', {}, upstream) : null;
            if (answer) return resolve(respond(exchange, perClient, plain, answer, source, 0));
            exchange.log(200, null, source, upstream);
            resolve({ status: 200, headers: headOf(200, length, extra), body: null });
          },
        );
      });
    });
  }

  return {
    [options.path ?? '/offers']: { cors: { methods: 'GET, HEAD, OPTIONS', headers: 'Accept, Content-Type', vary: 'Origin' }, answer },
  };
}
