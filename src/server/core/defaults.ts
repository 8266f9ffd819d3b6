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
  /**
   * The memory answers may take: being read from the upstream, in the cache, and being written to
   * clients, together. With Node and the code (about 60 MB) and what the collector has not yet
   * returned, the process stays well within a 512 MB container (BENCHMARKS.md).
   */
  maxMemoryBytes: 192 * MiB,
  /** Keep-alive connections to the upstream (Node runner): upstream calls running at once. */
  upstreamConnections: 256,
  /** Milliseconds a client has to read its whole answer (Node runner). */
  responseTimeoutMs: 60_000,
  /**
   * Milliseconds the requests in flight get to finish on SIGTERM (at least the upstream time limit
   * and 2 s more to write the answers); what is still unanswered then gets 503.
   */
  shutdownGraceMs: 10_000,
  port: 8787,
  host: '127.0.0.1',
} as const;
