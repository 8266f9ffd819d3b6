/**
 * The call to the upstream API: the dialect's validated parameters plus the secret (s2s `app_id`
 * in the query, appcharge `x-publisher-token` as a header), the client's address in
 * `X-Forwarded-For`, a time limit, and every failure mapped to a 502/504 answer without the
 * upstream's body. Only an answer the dialect opens as a feed comes back as a cacheable 200.
 */
import type { Dialect } from '../data/dialect.js';
import { WallError } from '../data/types.js';
import { answerOf, jsonError, type Answer } from './answer.js';
import type { ProxyFormat } from './params.js';

export interface UpstreamSettings {
  format: ProxyFormat;
  dialect: Dialect;
  /** The upstream API's URL (its own query parameters are kept). */
  upstream: string;
  /** s2s `app_id` or appcharge `x-publisher-token`. */
  secret: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export type UpstreamCall = (params: Array<[string, string]>, clientAddress: string | null) => Promise<{ value: Answer; cacheable: boolean }>;

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

export function createUpstreamCall({ format, dialect, upstream, secret, timeoutMs, fetch: upstreamFetch }: UpstreamSettings): UpstreamCall {
  /** Upstream answers must never carry the secret back, whatever the upstream does. */
  const redact = (text: string) => (text.includes(secret) ? text.split(secret).join('[redacted]') : text);

  return async function callUpstream(params, clientAddress) {
    const url = new URL(upstream);
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
    const status = response.status;
    if (!response.ok) {
      return { value: jsonError(502, 'upstream_status', `The upstream answered HTTP ${status}.`, {}, status), cacheable: false };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { value: jsonError(502, 'upstream_not_json', 'The upstream did not answer with JSON.', {}, status), cacheable: false };
    }
    if (!isFeed(dialect, body)) {
      return { value: jsonError(502, 'upstream_not_a_feed', `The upstream's answer is not an ${format} feed.`, {}, status), cacheable: false };
    }
    return { value: answerOf(200, redact(text), null, status), cacheable: true };
  };
}
