/**
 * `npm run bench:wall`: the built dist/offer-wall.js in Debian's headless Chromium (or
 * $CHROME_PATH), with the flags the tests use. Prints, as medians over several runs with min–max:
 * - the first card painted, for 20, 1,000 and 10,000 offers, beside a floor page that fetches the
 *   same answer, parses it and shows the first name: unthrottled (the bench server's own feed,
 *   after 250 ms), then throttled to Lighthouse's mobile network (1.6 Mbit/s down, 750 kbit/s up,
 *   150 ms round trips, by Chromium's network emulation) reading the feed directly and through the
 *   real proxy (cold: its cache off) in front of an upstream that streams its answer, then
 *   unthrottled through the proxy in front of a slow upstream;
 * - cards in the DOM and JS heap after loading 10,000 offers;
 * - frame times while scrolling through 10,000 offers;
 * - time from a keystroke in the search box (or a sort or filter change) to the next frame, over
 *   10,000 offers;
 * - a German wall's first card against an English one's on the mobile network, from the page's
 *   navigation: the German texts are a chunk the wall loads beside its first page of offers (goal:
 *   within 50 ms of English);
 * - the size of dist/offer-wall.js raw, gzip and brotli, its chunks and dist/offer-wall.full.js,
 *   and what each dependency contributes.
 *
 * The upstream and each proxy run in processes of their own (bench-servers.js, the proxy's CLI).
 * Environment: BENCH_RUNS (7), BENCH_THROTTLED_RUNS (3), BENCH_SECTIONS (first,throttled,slow,
 * loaded,input,language,size: any of them), BENCH_SLOW_PIECE_MS (20: the slow upstream's pace, ms per 16 KB).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { benchFeed as feed } from './bench-feed.js';
import { children, startProgram, startRole } from './bench-processes.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const THROTTLED_RUNS = Number(process.env['BENCH_THROTTLED_RUNS'] ?? 3);
const SECTIONS = new Set((process.env['BENCH_SECTIONS'] ?? 'first,throttled,slow,loaded,input,language,size').split(','));
const SLOW_PIECE_MS = Number(process.env['BENCH_SLOW_PIECE_MS'] ?? 20);
/** The app id the streaming upstream of bench-servers.js checks. */
const BENCH_APP_ID = 'bench-app-id';
const SIZES = [20, 1_000, 10_000];
const LATENCY_MS = 250;
/** Lighthouse's mobile network (its "simulated slow 4G"), in CDP's units: bytes per second, ms. */
const MOBILE = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

// ---- the pages and the helper processes ----------------------------------------------------

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
    // the page's own start-up would be counted against whichever page has more of it. (Throttled,
    // the emulated network's round trips stand for it.)
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(feed(Number(url.searchParams.get('n'))));
    }, Number(url.searchParams.get('latency') ?? LATENCY_MS));
    return;
  }
  // The chunks dist/offer-wall.js loads from its own folder (this server's root).
  const chunk = /^\/(offer-wall\.[a-z0-9-]+\.[0-9a-f]{8}\.js)$/.exec(url.pathname)?.[1];
  const file = chunk ? ([`dist/${chunk}`, 'text/javascript'] as [string, string]) : files[url.pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' });
  res.end(readFileSync(root + file[0]));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Starts a role of bench-servers.js and resolves with the URL it prints. */
const helper = async (...args: string[]) => (await startRole(args)).url;

/** Runs the offer-wall-proxy program (the build's CLI) in front of `upstream`, cache off: every answer cold. */
const proxy = async (upstream: string): Promise<string> => {
  const { url } = await startProgram({
    env: {
      OFFER_WALL_FORMAT: 's2s',
      OFFER_WALL_UPSTREAM: upstream,
      OFFER_WALL_APP_ID: BENCH_APP_ID,
      OFFER_WALL_CACHE_S: '0',
      OFFER_WALL_TIMEOUT_MS: '60000',
      OFFER_WALL_ALLOWED_ORIGINS: base,
      OFFER_WALL_LOG_LEVEL: 'silent',
    },
  });
  return `${url}/offers`;
};

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

async function open(path: string, throttle = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 412, height: 915 } });
  if (throttle) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', MOBILE);
  }
  await page.goto(base + path, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as { __firstPaint?: unknown }).__firstPaint !== undefined, undefined, { timeout: 120_000 });
  return page;
}

/** Opens the page once loaded whole (every offer of the page in). */
async function loaded(path: string): Promise<Page> {
  const page = await open(path);
  await page.waitForFunction(() => (window as { __loaded?: boolean }).__loaded, undefined, { timeout: 60_000 });
  return page;
}

interface FirstPaint {
  /** From the page's navigation. */
  painted: number;
  /** From the page asking for the feed. */
  fromAsked: number;
  /** From the answer's headers. */
  fromHeaders: number;
  /** From the answer's last byte (negative: before it); only when asked for. */
  afterEnd?: number;
}

/** The first card (or name) painted, on a page of its own. */
async function firstPaint(kind: 'wall' | 'floor', query: string, { throttle = false, afterEnd = false } = {}): Promise<FirstPaint> {
  const page = await open(`/${kind}.html?${query}`, throttle);
  const result = await page.evaluate(() => (window as unknown as { __firstPaint: FirstPaint }).__firstPaint);
  if (afterEnd) {
    await page.waitForFunction(() => (window as unknown as { __afterEnd(): unknown }).__afterEnd() !== null, undefined, { timeout: 120_000 });
    result.afterEnd = await page.evaluate(() => (window as unknown as { __afterEnd(): { ms: number } }).__afterEnd().ms);
  }
  // Closing stops what is still arriving.
  await page.close();
  return result;
}

/** The wall and the floor page on the same query, taking turns, `runs` times each after a warm-up. */
async function sideBySide(query: string, runs: number, options: { throttle?: boolean; afterEnd?: boolean } = {}) {
  const wall: FirstPaint[] = [];
  const floor: FirstPaint[] = [];
  await firstPaint('wall', query, options); // warm-up
  for (let run = 0; run < runs; run++) {
    // Alternate which page goes first.
    if (run % 2) floor.push(await firstPaint('floor', query, options));
    wall.push(await firstPaint('wall', query, options));
    if (!(run % 2)) floor.push(await firstPaint('floor', query, options));
  }
  const of = (list: FirstPaint[], key: keyof FirstPaint) => stat(list.map((r) => r[key]!));
  return { wall: (key: keyof FirstPaint) => of(wall, key), floor: (key: keyof FirstPaint) => of(floor, key) };
}

const kb = (n: number) => `${(feed(n).length / 1024).toFixed(0)} KB`;
const ratio = (a: Stat, b: Stat) => `${(a.median / b.median).toFixed(2)}×`;

console.log(`offer-wall benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${browser.version()} headless, 412×915 viewport`);
console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
console.log(`each figure: median (min–max) of ${RUNS} runs (throttled: ${THROTTLED_RUNS}); unthrottled, the feed is served after ${LATENCY_MS} ms\n`);

if (SECTIONS.has('first')) {
  console.log('## First card painted, unthrottled (ms)\n');
  console.log('From the answer\'s headers (its first byte) to the first card painted; then the same from the');
  console.log('page asking for the feed, and from the answer\'s last byte (negative: painted before it).\n');
  console.log('| offers | feed size | wall | floor page | wall / floor | wall from asking | floor from asking | wall after last byte | floor after last byte |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const r = await sideBySide(`n=${n}`, RUNS, { afterEnd: true });
    const w = r.wall('fromHeaders');
    const f = r.floor('fromHeaders');
    console.log(
      `| ${n.toLocaleString('en-US')} | ${kb(n)} | ${fmt(w)} | ${fmt(f)} | ${ratio(w, f)} | ${fmt(r.wall('fromAsked'))} | ${fmt(r.floor('fromAsked'))} | ${fmt(r.wall('afterEnd'))} | ${fmt(r.floor('afterEnd'))} |`,
    );
  }
}

if (SECTIONS.has('throttled') || SECTIONS.has('slow')) {
  const upstream = await helper('streaming-upstream', String(SLOW_PIECE_MS));
  if (SECTIONS.has('throttled')) {
    const viaProxy = await proxy(`${upstream}/fast/s2s`);
    console.log('\n## First card painted on a mobile network (ms from the page asking for the feed)\n');
    console.log('Chromium\'s network emulation at Lighthouse\'s mobile profile: 1.6 Mbit/s down, 750 kbit/s up,');
    console.log('150 ms round trips. Directly: the bench server answers at once. Through the proxy: the real');
    console.log('offer-wall-proxy, cache off, in front of an upstream that writes its answer in 16 KB pieces as');
    console.log('fast as the connection takes them. Target: the first card within 1 s.\n');
    console.log('| offers | feed size | wall, direct | floor, direct | wall, through the proxy | floor, through the proxy |');
    console.log('|---:|---:|---:|---:|---:|---:|');
    for (const n of SIZES) {
      const direct = await sideBySide(`n=${n}&latency=0`, THROTTLED_RUNS, { throttle: true });
      const proxied = await sideBySide(`n=${n}&endpoint=${encodeURIComponent(viaProxy)}`, THROTTLED_RUNS, { throttle: true });
      console.log(
        `| ${n.toLocaleString('en-US')} | ${kb(n)} | ${fmt(direct.wall('fromAsked'))} | ${fmt(direct.floor('fromAsked'))} | ${fmt(proxied.wall('fromAsked'))} | ${fmt(proxied.floor('fromAsked'))} |`,
      );
    }
  }
  if (SECTIONS.has('slow')) {
    const viaProxy = await proxy(`${upstream}/slow/s2s`);
    console.log('\n## Through the proxy in front of a slow upstream, unthrottled (ms from the page asking)\n');
    console.log(`The upstream writes its answer in 16 KB pieces, one every ${SLOW_PIECE_MS} ms; the proxy (cache off) passes a`);
    console.log('large answer on as it comes (from its first 32 KB, once its list has started). The floor page');
    console.log('waits for the whole answer: when it paints is about when a proxy that held the answer back');
    console.log('until it was complete could have sent the wall its first byte.\n');
    console.log('| offers | feed size | wall, first card | floor (the whole answer in) |');
    console.log('|---:|---:|---:|---:|');
    for (const n of [1_000, 10_000]) {
      const r = await sideBySide(`n=${n}&endpoint=${encodeURIComponent(viaProxy)}`, THROTTLED_RUNS);
      console.log(`| ${n.toLocaleString('en-US')} | ${kb(n)} | ${fmt(r.wall('fromAsked'))} | ${fmt(r.floor('fromAsked'))} |`);
    }
  }
}

if (SECTIONS.has('loaded')) {
console.log('\n## After loading 10,000 offers\n');
const cards: number[] = [];
const heaps: number[] = [];
const frames: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const page = await loaded('/wall.html?n=10000');
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
}

if (SECTIONS.has('input')) {
console.log('\n## Filter, search and sort over 10,000 offers: input to the next frame (ms)\n');
const inputs: Record<string, number[]> = { 'search keystroke': [], 'sort change': [], 'filter chip': [] };
for (let run = 0; run < RUNS; run++) {
  const page = await loaded('/wall.html?n=10000');
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
}

if (SECTIONS.has('language')) {
  console.log('\n## A German wall\'s first card against an English one\'s, on the mobile network (ms)\n');
  console.log('The same page and feed (Lighthouse\'s mobile network, as above; the bench server answers at once),');
  console.log('`locale="de-DE"` against `locale="en-US"`: the German texts are a chunk the wall asks for beside');
  console.log('its first page of offers. From the page\'s navigation, and from the wall asking for the feed, to');
  console.log(`the first card painted; ${RUNS} runs each, taking turns. Goal: German within 50 ms of English.\n`);
  console.log('| offers | English, from navigation | German, from navigation | German − English (medians) | English, from asking | German, from asking |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of [20, 1_000]) {
    const times: Record<'en' | 'de', FirstPaint[]> = { en: [], de: [] };
    const once = async (lang: 'en' | 'de') => {
      const page = await open(`/wall.html?n=${n}&latency=0&locale=${lang === 'de' ? 'de-DE' : 'en-US'}`, true);
      times[lang].push(await page.evaluate(() => (window as unknown as { __firstPaint: FirstPaint }).__firstPaint));
      await page.close();
    };
    await once('de'); // warm-up
    times.de = [];
    for (let run = 0; run < RUNS; run++) {
      for (const lang of run % 2 ? (['de', 'en'] as const) : (['en', 'de'] as const)) await once(lang);
    }
    const of = (lang: 'en' | 'de', key: keyof FirstPaint) => stat(times[lang].map((t) => t[key]!));
    const en = of('en', 'painted');
    const de = of('de', 'painted');
    console.log(
      `| ${n.toLocaleString('en-US')} | ${fmt(en)} | ${fmt(de)} | ${(de.median - en.median).toFixed(1)} | ${fmt(of('en', 'fromAsked'))} | ${fmt(of('de', 'fromAsked'))} |`,
    );
  }
}

await browser.close();
server.close();
for (const child of children) child.kill();
if (!SECTIONS.has('size')) process.exit(0);

// ---- size ----------------------------------------------------------------------------------

console.log('\n## dist/offer-wall.js, its chunks, and dist/offer-wall.full.js\n');
const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
const br = (b: Buffer | string) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log('| file | raw | gzip -9 | brotli 11 |');
console.log('|---|---:|---:|---:|');
const chunkFiles = readdirSync(root + 'dist').filter((file) => /^offer-wall\.[a-z0-9-]+\.[0-9a-f]{8}\.js$/.test(file));
for (const file of ['offer-wall.js', ...chunkFiles.sort(), 'offer-wall.full.js']) {
  const bytes = readFileSync(`${root}dist/${file}`);
  console.log(`| ${file} | ${bytes.length} B | ${gz(bytes)} B | ${br(bytes)} B |`);
}

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
