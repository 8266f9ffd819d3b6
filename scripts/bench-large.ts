/**
 * `npm run bench:large` (part of `npm run bench:proxy`): a 12 MB answer through the real
 * `offer-wall-proxy` program (cache off, in a process of its own) against a bare Node process
 * (this one) fetching the same bytes from the same upstream and parsing them with `JSON.parse`, on
 * the two shapes that bound the streaming reader: many small offers (seed-shaped, about 456 bytes
 * each) and one offer whose description is one long string. The upstream (bench-servers.ts, role
 * `large`) sends the answer in 16 KB pieces without a length. Through the proxy the time runs
 * from asking to the answer's last byte (the proxy reads it, checks every offer, redacts and passes
 * it on); bare, from asking to `JSON.parse` returning. The two take turns, BENCH_LARGE_RUNS (7)
 * times; medians with min–max.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFeed } from './bench-feed.js';
import { children, startProgram, startRole } from './bench-processes.js';

const RUNS = Number(process.env['BENCH_LARGE_RUNS'] ?? 7);
const MB = 12;
const work = mkdtempSync(join(tmpdir(), 'offer-wall-large-'));

const shapes = {
  'many small offers': benchFeed(Math.round((MB * 1e6) / (benchFeed(1).length - 40))),
  'one long string': `{"c":0,"d":{"p":1,"tot":1,"n":1,"data":[{"id":1,"name":"Long","description":"${'Reach level 10 and keep playing for seven days; '.repeat(Math.ceil((MB * 1e6) / 48))}"}]}}`,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const shown = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

try {
  console.log(`a ${MB} MB answer through the proxy vs fetched and parsed by a bare Node process: ${RUNS} runs each, taking turns, node ${process.version}`);
  console.log('');
  console.log('| shape | size | through the proxy, ms | bare fetch + JSON.parse, ms | proxy / bare |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, body] of Object.entries(shapes)) {
    const file = join(work, 'body.json');
    writeFileSync(file, body);
    const up = await startRole(['large', file]);
    const server = await startProgram({
      env: { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: `${up.url}/s2s`, OFFER_WALL_APP_ID: 'bench-app-id', OFFER_WALL_CACHE_S: '0', OFFER_WALL_LOG_LEVEL: 'silent' },
    });
    const proxied: number[] = [];
    const bare: number[] = [];
    for (let run = -1; run <= RUNS; run++) {
      let started = performance.now();
      const response = await fetch(`${server.url}/offers?country=US&page=${run + 2}`);
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200 || bytes !== Buffer.byteLength(body)) throw new Error(`${name}: the proxy answered ${response.status}, ${bytes} bytes`);
      const through = performance.now() - started;
      started = performance.now();
      JSON.parse(await (await fetch(`${up.url}/s2s`)).text());
      const direct = performance.now() - started;
      // The first two runs of each warm both up.
      if (run > 0) {
        proxied.push(through);
        bare.push(direct);
      }
    }
    const ratios = proxied.map((ms, i) => ms / bare[i]!);
    console.log(`| ${name} | ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB | ${shown(proxied)} | ${shown(bare)} | ${median(ratios).toFixed(2)}× |`);
    server.child.kill('SIGKILL');
    up.child.kill('SIGKILL');
  }
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
