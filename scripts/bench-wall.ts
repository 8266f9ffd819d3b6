/**
 * `npm run bench:wall`: the built dist/offer-wall.js in Debian's headless Chromium (or
 * $CHROME_PATH), with the flags the tests use. Prints, as medians over several runs with min–max:
 * - time from the feed response's arrival to the first card painted, for 20, 1,000 and 10,000
 *   offers, beside a floor page that fetches the same answer, parses it and shows the first name;
 * - cards in the DOM and JS heap after loading 10,000 offers;
 * - frame times while scrolling through 10,000 offers;
 * - time from a keystroke in the search box (or a sort or filter change) to the next frame, over
 *   10,000 offers;
 * - the size of dist/offer-wall.js raw, gzip and brotli, and what each dependency contributes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = 7;
const SIZES = [20, 1_000, 10_000];
const LATENCY_MS = 250;

// ---- the feed and the pages ----------------------------------------------------------------

const feeds = new Map<number, string>();
function feed(n: number): string {
  let body = feeds.get(n);
  if (!body) {
    const data = Array.from({ length: n }, (_, i) => ({
      id: 4_000_000_000 + i,
      icon: '',
      name: `Offer ${i + 1}: ${['Dragon Realms', 'Budget Buddy', 'Word Crush', 'FitNow'][i % 4]}`,
      conversion_flow: '1.Download and open the app\n2.Sign up for the app\n3.Reach level 10',
      tracking_link: `https://track.example.com/click?offer=${i}&sub={user_id}&cid={click_id}`,
      payout: ((i % 900) / 100 + 0.25).toFixed(2),
      preview_url: `https://play.example.com/store/apps/details?id=com.bench.app${i}`,
      package: `com.bench.app${i}`,
      offer_type: ['CPI', 'CPA', 'CPL'][i % 3],
      payout_type: 'fixed',
      os: 'android',
      countries: ['US', 'GB', 'DE'],
      os_version: '',
    }));
    body = JSON.stringify({ c: 0, d: { p: 1, tot: n, n, data } });
    feeds.set(n, body);
  }
  return body;
}

const files: Record<string, [string, string]> = {
  '/offer-wall.js': ['dist/offer-wall.js', 'text/javascript'],
  '/wall.html': ['bench/wall.html', 'text/html'],
  '/wall.js': ['bench/wall.js', 'text/javascript'],
  '/floor.html': ['bench/floor.html', 'text/html'],
  '/floor.js': ['bench/floor.js', 'text/javascript'],
  '/measure.js': ['bench/measure.js', 'text/javascript'],
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  if (url.pathname === '/feed') {
    // A network's latency: without it the answer lands while the page is still starting up, and
    // the page's own start-up would be counted against whichever page has more of it.
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(feed(Number(url.searchParams.get('n'))));
    }, LATENCY_MS);
    return;
  }
  const file = files[url.pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' });
  res.end(readFileSync(root + file[0]));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ---- measuring -----------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

interface Stat {
  median: number;
  min: number;
  max: number;
}
function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}
const fmt = (s: Stat, digits = 1) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 412, height: 915 } });
  await page.goto(base + path);
  await page.waitForFunction(() => (window as { __firstPaint?: unknown }).__firstPaint !== undefined, undefined, { timeout: 60_000 });
  return page;
}

async function firstPaint(kind: 'wall' | 'floor', n: number): Promise<number> {
  const page = await open(`/${kind}.html?n=${n}`);
  const result = await page.evaluate(() => (window as unknown as { __firstPaint: { ms: number } }).__firstPaint.ms);
  await page.close();
  return result;
}

console.log(`offer-wall benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${browser.version()} headless, 412×915 viewport`);
console.log(`each figure: median (min–max) of ${RUNS} runs; the feed is served after ${LATENCY_MS} ms\n`);

console.log('## First card painted after the response arrived (ms)\n');
console.log('| offers | feed size | wall | floor page | wall / floor |');
console.log('|---:|---:|---:|---:|---:|');
for (const n of SIZES) {
  const wall: number[] = [];
  const floor: number[] = [];
  await firstPaint('wall', n); // warm-up
  for (let run = 0; run < RUNS; run++) {
    // Alternate which page goes first.
    if (run % 2) floor.push(await firstPaint('floor', n));
    wall.push(await firstPaint('wall', n));
    if (!(run % 2)) floor.push(await firstPaint('floor', n));
  }
  const w = stat(wall);
  const f = stat(floor);
  console.log(`| ${n.toLocaleString('en-US')} | ${(feed(n).length / 1024).toFixed(0)} KB | ${fmt(w)} | ${fmt(f)} | ${(w.median / f.median).toFixed(2)}× |`);
}

console.log('\n## After loading 10,000 offers\n');
const cards: number[] = [];
const heaps: number[] = [];
const frames: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const page = await open('/wall.html?n=10000');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  cards.push(await page.evaluate(() => document.querySelector('offer-wall')!.shadowRoot!.querySelectorAll('[part~="card"]').length));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  heaps.push((await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20);
  // Scroll the page 1,500 px a frame for 240 frames; a frame's time runs from its animation
  // frame callback to a message that is handled once the frame has been rendered.
  const times = await page.evaluate(async () => {
    const out: number[] = [];
    for (let i = 0; i < 240; i++) {
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const start = performance.now();
          window.scrollBy(0, 1500);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            out.push(performance.now() - start);
            resolve();
          };
          channel.port2.postMessage(0);
        }),
      );
    }
    return out;
  });
  frames.push(...times);
  await page.close();
}
const frameStat = stat(frames);
const p95 = [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)]!;
console.log('| measure | value |');
console.log('|---|---:|');
console.log(`| cards in the DOM | ${fmt(stat(cards), 0)} |`);
console.log(`| JS heap after GC (MB) | ${fmt(stat(heaps))} |`);
console.log(`| frame time while scrolling (ms), ${frames.length} frames | median ${frameStat.median.toFixed(1)}, p95 ${p95.toFixed(1)}, max ${frameStat.max.toFixed(1)} |`);

console.log('\n## Filter, search and sort over 10,000 offers: input to the next frame (ms)\n');
const inputs: Record<string, number[]> = { 'search keystroke': [], 'sort change': [], 'filter chip': [] };
for (let run = 0; run < RUNS; run++) {
  const page = await open('/wall.html?n=10000');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const times = await page.evaluate(async () => {
    const root = document.querySelector('offer-wall')!.shadowRoot!;
    // One change, then the time until the frame after it has been rendered.
    const timed = (change: () => void) =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const start = performance.now();
          change();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - start);
            channel.port2.postMessage(0);
          });
        }),
      );
    const search = root.querySelector<HTMLInputElement>('[part~="search"]')!;
    const type = (value: string) => () => {
      search.value = value;
      search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    const out: Record<string, number[]> = { 'search keystroke': [], 'sort change': [], 'filter chip': [] };
    for (const word of ['dragon', 'budget', 'offer 99']) {
      for (let i = 1; i <= word.length; i++) out['search keystroke']!.push(await timed(type(word.slice(0, i))));
      for (let i = word.length - 1; i >= 0; i--) out['search keystroke']!.push(await timed(type(word.slice(0, i))));
    }
    const sort = root.querySelector<HTMLSelectElement>('[part~="sort"]')!;
    for (const value of ['reward', 'feed', 'reward', 'feed']) {
      out['sort change']!.push(
        await timed(() => {
          sort.value = value;
          sort.dispatchEvent(new Event('change'));
        }),
      );
    }
    for (let i = 0; i < 6; i++) {
      out['filter chip']!.push(await timed(() => root.querySelectorAll<HTMLElement>('[part~="filter"]')[i % 3]!.click()));
    }
    return out;
  });
  for (const [name, values] of Object.entries(times)) inputs[name]!.push(...values);
  await page.close();
}
console.log('| input | count | median | p95 | max |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, values] of Object.entries(inputs)) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))]!.toFixed(1);
  console.log(`| ${name} | ${values.length} | ${q(0.5)} | ${q(0.95)} | ${sorted.at(-1)!.toFixed(1)} |`);
}

await browser.close();
server.close();

// ---- size ----------------------------------------------------------------------------------

console.log('\n## dist/offer-wall.js\n');
const bundle = readFileSync(root + 'dist/offer-wall.js');
const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
const br = (b: Buffer | string) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log('| raw | gzip -9 | brotli 11 |');
console.log('|---:|---:|---:|');
console.log(`| ${bundle.length} B | ${gz(bundle)} B | ${br(bundle)} B |`);

// What each dependency contributes: a build with a source map, its output split by source.
const mapDir = `${root}.build/bench-dist`;
execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--sourcemap', '--outDir', mapDir, '--logLevel', 'error'], { cwd: root });
const code = readFileSync(`${mapDir}/offer-wall.js`, 'utf8');
const map = JSON.parse(readFileSync(`${mapDir}/offer-wall.js.map`, 'utf8')) as { sources: string[]; mappings: string };
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const vlq = (s: string) => {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = shift = 0;
    }
  }
  return out;
};
const groups = new Map<string, string[]>();
const lines = code.split('\n');
let source = 0;
map.mappings.split(';').forEach((line, li) => {
  const segments = line.split(',').filter(Boolean).map(vlq);
  let col = 0;
  segments.forEach((seg, i) => {
    col += seg[0]!;
    if (seg.length > 1) source += seg[1]!;
    const end = i + 1 < segments.length ? col + segments[i + 1]![0]! : lines[li]!.length;
    const path = map.sources[source] ?? '?';
    const group = path.includes('node_modules/')
      ? path.replace(/.*node_modules\//, '').split('/').slice(0, path.includes('/@') ? 2 : 1).join('/')
      : 'offer-wall (src/)';
    (groups.get(group) ?? groups.set(group, []).get(group)!).push(lines[li]!.slice(col, end));
  });
});
console.log('\n| part | raw | gzip -9 alone |');
console.log('|---|---:|---:|');
for (const [group, parts] of [...groups].sort((a, b) => gz(b[1].join('')) - gz(a[1].join('')))) {
  const text = parts.join('');
  console.log(`| ${group} | ${text.length} B | ${gz(text)} B |`);
}
console.log('\n(parts compressed alone add up to more than the whole: gzip shares strings across them)');
