/**
 * The helper processes of the proxy benchmarks, one role per process so that no two of them share
 * an event loop (or a core's worth of time) with each other or with the load generator:
 *   upstream           the mock upstream (demo/upstream.ts)
 *   bare <body-file>   a bare node:http server answering the bytes in <body-file>, with the
 *                      proxy's content type: the floor the proxy is measured against
 * Prints one JSON line `{"url": …}` once listening, then runs until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockUpstream } from '../demo/upstream.js';

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
} else {
  throw new Error(`unknown role ${role}: upstream | bare <body-file>`);
}
console.log(JSON.stringify({ url }));
process.on('SIGTERM', () => process.exit(0));
