/**
 * Fetching a feed page from the publisher's endpoint: one time limit per attempt, retries with
 * backoff for failures that may pass (network, time-outs, 5xx), none for those that will not
 * (4xx, a body that is not JSON). Everything honours the caller's `AbortSignal`; an abort rejects
 * with the signal's reason, never with a `WallError`.
 */
import { WallError } from './types.js';

export interface FetchFeedOptions {
  /** Aborts the whole load, retries included. */
  signal: AbortSignal;
  /** Milliseconds one attempt may take, body included. */
  timeout: number;
  /** Pauses before each retry; its length is the number of retries. */
  retryDelays?: readonly number[];
}

/**
 * Two retries, about two seconds in all (CONTRACT section 6). The one schedule every wall uses
 * unless a call passes its own; the tests shorten it in place rather than wait through it.
 */
export const RETRY_DELAYS: number[] = [500, 1500];

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

function isRetryable(error: unknown): boolean {
  return (
    error instanceof WallError &&
    (error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'http' && (error.status ?? 0) >= 500))
  );
}

async function attempt(url: string, signal: AbortSignal, timeout: number): Promise<unknown> {
  const controller = new AbortController();
  const timedOut = new WallError('timeout', `The offers endpoint did not answer within ${timeout} ms.`);
  const timer = setTimeout(() => controller.abort(timedOut), timeout);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new WallError('network', `The offers endpoint could not be reached (${(error as Error).message || 'network error'}).`);
    }
    if (!response.ok) {
      // The body of an error answer is not read: it is not ours to show.
      void response.body?.cancel().catch(() => undefined);
      throw new WallError('http', `The offers endpoint answered HTTP ${response.status}.`, response.status);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new WallError('network', `The offers answer was cut off (${(error as Error).message || 'network error'}).`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new WallError('payload', 'The offers endpoint did not answer with JSON.');
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** GETs `url` and decodes its JSON body, retrying what may pass. */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<unknown> {
  const delays = options.retryDelays ?? RETRY_DELAYS;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(url, options.signal, options.timeout);
    } catch (error) {
      if (options.signal.aborted || retry >= delays.length || !isRetryable(error)) throw error;
      await sleep(delays[retry]!, options.signal);
    }
  }
}
