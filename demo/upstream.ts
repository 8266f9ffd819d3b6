/**
 * A mock of both upstream APIs for the demo's proxy mode, the proxy's tests and its benchmark: a
 * small Node server with seed-shaped data that checks the secret like the real APIs do.
 *   GET /s2s?app_id=…&os&page&page_size&country   the s2s API
 *   GET /v2/offer  (x-publisher-token)             Appcharge
 *   GET /icons/<key>.svg                           the catalogue's icons
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appchargeCatalog, iconSvg, s2sCatalog, setIconBase } from './mocks/catalog.js';

export interface MockUpstream {
  server: Server;
  url: string;
  /** Every request received, for tests. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startMockUpstream({ port = 0, appId = 'demo-app-id', publisherToken = 'demo-publisher-token' } = {}): Promise<MockUpstream> {
  const requests: IncomingMessage[] = [];
  let s2s: Record<string, unknown>[] = [];
  let appcharge: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const url = new URL(req.url ?? '/', 'http://upstream.local');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/icons/')) {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
      res.end(iconSvg(decodeURIComponent(url.pathname.slice('/icons/'.length).replace(/\.svg$/, ''))));
    } else if (url.pathname === '/s2s') {
      if (url.searchParams.get('app_id') !== appId) return json(200, { c: 1001, msg: 'invalid app_id', d: null });
      const q = url.searchParams;
      const page = Math.max(1, Number(q.get('page') ?? 1));
      const size = Math.min(10_000, Math.max(1, Number(q.get('page_size') ?? 20)));
      const matching = s2s.filter(
        (o) => (!q.get('os') || o['os'] === q.get('os')) && (!q.get('country') || (o['countries'] as string[]).includes(q.get('country')!)),
      );
      json(200, { c: 0, d: { p: page, tot: matching.length, n: size, data: matching.slice((page - 1) * size, page * size) } });
    } else if (url.pathname === '/v2/offer') {
      if (req.headers['x-publisher-token'] !== publisherToken) return json(401, { message: 'Unauthorized' });
      const q = url.searchParams;
      const limit = Math.min(500, Number(q.get('recordLimit') ?? 100));
      const offset = Number(q.get('offset') ?? 0);
      const matching = appcharge.filter((o) => !q.get('offerType') || o['type'] === q.get('offerType'));
      json(200, { totalCount: matching.length, offers: matching.slice(offset, offset + limit) });
    } else {
      json(404, { message: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setIconBase(`${url}/icons`);
  s2s = s2sCatalog();
  appcharge = appchargeCatalog();
  return {
    server,
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
