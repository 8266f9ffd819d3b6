/**
 * `npm run bench:proxy`: the reference proxy's cached path against a bare node:http server that
 * answers the same bytes. Each server runs in a process of its own (the proxy is the real
 * `offer-wall-proxy` program) and the targets take turns, in an order that alternates round by
 * round, so that both see the same machine (this one is shared, and its load comes and goes).
 * Prints the medians of the rounds and, for each target, how busy the server and the load
 * generator were, and the machine's load average when each round started.
 *
 * The load generator is wrk (a C program, several times cheaper per request than autocannon) when
 * it is installed (`apt-get install wrk`), autocannon otherwise (BENCH_LOADER=autocannon|wrk to
 * choose). A measurement in which the generator saturates its core says nothing about the
 * servers: autocannon did, at 98-99% of its core against 58-84% for the servers (BENCHMARKS.md).
 * The generator is pinned to one core and every server to the other (BENCH_PIN, default "1:0";
 * "off" to not pin), so that neither takes the other's core, and its CPU column says whether it
 * saturated: the script warns when it used more than 90% of its core.
 *
 * Environment: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_CONNECTIONS (50), BENCH_PIPELINING (1,
 * autocannon only), BENCH_LOADER (wrk if installed), BENCH_PIN ("1:0": the generator's CPUs, then
 * the servers'), BENCH_TARGETS (bare,proxy,proxy-logs; also bare-again, an A/A control,
 * bare-headers, the same bytes with the proxy's headers, and other, the build at
 * BENCH_OTHER_CLI), BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof"), BENCH_PROXY_CLI (another build's
 * cli.js instead of this one's).
 */
import autocannon from 'autocannon';
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { children, cpuSeconds, pin, startProgram, startRole } from './bench-processes.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const PIPELINING = Number(process.env['BENCH_PIPELINING'] ?? 1);
const [LOADER_CPUS, SERVER_CPUS] = (process.env['BENCH_PIN'] ?? '1:0').split(':') as [string, string | undefined];
const PINNED = LOADER_CPUS !== 'off' && SERVER_CPUS !== undefined && pin(process.pid, LOADER_CPUS);
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its version and exits 1.
    return (error as { status?: number }).status === 1;
  }
})();
const LOADER = process.env['BENCH_LOADER'] ?? (hasWrk ? 'wrk' : 'autocannon');
if (LOADER === 'autocannon' && !process.env['BENCH_LOADER']) console.warn('wrk is not installed: autocannon instead, which may saturate its core before the servers do');
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
  /** The machine's load average (1 minute) when the round started. */
  load: number;
}

/** One round of autocannon, in this process (pinned to the generator's CPUs). */
async function autocannonRound(url: string, seconds: number): Promise<{ requests: number; seconds: number; p50: number; p99: number; failures: number; loaderSeconds: number }> {
  const loader0 = process.cpuUsage();
  const result = await autocannon({ url: url + QUERY, connections: CONNECTIONS, pipelining: PIPELINING, duration: seconds });
  const loader = process.cpuUsage(loader0);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    loaderSeconds: (loader.user + loader.system) / 1e6,
  };
}

/** wrk's duration in its own units (`812.00us`, `1.20ms`, `2.00s`), in milliseconds. */
const wrkMs = (text: string) => {
  const [, value, unit] = /([\d.]+)(us|ms|s|m)\b/.exec(text) ?? [];
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit ?? ''] ?? NaN);
};

/**
 * One round of wrk (one thread: it runs on one core), started through bash so that `times` can
 * say how much CPU wrk used (the shell's children's user and system time).
 */
async function wrkRound(url: string, seconds: number): Promise<{ requests: number; seconds: number; p50: number; p99: number; failures: number; loaderSeconds: number }> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile('bash', ['-c', `wrk -t1 -c${CONNECTIONS} -d${seconds}s --latency '${url + QUERY}' && times`], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  const line = (pattern: RegExp) => pattern.exec(out)?.[1] ?? '';
  const requests = Number(line(/(\d+) requests in/));
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const failures = Number(line(/Non-2xx or 3xx responses: (\d+)/) || 0) + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  // `times` prints the shell's own time, then its children's: `0m1.234s 0m0.567s`.
  const [user, system] = (out.trim().split('\n').at(-1) ?? '').split(' ').map((t) => {
    const [, m, s] = /(\d+)m([\d.]+)s/.exec(t) ?? [];
    return Number(m) * 60 + Number(s);
  });
  return { requests, seconds: wrkMs(line(/requests in ([\d.]+\w+)/)) / 1000, p50: wrkMs(line(/^\s+50%\s+(\S+)/m)), p99: wrkMs(line(/^\s+99%\s+(\S+)/m)), failures, loaderSeconds: user! + system! };
}

async function round(url: string, pid: number, seconds: number): Promise<Round> {
  const load = loadavg()[0]!;
  const server0 = cpuSeconds(pid);
  const started = performance.now();
  const result = LOADER === 'wrk' ? await wrkRound(url, seconds) : await autocannonRound(url, seconds);
  const wall = (performance.now() - started) / 1000;
  const serverSeconds = cpuSeconds(pid) - server0;
  return {
    rps: result.requests / result.seconds,
    p50: result.p50,
    p99: result.p99,
    failures: result.failures,
    serverCpu: serverSeconds / wall,
    loaderCpu: result.loaderSeconds / wall,
    cpuPerRequest: (serverSeconds * 1e6) / result.requests,
    load,
  };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

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
    `offer-wall proxy benchmark: ${LOADER === 'wrk' ? 'wrk (1 thread)' : `autocannon, pipelining ${PIPELINING}`}, ${CONNECTIONS} connections, ${SECONDS} s a round, ${ROUNDS} alternating rounds, loopback; ` +
      (PINNED ? `${LOADER} pinned to CPU ${LOADER_CPUS}, each server to CPU ${SERVER_CPUS}` : 'not pinned'),
  );
  console.log(`machine: ${load} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; answer ${body.length} bytes (${QUERY})`);
  console.log('');
  console.log(`| server | req/s, median (min–max) | p50 ms | p99 ms | failures | server CPU | server CPU µs/req | ${LOADER} CPU | load |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of targets) {
    const rps = t.rounds.map((x) => x.rps);
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    console.log(
      `| ${t.name} | ${median(rps).toFixed(0)} (${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)}) | ` +
        `${ms(median(t.rounds.map((x) => x.p50)))} | ${ms(median(t.rounds.map((x) => x.p99)))} | ${t.rounds.reduce((s, x) => s + x.failures, 0)} | ` +
        `${pct(median(t.rounds.map((x) => x.serverCpu)))} | ${median(t.rounds.map((x) => x.cpuPerRequest)).toFixed(1)} | ${pct(median(t.rounds.map((x) => x.loaderCpu)))} | ` +
        `${median(t.rounds.map((x) => x.load)).toFixed(1)} |`,
    );
  }
  const loaderMax = Math.max(...targets.flatMap((t) => t.rounds.map((x) => x.loaderCpu)));
  if (loaderMax > 0.9) console.log(`\nWARNING: ${LOADER} used up to ${Math.round(loaderMax * 100)}% of its core: it may be what saturated, not the server.`);
  const bareTarget = targets.find((t) => t.key === 'bare');
  console.log('');
  for (const t of targets) {
    if (!bareTarget || t === bareTarget) continue;
    // Each round's ratio pairs the two targets measured back to back, under the same load.
    const ratios = t.rounds.map((x, i) => x.rps / bareTarget.rounds[i]!.rps);
    // autocannon gives whole milliseconds (so a floor of 1), wrk microseconds.
    const p99s = t.rounds.map((x, i) => x.p99 / Math.max(LOADER === 'wrk' ? 0.001 : 1, bareTarget.rounds[i]!.p99));
    const cpus = t.rounds.map((x, i) => x.cpuPerRequest / bareTarget.rounds[i]!.cpuPerRequest);
    console.log(
      `${t.name} / bare: ${median(ratios).toFixed(2)}× the requests (rounds: ${ratios.map((x) => x.toFixed(2)).join(', ')}); ` +
        `p99 ${median(p99s).toFixed(2)}× (rounds: ${p99s.map((x) => x.toFixed(2)).join(', ')}); ` +
        `CPU per request ${median(cpus).toFixed(2)}× (rounds: ${cpus.map((x) => x.toFixed(2)).join(', ')})`,
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
