/**
 * Delivers the ledger's webhook events (its outbox, `store.ts`) to the publisher's own server:
 * each event is POSTed as JSON with `Offer-Wall-Signature` (`rewards/tokens.ts`) until it is
 * answered 2xx, at least once, across restarts (the events are rows), never twice at once by two
 * instances (an event is claimed for longer than an attempt can take), one user's events in the
 * order they happened. Between attempts, pauses that double (2 s, 4 s … up to an hour) with a
 * random half taken off each, so that many failing events do not come back together; an event
 * still refused after `giveUpHours` is parked. Runtime-neutral; the Node runner keeps a worker
 * going, other runtimes call `deliverWebhooks()` from a scheduled job.
 */
import type { Ledger } from '../ledger/ledger.js';
import { signWebhook } from '../tokens.js';
import { claimNext, completeEvent, retryEvent, type OutboxEvent } from './store.js';

export interface WebhookOptions {
  /** OFFER_WALL_WEBHOOK_URL */
  url: string;
  /** OFFER_WALL_WEBHOOK_SECRET */
  secret: string;
  fetch?: typeof fetch;
  /** Milliseconds one delivery may take. Default 10,000. */
  timeoutMs?: number;
  /** Hours an event may be refused before it is parked (OFFER_WALL_WEBHOOK_GIVE_UP_H). Default 72. */
  giveUpHours?: number;
  /** Deliveries at once (each for a different user). Default 4. */
  concurrency?: number;
  /** Seconds before the next attempt after `attempts` failed ones. Default `retryDelay`. */
  backoff?: (attempts: number) => number;
  /** Told of every attempt's outcome (for metrics and the log). */
  onAttempt?: (outcome: 'delivered' | 'failed' | 'parked', event: OutboxEvent, problem: string | null) => void;
}

export const DEFAULT_GIVE_UP_HOURS = 72;

/** Seconds before attempt `attempts + 1`: 2 s doubling, at most an hour, less a random part of up to half. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3600, 2 * 2 ** Math.min(attempts, 11));
  return Math.max(1, Math.round(base / 2 + (base / 2) * random()));
}

/** One attempt at one event: null when delivered, else why not. */
async function send(event: OutboxEvent, options: WebhookOptions, timeoutMs: number): Promise<string | null> {
  const post = options.fetch ?? ((input, init) => fetch(input, init));
  try {
    const response = await post(options.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Offer-Wall-Signature': await signWebhook(event.body, options.secret) },
      body: event.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    void response.body?.cancel().catch(() => {});
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
  }
}

/** One delivery run: every event due now. Returns how many were delivered, failed and parked. */
export async function deliverWebhooks(ledger: Ledger, options: WebhookOptions): Promise<{ delivered: number; failed: number; parked: number }> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const giveUp = options.giveUpHours ?? DEFAULT_GIVE_UP_HOURS;
  // Claimed for longer than an attempt can take: no other instance sends it meanwhile.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 30;
  const counts = { delivered: 0, failed: 0, parked: 0 };
  const lane = async () => {
    for (;;) {
      const event = await claimNext(ledger.db, leaseSeconds);
      if (!event) return;
      const problem = await send(event, options, timeoutMs);
      if (problem === null) {
        await completeEvent(ledger.db, event);
        counts.delivered++;
        options.onAttempt?.('delivered', event, null);
      } else if (await retryEvent(ledger.db, event, (options.backoff ?? retryDelay)(event.attempts), problem, giveUp)) {
        counts.parked++;
        options.onAttempt?.('parked', event, problem);
      } else {
        counts.failed++;
        options.onAttempt?.('failed', event, problem);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, lane));
  return counts;
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
