// Lighthouse on the demo's production build, with Lighthouse's default (mobile) settings: a
// phone's screen, a slow 4G network and a slowed CPU, simulated. `npm run lighthouse` builds the
// demo into a temporary folder, serves it on localhost (with msw's worker at
// /mockServiceWorker.js, which the demo's mocked endpoints need), runs Lighthouse in Debian's
// Chromium (or $CHROME_PATH) and prints each category's score and every audit that failed.
// `--json FILE` also writes the whole report.
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';

const { values: args } = parseArgs({ options: { json: { type: 'string' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const worker = join(root, 'node_modules/msw/lib/mockServiceWorker.js');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const CATEGORIES = ['accessibility', 'performance', 'best-practices'];

const out = mkdtempSync(join(tmpdir(), 'offer-wall-lighthouse-'));
let server;
let browser;
try {
  await build({
    configFile: false,
    root: join(root, 'demo'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, target: 'es2022', rolldownOptions: { checks: { pluginTimings: false } } },
  });

  // A static server as a production host would be (gzip, hashed assets cached for a year): the
  // built demo, and msw's worker at the root, as `npm run demo` serves it.
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
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
      'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
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
  // No config: Lighthouse's default is its mobile preset.
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  if (!result) throw new Error('Lighthouse returned no result');
  const { lhr } = result;
  if (args.json) writeFileSync(args.json, result.report);
  console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${url} (demo production build)`);
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
