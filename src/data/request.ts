/**
 * Fetching a feed page from the publisher's endpoint, read as it arrives: the body goes through
 * `JsonFeedReader` piece by piece, and each offer is adapted by its dialect as soon as its bytes
 * are in, so the first cards of a big page show while the rest of it is still on the network.
 * One time limit per attempt (headers and body); retries with backoff for failures that may pass
 * (network, time-outs, 5xx), but only while nothing of the page has been handed on (after that a
 * retry would show offers twice); none for those that will not (4xx, a body that is not a feed).
 * Everything honours the caller's `AbortSignal`, which also cancels the body; an abort rejects
 * with the signal's reason, never with a `WallError`.
 */
import type { Dialect } from './dialect.js';
import { DIALECTS, dialectFor, openFeed, type FormatSetting } from './dialects.js';
import { JsonFeedReader } from './json-stream.js';
import { WallError, type Device, type FeedFormat, type WallOffer } from './types.js';

export interface StreamFeedOptions {
  /** Aborts the whole load, retries and the body included. */
  signal: AbortSignal;
  /** Milliseconds one attempt may take, body included. */
  timeout: number;
  format: FormatSetting;
  /**
   * Items at the start of the page to pass over: those an earlier answer for the same page gave
   * before it broke off, already shown (or counted as left out).
   */
  skip?: number;
  /** Pauses before each retry; its length is the number of retries. */
  retryDelays?: readonly number[];
  /** The device the offers would run on (s2s leaves out those it is too old for). */
  device?: Device;
  /**
   * Makes a dialect ready to read offers (appcharge: its reader, a chunk of the script-tag file).
   * Asked at once when the format is known, else as soon as the answer shows it; its offers are
   * read once it has resolved. A rejection fails the attempt (a `network` WallError is retried).
   */
  prepare?: (format: FeedFormat) => Promise<unknown> | undefined;
}

/** The offers of the items that arrived since the previous batch, in feed order. */
export interface FeedBatch {
  dialect: Dialect;
  offers: WallOffer[];
  /** How many items of the page they came from, those left out included. */
  items: number;
  /** The upstream's total: `null` until the last batch, which has it when the answer says it. */
  total: number | null;
}

/**
 * Two retries, about two seconds in all (CONTRACT section 6). The one schedule every wall uses
 * unless a call passes its own; the tests shorten it in place rather than wait through it.
 */
export const RETRY_DELAYS: number[] = [500, 1500];

/**
 * Text handed to the reader at once (a few ms of work): a body that came in one large piece is
 * still handed on in batches, between which the caller can let the browser paint.
 */
const PIECE = 1 << 16;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * GETs `url` and reads its body as it arrives, in the given format (or the one its envelope
 * shows, with `auto`): yields the page's offers in batches as their items come in, then a last
 * batch with the answer's final total. Throws a `WallError` for what failed (after retries); once
 * a batch has been handed on, a failure is thrown as it is, without retrying.
 */
export async function* streamFeed(url: string, options: StreamFeedOptions): AsyncGenerator<FeedBatch> {
  const { signal, timeout, format } = options;
  const delays = options.retryDelays ?? RETRY_DELAYS;
  for (let retry = 0; ; retry++) {
    let skip = options.skip ?? 0;
    let handed = false;
    const controller = new AbortController();
    const aborted = controller.signal;
    const timer = setTimeout(
      () => controller.abort(new WallError('timeout', `The offers endpoint did not answer within ${timeout} ms.`)),
      timeout,
    );
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    // A failure of the network, or the abort (time limit, caller) that caused it.
    const failed = (error: unknown, what: string) =>
      aborted.aborted ? aborted.reason : new WallError('network', `${what} (${(error as Error).message || 'network error'}).`);
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    // The dialect's readiness to read offers: a format known from the start is made ready while
    // the request is in flight, else once the answer shows it. A failure is met when the first
    // offers are read (there may be none).
    let ready: Promise<unknown> | undefined;
    const prepare = (known: FeedFormat) => void (ready = options.prepare?.(known))?.catch(() => {});
    if (format !== 'auto') prepare(format);
    try {
      let response: Response;
      try {
        response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: aborted });
      } catch (error) {
        throw failed(error, 'The offers endpoint could not be reached');
      }
      if (!response.ok) {
        // The body of an error answer is not read: it is not ours to show.
        void response.body?.cancel().catch(() => undefined);
        throw new WallError('http', `The offers endpoint answered HTTP ${response.status}.`, response.status);
      }
      // No body at all (a 204) reads as an empty one: not JSON.
      reader = (response.body ?? new Blob().stream()).getReader();
      const decoder = new TextDecoder();
      const now = Date.now();
      // The list of offers being read, once its dialect has accepted the envelope before it.
      let feed: { dialect: Dialect; list: string } | undefined;
      let texts: string[] = [];
      const json = new JsonFeedReader(
        format === 'auto' ? DIALECTS.flatMap((d) => d.lists) : dialectFor(format).lists,
        (text, path) => {
          if (path !== feed?.list) return;
          if (skip) skip--;
          else texts.push(text);
        },
        // The envelope so far (`c`, `tot`, …) must already be a feed; what follows the list is
        // checked at the end. Only the first list is read, as `open()` reads one.
        (path) => {
          if (feed) return;
          feed = { dialect: openFeed(json.body, format).dialect, list: path };
          if (format === 'auto') prepare(feed.dialect.format);
        },
      );
      // The body is read as fast as it comes, whatever the caller's pace (it may wait for paints
      // between batches): the time limit is the network's, the page's own work does not count.
      const arrived: string[] = [];
      let end: unknown; // true once the body is complete, or why it broke off
      let wake = () => {};
      void (async () => {
        try {
          for (let done = false; !done; wake()) {
            const chunk = await reader.read();
            done = chunk.done;
            arrived.push(decoder.decode(chunk.value, { stream: !done }));
          }
          clearTimeout(timer);
          end = true;
        } catch (error) {
          end = failed(error, 'The offers answer broke off');
        }
        wake();
      })();
      for (;;) {
        const text = arrived.shift();
        if (text === undefined) {
          if (end === true) break;
          if (end) throw end;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        for (let at = 0; at < text.length; at += PIECE) {
          json.push(text.slice(at, at + PIECE));
          if (!texts.length) continue;
          // One parse for the batch: quicker than one per item.
          const items = JSON.parse(`[${texts.join()}]`) as unknown[];
          texts = [];
          const { dialect } = feed!;
          await ready;
          const offers: WallOffer[] = [];
          for (const item of items) {
            const offer = dialect.adapt(item, now, options.device);
            if (offer) offers.push(offer);
          }
          handed = true;
          // The caller may take its time with it (render, let the browser paint) before the next piece.
          yield { dialect, offers, items: items.length, total: null };
        }
      }
      json.end();
      // The whole envelope: an error code or a total that came after the list.
      const { dialect, total } = openFeed(json.body, feed?.dialect.format ?? format);
      yield { dialect, offers: [], items: 0, total };
      return;
    } catch (error) {
      const failure = error instanceof SyntaxError ? new WallError('payload', 'The offers endpoint did not answer with JSON.') : error;
      // Retried only while nothing of the page has been handed on: after that, offers would show twice.
      const retryable =
        failure instanceof WallError &&
        (failure.kind === 'network' || failure.kind === 'timeout' || (failure.kind === 'http' && (failure.status ?? 0) >= 500));
      if (handed || signal.aborted || retry >= delays.length || !retryable) throw failure;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // Left early (the caller stopped reading, or a failure): the rest of the body is not wanted.
      void reader?.cancel().catch(() => undefined);
    }
    await sleep(delays[retry]!, signal);
  }
}
