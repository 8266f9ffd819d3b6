/**
 * The proxy's memory while many distinct queries with large answers go through (loopback only,
 * bounded in count and time): a local upstream answers every s2s query with the same large feed
 * (about ANSWER_KB), the `offer-wall-proxy` program runs in its own process with its default
 * cache settings (or OFFER_WALL_CACHE_MAX_BYTES), and autocannon sends QUERIES distinct queries,
 * each one a cache miss that the cache then keeps. Samples the proxy's RSS every 100 ms and
 * prints its start, peak and end.
 *   node .build/node/scripts/bench-cache-rss.js [queries=100000] [answer KB=256] [max bytes]
 * Stops after RSS_MAX_SECONDS (default 300) whatever the count.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const QUERIES = Number(process.argv[2] ?? 100_000);
const ANSWER_KB = Number(process.argv[3] ?? 256);
const MAX_BYTES = process.argv[4];
const MAX_SECONDS = Number(process.env['RSS_MAX_SECONDS'] ?? 300);
const CONNECTIONS = 20;
const APP_ID = 'rss-app-id';

const offer = (id: number) => ({
  id,
  name: `Offer number ${id}`,
  payout: '1.25',
  icon: `https://cdn.example/icons/${id}.png`,
  description: 'Install and reach level 10 within seven days to earn the reward. '.repeat(3),
  countries: ['US', 'CA', 'GB'],
});
const count = Math.ceil((ANSWER_KB * 1024) / JSON.stringify(offer(1)).length);
const answer = Buffer.from(JSON.stringify({ c: 0, d: { p: 1, tot: count, n: count, data: Array.from({ length: count }, (_, i) => offer(i)) } }));

const upstream = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': answer.length });
  res.end(answer);
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/s2s`;

const port = 20_000 + Math.floor(Math.random() * 20_000);
const proxy = spawn(process.execPath, [fileURLToPath(new URL('../src/server/cli.js', import.meta.url))], {
  env: {
    PATH: process.env['PATH'] ?? '',
    OFFER_WALL_FORMAT: 's2s',
    OFFER_WALL_UPSTREAM: upstreamUrl,
    OFFER_WALL_APP_ID: APP_ID,
    OFFER_WALL_CACHE_S: '3600',
    OFFER_WALL_LOG_LEVEL: 'silent',
    PORT: String(port),
    ...(MAX_BYTES ? { OFFER_WALL_CACHE_MAX_BYTES: MAX_BYTES } : {}),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;

const rssMiB = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proxy.pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
};

try {
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (tries > 100) throw new Error('the proxy did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const start = rssMiB();
  const samples: Array<[number, number]> = [];
  const started = performance.now();
  const sampler = setInterval(() => samples.push([(performance.now() - started) / 1000, rssMiB()]), 100);
  let sent = 0;
  const run = autocannon({
    url: base,
    connections: CONNECTIONS,
    amount: QUERIES,
    timeout: 30,
    // A distinct query each time (page n): each is a miss, and each answer is one the cache keeps.
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: `/offers?os=android&country=US&page=${++sent}` }) }],
  });
  const limit = setTimeout(() => run.stop(), MAX_SECONDS * 1000);
  const result = await run;
  clearTimeout(limit);
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const peak = Math.max(...samples.map(([, rss]) => rss));
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))]!;
  console.log(`proxy RSS while ${result.requests.total} distinct queries went through (${(answer.length / 1024).toFixed(0)} KB answers, ` +
    `${CONNECTIONS} connections, cache bound ${MAX_BYTES ?? 'default (64 MiB)'}): ${seconds.toFixed(0)} s, ${result['2xx']} answered 200, ${result.non2xx + result.errors + result.timeouts} failures`);
  console.log(`  RSS: start ${start.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, end ${rssMiB().toFixed(0)} MiB`);
  console.log(`  along the run: ${[0.1, 0.25, 0.5, 0.75, 1].map((s) => { const [t, r] = at(s); return `${t.toFixed(0)} s ${r.toFixed(0)} MiB`; }).join(', ')}`);
} finally {
  proxy.kill('SIGTERM');
  upstream.close();
  upstream.closeAllConnections();
}
