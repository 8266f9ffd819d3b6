/**
 * The servers the proxy benchmark loads, in their own process so that the load generator does not
 * share their event loop: the mock upstream, the reference proxy in front of it, a second proxy
 * with caching off, and a bare node:http server that answers the proxy's cached bytes.
 * Prints one JSON line with their URLs, then runs until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../src/server/index.js';
import { startMockUpstream } from '../demo/upstream.js';

const APP_ID = 'bench-app-id';
const QUERY = '/offers?os=android&page=1&page_size=20&country=US';

const upstream = await startMockUpstream({ appId: APP_ID });
const cached = await startServer({ format: 's2s', upstream: `${upstream.url}/s2s`, appId: APP_ID, cacheSeconds: 3600 }, 0);
const uncached = await startServer({ format: 's2s', upstream: `${upstream.url}/s2s`, appId: APP_ID, cacheSeconds: 0 }, 0);

const body = Buffer.from(await (await fetch(`${cached.url}${QUERY}`)).arrayBuffer());
const bare = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    query: QUERY,
    bytes: body.length,
    bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
    proxy: cached.url,
    proxyNoCache: uncached.url,
  }),
);
process.on('SIGTERM', () => process.exit(0));
