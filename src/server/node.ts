/**
 * Runs the fetch handler on Node's http server. @hono/node-server does the Node ↔ fetch bridging
 * (requests, streamed responses, aborted connections); this file adds the client's address and a
 * graceful stop that lets requests in flight finish. Like the adapter's own `serve()`, it puts the
 * adapter's lightweight Request/Response in place of the globals.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createOfferWallHandler, type ProxyOptions } from './handler.js';

export interface RunningServer {
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  /** Stops taking connections and resolves once requests in flight have finished. */
  close(): Promise<void>;
}

export async function startServer(options: ProxyOptions, port = 8787, host = '127.0.0.1'): Promise<RunningServer> {
  const handler = createOfferWallHandler(options);
  const listener = getRequestListener(
    (request, env) => handler(request, { clientAddress: env.incoming.socket.remoteAddress ?? null }),
    // The adapter's default: its light Request/Response stand in for the globals, which lets it
    // write our answers without streaming them (about twice the throughput; see BENCHMARKS.md).
    { overrideGlobalObjects: true },
  );
  let closing = false;
  const server = createServer((req, res) => {
    // While stopping, no connection is kept for another request: each one closes once its
    // response (begun before or during the stop) has been sent.
    if (closing) res.shouldKeepAlive = false;
    res.on('finish', () => closing && setImmediate(() => server.closeIdleConnections()));
    void listener(req, res);
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
        // Idle keep-alive connections would hold close() open; busy ones finish their request.
        server.closeIdleConnections();
      }),
  };
}
