// `npm run build` (its server part): bundles the reference backend into dist/server/ with esbuild,
// zod and undici inside, so that the package's only runtime dependency is Lit and a publisher who never runs
// the server installs nothing for it. Three entries: `index.js` (offer-wall/server, fetch handler,
// nothing of Node in it), `node.js` (offer-wall/server/node) and `cli.js` (the offer-wall-proxy
// bin). The ledger's databases (@electric-sql/pglite, pg) stay outside: optional peers, loaded
// only when rewards are on. Type declarations come from `tsc -p tsconfig.server.json`.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/server/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
// undici (the Node runner's upstream pool) is CommonJS that requires Node's modules: it gets a
// file of its own with a `require` made for it, which only the Node entries import, so that
// `index.js` stays free of Node.
await build({
  stdin: { contents: "export { Agent, fetch } from 'undici';", resolveDir: '.', sourcefile: 'undici-entry.js' },
  outfile: `${out}undici.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};
await build({
  plugins: [undiciApart],
  entryPoints: { index: 'src/server/index.ts', node: 'src/server/node.ts', cli: 'src/server/cli.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/pglite', 'pg'],
  chunkNames: 'shared-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync(`${out}cli.js`, 0o755);
// zod and undici (the Node runner's upstream pool) are bundled: their licences travel with them.
const bundled = ['zod', 'undici'].map((name) => {
  const meta = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8'));
  const home = meta.homepage ?? `https://www.npmjs.com/package/${name}`;
  return `dist/server bundles ${name} ${meta.version} (${home}), under this licence:\n\n${readFileSync(`node_modules/${name}/LICENSE`, 'utf8')}`;
});
writeFileSync(`${out}THIRD-PARTY-LICENSES.txt`, bundled.join('\n\n'));
