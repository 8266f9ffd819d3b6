/**
 * The reference backend as a standard fetch handler, `(Request) => Promise<Response>`: the same
 * code runs on Node, Deno, Bun and fetch-style edge runtimes, and this module imports nothing of
 * Node. It only translates: the Request into the core's `ProxyRequest`, the core's answer into a
 * Response (a body still arriving becomes a ReadableStream that errors if the upstream breaks off).
 */
import { createOfferWallCore, type ProxyOptions } from '../app.js';
import { clientAddress as forwardedClient } from '../core/address.js';
import type { RequestInfoLike } from '../core/http.js';

export type OfferWallHandler = (request: Request, info?: RequestInfoLike) => Promise<Response>;

/** A request's body as text, or null when it is larger than `limit` bytes (read no further). */
async function readBody(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('Content-Length')) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return null;
    }
    pieces.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return new TextDecoder().decode(bytes);
}

/** The fetch handler: the core behind a Request/Response wrapper, for any fetch-style runtime. */
export function createOfferWallHandler(options: ProxyOptions): OfferWallHandler {
  const core = createOfferWallCore(options);
  const trust = options.trustProxy;
  const clientAddressOf =
    options.clientAddress ?? ((request: Request, info?: RequestInfoLike) => forwardedClient(info?.clientAddress, request.headers.get('X-Forwarded-For'), trust));
  return async function handleOfferWallRequest(request, info) {
    const url = new URL(request.url);
    const answer = await core({
      method: request.method,
      target: url.pathname + url.search,
      origin: request.headers.get('Origin'),
      selfOrigin: () => url.origin,
      clientAddress: () => clientAddressOf(request, info),
      signal: request.signal,
      header: (name) => request.headers.get(name),
      body: (limit) => readBody(request, limit),
      urls: () => [request.url, request.url.replace(/^http:/, 'https:')],
    });
    const headers = new Headers();
    // The runtime sets Content-Length from a body itself; a HEAD answer says the GET body's.
    for (let i = 0; i < answer.headers.length; i += 2) {
      if (answer.headers[i] !== 'Content-Length' || !answer.body) headers.append(answer.headers[i]!, answer.headers[i + 1]!);
    }
    const source = answer.stream;
    if (!source) return new Response(answer.body, { status: answer.status, headers });
    let stop = () => {};
    // Settled when the reader asks for more: an answer that is not kept waits for it.
    let more: (() => void) | null = null;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stop = source.subscribe(
          (piece) => {
            controller.enqueue(piece);
            if ((controller.desiredSize ?? 1) <= 0) return new Promise<void>((resolve) => (more = resolve));
          },
          (error) => {
            // A broken answer breaks the response off: no client may take it for a whole one.
            if (error) controller.error(error);
            else controller.close();
            answer.done?.();
          },
        );
      },
      pull() {
        more?.();
        more = null;
      },
      cancel() {
        more?.();
        stop();
        answer.done?.();
      },
    });
    return new Response(body, { status: answer.status, headers });
  };
}
