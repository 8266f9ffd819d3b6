/**
 * `npm run demo` serves `demo/` (msw answers the wall's endpoint, offline);
 * `npm run build` writes `dist/offer-wall.js`, the one-file script-tag bundle.
 * The ES modules and declarations for bundler users come from `tsc -p tsconfig.build.json`.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Serves msw's service worker at the site root without copying it into the repository. */
function mockServiceWorker(): Plugin {
  const file = here('./node_modules/msw/lib/mockServiceWorker.js');
  return {
    name: 'offer-wall:msw-worker',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Collapses the whitespace of Lit's `html` and `css` templates in the build (about 1 KB gzip). */
function minifyTemplates(): Plugin {
  return {
    name: 'offer-wall:minify-templates',
    apply: 'build',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const result = await minifyHTMLLiterals(code, { fileName: id });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}

export default defineConfig({
  root: here('./demo'),
  plugins: [mockServiceWorker(), minifyTemplates()],
  server: { port: 5173 },
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target: 'es2021',
    lib: {
      entry: here('./src/bundle.ts'),
      // Required for an IIFE; the entry exports nothing, so no global is created.
      name: 'OfferWall',
      formats: ['iife'],
      fileName: () => 'offer-wall.js',
    },
  },
});
