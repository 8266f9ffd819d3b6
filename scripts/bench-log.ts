/**
 * Which way of writing the proxy's per-request log line costs least: pino (its asynchronous
 * sonic-boom destination, and its synchronous one) against a hand-written JSON line written the
 * way console.log writes to a file (one synchronous write per line) and through a hand-written
 * buffer. Writes 200,000 request entries to a temporary file per way, in alternating rounds, and
 * prints the CPU time per line (median of the rounds).
 *   node .build/node/scripts/bench-log.js
 */
import { closeSync, mkdtempSync, openSync, rmSync, write, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';

const LINES = 200_000;
const ROUNDS = 5;
/** Lines written per event-loop turn: a server under load answers a few dozen requests a turn. */
const BATCH = 50;
const turn = () => new Promise((resolve) => setImmediate(resolve));
const dir = mkdtempSync(join(tmpdir(), 'offer-wall-log-'));

const entry = (i: number) => ({ method: 'GET', path: '/offers', status: 200, cache: 'hit', ms: 0.05 + (i % 7) / 100, upstream: null });
const line = (e: ReturnType<typeof entry>) =>
  `{"level":30,"time":${Date.now()},"method":"${e.method}","path":${JSON.stringify(e.path)},"status":${e.status},"cache":"${e.cache}","ms":${e.ms},"upstream":${e.upstream}}\n`;

type Way = (file: string) => Promise<void>;
const ways: Record<string, Way> = {
  'pino, async destination': async (file) => {
    // A file descriptor, as stdout is for the program: opened already, no 'ready' to wait for.
    const fd = openSync(file, 'w');
    const dest = pino.destination({ dest: fd, sync: false, minLength: 8 * 1024 });
    const log = pino({ base: null }, dest);
    for (let i = 0; i < LINES; i++) {
      log.info(entry(i));
      if (i % BATCH === 0) await turn();
    }
    dest.flushSync();
    closeSync(fd);
  },
  'pino, sync destination': async (file) => {
    const fd = openSync(file, 'w');
    const dest = pino.destination({ dest: fd, sync: true });
    const log = pino({ base: null }, dest);
    for (let i = 0; i < LINES; i++) {
      log.info(entry(i));
      if (i % BATCH === 0) await turn();
    }
    closeSync(fd);
  },
  'hand-written, a write per line (console.log to a file)': async (file) => {
    const fd = openSync(file, 'w');
    for (let i = 0; i < LINES; i++) {
      writeSync(fd, line(entry(i)));
      if (i % BATCH === 0) await turn();
    }
    closeSync(fd);
  },
  'hand-written, buffered 16 KB': async (file) => {
    const fd = openSync(file, 'w');
    let buffer = '';
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < LINES; i++) {
      buffer += line(entry(i));
      if (i % BATCH === 0) await turn();
      if (buffer.length > 16 * 1024) {
        const chunk = buffer;
        buffer = '';
        await writing;
        writing = new Promise((resolve) => write(fd, chunk, () => resolve()));
      }
    }
    await writing;
    writeSync(fd, buffer);
    closeSync(fd);
  },
};

const results = new Map<string, number[]>(Object.keys(ways).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const names = round % 2 ? Object.keys(ways).reverse() : Object.keys(ways);
  for (const name of names) {
    const before = process.cpuUsage();
    await ways[name]!(join(dir, `${round}.log`));
    const used = process.cpuUsage(before);
    results.get(name)!.push((used.user + used.system) / LINES);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(`${LINES} request lines to a file, CPU µs per line, median of ${ROUNDS} (min–max):`);
for (const [name, v] of results) console.log(`  ${median(v).toFixed(2)} (${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)})  ${name}`);
