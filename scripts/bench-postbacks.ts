/**
 * `npm run bench:postbacks`: the postback receiver and its ledger under load. The real
 * `offer-wall-proxy` program (rewards on, generic profile) runs in a process of its own on each
 * database: the embedded one (PGlite, a fresh folder) and PostgreSQL (a fresh database on this
 * machine's server, or OFFER_WALL_TEST_DATABASE_URL's); autocannon here sends signed postbacks,
 * each with a new transaction id, over 50 connections, then the cached `/offers` path of the same
 * program for comparison. Prints postbacks/s, p50/p99, failures, and the CPU the server and the
 * load generator used (if the generator is near a core, it is what saturates). Also the embedded
 * database's start time (new and existing folder) and resident memory. Then the program again with
 * three networks (generic, tapjoy, ayet, each at its own path with its own key) and the webhook on:
 * the three networks' postbacks mixed, and how fast the webhook then delivers the events to a
 * receiver in this process.
 *
 * On PostgreSQL it also reads, over each load, what the database did per postback: its CPU (the
 * bench database's backends and the server's own background processes, from /proc), its commits
 * (`pg_stat_database.xact_commit`) and its WAL flushes (`pg_stat_wal.wal_sync`).
 *
 * Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_DATABASES (embedded,postgres),
 * BENCH_PROXY_CLI (another build's dist/server/cli.js, to measure before and after; that program
 * runs the one-network rows only, since older builds take a single profile), BENCH_LOADER_CPU (a
 * CPU list for `taskset`: this process, the load generator, is pinned to it; the program and the
 * database are left to the scheduler), BENCH_MIXED=0 (skip the three networks' rows),
 * BENCH_NODE_ARGS (Node's options for the program: `--cpu-prof --cpu-prof-dir=<dir>` profiles it),
 * BENCH_RATE (postbacks a second, e.g. 2000: the signed postbacks are also sent at that rate,
 * over the same connections, for the latency at that throughput rather than at the most the
 * program can take).
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuSeconds, memoryMiB, pin, startProgram, startRole } from './bench-processes.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const DATABASES = (process.env['BENCH_DATABASES'] ?? 'embedded,postgres').split(',');
const CLI = process.env['BENCH_PROXY_CLI'] || undefined;
const LOADER_CPU = process.env['BENCH_LOADER_CPU'] || undefined;
const MIXED = process.env['BENCH_MIXED'] !== '0';
/** Postbacks a second for a second, paced load (autocannon's `overallRate`), or none. */
const RATE = Number(process.env['BENCH_RATE'] ?? 0);
/** Node's options for the program, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`. */
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
/** Every CPU this machine has, for unpinning. */
const ALL_CPUS = `0-${availableParallelism() - 1}`;
const SECRET = 'bench-postback-secret';
const ADMIN_URL =
  process.env['OFFER_WALL_TEST_DATABASE_URL'] ?? `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;

/** The offer-wall-proxy program with rewards on; the embedded database's first start takes seconds. */
const program = (upstreamUrl: string, env: Record<string, string>) =>
  startProgram({
    env: {
      OFFER_WALL_FORMAT: 's2s',
      OFFER_WALL_UPSTREAM: `${upstreamUrl}/s2s`,
      OFFER_WALL_APP_ID: 'bench-app-id',
      OFFER_WALL_CACHE_S: '3600',
      OFFER_WALL_LOG_LEVEL: 'silent',
      OFFER_WALL_POSTBACK_PROFILE: 'generic',
      OFFER_WALL_POSTBACK_SECRET: SECRET,
      OFFER_WALL_USER_SECRET: 'bench-user-secret-0123456789',
      ...env,
    },
    startTimeoutMs: 180_000,
    ...(CLI ? { cli: CLI } : {}),
    ...(NODE_ARGS.length ? { nodeArgs: NODE_ARGS } : {}),
  });

const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
};

let sequence = 0;
function signedPath(): string {
  const tx = `bench-${process.pid}-${++sequence}`;
  const user = `user-${sequence % 1000}`;
  // The generic profile's message: the five values percent-encoded (these need no escaping), joined by colons.
  const signature = createHmac('sha256', SECRET).update([tx, user, 'offer-1', '100', ''].map(encodeURIComponent).join(':')).digest('hex');
  return `/postback?transaction_id=${tx}&user_id=${user}&offer_id=offer-1&amount=100&signature=${signature}`;
}

const TAPJOY_SECRET = 'bench-tapjoy-secret';
const AYET_SECRET = 'bench-ayet-secret';

/** The three networks' postbacks in turn, each signed as that network signs. */
function mixedRequest(request: Record<string, unknown>): Record<string, unknown> {
  const n = ++sequence;
  const tx = `mix-${process.pid}-${n}`;
  const user = `user-${n % 1000}`;
  switch (n % 3) {
    case 0: {
      const signature = createHmac('sha256', SECRET).update([tx, user, 'offer-1', '100', ''].map(encodeURIComponent).join(':')).digest('hex');
      return { ...request, path: `/postback/generic?transaction_id=${tx}&user_id=${user}&offer_id=offer-1&amount=100&signature=${signature}` };
    }
    case 1: {
      const verifier = createHash('md5').update(`${tx}:${user}:100:${TAPJOY_SECRET}`).digest('hex');
      return { ...request, path: `/postback/tapjoy?id=${tx}&snuid=${user}&currency=100&verifier=${verifier}` };
    }
    default: {
      // ayeT signs every query parameter, sorted by name, in a header.
      const query = `currency_amount=100&external_identifier=${user}&offer_id=7&transaction_id=${tx}`;
      return { ...request, path: `/postback/ayet?${query}`, headers: { 'X-Ayetstudios-Security-Hash': createHmac('sha256', AYET_SECRET).update(query).digest('hex') } };
    }
  }
}

/** The publisher's webhook endpoint: answers 200 at once, counts the events and when they came. */
async function webhookReceiver() {
  const state = { events: 0, first: 0, last: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.events++;
      state.last = performance.now();
      state.first ||= state.last;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The PostgreSQL server's processes (every process named postgres whose parent chain leads to the postmaster), by pid. */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/**
 * What PostgreSQL did for the bench database: its client backends' and the server's background
 * processes' CPU (other databases' backends, another session's tests, are left out), its commits
 * and its WAL flushes. Read before and after a load; the difference is the load's.
 */
async function postgresCounters(admin: pg.Client, database: string) {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 OR backend_type NOT IN ('client backend')`,
    [database],
  );
  const ours = new Set(rows.map((row) => Number(row.pid)));
  const cpu = new Map(postgresPids().filter((pid) => ours.has(pid)).map((pid) => [pid, cpuSeconds(pid)] as const));
  const [stats] = (await admin.query<{ commits: string; syncs: string }>(
    `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1)::text AS commits, (SELECT wal_sync FROM pg_stat_wal)::text AS syncs`,
    [database],
  )).rows;
  return { cpu, commits: Number(stats!.commits), syncs: Number(stats!.syncs) };
}

let watched: { admin: pg.Client; database: string } | null = null;

async function load(url: string, pid: number, requests: Array<Record<string, unknown>> | undefined, path = '', rate = 0) {
  const db0 = watched ? await postgresCounters(watched.admin, watched.database) : null;
  const server0 = cpuSeconds(pid);
  // Pinned only while it loads: the processes it starts must not inherit the pinning.
  if (LOADER_CPU && !pin(process.pid, LOADER_CPU)) console.error(`could not pin the load generator to CPU ${LOADER_CPU}`);
  const loader0 = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({ url: url + path, connections: CONNECTIONS, duration: SECONDS, ...(requests ? { requests } : {}), ...(rate ? { overallRate: rate } : {}) });
  const wall = (performance.now() - started) / 1000;
  if (LOADER_CPU) pin(process.pid, ALL_CPUS);
  const loader = process.cpuUsage(loader0);
  const server = cpuSeconds(pid) - server0;
  let database: { cpu: number; commits: number; syncs: number } | null = null;
  if (watched && db0) {
    // pg_stat_* are sent by each backend when it goes idle; give them a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await watched.admin.query('SELECT pg_stat_clear_snapshot()');
    const db1 = await postgresCounters(watched.admin, watched.database);
    let cpu = 0;
    for (const [p, seconds] of db1.cpu) cpu += seconds - (db0.cpu.get(p) ?? 0);
    database = { cpu: cpu / wall, commits: db1.commits - db0.commits, syncs: db1.syncs - db0.syncs };
  }
  return {
    total: result.requests.total,
    database,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    serverCpu: server / wall,
    loaderCpu: (loader.user + loader.system) / 1e6 / wall,
  };
}

/** What the database did per postback, over one load. */
function databaseRow(kind: string, r: Awaited<ReturnType<typeof load>>): string {
  const d = r.database!;
  const per = (n: number) => (n / Math.max(1, r.total)).toFixed(3);
  return `| ${kind} | the load's PostgreSQL: ${d.cpu.toFixed(2)} cores, ${Math.round(((d.cpu * SECONDS) / Math.max(1, r.total)) * 1e6)} µs CPU, ${per(d.commits)} commits and ${per(d.syncs)} WAL flushes per postback; the program ${Math.round(((r.serverCpu * SECONDS) / Math.max(1, r.total)) * 1e6)} µs CPU per postback | | | | | | |`;
}

const lines: string[] = [];
// The mock upstream, for the cached /offers row.
const { url: upstreamUrl } = await startRole(['upstream']);
for (const kind of DATABASES) {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'offer-wall-bench-ledger-'));
    env = { OFFER_WALL_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `offer_wall_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    env = { OFFER_WALL_DATABASE_URL: url.href };
    const watcher = new pg.Client({ connectionString: ADMIN_URL });
    await watcher.connect();
    watched = { admin: watcher, database: name };
    cleanup = async () => {
      watched = null;
      await watcher.end();
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    };
  }
  try {
    const fresh = await program(upstreamUrl, env);
    const rssAtStart = memoryMiB(fresh.child.pid!, 'VmRSS');
    const signed = [{ method: 'GET', setupRequest: (request: Record<string, unknown>) => ({ ...request, path: signedPath() }) }];
    const postbacks = await load(fresh.url, fresh.child.pid!, signed);
    const paced = RATE ? await load(fresh.url, fresh.child.pid!, signed, '', RATE) : null;
    const peak = memoryMiB(fresh.child.pid!, 'VmHWM');
    await fetch(`${fresh.url}/offers?country=US`);
    const offers = await load(fresh.url, fresh.child.pid!, undefined, '/offers?country=US');
    await stop(fresh.child);
    const again = await program(upstreamUrl, env);
    await stop(again.child);
    const row = (what: string, r: Awaited<ReturnType<typeof load>>) =>
      `| ${kind} | ${what} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.failures} | ${r.serverCpu.toFixed(2)} | ${r.loaderCpu.toFixed(2)} |`;
    lines.push(row('signed postbacks, a new transaction each', postbacks), row('cached /offers (same program)', offers));
    if (postbacks.database) lines.push(databaseRow(kind, postbacks));
    if (paced) lines.push(row(`signed postbacks sent at ${RATE}/s`, paced));
    lines.push(
      `| ${kind} | start: ${(fresh.startMs / 1000).toFixed(1)} s new, ${(again.startMs / 1000).toFixed(1)} s existing; RSS ${rssAtStart.toFixed(0)} MiB at start, ${peak.toFixed(0)} MiB peak under load | | | | | | |`,
    );
    // Three networks at once, with the webhook delivering every credit to a receiver.
    if (CLI || !MIXED) continue;
    const hook = await webhookReceiver();
    const mixed = await program(upstreamUrl, {
      ...env,
      OFFER_WALL_POSTBACK_PROFILE: 'generic,tapjoy,ayet',
      OFFER_WALL_POSTBACK_SECRET: '',
      OFFER_WALL_POSTBACK_SECRET_GENERIC: SECRET,
      OFFER_WALL_POSTBACK_SECRET_TAPJOY: TAPJOY_SECRET,
      OFFER_WALL_POSTBACK_SECRET_AYET: AYET_SECRET,
      OFFER_WALL_WEBHOOK_URL: hook.url,
      OFFER_WALL_WEBHOOK_SECRET: 'bench-webhook-secret',
    });
    const three = await load(mixed.url, mixed.child.pid!, [{ method: 'GET', setupRequest: mixedRequest }]);
    lines.push(row('three networks mixed (generic, tapjoy, ayet), webhook on', three));
    if (three.database) lines.push(databaseRow(kind, three));
    // The webhook delivers while the postbacks come and after: wait until it has stopped receiving.
    const credited = Math.round(three.rps * SECONDS);
    for (let quiet = 0; quiet < 20; quiet++) {
      const before = hook.state.events;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (hook.state.events !== before) quiet = 0;
    }
    const rate = hook.state.events / ((hook.state.last - hook.state.first) / 1000 || 1);
    lines.push(`| ${kind} | webhook: ${hook.state.events} events delivered (about ${credited} postbacks stored) at ${Math.round(rate)} events/s, first to last | | | | | | |`);
    await stop(mixed.child);
    await hook.close();
  } finally {
    await cleanup();
  }
}
console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each${LOADER_CPU ? `, the load generator pinned to CPU ${LOADER_CPU}` : ''}\n`);
console.log('| database | load | req/s | p50 ms | p99 ms | failures | server CPU (cores) | autocannon CPU (cores) |\n|---|---|---:|---:|---:|---:|---:|---:|');
for (const line of lines) console.log(line);
process.exit(0);
