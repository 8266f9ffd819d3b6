/**
 * The reference backend endpoint as a standard fetch handler, `(Request) => Promise<Response>`:
 * the same code runs on Node (see `node.ts`), Deno, Bun and fetch-style edge runtimes. It keeps
 * the upstream's secret on the server, passes only the dialect's validated parameters, caches and
 * coalesces identical queries, and maps upstream failures to 502/504 without echoing their body.
 */
import { dialectFor } from '../data/dialects.js';
import type { Dialect } from '../data/dialect.js';
import { WallError } from '../data/types.js';
import { AnswerCache } from './cache.js';
import { ParameterError, allowedParameters, type ProxyFormat } from './params.js';

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
  /** One line per request (never the secret, never the upstream URL). Default: no logging. */
  log?: (line: string) => void;
  /** The fetch used upstream. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** What a runtime adapter may pass beside the request. */
export interface RequestInfoLike {
  clientAddress?: string | null;
}

export type OfferWallHandler = (request: Request, info?: RequestInfoLike) => Promise<Response>;

interface Answer {
  status: number;
  body: string;
  /** Machine-readable cause, for errors. */
  code: string | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function jsonError(status: number, code: string, message: string, extra: Record<string, string> = {}): Answer {
  return { status, code, body: JSON.stringify({ error: { code, message, ...extra } }) };
}

/**
 * Whether an upstream answer is a feed (and not an error code), decided by the same dialect code
 * the wall opens it with, so the proxy never passes on what the wall would call a payload error.
 */
function isFeed(dialect: Dialect, body: unknown): boolean {
  try {
    dialect.open(body);
    return true;
  } catch (error) {
    if (error instanceof WallError) return false;
    throw error;
  }
}

/** Validates options the way the CLI's environment check does, throwing on the first problem. */
function checkOptions(options: ProxyOptions): void {
  if (options.format !== 's2s' && options.format !== 'appcharge') throw new TypeError('format must be s2s or appcharge');
  const url = new URL(options.upstream);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('upstream must be an http(s) URL');
  if (options.format === 's2s' && !options.appId) throw new TypeError('appId is required for s2s');
  if (options.format === 'appcharge' && !options.publisherToken) throw new TypeError('publisherToken is required for appcharge');
}

export function createOfferWallHandler(options: ProxyOptions): OfferWallHandler {
  checkOptions(options);
  const format = options.format;
  const dialect = dialectFor(format);
  const path = options.path ?? '/offers';
  const secret = (format === 's2s' ? options.appId : options.publisherToken)!;
  const allowed = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));
  const timeoutMs = options.timeoutMs ?? 8000;
  const cacheSeconds = options.cacheSeconds ?? 60;
  const cache = new AnswerCache<Answer>(cacheSeconds);
  const upstreamFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const log = options.log;
  const clientAddressOf = options.clientAddress ?? ((_request, info) => info?.clientAddress);

  /** Upstream answers must never carry the secret back, whatever the upstream does. */
  const redact = (text: string) => (text.includes(secret) ? text.split(secret).join('[redacted]') : text);

  async function callUpstream(params: Array<[string, string]>, clientAddress: string | null): Promise<{ value: Answer; cacheable: boolean }> {
    const url = new URL(options.upstream);
    for (const [name, value] of params) url.searchParams.set(name, value);
    const headers = new Headers({ Accept: 'application/json' });
    if (format === 's2s') url.searchParams.set('app_id', secret);
    else headers.set('x-publisher-token', secret);
    if (clientAddress) headers.set('X-Forwarded-For', clientAddress);

    let response: Response;
    let text: string;
    try {
      response = await upstreamFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      return {
        value: timedOut
          ? jsonError(504, 'upstream_timeout', `The upstream did not answer within ${timeoutMs} ms.`)
          : jsonError(502, 'upstream_unreachable', 'The upstream could not be reached.'),
        cacheable: false,
      };
    }
    if (!response.ok) {
      return { value: jsonError(502, 'upstream_status', `The upstream answered HTTP ${response.status}.`), cacheable: false };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { value: jsonError(502, 'upstream_not_json', 'The upstream did not answer with JSON.'), cacheable: false };
    }
    if (!isFeed(dialect, body)) {
      return { value: jsonError(502, 'upstream_not_a_feed', `The upstream's answer is not an ${format} feed.`), cacheable: false };
    }
    return { value: { status: 200, body: redact(text), code: null }, cacheable: true };
  }

  function corsHeaders(request: Request, headers: Headers): boolean {
    const origin = request.headers.get('Origin');
    if (!origin) return true;
    if (origin === new URL(request.url).origin) return true;
    headers.append('Vary', 'Origin');
    if (!allowed.has(origin)) return false;
    headers.set('Access-Control-Allow-Origin', origin);
    return true;
  }

  return async function handleOfferWallRequest(request, info) {
    const started = Date.now();
    const url = new URL(request.url);
    const headers = new Headers({ 'Content-Type': JSON_TYPE, 'X-Content-Type-Options': 'nosniff' });
    let answer: Answer;
    let cacheState = '-';

    const originAllowed = corsHeaders(request, headers);
    if (url.pathname === '/healthz') {
      answer = { status: 200, body: '{"ok":true}', code: null };
    } else if (url.pathname !== path) {
      answer = jsonError(404, 'not_found', `Offers are served at ${path}.`);
    } else if (!originAllowed) {
      answer = jsonError(403, 'origin_not_allowed', 'This origin may not read offers from this endpoint.');
    } else if (request.method === 'OPTIONS') {
      headers.set('Access-Control-Allow-Methods', 'GET, OPTIONS');
      headers.set('Access-Control-Allow-Headers', 'Accept, Content-Type');
      headers.set('Access-Control-Max-Age', '600');
      answer = { status: 204, body: '', code: null };
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      headers.set('Allow', 'GET, HEAD, OPTIONS');
      answer = jsonError(405, 'method_not_allowed', 'Use GET.');
    } else {
      let params: Array<[string, string]> | null = null;
      try {
        params = allowedParameters(format, url.searchParams);
      } catch (error) {
        if (!(error instanceof ParameterError)) throw error;
        answer = jsonError(400, 'bad_parameter', error.message, { parameter: error.parameter });
      }
      if (params) {
        const clientAddress = clientAddressOf(request, info) ?? null;
        // Without a country, s2s picks offers by the user's IP: such answers are per address.
        const perClient = format === 's2s' && !params.some(([name]) => name === 'country');
        const key = JSON.stringify([params, perClient ? clientAddress : null]);
        const cached = await cache.get(key, () => callUpstream(params!, clientAddress));
        answer = cached.value;
        cacheState = cached.source;
        headers.set('X-Offer-Wall-Cache', cached.source);
        if (answer.status === 200) {
          headers.set('Cache-Control', `${perClient ? 'private' : 'public'}, max-age=${cached.ttl}`);
        } else {
          headers.set('Cache-Control', 'no-store');
        }
      }
    }

    log?.(
      `${request.method} ${url.pathname} ${answer!.status}${answer!.code ? ` ${answer!.code}` : ''} cache=${cacheState} ${Date.now() - started}ms`,
    );
    const body = request.method === 'HEAD' || answer!.status === 204 ? null : answer!.body;
    return new Response(body, { status: answer!.status, headers });
  };
}
