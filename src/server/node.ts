/**
 * Runs the handler on Node's http server. It calls the handler's core (`createOfferWallCore`, the
 * same code the fetch handler wraps) with what Node already parsed, and writes the core's status,
 * headers and bytes as they are: no Request, Response or Headers object is built per request
 * (that bridge cost more than the proxy's own work; see BENCHMARKS.md). Adds the client's address
 * and a graceful stop that lets requests in flight finish.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOfferWallCore, type ProxyOptions, type ProxyResponse } from './handler.js';

export interface RunningServer {
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  /** Stops taking connections and resolves once requests in flight have finished. */
  close(): Promise<void>;
}

const INTERNAL_ERROR = Buffer.from('{"error":{"code":"internal","message":"The proxy failed to answer."}}');

/** A fetch Request for a custom `clientAddress(request)`, which may read any header. */
function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`, { method: incoming.method ?? 'GET', headers });
}

export async function startServer(options: ProxyOptions, port = 8787, host = '127.0.0.1'): Promise<RunningServer> {
  const core = createOfferWallCore(options);
  const customAddress = options.clientAddress;
  let closing = false;

  const write = (res: ServerResponse, answer: ProxyResponse) => {
    if (res.destroyed) return;
    // While stopping, no connection is kept for another request: each closes after its answer.
    if (closing) res.shouldKeepAlive = false;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
  };
  const fail = (res: ServerResponse, error: unknown) => {
    console.error(`offer-wall proxy: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent || res.destroyed) return void res.destroy();
    res.writeHead(500, ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(INTERNAL_ERROR.length), 'Cache-Control', 'no-store']);
    res.end(INTERNAL_ERROR);
  };

  const server = createServer((req, res) => {
    let answer: ProxyResponse | Promise<ProxyResponse>;
    try {
      answer = core({
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        origin: req.headers.origin ?? null,
        // The server speaks plain http; a TLS terminator in front forwards to it as such.
        selfOrigin: () => `http://${req.headers.host ?? ''}`,
        clientAddress: customAddress
          ? () => customAddress(toRequest(req), { clientAddress: req.socket.remoteAddress ?? null })
          : () => req.socket.remoteAddress ?? null,
      });
    } catch (error) {
      return fail(res, error);
    }
    if (answer instanceof Promise) answer.then((a) => write(res, a), (error: unknown) => fail(res, error));
    else write(res, answer);
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
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open; busy ones close after their answer.
        server.closeIdleConnections();
      }),
  };
}
