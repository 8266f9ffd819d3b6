// `npm run build` (its server part): bundles the reference backend into dist/server/ with esbuild,
// its packages inside (zod, undici, commander, prom-client and theirs), so that the package's only
// runtime dependency is Lit and a publisher who never runs the server installs nothing for it;
// each bundled package's licence is written beside them. The entries: `index.js`
// (offer-wall/server, fetch handler, nothing of Node in it), `node.js` (offer-wall/server/node) and
// `cli.js` (the offer-wall-proxy bin). The ledger's databases (@electric-sql/pglite, pg) stay
// outside: optional peers, loaded only when rewards are on. Type declarations come from
// `tsc -p tsconfig.server.json`.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/server/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
/** CommonJS that requires Node's modules gets a `require` made for it (an ES module has none). */
const requireBanner = { js: "import { createRequire as __offerWallRequire } from 'node:module';\nconst require = __offerWallRequire(import.meta.url);" };
const shared = {
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/pglite', 'pg'],
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};
// undici (the Node runner's upstream pool) gets a file of its own, which only the Node entries
// import, so that `index.js` stays free of Node.
const undici = await build({
  ...shared,
  outdir: undefined,
  stdin: { contents: "export { Agent, fetch } from 'undici';", resolveDir: '.', sourcefile: 'undici-entry.js' },
  outfile: `${out}undici.js`,
  banner: requireBanner,
});
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};
// The two entries a publisher imports, sharing their code.
const library = await build({ ...shared, plugins: [undiciApart], entryPoints: { index: 'src/server/index.ts', node: 'src/server/node.ts' }, splitting: true, chunkNames: 'shared-[hash]' });
// The program, whole in one file: commander and prom-client are CommonJS too (its `require` must
// not reach the runtime-neutral entry above).
const program = await build({ ...shared, plugins: [undiciApart], entryPoints: { cli: 'src/server/cli.ts' }, banner: requireBanner });
chmodSync(`${out}cli.js`, 0o755);
const packages = new Set();
for (const result of [undici, library, program]) {
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
}
const licences = [...packages].sort().map((name) => {
  const dir = `node_modules/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
  const text = file ? readFileSync(`${dir}/${file}`, 'utf8') : `${pkg.license ?? 'see its package'} (no licence file in the package)`;
  return `${name} ${pkg.version} (${pkg.homepage ?? pkg.repository?.url ?? 'npm'}), ${pkg.license ?? ''}:\n\n${text.trim()}\n`;
});
writeFileSync(`${out}THIRD-PARTY-LICENSES.txt`, `dist/server bundles these packages, under these licences:\n\n${licences.join('\n---\n\n')}`);
