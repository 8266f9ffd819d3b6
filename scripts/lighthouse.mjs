// Lighthouse on the demo's production build, with Lighthouse's default (mobile) settings: a
// phone's screen, a slow 4G network and a slowed CPU, simulated. `npm run lighthouse` builds the
// demo into a temporary folder, serves it on localhost (with msw's worker at
// /mockServiceWorker.js, which the demo's mocked endpoints need), runs Lighthouse in Debian's
// Chromium (or $CHROME_PATH) and prints each category's score and every audit that failed.
// `--json FILE` also writes the whole report. `--page wall` instead measures the wall as a
// publisher's page has it: a plain article page with the built `dist/offer-wall.js` (run
// `npm run build` first) in a deferred script tag and one English s2s wall, whose endpoint this
// server answers with a seed-shaped page of 20 offers: no msw, no demo code. `--runs N` first
// measures performance N times in the same browser and prints each run's total blocking time,
// first contentful paint and long tasks, then their median: one run says little on a busy machine.
import { copyFileSync, createReadStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip, gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';

const { values: args } = parseArgs({
  options: { json: { type: 'string' }, page: { type: 'string', default: 'demo' }, runs: { type: 'string', default: '0' } },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 0) throw new Error(`--runs takes a whole number of runs, not "${args.runs}"`);
const PUBLISHER = args.page === 'wall';
const root = fileURLToPath(new URL('..', import.meta.url));
const worker = join(root, 'node_modules/msw/lib/mockServiceWorker.js');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const CATEGORIES = ['accessibility', 'performance', 'best-practices'];

const out = mkdtempSync(join(tmpdir(), 'offer-wall-lighthouse-'));
let server;
let browser;
try {
  if (PUBLISHER) writePublisherPage(out);
  else await build({
    configFile: false,
    root: join(root, 'demo'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, target: 'es2022', rolldownOptions: { checks: { pluginTimings: false } } },
  });

  // A static server as a production host would be (gzip, hashed assets cached for a year): the
  // built demo, and msw's worker at the root, as `npm run demo` serves it.
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (PUBLISHER && path === '/api/offers') {
      // As the reference proxy answers: compressed when the browser takes it.
      const json = Buffer.from(JSON.stringify(s2sFeed()));
      const compressed = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...(compressed ? { 'Content-Encoding': 'gzip' } : {}) });
      response.end(compressed ? gzipSync(json) : json);
      return;
    }
    let file = path === '/mockServiceWorker.js' ? worker : join(out, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(out) && file !== worker) file = join(out, 'index.html');
    let found = false;
    try {
      found = statSync(file).isFile();
    } catch {}
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': path.startsWith('/assets/') || /\.[0-9a-f]{8}\.js$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    const body = createReadStream(file);
    (gzip ? body.pipe(createGzip()) : body).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${server.address().port}/`;

  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: false, // the --headless flag below makes it headless, exactly as given
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const port = Number(new URL(browser.wsEndpoint()).port);
  const blocking = [];
  for (let run = 1; run <= RUNS; run++) {
    const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const { audits } = lhr;
    const total = Math.round(audits['total-blocking-time'].numericValue);
    blocking.push(total);
    const tasks = (audits['long-tasks'].details?.items ?? []).map((task) => `${task.url.split('/').pop() || 'page'} ${Math.round(task.startTime)}+${Math.round(task.duration)}`);
    console.log(
      `run ${run}: performance ${Math.round(lhr.categories.performance.score * 100)}, total blocking time ${total} ms, first contentful paint ${Math.round(audits['first-contentful-paint'].numericValue)} ms; long tasks (simulated start+length, ms): ${tasks.join(', ') || 'none'}`,
    );
  }
  if (RUNS) {
    blocking.sort((a, b) => a - b);
    console.log(`total blocking time over ${RUNS} runs: median ${blocking[(RUNS - 1) >> 1]} ms, ${blocking[0]} to ${blocking[RUNS - 1]} ms`);
  }
  // No config: Lighthouse's default is its mobile preset.
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  if (!result) throw new Error('Lighthouse returned no result');
  const { lhr } = result;
  if (args.json) writeFileSync(args.json, result.report);
  console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${url} (${PUBLISHER ? "a publisher's page: dist/offer-wall.js and one s2s wall" : 'demo production build'})`);
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    console.log(`${category.title}: ${Math.round(category.score * 100)}`);
    for (const { id: auditId } of category.auditRefs) {
      const audit = lhr.audits[auditId];
      if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual') {
        console.log(`  - ${audit.id}: ${audit.score} ${audit.displayValue ?? ''} (${audit.title})`);
      }
    }
  }
  const accessibility = Math.round(lhr.categories.accessibility.score * 100);
  if (accessibility < 100) process.exitCode = 1;
} finally {
  await browser?.close();
  server?.close();
  rmSync(out, { recursive: true, force: true });
}

/** A publisher's page: an article, the script tag, one English s2s wall; dist/'s files beside it. */
function writePublisherPage(dir) {
  for (const file of readdirSync(join(root, 'dist'))) {
    if (/^offer-wall\..*js$/.test(file) && !file.endsWith('.full.js')) copyFileSync(join(root, 'dist', file), join(dir, file));
  }
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Earn coins by trying apps and games.">
<title>Earn coins</title>
<link rel="icon" href="data:,">
<style>body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; }</style>
<script src="/offer-wall.js" defer></script>
</head>
<body>
<header><h1>Earn coins</h1><p>Try an app or a game below: the coins are yours once the offer says it is done.</p></header>
<main>
<h2>Offers</h2>
<offer-wall endpoint="/api/offers" format="s2s" user-id="reader-42" currency-name="Coins" currency-rate="1000"></offer-wall>
</main>
</body>
</html>
`,
  );
}

/** A page of 20 offers shaped as the s2s seed sends them (names, steps, payouts as strings, no icons to fetch). */
function s2sFeed() {
  const names = ['Dragon Realms: Idle RPG', 'Budget Buddy – Money Tracker', 'Word Crush Deluxe', 'FitNow: Home Workouts', 'Solitaire Journey'];
  const data = Array.from({ length: 20 }, (_, i) => ({
    id: 1000 + i,
    name: `${names[i % names.length]} ${i + 1}`,
    icon: '',
    description: 'Install the app and reach the goal below.',
    conversion_flow: '1.Install and open the app\n2.Reach level 10 within 7 days',
    tracking_link: `https://track.example.com/click?offer=${1000 + i}&sub={user_id}`,
    payout: (0.25 + i * 0.4).toFixed(2),
    preview_url: '',
    package: `com.example.app${i}`,
    offer_type: i % 3 ? 'CPI' : 'CPA',
    payout_type: 'fixed',
    os: 'android',
    countries: ['US'],
    os_version: '',
  }));
  return { c: 0, d: { p: 1, tot: 20, n: 20, data } };
}
