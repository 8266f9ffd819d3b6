/**
 * `npm run demo` serves `demo/` (msw answers the wall's endpoint, offline);
 * `npm run build` writes `dist/offer-wall.js`, the one-file script-tag bundle.
 * The ES modules and declarations for bundler users come from `tsc -p tsconfig.build.json`.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { minify } from 'terser';
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
      // Unquoted attribute values (`part=cta`) are plain HTML, and Lit binds `x=${…}` unquoted too.
      const result = await minifyHTMLLiterals(code, { fileName: id, minifyOptions: { removeAttributeQuotes: true } });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}

/**
 * Shortens our own internal members in the bundle, which a minifier cannot do on its own (about
 * 0.4 KB gzip): those declared `private _name`, and those the package's modules share with a
 * leading underscore (`feed._loadMore()`). Only names declared so in src/ are touched, so Lit's
 * internals (`_$…`) are left exactly as they are.
 */
function manglePrivateMembers(): Plugin {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        // `private _x`, and the package's internals shared between its modules: a member, field
        // or key declared at the start of a line as `_x` (`_loadMore()`, `_revealed = …`, `_rewards: …`).
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/\bprivate (?:readonly |async )?(_[a-z]\w*)|^\s+(?:readonly |get )?(_[a-z]\w*)\b/gm)) {
          names.add((match[1] ?? match[2])!);
        }
      }
    }
  };
  walk(here('./src'));
  const pattern = new RegExp(`^(?:${[...names].join('|')})$`);
  return {
    name: 'offer-wall:mangle-private-members',
    apply: 'build',
    async renderChunk(code) {
      // terser rather than esbuild here: two compress passes save about 300 B gzip more.
      const result = await minify(code, {
        ecma: 2020,
        module: false,
        compress: { passes: 2 },
        mangle: { properties: { regex: pattern } },
        format: { ascii_only: false },
        sourceMap: true,
      });
      return { code: result.code!, map: result.map as string };
    },
  };
}

export default defineConfig({
  root: here('./demo'),
  plugins: [mockServiceWorker(), minifyTemplates(), manglePrivateMembers()],
  server: { port: 5173 },
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: here('./src/bundle.ts'),
      // Required for an IIFE; the entry exports nothing, so no global is created.
      name: 'OfferWall',
      formats: ['iife'],
      fileName: () => 'offer-wall.js',
    },
  },
});
