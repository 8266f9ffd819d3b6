/**
 * `npm run bench:faults` (part of `npm run bench:proxy`): the reference proxy under the faults of
 * issue 16, each as a measured row. The proxy is the real `offer-wall-proxy` program in a process
 * of its own, started fresh for each row (so its peak resident memory, VmHWM, is that row's); the
 * faulty upstream is another process (bench-servers.ts `faulty`); the clients run here.
 *   - 300 clients that never read a distinct 4.5 MB answer (10,000 offers): peak memory, and how
 *     long /healthz takes meanwhile;
 *   - an upstream that sends a 1 GB body, and one that sends 1 GB gzipped to 1 MB: peak memory;
 *   - an upstream that answers 503: upstream calls per client request, under 50 connections;
 *   - one connection pipelining 1,000 distinct queries: upstream calls it started;
 *   - 200 users at once, each their own query, of an upstream that answers in 2 s: their answers;
 *   - SIGTERM with 200 requests in flight: their answers, the exit code and how long it took.
 */
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import autocannon from 'autocannon';
import { memoryMiB, startProgram, startRole } from './bench-processes.js';

/** The faulty upstream, in its own process: `mode` picks the fault. */
async function faulty(mode: string): Promise<{ url: string; hits: () => Promise<number> }> {
  const { url } = await startRole(['faulty', mode]);
  return { url, hits: async () => ((await (await fetch(`${url}/hits`)).json()) as { hits: number }).hits };
}

const proxy = (upstream: string, env: Record<string, string> = {}) =>
  startProgram({
    env: { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: `${upstream}/s2s`, OFFER_WALL_APP_ID: 'bench-app-id', OFFER_WALL_LOG_LEVEL: 'silent', ...env },
  });

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
const peakMiB = (pid: number) => memoryMiB(pid, 'VmHWM');

const stop = async (child: ChildProcess) => {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
};

const rows: Array<[string, string]> = [];

// ---- 300 clients that never read -----------------------------------------------------------------
{
  const up = await faulty('pages');
  const server = await proxy(up.url);
  const base = peakMiB(server.child.pid!);
  const { port } = new URL(server.url);
  const sockets = Array.from({ length: 300 }, (_, i) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      // A distinct query each (page=i): no answer is shared, none is cached for another.
      socket.write(`GET /offers?country=US&page_size=10000&page=${i + 1} HTTP/1.1\r\nHost: x\r\n\r\n`);
      socket.pause();
    });
    socket.on('error', () => {});
    return socket;
  });
  // While they hold on, how long does /healthz take?
  const health: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    await fetch(`${server.url}/healthz`);
    health.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  health.sort((a, b) => a - b);
  rows.push(['300 clients never reading a distinct 4.5 MB answer: peak RSS', `${peakMiB(server.child.pid!).toFixed(0)} MiB (at start ${base.toFixed(0)} MiB)`]);
  rows.push(['… /healthz meanwhile, median / max', `${health[20]!.toFixed(1)} ms / ${health[39]!.toFixed(1)} ms`]);
  sockets.forEach((socket) => socket.destroy());
  await stop(server.child);
}

// ---- huge and compressed bodies --------------------------------------------------------------------
for (const mode of ['huge', 'bomb']) {
  const up = await faulty(mode);
  const server = await proxy(up.url);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 3 }, (_, i) =>
      fetch(`${server.url}/offers?country=US&page=${i + 1}`).then(
        async (response) => {
          try {
            await response.arrayBuffer();
            return String(response.status);
          } catch {
            return `${response.status}, cut`;
          }
        },
        () => 'reset',
      ),
    ),
  );
  const what = mode === 'huge' ? 'three upstreams each sending a 1 GB body' : 'three upstreams each sending 1 GB gzipped to ~1 MB';
  rows.push([`${what}: peak RSS`, `${peakMiB(server.child.pid!).toFixed(0)} MiB, answered ${answers.join(' / ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`]);
  await stop(server.child);
}

// ---- a failing upstream ------------------------------------------------------------------------------
{
  const up = await faulty('failing');
  const server = await proxy(up.url);
  const result = await autocannon({ url: `${server.url}/offers?country=US`, connections: 50, duration: 5 });
  const hits = await up.hits();
  rows.push(['an upstream answering 503, 50 connections for 5 s: upstream calls per client request', `${(hits / result.requests.total).toFixed(5)} (${hits} of ${result.requests.total})`]);
  await stop(server.child);
}

// ---- one connection pipelining a thousand queries ----------------------------------------------------
{
  const up = await faulty('slow');
  const server = await proxy(up.url, { OFFER_WALL_MAX_UPSTREAM: '1000' });
  const { port } = new URL(server.url);
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(Array.from({ length: 1000 }, (_, i) => `GET /offers?country=US&page=${i + 1} HTTP/1.1\r\nHost: x\r\n\r\n`).join('')),
    );
    socket.on('data', () => {});
    socket.on('close', () => resolve());
    setTimeout(() => (socket.destroy(), resolve()), 3000);
  });
  rows.push(['one connection pipelining 1,000 distinct queries: upstream calls started', String(await up.hits())]);
  await stop(server.child);
}

// ---- 200 users at once, each their own query, of an upstream that takes 2 s ------------------------
const tally = (statuses: Array<number | string>) => {
  const counts = new Map<number | string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
};
const ask = (url: string) =>
  fetch(url).then(
    async (response) => {
      try {
        await response.arrayBuffer();
        return response.status;
      } catch {
        return `${response.status}, cut`;
      }
    },
    () => 'reset',
  );
{
  const up = await faulty('slow');
  const server = await proxy(up.url);
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(`${server.url}/offers?country=US&thirdparty_id=user-${i}`)));
  rows.push(['200 users at once, each their own query, of an upstream that answers in 2 s', `${tally(statuses)} in ${((performance.now() - started) / 1000).toFixed(1)} s`]);
  await stop(server.child);
}

// ---- SIGTERM with 200 requests in flight ----------------------------------------------------------------
{
  const up = await faulty('slow');
  const server = await proxy(up.url);
  const inFlight = Array.from({ length: 200 }, (_, i) => ask(`${server.url}/offers?country=US&page=${i + 1}`));
  while ((await up.hits()) < 200) await new Promise((resolve) => setTimeout(resolve, 20));
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  const started = performance.now();
  server.child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  const code = await exited;
  rows.push(['SIGTERM with 200 requests in flight (upstream answers in 2 s)', `${tally(statuses)}; exit ${code} after ${((performance.now() - started) / 1000).toFixed(1)} s`]);
}

console.log('\n| fault | measured |\n|---|---|');
for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
process.exit(0);
