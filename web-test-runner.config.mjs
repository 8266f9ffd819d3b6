// Runs test/**/*.test.ts in the three engines publishers' users have (CONTRACT.md section 8), with
// the network mocked by msw's service worker, which is served from node_modules at the site root:
// - Chromium: Debian's headless `chromium` (or $CHROME_PATH), through puppeteer-core (CDP);
// - Firefox: Debian's `firefox-esr` (or $FIREFOX_PATH), through puppeteer-core (WebDriver BiDi);
// - WebKit: WebKitGTK's MiniBrowser through Debian's `WebKitWebDriver` (package webkit2gtk-driver),
//   which the webKitDriver() plugin below starts, under `xvfb-run` when there is no display.
// BROWSERS=chromium,firefox,webkit (the default) picks the engines; `npm run test:<engine>` runs one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { frameworks } from './test/frameworks/wtr-frameworks.mjs';

const STRICT_CSP = "default-src 'self'; img-src * data:";
const CSP = {
  strict: STRICT_CSP,
  'trusted-types': `${STRICT_CSP}; require-trusted-types-for 'script'`,
};

/**
 * Runs the real reference proxy (built to .build/node by `npm run test:node`) in front of the mock
 * upstream while the tests run, on another origin than the test pages, which may call it through
 * CORS. The tests find its URL at /__proxy.json.
 */
function referenceProxy() {
  let upstream;
  let proxy;
  return {
    name: 'offer-wall-reference-proxy',
    async serverStart({ config }) {
      const { startMockUpstream } = await import('./.build/node/demo/upstream.js');
      const { startServer } = await import('./.build/node/src/server/node.js');
      upstream = await startMockUpstream({ appId: 'wtr-app-id' });
      const origins = ['localhost', '127.0.0.1'].map((host) => `http://${host}:${config.port}`);
      proxy = await startServer(
        { format: 's2s', upstream: `${upstream.url}/s2s`, appId: 'wtr-app-id', allowedOrigins: origins },
        0,
        '127.0.0.1',
      );
    },
    async serverStop() {
      await proxy?.close();
      await upstream?.close();
    },
    serve(context) {
      if (context.path === '/__proxy.json') return { body: JSON.stringify({ url: proxy.url }), type: 'json' };
    },
  };
}

/**
 * The built files in dist/ are served byte for byte, as a publisher's server serves them: esbuild
 * (which the test server runs on JavaScript for engines it does not take for the newest) would
 * rewrite them, and then the tests would not load what ships, and Subresource Integrity (which
 * test/pages/full.html pins) would refuse the file.
 */
function asBuilt(plugin) {
  const transform = plugin.transform.bind(plugin);
  plugin.transform = (context) => (context.path.startsWith('/dist/') ? undefined : transform(context));
  return plugin;
}

const ENGINES = ['chromium', 'firefox', 'webkit'];
const engines = (process.env.BROWSERS || ENGINES.join(','))
  .split(',')
  .map((name) => name.trim().toLowerCase())
  .filter(Boolean);
for (const name of engines) {
  if (!ENGINES.includes(name)) throw new Error(`BROWSERS: unknown engine "${name}" (use ${ENGINES.join(', ')})`);
}

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function chromium() {
  const launcher = chromeLauncher({
    launchOptions: {
      executablePath: CHROME_PATH,
      headless: true,
      // CI runs as root, where Chromium needs --no-sandbox; the rest keeps it off the network.
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  });
  launcher.name = 'Chromium'; // Debian's, not Google Chrome
  return launcher;
}

function firefox() {
  return puppeteerLauncher({
    launchOptions: { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true },
    createPage: async ({ context }) => toleratesNoOrientation(await context.newPage()),
  });
}

/**
 * Puppeteer sets a page's viewport over WebDriver BiDi with two commands: the size, and the screen
 * orientation (portrait for 800 × 600, as the runner asks before each test file). Firefox answers
 * the second only from version 144; Debian's firefox-esr 140 calls it an unknown command, which
 * failed every Firefox test file before it started. The size is what the tests rely on, so the
 * page's browsing context lets that one command go when the browser does not know it.
 */
function toleratesNoOrientation(page) {
  const context = page.mainFrame().browsingContext;
  const setOrientation = context?.setScreenOrientationOverride;
  if (typeof setOrientation !== 'function') return page;
  context.setScreenOrientationOverride = (...args) =>
    setOrientation.apply(context, args).catch((error) => {
      if (!/unknown command/.test(error?.message)) throw error;
    });
  return page;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * WebKit through WebKitWebDriver, which this plugin starts on a free port when the test server
 * starts (under `xvfb-run -a` when there is no display) and stops with it. The launcher connects on
 * the first test file, after serverStart, so it gets the port by then.
 */
const webKitDriverOptions = {
  hostname: '127.0.0.1',
  port: 0,
  path: '/',
  logLevel: 'error',
  connectionRetryTimeout: 120000,
  capabilities: {
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    // The runner learns that a test page has loaded, and how its tests went, from the page itself;
    // the driver need not wait for the load event (which a page that msw reloads to come under its
    // service worker, or a slow image, can hold up until the page's tests are long over).
    pageLoadStrategy: 'none',
  },
};

function webkit() {
  const launcher = webdriverLauncher(webKitDriverOptions);
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = async (...args) => {
    await initialize(...args);
    launcher.name = 'WebKit'; // the capabilities name no browser, so the label would be empty
  };
  // The same 800 × 600 viewport the puppeteer launchers give Chromium and Firefox (MiniBrowser
  // opens at 1024 × 730), so that "below the first screen" means the same in every engine.
  const createDriverManager = launcher.createDriverManager.bind(launcher);
  launcher.createDriverManager = async () => {
    const manager = await createDriverManager();
    await fitViewport(launcher.driver, 800, 600);
    // The launcher starts each test page's navigation without waiting for it, so a navigation
    // that fails (or is cut short when the runner stops) would be an unhandled rejection that
    // stops the whole run. A page that never loads still fails: its test file times out.
    manager.queueStartSession = async (id, url) => {
      manager.startSession(id, url).catch((error) => {
        if (launcher.driver) console.warn(`WebKit: navigating to ${url} failed: ${error.message}`);
      });
    };
    return manager;
  };
  return launcher;
}

/** Sizes the browser's window so that its viewport is `width` × `height`. */
async function fitViewport(driver, width, height) {
  const viewport = () => driver.execute('return [window.innerWidth, window.innerHeight]');
  await driver.setWindowSize(width, height);
  const [innerWidth, innerHeight] = await viewport();
  await driver.setWindowSize(2 * width - innerWidth, 2 * height - innerHeight);
  const [finalWidth, finalHeight] = await viewport();
  if (finalWidth !== width || finalHeight !== height) {
    console.warn(`WebKit's viewport is ${finalWidth} × ${finalHeight}, not ${width} × ${height}`);
  }
}

function webKitDriver() {
  let driver;
  let exited;
  return {
    name: 'offer-wall-webkit-driver',
    async serverStart() {
      const port = await freePort();
      const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
      const [command, ...args] = display
        ? [WEBKIT_DRIVER, `--port=${port}`]
        : ['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24', WEBKIT_DRIVER, `--port=${port}`];
      driver = spawn(command, args, {
        // Its own process group, so that stopping it also stops Xvfb and the browser.
        detached: true,
        stdio: ['ignore', 'ignore', 'inherit'],
        // Without it, WebKitGTK under Xvfb paints nothing into screenshots.
        env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
      });
      exited = new Promise((resolve) => {
        driver.once('exit', resolve);
        driver.once('error', (error) => {
          console.error(`Could not start ${command}: ${error.message}`);
          resolve();
        });
      });
      // Should the runner die without stopping its server, the driver, Xvfb and MiniBrowser go too.
      const group = driver.pid;
      process.once('exit', () => {
        try {
          process.kill(-group, 'SIGTERM');
        } catch {
          // already gone
        }
      });
      await waitForDriver(port, exited);
      webKitDriverOptions.port = port;
    },
    async serverStop() {
      if (!driver || driver.exitCode !== null) return;
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    },
  };
}

/** Resolves once the WebDriver server on `port` answers /status; rejects if it exits first. */
async function waitForDriver(port, exited) {
  let gone = false;
  exited.then(() => (gone = true));
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`WebKitWebDriver exited before listening on port ${port}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} within 30 s`);
}

const launchers = { chromium, firefox, webkit };

export default {
  // test/server/ holds the proxy's Node tests (npm run test:node).
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    asBuilt(esbuildPlugin({ ts: true, tsx: true, target: 'auto', tsconfig: './tsconfig.json' })),
    referenceProxy(),
    frameworks(),
    ...(engines.includes('webkit') ? [webKitDriver()] : []),
  ],
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
    // A publisher's chunks in a folder of their own (test/pages/chunks-elsewhere.html names it
    // with data-chunks): the built ones, served from there too.
    function chunksElsewhere(context, next) {
      if (context.path.startsWith('/elsewhere/chunks/')) context.url = context.url.replace('/elsewhere/chunks/', '/dist/');
      return next();
    },
    // test/pages/full.html pins dist/offer-wall.full.js with Subresource Integrity: its hash as
    // built, as a publisher would paste it.
    async function subresourceIntegrity(context, next) {
      await next();
      if (context.path !== '/test/pages/full.html') return;
      const digest = createHash('sha384').update(readFileSync('dist/offer-wall.full.js')).digest('base64');
      context.body = readFileSync('test/pages/full.html', 'utf8').replace('integrity="SRI"', `integrity="sha384-${digest}"`);
    },
    // Test pages under /test/pages/ are served with the Content-Security-Policy their `csp`
    // query parameter names, as a strict publisher's server would send it.
    async function contentSecurityPolicy(context, next) {
      await next();
      const policy = CSP[context.path.startsWith('/test/pages/') ? context.query.csp : ''];
      if (policy) context.set('Content-Security-Policy', policy);
    },
  ],
  browsers: engines.map((name) => launchers[name]()),
  // Lit's one-time dev-mode banner is expected; any other Lit warning fails the test (test/helpers.ts).
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><script>window.litIssuedWarnings = new Set(['dev-mode']);</script></head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  // One test file at a time per engine (WebKit's driver then runs each file in the window itself,
  // not in an iframe), the three engines side by side: most of a test file's time is spent waiting
  // on timers and the network mock, so three at once finish far sooner than one after the other,
  // even on two cores.
  concurrency: 1,
  concurrentBrowsers: 3,
  // A loaded CI machine can take a while to start Firefox, or Xvfb, MiniBrowser and its driver.
  browserStartTimeout: 120000,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
};
