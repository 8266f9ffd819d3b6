/**
 * One call to the upstream API, shared by every client that asks the same query while it runs.
 * It adds the secret (s2s `app_id` in the query, appcharge `x-publisher-token` as a header) and the
 * client's address, and keeps the call within bounds whatever the upstream does:
 * - one deadline for the whole call, headers and body, kept by our own timer, which cancels the
 *   body (fetch's own abort can be lost once the headers are in: nodejs/node#55428);
 * - memory: it starts once the budget has room for it, and reads each piece once there is room
 *   for it (`admission.ts`); waiting for room past what its time limit allows sheds it (503);
 * - at most `maxBodyBytes` of body read, as fetch gives it (decompressed), so neither a huge nor a
 *   compressed answer (a gzip bomb) can fill the memory: 502 as soon as the bound is passed;
 * - cancelled as soon as no client waits for it any more.
 * The body is read as it arrives, by the dialect's structure (`JsonFeedReader`, in time linear in
 * its size): once its first 32 KB are in, the first item of its offer list is whole, and its
 * envelope so far is the dialect's feed, the call becomes a stream that its clients receive piece
 * by piece; an answer that ends before that is decided whole. Only a complete answer that is a
 * feed (every item well-formed JSON) is given back to be cached. The secret is redacted from every
 * piece in every spelling (`core/redact.ts`).
 */
import type { Dialect } from '../../data/dialect.js';
import { JsonFeedReader } from '../../data/json-stream.js';
import type { FeedFormat } from '../../data/types.js';
import { WallError } from '../../data/types.js';
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import { BodyStream } from '../core/body-stream.js';
import type { Metrics } from '../core/metrics.js';
import { concat, type Redactor } from '../core/redact.js';
import type { Admission } from './admission.js';

/** The offer lists of each dialect, by their place in its answer. */
const LISTS: Record<FeedFormat, readonly string[]> = { s2s: ['d.data', 'data'], appcharge: ['offers'] };

export interface UpstreamSettings {
  format: FeedFormat;
  dialect: Dialect;
  /** The upstream API's URL (its own query parameters are kept). */
  upstream: string;
  /** s2s `app_id` or appcharge `x-publisher-token`. */
  secret: string;
  timeoutMs: number;
  maxBodyBytes: number;
  redactor: Redactor;
  /** Which calls may run, by the memory their answers take and their time limit. */
  admission: Admission;
  fetch: typeof fetch;
  /** Told of each call's end (its status, or what stopped it) and of each call shed. */
  metrics: Metrics;
}

/** What a call comes to: an answer decided whole, or a feed that streams. */
export type Outcome =
  | {
      kind: 'answer';
      answer: Answer;
      /** Seconds the answer may be reused: the cache's time for a feed, a short one for a failure, 0 for neither. */
      reuse: 'feed' | number;
      /** Seconds the client should wait before asking again (upstream 429/503), else null. */
      retryAfter: number | null;
    }
  | { kind: 'stream'; stream: BodyStream; upstream: number };

/** What a call leaves to be cached: the answer (made when asked for), its size, for how long. */
export interface Kept {
  answer: () => Answer;
  size: number;
  seconds: 'feed' | number;
}

export interface UpstreamCall {
  /** Settles once the call's outcome is known: an answer, or the start of a streaming feed. */
  readonly outcome: Promise<Outcome>;
  /**
   * Settles once the call is over (its stream ended too), with what may be kept: the whole feed
   * (for the cache's time), a remembered failure (for its seconds), or null.
   */
  readonly settled: Promise<Kept | null>;
  /** Whether another client may still join it (not once its answer goes on unkept). */
  readonly joinable: boolean;
  /** A client now waits on the call; the function it returns says that client has gone. */
  join(): () => void;
}

/** Seconds from an HTTP `Retry-After` (seconds or a date), or null. */
export function retryAfterSeconds(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : null;
}

/**
 * An answer streams only once this much of it is in and its list's first item is whole: a smaller
 * one, or one whose first offer never ends (one long string), is decided whole, so it still gets
 * a clean 502 when it breaks off, is no feed, or outgrows the size bound.
 */
const STREAM_FROM = 32 * 1024;

/** How a connection that was open can fail before any answer on it: asked again once (see `run`). */
const RESET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Why a fetch failed, for the log: its cause's code and message (`ECONNREFUSED: connect
 * ECONNREFUSED 10.0.0.7:443`, `UND_ERR_SOCKET: other side closed`), since fetch's own is only
 * "fetch failed". The caller redacts it.
 */
function causeOf(error: unknown): { code: string; text: string } {
  let cause: unknown = error;
  // fetch wraps what failed (`TypeError: fetch failed`, its `cause` the socket's error).
  for (let depth = 0; depth < 4 && cause instanceof Error && cause.cause !== undefined && !(cause as { code?: unknown }).code; depth++) cause = cause.cause;
  if (!(cause instanceof Error)) return { code: '', text: String(cause) };
  const code = (cause as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : cause.name;
  return { code: typeof code === 'string' ? code : '', text: cause.message && cause.message !== name ? `${name}: ${cause.message}` : name };
}

/** How long a failure of the upstream is remembered, without a `Retry-After` from it. */
export const FAILURE_REUSE_S = 5;
/** The longest a failure is remembered, whatever the upstream's `Retry-After` says. */
const MAX_FAILURE_REUSE_S = 60;

export function createUpstreamCaller(settings: UpstreamSettings) {
  const { format, dialect, secret, timeoutMs, maxBodyBytes, redactor } = settings;
  const lists = LISTS[format];

  /** Is this (partial) envelope the dialect's feed? */
  const isFeed = (body: unknown): boolean => {
    try {
      dialect.open(body);
      return true;
    } catch (error) {
      if (error instanceof WallError) return false;
      throw error;
    }
  };

  return function callUpstream(params: ReadonlyArray<[string, string]>, clientAddress: string | null, now: () => number): UpstreamCall {
    const url = new URL(settings.upstream);
    for (const [name, value] of params) url.searchParams.set(name, value);
    const headers = new Headers({ Accept: 'application/json' });
    if (format === 's2s') url.searchParams.set('app_id', secret);
    else headers.set('x-publisher-token', secret);
    if (clientAddress) headers.set('X-Forwarded-For', clientAddress);

    // Held by this closure (and so by the call) until it is over: the deadline's timer and the
    // body's reader are ours, and cancel the call whatever fetch does with its signal.
    const controller = new AbortController();
    const started = Date.now();
    const deadlineAt = started + timeoutMs;
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    // The answer's bytes: its key in the memory budget from the start (its writers hold it too).
    const body = new BodyStream();
    const ticket = settings.admission.ticket(body);
    let streaming = false;
    /** Streaming without being kept (no room to keep it): passed on as fast as its clients take it. */
    let passing = false;
    let over = false;
    /** Waiting for memory: a deadline met meanwhile sheds the call (503), it does not time it out. */
    let waitingForRoom = false;
    let waiters = 0;
    let decide!: (outcome: Outcome) => void;
    let settle!: (kept: Kept | null) => void;
    const outcome = new Promise<Outcome>((resolve) => (decide = resolve));
    const settled = new Promise<Kept | null>((resolve) => (settle = resolve));

    /** Ends the call with `answer` (when no stream has started) or by breaking its stream off. */
    const stop = (answer: Answer, reuse: number, retryAfter: number | null = null) => {
      if (over) return;
      over = true;
      clearTimeout(deadline);
      ticket.release();
      controller.abort();
      void reader?.cancel().catch(() => {});
      decide({ kind: 'answer', answer, reuse, retryAfter });
      if (answer.code === 'busy') settings.metrics.shed('memory');
      else settings.metrics.upstream(answer.upstream !== null ? String(answer.upstream) : (answer.code ?? 'failed').replace(/^upstream_/, ''), (Date.now() - started) / 1000);
      body.end(new Error(answer.code ?? 'upstream failed'));
      settle(reuse > 0 && !streaming ? { answer: () => answer, size: answer.bytes.byteLength, seconds: reuse } : null);
    };
    const busy = () => stop(jsonError(503, 'busy', 'The proxy has no room for this request now; try again.'), 0, 1);
    const deadline = setTimeout(
      () => (waitingForRoom ? busy() : stop(jsonError(504, 'upstream_timeout', `The upstream did not answer within ${timeoutMs} ms.`), 0)),
      timeoutMs,
    );

    const run = async () => {
      waitingForRoom = true;
      const admitted = await ticket.admit(deadlineAt);
      waitingForRoom = false;
      if (over) return;
      if (!admitted) return busy();
      let response: Response;
      for (let attempt = 1; ; attempt++) {
        try {
          response = await settings.fetch(url, { headers, signal: controller.signal, redirect: 'error' });
          break;
        } catch (error) {
          if (over) return;
          const cause = causeOf(error);
          // A kept-alive connection the upstream closed just as it was reused (its idle time and
          // ours are counted from different moments): no answer was started, and a GET may be
          // asked again, once, on another connection, within the same deadline.
          if (attempt === 1 && RESET.has(cause.code) && Date.now() < deadlineAt) {
            settings.metrics.upstream('reset', (Date.now() - started) / 1000);
            continue;
          }
          return stop({ ...jsonError(502, 'upstream_unreachable', 'The upstream could not be reached.'), cause: redactor.text(cause.text) }, 0);
        }
      }
      if (over) return void response.body?.cancel().catch(() => {});
      const status = response.status;
      if (!response.ok) {
        // 429 and 5xx are remembered for a while (what the upstream asks, within bounds): the
        // wall retries, and other users ask the same, but the upstream is not asked again.
        const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'), now());
        const remembered = status === 429 || status >= 500;
        const reuse = remembered ? Math.min(MAX_FAILURE_REUSE_S, Math.max(1, retryAfter ?? FAILURE_REUSE_S)) : 0;
        return stop(jsonError(502, 'upstream_status', `The upstream answered HTTP ${status}.`, {}, status), reuse, remembered ? reuse : null);
      }
      const length = Number(response.headers.get('Content-Length'));
      if (length > maxBodyBytes) return stop(tooLarge(status), 0);
      if (!response.body) return stop(jsonError(502, 'upstream_not_json', 'The upstream did not answer with JSON.', {}, status), 0);

      reader = response.body.getReader();
      const decoder = new TextDecoder();
      const redacting = redactor.stream();
      const head: Uint8Array[] = [];
      let firstItem = false;
      const json = new JsonFeedReader(lists, (item) => {
        JSON.parse(item);
        firstItem = true;
      });
      let received = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (over) return;
          if (done) break;
          received += value.length;
          // Past the bound, whatever the answer's shape: read no further.
          if (received > maxBodyBytes) return stop(tooLarge(status), 0);
          // Room for what came before reading more; the deadline still holds meanwhile. An answer
          // that streams, all of whose clients read it already, need not wait: it goes on unkept.
          if (!passing && streaming && body.readers >= waiters && !ticket.fits(received)) {
            passing = true;
            ticket.passOn();
            body.forget();
          }
          let room = passing || ticket.room(received, deadlineAt);
          if (room !== true) {
            waitingForRoom = true;
            room = await room;
            waitingForRoom = false;
            if (over) return;
            if (!room) return busy();
          }
          json.push(decoder.decode(value, { stream: true }));
          const piece = redacting.push(value);
          if (streaming) {
            const full = body.push(piece);
            // Unkept, it is read no faster than its clients take it.
            if (full && passing) {
              await full;
              if (over) return;
            }
          } else {
            head.push(piece);
            // Its first offer is whole: the envelope so far says whether this is a feed.
            if (firstItem && received >= STREAM_FROM) {
              if (!isFeed(json.body)) return stop(notAFeed(status), 0);
              streaming = true;
              body.push(concat(head));
              head.length = 0;
              decide({ kind: 'stream', stream: body, upstream: status });
            }
          }
        }
        json.push(decoder.decode());
        json.end();
      } catch (error) {
        if (over) return;
        if (error instanceof SyntaxError) return stop(jsonError(502, 'upstream_not_json', 'The upstream did not answer with JSON.', {}, status), 0);
        return stop(jsonError(502, 'upstream_broken', 'The upstream’s answer broke off.', {}, status), 0);
      }
      if (!isFeed(json.body)) return stop(notAFeed(status), 0);
      over = true;
      clearTimeout(deadline);
      const rest = redacting.end();
      let kept: Kept | null;
      if (streaming) {
        void body.push(rest);
        // What went on unkept cannot be cached; what was kept is joined only if the cache takes it.
        kept = body.whole ? { answer: () => ({ ...answerOf(200, '', null, status), bytes: body.bytes }), size: received, seconds: 'feed' } : null;
        body.end();
      } else {
        head.push(rest);
        const whole = { ...answerOf(200, '', null, status), bytes: concat(head) };
        decide({ kind: 'answer', answer: whole, reuse: 'feed', retryAfter: null });
        kept = { answer: () => whole, size: whole.bytes.byteLength, seconds: 'feed' };
      }
      ticket.release({ bytes: received, ms: Date.now() - started });
      settings.metrics.upstream(String(status), (Date.now() - started) / 1000);
      settle(kept);
    };

    const tooLarge = (status: number) =>
      jsonError(502, 'upstream_too_large', `The upstream's answer is larger than ${maxBodyBytes} bytes.`, {}, status);
    const notAFeed = (status: number) => jsonError(502, 'upstream_not_a_feed', `The upstream's answer is not an ${format} feed.`, {}, status);

    void run();

    return {
      outcome,
      settled,
      get joinable() {
        return !passing;
      },
      join() {
        waiters++;
        let gone = false;
        return () => {
          if (gone) return;
          gone = true;
          // Nobody waits any more: the upstream is not asked on anyone's behalf.
          if (--waiters === 0) stop(jsonError(499, 'client_gone', 'Every client of this call has gone.'), 0);
        };
      },
    };
  };
}
