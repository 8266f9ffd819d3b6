/**
 * The program's log: one JSON line per request and per lifecycle event, on stdout, filtered by
 * level (`OFFER_WALL_LOG_LEVEL`). Lines are batched and written every 25 ms (or per 16 KB, and
 * at exit): stdout to a file or a pipe is a synchronous write on Linux, and a write per request
 * cost more than the rest of a cached answer. Hand-written rather than pino because it measured cheaper
 * for these fixed fields (`scripts/bench-log.ts`: ~0.6 µs a line against ~2.8 µs through pino).
 */
import type { RequestLogEntry } from './http.js';

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { info: 30, warn: 40, error: 50, silent: Infinity };
const FLUSH_AT = 16 * 1024;
const FLUSH_AFTER_MS = 25;

export interface LogWriter {
  /** For the handler's `log` option; undefined when no request would be logged at this level. */
  request: ((line: string, entry: RequestLogEntry) => void) | undefined;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Writes what is buffered now (before the process exits). */
  flush(): void;
}

export function createLogWriter(level: LogLevel, out: { write(chunk: string): unknown } = process.stdout): LogWriter {
  const least = RANK[level];
  let buffer = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    out.write(chunk);
  };
  /** `fields` is a JSON object's text; the level and time go in front of its fields. */
  const emit = (at: Exclude<LogLevel, 'silent'>, fields: string) => {
    if (RANK[at] < least) return;
    buffer += `{"level":"${at}","time":${Date.now()},${fields.slice(1)}\n`;
    if (buffer.length >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = true;
      // Unref'd: a pending flush must not keep a stopping process alive (it flushes at exit).
      setTimeout(flush, FLUSH_AFTER_MS).unref();
    }
  };
  const message = (at: Exclude<LogLevel, 'silent'>) => (text: string) => emit(at, `{"msg":${JSON.stringify(text)}}`);
  return {
    // Upstream failures (5xx) are warnings; every other answer is info.
    request: least <= RANK.warn ? (line, entry) => emit(entry.status >= 500 ? 'warn' : 'info', line) : undefined,
    info: message('info'),
    warn: message('warn'),
    error: message('error'),
    flush,
  };
}

/** An error in one line: its kind, its code when it has one (a database's), its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
