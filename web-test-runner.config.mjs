// Runs test/**/*.test.ts in Debian's headless Chromium (or $CHROME_PATH), with the network mocked
// by msw's service worker, which is served from node_modules at the site root.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' })],
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
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
