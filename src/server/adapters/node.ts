/**
 * The Node adapter: runs the backend on Node's http server. It calls the core
 * (`createOfferWallCore` in `app.ts`, the same code the fetch handler wraps) with what Node already parsed,
 * and writes the core's status, headers and bytes as they are: no Request, Response or Headers
 * object is built per request (that bridge cost more than the proxy's own work; see
 * BENCHMARKS.md). Around it, what only a server with sockets can bound:
 * - the client's address: the peer's, or `X-Forwarded-For` as far as `trustProxy` allows;
 * - the upstream: a pool of keep-alive connections (undici's `Agent`, `upstreamConnections` of
 *   them), so calls beyond that wait for a connection within their time limit;
 * - time: a request's headers within 10 s and the whole request within 30 s (slow senders), a
 *   whole answer read within `responseTimeoutMs` (slow readers), idle keep-alive for 5 s;
 * - memory: answers being written count in the core's memory budget (an answer shared by several
 *   clients, such as a cache hit, counts once), so while slow readers hold it, no more upstream
 *   answers are read; a streaming answer is written piece by piece as the upstream gives it;
 * - one connection cannot have more than 16 requests waiting for their answer, and so start more
 *   than 16 upstream calls at once (an answer given at once, a cache hit, does not wait); a client
 *   that leaves gives up its calls (unless others share them);
 * - a graceful stop: idle connections and half-sent requests are closed at once, every request
 *   already received is answered (upstream calls run to their time limit), each connection is
 *   closed once its answers are written, and what is still running after `shutdownGraceMs` is
 *   answered 503.
 */
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { createOfferWallCore, type ProxyOptions } from '../app.js';
import { DEFAULTS } from '../core/defaults.js';
import type { ProxyResponse } from '../core/http.js';
import { NodeRequest, type AddressRule } from './node-request.js';

export interface NodeServerOptions extends ProxyOptions {
  /** Milliseconds a client has to read its whole answer. Default 60,000. */
  responseTimeoutMs?: number;
  /**
   * Keep-alive connections to the upstream, and so upstream calls running at once; more wait for
   * a connection within their time limit. Default 256. Not used with a `fetch` of your own.
   */
  upstreamConnections?: number;
  /**
   * Milliseconds the requests in flight get on `close()` before they are answered 503. Default
   * 10,000, and at least `timeoutMs` and 2 s more.
   */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  /**
   * Stops taking connections, closes idle ones and half-sent requests at once, and resolves once
   * every request already received has been answered (within the shutdown grace).
   */
  close(): Promise<void>;
}

/** Answers this small are written at once: they fit the socket's buffer and hold nothing of ours. */
const SMALL = 64 * 1024;

/** Requests one connection may have unanswered at once, and so upstream calls it may start (browsers send one at a time). */
const MAX_PIPELINED = 16;

const INTERNAL_ERROR = Buffer.from('{"error":{"code":"internal","message":"The proxy failed to answer."}}');
const BUSY = Buffer.from('{"error":{"code":"busy","message":"The proxy is busy; try again."}}');
const STOPPING = Buffer.from('{"error":{"code":"stopping","message":"The proxy is stopping; try again."}}');

const errorHead = (body: Buffer, retryAfter?: number) => [
  'Content-Type',
  'application/json; charset=utf-8',
  'Content-Length',
  String(body.length),
  'Cache-Control',
  'no-store',
  ...(retryAfter ? ['Retry-After', String(retryAfter)] : []),
];

/** Requests received on a connection and not yet answered, kept on its socket (no lookup per request). */
const UNANSWERED = Symbol('unanswered');
type Counted = Socket & { [UNANSWERED]?: number };

/** Settles once `res` can take more (or has gone). */
const drained = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });

export async function startServer(options: NodeServerOptions, port: number = DEFAULTS.port, host: string = DEFAULTS.host): Promise<RunningServer> {
  // The upstream's connections, kept alive and bounded in number (unless a fetch of your own is given).
  const pool = options.fetch ? null : new Agent({ connections: options.upstreamConnections ?? DEFAULTS.upstreamConnections, keepAliveTimeout: 4000 });
  const poolFetch: typeof fetch | null = pool && ((input, init) => undiciFetch(input as never, { ...(init as object), dispatcher: pool }) as unknown as Promise<Response>);
  const core = createOfferWallCore(poolFetch ? { ...options, fetch: poolFetch } : options);
  const budget = core.budget;
  const rule: AddressRule = { trust: options.trustProxy, custom: options.clientAddress };
  const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULTS.responseTimeoutMs;
  const graceMs = options.shutdownGraceMs ?? Math.max(DEFAULTS.shutdownGraceMs, (options.timeoutMs ?? DEFAULTS.timeoutMs) + 2000);
  let closing = false;

  /** The open connections, for the stop (each holds its count of requests not yet answered). */
  const connections = new Set<Counted>();
  /** Responses not yet finished, for the stop (an answer written at once is never in it). */
  const open = new Set<ServerResponse>();

  const fail = (res: ServerResponse, status: number, body: Buffer, retryAfter?: number) => {
    if (res.headersSent || res.destroyed) return void res.destroy();
    if (closing) res.shouldKeepAlive = false;
    res.writeHead(status, errorHead(body, retryAfter));
    res.end(body);
  };

  const write = (res: ServerResponse, answer: ProxyResponse) => {
    if (res.destroyed) return answer.done?.();
    // While stopping, no connection is kept for another request: each closes after its answer.
    if (closing) res.shouldKeepAlive = false;
    const { body, stream } = answer;
    // A small whole answer (a cached page of 20 offers is 11 KB) goes into the socket's buffer at
    // once and holds nothing of ours: no time limit or count needed. The cached path's CPU per
    // request went from 54-63 to 45-54 µs without them (BENCHMARKS.md).
    if (body && body.byteLength <= SMALL) {
      res.writeHead(answer.status, answer.headers);
      return void res.end(body);
    }
    // A client that takes too long to read its answer is let go, and what it held with it.
    const timer = setTimeout(() => res.destroy(), responseTimeoutMs).unref();
    // What it is written from counts in the budget until it is written (once, however many read it).
    const key = body ? body.buffer : stream;
    if (key) budget.hold(key, body ? body.byteLength : 0, true);
    res.once('close', () => {
      clearTimeout(timer);
      if (key) budget.drop(key);
    });
    res.writeHead(answer.status, answer.headers);
    if (!stream) return void res.end(body ?? undefined);
    /** While the client's socket is full: settles once it can take more (one wait, whatever the pieces written meanwhile). */
    let full: Promise<void> | null = null;
    const stop = stream.subscribe(
      // When the client's socket is full, the answer may wait for it (if it is not being kept). A
      // reader that joins late is given the pieces so far at once: they share one wait, not a
      // pair of listeners each.
      (piece) => (res.write(piece) ? undefined : (full ??= drained(res).then(() => void (full = null)))),
      (error) => {
        // A streamed answer that broke off must not end like a whole one.
        if (error) res.destroy();
        else res.end();
      },
    );
    res.once('close', () => {
      stop();
      answer.done?.();
    });
  };

  /** A response followed is over (written, or its client gone). */
  const over = (res: ServerResponse, request: NodeRequest) => {
    if (!open.delete(res)) return;
    const socket = request.socket as Counted;
    if (!res.writableFinished) request.left();
    const left = (socket[UNANSWERED] ?? 1) - 1;
    socket[UNANSWERED] = left;
    if (closing && left === 0) closeWhenWritten(socket);
  };

  /**
   * Stopping: closes a connection with no request left to answer once Node has written the
   * answers it still holds for it (answers written at once are not followed, and pipelined ones
   * wait in Node until those before them are written: the one being written is the socket's
   * `_httpMessage`, as Node's own `closeIdleConnections` reads it, and it hands the socket the
   * next one before the last one's 'close').
   */
  const closeWhenWritten = (socket: Counted) => {
    const writing = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!writing || writing.closed) return void socket.destroySoon();
    writing.once('close', () => {
      if (!socket[UNANSWERED]) closeWhenWritten(socket);
    });
  };

  /** An answer that is not written at once: followed to its end ('close'), and answered 503 if the stop's grace runs out first. */
  const follow = (res: ServerResponse, request: NodeRequest) => {
    open.add(res);
    res.once('close', () => over(res, request));
  };

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => {
    const socket = req.socket as Counted;
    const unanswered = (socket[UNANSWERED] ?? 0) + 1;
    socket[UNANSWERED] = unanswered;
    const request = new NodeRequest(req, rule);
    if (unanswered > MAX_PIPELINED) {
      follow(res, request);
      res.shouldKeepAlive = false;
      options.metrics?.metrics.shed('per connection');
      return fail(res, 503, BUSY, 1);
    }
    let answer: ProxyResponse | Promise<ProxyResponse>;
    try {
      answer = core(request);
    } catch (error) {
      console.error(`offer-wall proxy: ${(error as Error)?.stack ?? String(error)}`);
      follow(res, request);
      return fail(res, 500, INTERNAL_ERROR);
    }
    if (answer instanceof Promise) {
      follow(res, request);
      answer.then(
        (a) => write(res, a),
        (error: unknown) => {
          console.error(`offer-wall proxy: ${(error as Error)?.stack ?? String(error)}`);
          fail(res, 500, INTERNAL_ERROR);
        },
      );
      return;
    }
    const { body } = answer;
    // A small whole answer given at once (a cache hit, an error) is written at once and is then
    // answered: nothing of it is followed (no listener, no set; a hit's cost, BENCHMARKS.md). A
    // pipelined answer Node holds until those before it are written still ends the same way.
    // While stopping, every answer takes the way that closes its connection once it is written.
    if (!closing && !answer.stream && !answer.done && (body === null || body.byteLength <= SMALL) && !res.destroyed) {
      res.writeHead(answer.status, answer.headers);
      res.end(body ?? undefined);
      socket[UNANSWERED]! -= 1;
      return;
    }
    follow(res, request);
    write(res, answer);
  });
  server.on('connection', (socket: Counted) => {
    socket[UNANSWERED] = 0;
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  // A malformed request never reaches the handler: Node answers 400 and closes.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        closing = true;
        // Node's own close also destroys the connections it deems idle, among them one whose
        // last answer is ended but not yet flushed to a slow reader, whose pipelined requests
        // are read but not yet parsed: cut answers. The loop below closes each once it is written.
        server.closeIdleConnections = () => {};
        server.close(() => void (pool?.close() ?? Promise.resolve()).then(resolve, resolve));
        delete (server as Partial<Server>).closeIdleConnections;
        // Connections with no request left to answer (idle, a request's headers still arriving,
        // or answers written at once) close now, or once Node has written what it holds for them.
        for (const socket of connections) if (!socket[UNANSWERED]) closeWhenWritten(socket);
        // What still runs after the grace is answered now: 503 if nothing was sent yet.
        setTimeout(() => {
          for (const res of open) {
            options.metrics?.metrics.shed('stopping');
            fail(res, 503, STOPPING, 1);
          }
        }, graceMs).unref();
      })),
  };
}
