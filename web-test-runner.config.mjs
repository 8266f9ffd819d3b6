// Runs test/**/*.test.ts in Debian's headless Chromium (or $CHROME_PATH), with the network mocked
// by msw's service worker, which is served from node_modules at the site root.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
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
      const { startServer } = await import('./.build/node/src/server/index.js');
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

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  // test/server/ holds the proxy's Node tests (npm run test:node).
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsx: true, target: 'auto', tsconfig: './tsconfig.json' }), referenceProxy(), frameworks()],
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
    // Test pages under /test/pages/ are served with the Content-Security-Policy their `csp`
    // query parameter names, as a strict publisher's server would send it.
    async function contentSecurityPolicy(context, next) {
      await next();
      const policy = CSP[context.path.startsWith('/test/pages/') ? context.query.csp : ''];
      if (policy) context.set('Content-Security-Policy', policy);
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
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
    }),
  ],
  // Lit's one-time dev-mode banner is expected; any other Lit warning fails the test (test/helpers.ts).
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><script>window.litIssuedWarnings = new Set(['dev-mode']);</script></head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
};
