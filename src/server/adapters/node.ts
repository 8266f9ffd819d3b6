/**
 * The Node adapter: runs the backend on Node's http server. It calls the core
 * (`createOfferWallCore` in `app.ts`, the same code the fetch handler wraps) with what Node already parsed,
 * and writes the core's status, headers and bytes as they are: no Request, Response or Headers
 * object is built per request (that bridge cost more than the proxy's own work; see
 * BENCHMARKS.md). Around it, what only a server with sockets can bound:
 * - the client's address: the peer's, or `X-Forwarded-For` as far as `trustProxy` allows;
 * - time: a request's headers within 10 s and the whole request within 30 s (slow senders), a
 *   whole answer read within `responseTimeoutMs` (slow readers), idle keep-alive for 5 s;
 * - memory: whole answers being written count against `maxPendingBytes` (an answer shared by
 *   several clients, such as a cache hit, counts once); past it a request is answered 503;
 *   a streaming answer is written piece by piece as the upstream gives it;
 * - one connection cannot pipeline more than a few requests at once;
 * - a graceful stop: every request already received is answered, idle connections and half-sent
 *   requests are closed at once, and whatever still runs after `shutdownGraceMs` is answered 503.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createOfferWallCore, type ProxyOptions } from '../app.js';
import { clientAddress } from '../core/address.js';
import type { BodyStream } from '../core/body-stream.js';
import { DEFAULTS } from '../core/defaults.js';
import type { ProxyResponse } from '../core/http.js';

export interface NodeServerOptions extends ProxyOptions {
  /** Milliseconds a client has to read its whole answer. Default 60,000. */
  responseTimeoutMs?: number;
  /** Bytes of whole answers being written at once; past it, 503 with `Retry-After`. Default 128 MiB. */
  maxPendingBytes?: number;
  /** Milliseconds the requests in flight get on `close()` before they are answered 503. Default 5000. */
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

/** Answers this small are written whatever the bound on bytes being written. */
const SMALL = 64 * 1024;

/** Requests one connection may have unanswered at once (browsers send one at a time). */
const MAX_PIPELINED = 8;

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

/** A request's body as text, or null when it is larger than `limit` bytes (read no further). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(null);
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    let size = 0;
    req.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else pieces.push(piece);
    });
    req.on('end', () => resolve(Buffer.concat(pieces).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** A fetch Request for a custom `clientAddress(request)`, which may read any header. */
function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url?.startsWith('/') ? incoming.url : '/'}`, {
    method: incoming.method ?? 'GET',
    headers,
  });
}

export async function startServer(options: NodeServerOptions, port: number = DEFAULTS.port, host: string = DEFAULTS.host): Promise<RunningServer> {
  const core = createOfferWallCore(options);
  const customAddress = options.clientAddress;
  const trust = options.trustProxy;
  const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULTS.responseTimeoutMs;
  const maxPendingBytes = options.maxPendingBytes ?? DEFAULTS.maxPendingBytes;
  const graceMs = options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs;
  let closing = false;

  /** Requests received on each connection and not yet answered. */
  const connections = new Map<Socket, number>();
  /** Responses not yet finished, for the stop. */
  const open = new Set<ServerResponse>();
  /**
   * Bodies being written (a whole one by its bytes, a streaming one by the pieces written so far),
   * each counted once however many clients read it.
   */
  const pending = new Map<object, { bytes: number; readers: number; stop?: () => void }>();
  let pendingBytes = 0;

  /** Counts one more reader of `body`; false when a new body would pass the bound. */
  const admit = (res: ServerResponse, body: Uint8Array | BodyStream): boolean => {
    const key = body instanceof Uint8Array ? body.buffer : body;
    let entry = pending.get(key);
    if (!entry) {
      // Small answers (errors, /healthz, a page of 20) always pass: they cost nothing worth bounding.
      // A streaming one is let in while there is room; it grows by what it reads, up to maxBodyBytes.
      const size = body instanceof Uint8Array ? body.byteLength : null;
      if (size === null ? pendingBytes >= maxPendingBytes : size > SMALL && pendingBytes + size > maxPendingBytes) return false;
      const counted = (entry = { bytes: 0, readers: 0 } as { bytes: number; readers: number; stop?: () => void });
      const add = (bytes: number) => {
        counted.bytes += bytes;
        pendingBytes += bytes;
      };
      // A streaming body counts its pieces as they come, once however many read them.
      if (body instanceof Uint8Array) add(body.byteLength);
      else counted.stop = body.subscribe((piece) => add(piece.length), () => {});
      pending.set(key, counted);
    }
    const counted = entry;
    counted.readers++;
    res.once('close', () => {
      if (--counted.readers === 0) {
        counted.stop?.();
        pending.delete(key);
        pendingBytes -= counted.bytes;
      }
    });
    return true;
  };

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
    res.once('close', () => clearTimeout(timer));
    const source = body ?? stream;
    if (source && !admit(res, source)) {
      answer.done?.();
      return fail(res, 503, BUSY, 1);
    }
    res.writeHead(answer.status, answer.headers);
    if (!stream) return void res.end(body ?? undefined);
    const stop = stream.subscribe(
      (piece) => res.write(piece),
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

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => {
    const socket = req.socket;
    const unanswered = (connections.get(socket) ?? 0) + 1;
    connections.set(socket, unanswered);
    open.add(res);
    const gone = new AbortController();
    res.once('close', () => {
      open.delete(res);
      const left = (connections.get(socket) ?? 1) - 1;
      if (connections.has(socket)) connections.set(socket, left);
      if (!res.writableFinished) gone.abort();
      if (closing && left === 0) socket.destroy();
    });
    if (unanswered > MAX_PIPELINED) {
      res.shouldKeepAlive = false;
      return fail(res, 503, BUSY, 1);
    }
    let answer: ProxyResponse | Promise<ProxyResponse>;
    try {
      const peer = () => socket.remoteAddress ?? null;
      answer = core({
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        origin: req.headers.origin ?? null,
        // The server speaks plain http; a TLS terminator in front forwards to it as such.
        selfOrigin: () => `http://${req.headers.host ?? ''}`,
        clientAddress: customAddress
          ? () => customAddress(toRequest(req), { clientAddress: peer() })
          : () => clientAddress(peer(), req.headers['x-forwarded-for'] as string | undefined, trust),
        signal: gone.signal,
        header: (name) => {
          const value = req.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : (value ?? null);
        },
        body: (limit) => readBody(req, limit),
        urls: () => {
          const target = req.url ?? '/';
          const host = req.headers.host ?? 'localhost';
          // The scheme the network used is not known behind a TLS terminator: both are tried.
          return [`https://${host}${target}`, `http://${host}${target}`];
        },
      });
    } catch (error) {
      console.error(`offer-wall proxy: ${(error as Error)?.stack ?? String(error)}`);
      return fail(res, 500, INTERNAL_ERROR);
    }
    if (answer instanceof Promise) {
      answer.then(
        (a) => write(res, a),
        (error: unknown) => {
          console.error(`offer-wall proxy: ${(error as Error)?.stack ?? String(error)}`);
          fail(res, 500, INTERNAL_ERROR);
        },
      );
    } else write(res, answer);
  });
  server.on('connection', (socket: Socket) => {
    connections.set(socket, 0);
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
        server.close(() => resolve());
        // Connections with no request received (idle, or a request's headers still arriving)
        // have nothing to be answered: they close now.
        for (const [socket, unanswered] of connections) if (unanswered === 0) socket.destroy();
        // What still runs after the grace is answered now: 503 if nothing was sent yet.
        setTimeout(() => {
          for (const res of open) fail(res, 503, STOPPING, 1);
        }, graceMs).unref();
      })),
  };
}
