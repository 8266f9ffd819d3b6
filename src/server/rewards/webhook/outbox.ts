/**
 * Delivers the ledger's webhook events (its outbox) to the publisher's own server: each event is
 * POSTed as JSON with `Offer-Wall-Signature` (`rewards/tokens.ts`), until it is answered 2xx, with growing
 * pauses between attempts (2 s, 4 s, 8 s … up to an hour); at least once, across restarts (the
 * events are rows: a new process finds those not yet delivered), and never twice at once by two
 * instances (an event is leased while one delivers it). Runtime-neutral; the Node runner keeps a
 * worker going, other runtimes call `deliverWebhooks()` from a scheduled job.
 */
import type { Ledger } from '../ledger/ledger.js';
import { signWebhook } from '../tokens.js';

export interface WebhookOptions {
  /** OFFER_WALL_WEBHOOK_URL */
  url: string;
  /** OFFER_WALL_WEBHOOK_SECRET */
  secret: string;
  fetch?: typeof fetch;
  /** Milliseconds one delivery may take. Default 10,000. */
  timeoutMs?: number;
}

/** Seconds before attempt `attempts + 1`: 2 s doubling, at most an hour, with a little spread. */
export function retryDelay(attempts: number): number {
  const base = Math.min(3600, 2 * 2 ** Math.min(attempts, 11));
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

/** One delivery run: every event due now. Returns how many were delivered and how many failed. */
export async function deliverWebhooks(ledger: Ledger, options: WebhookOptions): Promise<{ delivered: number; failed: number }> {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let delivered = 0;
  let failed = 0;
  // Leased for longer than a delivery can take, so no other instance sends it meanwhile.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 30;
  for (;;) {
    const events = await ledger.claimEvents(20, leaseSeconds);
    if (!events.length) break;
    for (const event of events) {
      let problem: string | null = null;
      try {
        const response = await send(options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Offer-Wall-Signature': await signWebhook(event.body, options.secret) },
          body: event.body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        void response.body?.cancel().catch(() => {});
        if (!response.ok) problem = `HTTP ${response.status}`;
      } catch (error) {
        problem = (error as Error)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
      }
      if (problem === null) {
        await ledger.delivered(event.id);
        delivered++;
      } else {
        await ledger.failed(event.id, retryDelay(event.attempts), problem);
        failed++;
      }
    }
  }
  return { delivered, failed };
}

/**
 * Delivers what is due every `everyMs` (and at once when `nudge()` is called, after a postback).
 * `stop()` ends it after the run in progress.
 */
export function startWebhookWorker(ledger: Ledger, options: WebhookOptions & { everyMs?: number; onError?: (error: unknown) => void }) {
  const every = options.everyMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let again = false;
  const run = () => {
    clearTimeout(timer);
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverWebhooks(ledger, options)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        } else if (!stopped) timer = setTimeout(run, every);
        (timer as { unref?: () => void } | undefined)?.unref?.();
      });
  };
  run();
  return {
    nudge: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
