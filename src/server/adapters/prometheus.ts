/**
 * The program's metrics in Prometheus' text format, from prom-client (Node only: it reads the
 * process's own figures too). What each feature counts is `core/metrics.ts`; the webhook's backlog
 * and parked events are read from the ledger when scraped.
 */
import client from 'prom-client';
import type { Metrics, MetricsEndpoint } from '../core/metrics.js';

export function prometheusMetrics(options: {
  allowed: MetricsEndpoint['allowed'];
  /** The webhook's events waiting and parked, asked at each scrape (null without rewards). */
  outbox?: (() => Promise<{ backlog: number; parked: number }>) | null;
}): MetricsEndpoint {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'offer_wall_process_' });
  const postbacks = new client.Counter({
    name: 'offer_wall_postbacks_total',
    help: 'Postbacks received, by profile and verdict (credited, repeat, reversed, refused, ignored, failed) and why refused',
    labelNames: ['profile', 'verdict', 'reason'] as const,
    registers: [registry],
  });
  const webhook = new client.Counter({
    name: 'offer_wall_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (delivered, failed, parked)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const upstreamCalls = new client.Counter({ name: 'offer_wall_upstream_calls_total', help: 'Upstream calls, by HTTP status or what stopped them', labelNames: ['status'] as const, registers: [registry] });
  const upstreamSeconds = new client.Histogram({
    name: 'offer_wall_upstream_seconds',
    help: 'Upstream calls, seconds to their end',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [registry],
  });
  // Counted in plain numbers and handed to prom-client when scraped: this is counted on every
  // offers request, a cache hit included, and prom-client's `inc` (the labels hashed and checked,
  // a result object made) cost more than the rest of a hit's own work (BENCHMARKS.md).
  const cacheCounts = { hit: 0, miss: 0, coalesced: 0 };
  new client.Counter({
    name: 'offer_wall_cache_total',
    help: 'Offers requests, by how the cache answered (hit, miss, coalesced)',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      for (const result of ['hit', 'miss', 'coalesced'] as const) {
        if (cacheCounts[result] === 0) continue;
        this.inc({ result }, cacheCounts[result]);
        cacheCounts[result] = 0;
      }
    },
  });
  const shed = new client.Counter({ name: 'offer_wall_shed_total', help: 'Requests refused (503) to stay within a bound, by bound', labelNames: ['reason'] as const, registers: [registry] });
  const ledger = new client.Histogram({
    name: 'offer_wall_ledger_seconds',
    help: 'Ledger operations, seconds',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const outbox = options.outbox;
  if (outbox) {
    let counts: Promise<{ backlog: number; parked: number }> | null = null;
    // One query per scrape for both gauges.
    const read = () => (counts ??= outbox().finally(() => setTimeout(() => (counts = null), 0)));
    new client.Gauge({
      name: 'offer_wall_webhook_backlog',
      help: 'Webhook events not yet delivered (parked ones aside)',
      registers: [registry],
      async collect() {
        this.set((await read()).backlog);
      },
    });
    new client.Gauge({
      name: 'offer_wall_webhook_parked',
      help: 'Webhook events parked after giving up (offer-wall-proxy ledger parked)',
      registers: [registry],
      async collect() {
        this.set((await read()).parked);
      },
    });
  }
  const metrics: Metrics = {
    postback: (profile, verdict, reason) => postbacks.inc({ profile, verdict, reason: reason ?? '' }),
    webhook: (outcome) => webhook.inc({ outcome }),
    upstream: (status, seconds) => {
      upstreamCalls.inc({ status });
      upstreamSeconds.observe(seconds);
    },
    cache: (result) => void cacheCounts[result]++,
    shed: (reason) => shed.inc({ reason }),
    ledger: (operation, seconds) => ledger.observe({ operation }, seconds),
  };
  return {
    metrics,
    allowed: options.allowed,
    render: async () => ({ body: await registry.metrics(), type: registry.contentType }),
  };
}
