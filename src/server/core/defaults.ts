/**
 * The reference backend's defaults, in one place: the handler's options fall back to them, the
 * program's environment check (`variables.ts`, `config.ts`) fills them in, and the docs' table of
 * variables is generated from the same declarations.
 */
export const MiB = 1024 * 1024;

export const DEFAULTS = {
  /** Seconds an upstream answer is reused for the same query. */
  cacheSeconds: 60,
  /** Bytes of answers the cache holds. */
  cacheMaxBytes: 64 * MiB,
  /** Milliseconds one upstream call may take, headers and body. */
  timeoutMs: 8000,
  /**
   * The largest upstream answer read. A 10,000-offer s2s page (the API's largest) measures about
   * 4.5 MB (BENCHMARKS.md); this is a few times that.
   */
  maxBodyBytes: 16 * MiB,
  /** Upstream calls running at once; as many more may wait their turn, four times over. */
  maxUpstreamCalls: 8,
  /** Bytes of whole answers being written to clients at once (Node runner); past it, 503. */
  maxPendingBytes: 128 * MiB,
  /** Milliseconds a client has to read its whole answer (Node runner). */
  responseTimeoutMs: 60_000,
  /** Milliseconds the requests in flight get to finish on SIGTERM before they are answered 503. */
  shutdownGraceMs: 5000,
  port: 8787,
  host: '127.0.0.1',
} as const;
