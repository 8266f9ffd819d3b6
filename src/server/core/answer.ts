/**
 * An answer as the core keeps it (cached answers included): status and body bytes encoded once,
 * so a hit writes the same bytes every time. Every route answers with one (`core/http.ts`'s `Exchange` writes it).
 */

export interface Answer {
  status: number;
  /** The body, encoded once: a cached answer is written as these same bytes on every hit. */
  bytes: Uint8Array<ArrayBuffer>;
  /** Machine-readable cause, for errors. */
  code: string | null;
  /** The upstream's status, when it answered. */
  upstream: number | null;
  /** What went wrong, for the log only (never sent): why the upstream could not be reached. */
  cause?: string;
  /** The body's type, when it is not JSON (a network's own postback reply). */
  type?: string;
  /** The head and response of the last hit served without per-request headers, for the same ttl. */
  hitHead?: { ttl: number; headers: string[]; response: { status: number; headers: string[]; body: Uint8Array<ArrayBuffer> } };
}

const encoder = new TextEncoder();

export function answerOf(status: number, body: string, code: string | null = null, upstream: number | null = null): Answer {
  return { status, bytes: encoder.encode(body), code, upstream };
}

/** `{"error":{"code","message",…extra}}`; the upstream's body is never part of it. */
export function jsonError(status: number, code: string, message: string, extra: Record<string, string> = {}, upstream: number | null = null): Answer {
  return answerOf(status, JSON.stringify({ error: { code, message, ...extra } }), code, upstream);
}
