/**
 * The helper processes of the proxy benchmarks, one role per process so that no two of them share
 * an event loop (or a core's worth of time) with each other or with the load generator:
 *   upstream           the mock upstream (demo/upstream.ts)
 *   bare <body-file> [headers]  a bare node:http server answering the bytes in <body-file>, with
 *                      the proxy's content type (or the headers given, a JSON list of names and
 *                      values): the floor the proxy is measured against
 *   faulty <mode>      an upstream that misbehaves (bench-faults.ts), counting its hits at /hits:
 *                      pages (a distinct 10,000-offer page, 4.5 MB, per query), huge (a 1 GB
 *                      body), bomb (1 GB of JSON gzipped), failing (503), slow (200 after 2 s)
 *   streaming-upstream <ms>   an s2s upstream that answers `page_size` offers of the wall's
 *                      benchmark feed (`bench-feed.ts`) in 16 KB pieces: at /fast/s2s as fast as
 *                      the connection takes them, at /slow/s2s one piece every <ms> milliseconds
 *   large <body-file>  answers every request with the bytes in <body-file>, in 16 KB pieces
 *                      without a length (the large-answer benchmark, bench-large.ts)
 * Prints one JSON line `{"url": …}` once listening, then runs until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';

/** 1 GiB of JSON (a list of spaces), gzipped to about 1 MB: more than a string can hold, so in pieces. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (piece: Buffer) => out.push(piece));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"c":0,"d":{"data":[');
  const spaces = Buffer.alloc(1024 * 1024, 32);
  for (let i = 0; i < 1024; i++) if (!gzip.write(spaces)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end(']}}');
  await done;
  return Buffer.concat(out);
}
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
  // With a third argument (a JSON list of names and values), those headers instead of its own two.
  const given = process.argv[4] ? (JSON.parse(process.argv[4]) as string[]) : null;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, given ?? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
} else if (role === 'faulty') {
  let hits = 0;
  const offer = (i: number) =>
    JSON.stringify({ id: 4_000_000_000 + i, name: `Offer ${i}: Dragon Realms`, payout: '1.25', icon: '', offer_type: 'CPI', os: 'android',
      conversion_flow: '1.Download and open the app\n2.Sign up for the app\n3.Reach level 10', countries: ['US', 'DE', 'FR'],
      tracking_link: `https://track.example.com/click?offer=${i}&sub={user_id}&cid={click_id}`, preview_url: `https://play.example.com/store/apps/details?id=com.bench.app${i}` });
  const page = (n: number) => `{"c":0,"d":{"p":${n},"tot":1000000,"n":10000,"data":[${Array.from({ length: 10_000 }, (_, i) => offer(n * 10_000 + i)).join(',')}]}}`;
  const bomb = arg === 'bomb' ? await gzipBomb() : null;
  const server: Server = createServer((req, res) => {
    if (req.url === '/hits') return void res.end(JSON.stringify({ hits }));
    hits++;
    const n = Number(new URL(req.url ?? '/', 'http://u').searchParams.get('page') ?? 1);
    switch (arg) {
      case 'pages':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(page(n));
      case 'huge': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"c":0,"d":{"data":[');
        const chunk = Buffer.from(`${offer(1)},`.repeat(200));
        let sent = 0;
        const more = () => {
          while (sent < 1024 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end('1]}}');
        };
        return more();
      }
      case 'bomb':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        return void res.end(bomb);
      case 'failing':
        res.writeHead(503);
        return void res.end('busy');
      default:
        setTimeout(() => (res.writeHead(200, { 'Content-Type': 'application/json' }), res.end('{"c":0,"d":{"data":[]}}')), 2000);
    }
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
} else if (role === 'large') {
  // The same bytes to every request, in 16 KB pieces as fast as the connection takes them, no length.
  const body = readFileSync(arg!);
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    let at = 0;
    const next = () => {
      while (at < body.length && !res.destroyed) if (!res.write(body.subarray(at, (at += 16 * 1024)))) return void res.once('drain', next);
      if (!res.destroyed) res.end();
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
} else {
  throw new Error(`unknown role ${role}: upstream | bare <body-file> | faulty <mode> | streaming-upstream <ms> | large <body-file>`);
}
console.log(JSON.stringify({ url }));
process.on('SIGTERM', () => process.exit(0));
