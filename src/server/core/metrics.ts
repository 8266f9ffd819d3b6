/**
 * What the features count, for an operator's dashboard: postbacks by profile and verdict, webhook
 * deliveries, upstream calls by status with their latency, cache results, shed requests, ledger
 * query latency. The features call this interface; the Node program gives it Prometheus
 * (`adapters/prometheus.ts`), and without one nothing is counted.
 */
export interface Metrics {
  /** A postback answered: its profile, its verdict (credited, repeat, reversed, refused, ignored), why refused. */
  postback(profile: string, verdict: string, reason?: string | null): void;
  /** A webhook delivery attempt's outcome. */
  webhook(outcome: 'delivered' | 'failed' | 'parked'): void;
  /** An upstream call's end: its HTTP status (or what stopped it: `timeout`, `unreachable`, …) and its seconds. */
  upstream(status: string, seconds: number): void;
  /** How an offers request was answered from the cache. */
  cache(result: 'hit' | 'miss' | 'coalesced'): void;
  /** A request refused to stay within bounds (503), and which bound. */
  shed(reason: string): void;
  /** A ledger operation's seconds. */
  ledger(operation: string, seconds: number): void;
}

export const NO_METRICS: Metrics = {
  postback() {},
  webhook() {},
  upstream() {},
  cache() {},
  shed() {},
  ledger() {},
};

/** Times `work` into `record` (in seconds), whether it succeeds or fails. */
export async function timed<T>(work: () => Promise<T>, record: (seconds: number) => void): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    record((performance.now() - started) / 1000);
  }
}

/** `/metrics`: the counts in a monitoring system's text format, to the addresses allowed to read them. */
export interface MetricsEndpoint {
  metrics: Metrics;
  /** The answer's body and its content type. */
  render(): Promise<{ body: string; type: string }>;
  /** Who may read them (OFFER_WALL_METRICS_IPS). */
  allowed: { has(address: string): boolean };
}
