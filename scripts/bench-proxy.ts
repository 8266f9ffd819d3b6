/**
 * `npm run bench:proxy`: a bounded load over loopback (3,000 requests, 50 at a time, per run) on
 * the reference proxy and, in the same run, on a bare node:http server answering the same bytes.
 * Prints requests per second and p50/p99 latency for each, medians over several runs, and the
 * proxy's share of the bare server's throughput.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const REQUESTS = 3000;
const CONCURRENCY = 50;
const RUNS = 5;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

/** GETs `url`; resolves with the status, or 0 when the body is not the whole answer. */
function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes > 1000 ? (res.statusCode ?? 0) : 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(base: string, path: (i: number) => string): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        const status = await get(agent, new URL(path(i), base)).catch(() => 0);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status !== 200) failures++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { rps: REQUESTS / seconds, p50: pct(50), p99: pct(99), failures };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const serversScript = fileURLToPath(new URL('./bench-servers.js', import.meta.url));
const servers = spawn(process.execPath, [serversScript], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise<{ query: string; bytes: number; bare: string; proxy: string; proxyNoCache: string }>((resolve) => {
  let out = '';
  servers.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
  });
});

try {
  const targets: Array<[string, string, (i: number) => string]> = [
    ['bare node:http, same bytes', info.bare, () => info.query],
    ['proxy, cached answer', info.proxy, () => info.query],
    // A distinct country-less query per request: every one goes upstream (no cache, no coalescing).
    ['proxy, upstream every request', info.proxyNoCache, (i) => `/offers?os=android&page=1&page_size=20&thirdparty_id=u${i}`],
  ];
  for (const [, base, path] of targets) await load(base, path); // warm-up
  const results = new Map<string, Run[]>(targets.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so that neither side always runs first (warmer or colder machine).
    const order = run % 2 ? [...targets].reverse() : targets;
    for (const [name, base, path] of order) results.get(name)!.push(await load(base, path));
  }

  console.log(`offer-wall proxy benchmark: ${REQUESTS} requests, ${CONCURRENCY} at a time, loopback, median of ${RUNS} runs`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; answer ${info.bytes} bytes (${info.query})`);
  console.log('');
  console.log('| server | requests/s | p50 ms | p99 ms | failures |');
  console.log('|---|---:|---:|---:|---:|');
  const summary = new Map<string, Run>();
  for (const [name] of targets) {
    const runs = results.get(name)!;
    const row = {
      rps: median(runs.map((r) => r.rps)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      failures: runs.reduce((sum, r) => sum + r.failures, 0),
    };
    summary.set(name, row);
    console.log(`| ${name} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.failures} |`);
  }
  const bare = summary.get(targets[0]![0])!;
  const proxy = summary.get(targets[1]![0])!;
  console.log('');
  console.log(`proxy (cached) / bare node:http: ${(proxy.rps / bare.rps).toFixed(2)}× the throughput, ${(proxy.p50 / bare.p50).toFixed(2)}× the p50 latency`);
  if ([...summary.values()].some((r) => r.failures > 0)) process.exitCode = 1;
} finally {
  servers.kill('SIGTERM');
}
