/**
 * The helper processes of the proxy benchmarks, one role per process so that no two of them share
 * an event loop (or a core's worth of time) with each other or with the load generator:
 *   upstream           the mock upstream (demo/upstream.ts)
 *   bare <body-file>   a bare node:http server answering the bytes in <body-file>, with the
 *                      proxy's content type: the floor the proxy is measured against
 *   streaming-upstream <ms>   an s2s upstream that answers `page_size` offers of the wall's
 *                      benchmark feed (`bench-feed.ts`) in 16 KB pieces: at /fast/s2s as fast as
 *                      the connection takes them, at /slow/s2s one piece every <ms> milliseconds
 * Prints one JSON line `{"url": …}` once listening, then runs until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockUpstream } from '../demo/upstream.js';
import { benchFeed } from './bench-feed.js';

export const BENCH_APP_ID = 'bench-app-id';

const [role, arg] = process.argv.slice(2);
let url: string;
if (role === 'upstream') {
  url = (await startMockUpstream({ appId: BENCH_APP_ID })).url;
} else if (role === 'bare') {
  const body = readFileSync(arg!);
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
} else if (role === 'streaming-upstream') {
  const pieceMs = Number(arg ?? 20);
  const server: Server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://upstream').searchParams;
    if (query.get('app_id') !== BENCH_APP_ID) return void res.writeHead(401).end();
    const body = Buffer.from(benchFeed(Number(query.get('page_size') ?? 20)));
    const slow = req.url?.startsWith('/slow/');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    let at = 0;
    const next = () => {
      if (at >= body.length || res.destroyed) return void res.end();
      const piece = body.subarray(at, (at += 16 * 1024));
      // Fast: the next piece once the socket has taken this one; slow: on a clock.
      if (slow) res.write(piece), setTimeout(next, pieceMs);
      else if (res.write(piece)) setImmediate(next);
      else res.once('drain', next);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
} else {
  throw new Error(`unknown role ${role}: upstream | bare <body-file> | streaming-upstream <ms>`);
}
console.log(JSON.stringify({ url }));
process.on('SIGTERM', () => process.exit(0));
