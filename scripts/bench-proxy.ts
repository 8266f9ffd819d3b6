/**
 * `npm run bench:proxy`: the reference proxy's cached path against a bare node:http server that
 * answers the same bytes, loaded by autocannon (50 connections, loopback). Each server runs in a
 * process of its own (the proxy is the real `offer-wall-proxy` program), autocannon runs here, and
 * the targets take turns, in an order that alternates round by round, so that both see the same
 * machine (this one is shared, and its load comes and goes). Prints the medians of the rounds and,
 * for each target, how busy the server and the load generator were: a server well below a core
 * while autocannon is near one would mean the generator, not the server, is what saturates.
 *
 * The load generator is pinned to one core and every server to the other (BENCH_PIN, default
 * "1:0"; "off" to not pin), so that neither takes the other's core: on this two-core machine that
 * is the fairest split, and the autocannon CPU column says whether the generator saturated.
 *
 * Environment: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_CONNECTIONS (50), BENCH_PIPELINING (1),
 * BENCH_PIN ("1:0": autocannon's CPUs, then the servers'),
 * BENCH_TARGETS (bare,proxy,proxy-logs; also bare-again, an A/A control, bare-headers, the same
 * bytes with the proxy's headers, and other, the build at
 * BENCH_OTHER_CLI), BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof"), BENCH_PROXY_CLI (another build's
 * cli.js instead of this one's).
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { children, cpuSeconds, pin, startProgram, startRole } from './bench-processes.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const PIPELINING = Number(process.env['BENCH_PIPELINING'] ?? 1);
const [LOADER_CPUS, SERVER_CPUS] = (process.env['BENCH_PIN'] ?? '1:0').split(':') as [string, string | undefined];
const PINNED = LOADER_CPUS !== 'off' && SERVER_CPUS !== undefined && pin(process.pid, LOADER_CPUS);
const WANTED = (process.env['BENCH_TARGETS'] ?? 'bare,proxy,proxy-logs').split(',');
const SERVER_NODE_ARGS = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const QUERY = '/offers?os=android&page=1&page_size=20&country=US';
const APP_ID = 'bench-app-id';

const work = mkdtempSync(join(tmpdir(), 'offer-wall-bench-'));

/** Starts a role of bench-servers.js with the servers' node arguments. */
const helper = (...args: string[]) => startRole(args, SERVER_NODE_ARGS);

/** Runs the offer-wall-proxy program (this build's, or BENCH_PROXY_CLI's) with its stdout going to `stdout` (a file, or /dev/null). */
const proxy = (upstream: string, env: Record<string, string>, stdout: string, cli = process.env['BENCH_PROXY_CLI']) =>
  startProgram({
    env: { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: `${upstream}/s2s`, OFFER_WALL_APP_ID: APP_ID, OFFER_WALL_CACHE_S: '3600', ...env },
    stdout,
    nodeArgs: SERVER_NODE_ARGS,
    ...(cli ? { cli } : {}),
    cwd: work,
  });

interface Round {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  serverCpu: number;
  loaderCpu: number;
  /** Server CPU time per answered request, µs: what contention on a shared machine distorts least. */
  cpuPerRequest: number;
}

async function round(url: string, pid: number, seconds: number): Promise<Round> {
  const server0 = cpuSeconds(pid);
  const loader0 = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({ url: url + QUERY, connections: CONNECTIONS, pipelining: PIPELINING, duration: seconds });
  const wall = (performance.now() - started) / 1000;
  const loader = process.cpuUsage(loader0);
  const serverSeconds = cpuSeconds(pid) - server0;
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    serverCpu: serverSeconds / wall,
    loaderCpu: (loader.user + loader.system) / 1e6 / wall,
    cpuPerRequest: (serverSeconds * 1e6) / result.requests.total,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  const upstream = await helper('upstream');
  const logFile = join(work, 'proxy.log');
  const quiet = await proxy(upstream.url, { OFFER_WALL_LOG_LEVEL: 'silent' }, '/dev/null');
  const first = await fetch(quiet.url + QUERY);
  const body = Buffer.from(await first.arrayBuffer());
  const proxyHeaders = [...first.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)).flat();
  writeFileSync(join(work, 'body.json'), body);
  const bare = await helper('bare', join(work, 'body.json'));
  const bareBody = Buffer.from(await (await fetch(bare.url + QUERY)).arrayBuffer());
  if (!body.equals(bareBody) || body.length < 1000) throw new Error('the bare server does not answer the proxy bytes');

  const all: Array<{ name: string; key: string; start: () => Promise<{ url: string; child: ChildProcess }> }> = [
    { name: 'bare node:http, same bytes', key: 'bare', start: async () => bare },
    // A/A control (not run by default): a second bare server, to see how far the machine alone
    // moves the ratio.
    { name: 'bare node:http, a second process', key: 'bare-again', start: async () => helper('bare', join(work, 'body.json')) },
    // The same bytes with the proxy's own headers (Vary, Cache-Control, X-Offer-Wall-Cache, nosniff):
    // how much of the difference is the longer head rather than the proxy's code.
    { name: 'bare node:http, the proxy’s headers too', key: 'bare-headers', start: async () => helper('bare', join(work, 'body.json'), JSON.stringify(proxyHeaders)) },
    { name: 'proxy, cached, logs off', key: 'proxy', start: async () => quiet },
    // Another build of the program in the same rounds (BENCH_OTHER_CLI: its cli.js), to compare builds.
    {
      name: `other build (${process.env['BENCH_OTHER_CLI'] ?? 'BENCH_OTHER_CLI unset'}), cached, logs off`,
      key: 'other',
      start: () => proxy(upstream.url, { OFFER_WALL_LOG_LEVEL: 'silent' }, '/dev/null', process.env['BENCH_OTHER_CLI']),
    },
    {
      name: 'proxy, cached, logs on (stdout to a file)',
      key: 'proxy-logs',
      start: () => proxy(upstream.url, {}, logFile),
    },
  ];
  const targets = [];
  for (const target of all.filter((t) => WANTED.includes(t.key))) {
    const { url, child } = await target.start();
    if (PINNED) pin(child.pid!, SERVER_CPUS!);
    await round(url, child.pid!, 1); // warm-up: JIT, the cache, connections
    targets.push({ ...target, url, pid: child.pid!, rounds: [] as Round[] });
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...targets].reverse() : targets;
    for (const target of order) target.rounds.push(await round(target.url, target.pid, SECONDS));
  }

  const load = cpus().length;
  console.log(
    `offer-wall proxy benchmark: autocannon, ${CONNECTIONS} connections, pipelining ${PIPELINING}, ${SECONDS} s a round, ${ROUNDS} alternating rounds, loopback; ` +
      (PINNED ? `autocannon pinned to CPU ${LOADER_CPUS}, each server to CPU ${SERVER_CPUS}` : 'not pinned'),
  );
  console.log(`machine: ${load} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; answer ${body.length} bytes (${QUERY})`);
  console.log('');
  console.log('| server | req/s, median (min–max) | p50 ms | p99 ms | failures | server CPU | server CPU µs/req | autocannon CPU |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of targets) {
    const rps = t.rounds.map((x) => x.rps);
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    console.log(
      `| ${t.name} | ${median(rps).toFixed(0)} (${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)}) | ` +
        `${median(t.rounds.map((x) => x.p50))} | ${median(t.rounds.map((x) => x.p99))} | ${t.rounds.reduce((s, x) => s + x.failures, 0)} | ` +
        `${pct(median(t.rounds.map((x) => x.serverCpu)))} | ${median(t.rounds.map((x) => x.cpuPerRequest)).toFixed(0)} | ${pct(median(t.rounds.map((x) => x.loaderCpu)))} |`,
    );
  }
  const bareTarget = targets.find((t) => t.key === 'bare');
  console.log('');
  for (const t of targets) {
    if (!bareTarget || t === bareTarget) continue;
    // Each round's ratio pairs the two targets measured back to back, under the same load.
    const ratios = t.rounds.map((x, i) => x.rps / bareTarget.rounds[i]!.rps);
    const p99s = t.rounds.map((x, i) => x.p99 / Math.max(1, bareTarget.rounds[i]!.p99));
    console.log(
      `${t.name} / bare: ${median(ratios).toFixed(2)}× the requests (rounds: ${ratios.map((x) => x.toFixed(2)).join(', ')}); ` +
        `p99 ${median(p99s).toFixed(2)}× (rounds: ${p99s.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }
  if (WANTED.includes('proxy-logs')) {
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    console.log(`log file: ${lines.length} lines, ${(statSync(logFile).size / 1e6).toFixed(1)} MB; last: ${lines.at(-1)}`);
  }
  if (targets.some((t) => t.rounds.some((x) => x.failures > 0))) process.exitCode = 1;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(work, { recursive: true, force: true });
}
