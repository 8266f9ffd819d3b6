/**
 * `npm run bench:reader` (part of `npm run bench`): the streaming reader (`JsonFeedReader`,
 * `src/data/json-stream.ts`, shared by the wall and the proxy) alone, against `JSON.parse` of the
 * same text, on the two shapes that bound it: many small offers (the wall's benchmark feed,
 * seed-shaped offers of about 456 bytes) and one long string (an offer whose description is the
 * whole answer). The text is decoded beforehand and pushed in 64 KiB pieces, as the wall pushes
 * it; the reader hands each item on as text (what it costs to parse an item is its taker's).
 * Prints MB/s, median of the runs with their min–max, and the reader's speed as a share of
 * `JSON.parse`'s.
 *
 * Environment: BENCH_READER_MB (12), BENCH_READER_RUNS (9), BENCH_READER_PIECE (65536).
 */
import { JsonFeedReader } from '../src/data/json-stream.js';
import { benchFeed } from './bench-feed.js';

const MB = Number(process.env['BENCH_READER_MB'] ?? 12);
const RUNS = Number(process.env['BENCH_READER_RUNS'] ?? 9);
const PIECE = Number(process.env['BENCH_READER_PIECE'] ?? 65_536);

/** About `MB` megabytes of small offers. */
function smallOffers(): string {
  const one = benchFeed(1).length;
  return benchFeed(Math.round((MB * 1e6) / one));
}

/** One offer whose description is about `MB` megabytes of text, with a quote escaped now and then. */
function longString(): string {
  const sentence = 'Reach level 10 in the game and keep playing for seven days to earn the reward; ';
  const block = `${sentence.repeat(12)}\\"quoted\\" `;
  const text = block.repeat(Math.ceil((MB * 1e6) / block.length));
  return `{"c":0,"d":{"p":1,"tot":1,"n":1,"data":[{"id":1,"name":"Long","description":"${text}","payout":"1.00"}]}}`;
}

function readAll(text: string): number {
  let items = 0;
  const reader = new JsonFeedReader(['d.data'], () => items++);
  for (let at = 0; at < text.length; at += PIECE) reader.push(text.slice(at, at + PIECE));
  reader.end();
  return items;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function measure(run: () => unknown, bytes: number) {
  const speeds: number[] = [];
  run(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    speeds.push(bytes / 1e6 / ((performance.now() - started) / 1000));
  }
  return { median: median(speeds), min: Math.min(...speeds), max: Math.max(...speeds) };
}

const shown = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

console.log(`streaming reader vs JSON.parse: ${RUNS} runs each, pieces of ${PIECE} characters, node ${process.version}`);
console.log('');
console.log('| shape | size | reader MB/s | JSON.parse MB/s | reader / JSON.parse |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, text] of [
  ['many small offers', smallOffers()],
  ['one long string', longString()],
] as const) {
  const bytes = Buffer.byteLength(text);
  if (readAll(text) !== (JSON.parse(text) as { d: { data: unknown[] } }).d.data.length) throw new Error(`${name}: the reader lost items`);
  const reader = measure(() => readAll(text), bytes);
  const parse = measure(() => JSON.parse(text), bytes);
  console.log(`| ${name} | ${(bytes / 1e6).toFixed(1)} MB | ${shown(reader)} | ${shown(parse)} | ${(reader.median / parse.median).toFixed(2)}× |`);
}
