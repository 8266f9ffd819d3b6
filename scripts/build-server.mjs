// `npm run build` (its server part): bundles the reference backend into dist/server/ with esbuild,
// zod inside, so that the package's only runtime dependency is Lit and a publisher who never runs
// the server installs nothing for it (commander and prom-client are bundled the same way, each
// package's licence written beside them). Three entries: `index.js` (offer-wall/server, fetch handler,
// nothing of Node in it), `node.js` (offer-wall/server/node) and `cli.js` (the offer-wall-proxy
// bin). The ledger's databases (@electric-sql/pglite, pg) stay outside: optional peers, loaded
// only when rewards are on. Type declarations come from `tsc -p tsconfig.server.json`.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/server/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
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
// The two entries a publisher imports, sharing their code.
const library = await build({ ...shared, entryPoints: { index: 'src/server/index.ts', node: 'src/server/node.ts' }, splitting: true, chunkNames: 'shared-[hash]' });
// The program, whole in one file: commander and prom-client are CommonJS, whose require() an ES
// module has only from createRequire (which must not reach the runtime-neutral entry above).
const program = await build({
  ...shared,
  entryPoints: { cli: 'src/server/cli.ts' },
  banner: { js: "import { createRequire as __offerWallRequire } from 'node:module';\nconst require = __offerWallRequire(import.meta.url);" },
});
chmodSync(`${out}cli.js`, 0o755);
// Every package bundled (zod, commander, prom-client and theirs): its licence travels with it.
const packages = new Set();
for (const input of [...Object.keys(library.metafile.inputs), ...Object.keys(program.metafile.inputs)]) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const licences = [...packages].sort().map((name) => {
  const dir = `node_modules/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
  const text = file ? readFileSync(`${dir}/${file}`, 'utf8') : `${pkg.license ?? 'see its package'} (no licence file in the package)`;
  return `${name} ${pkg.version} (${pkg.homepage ?? pkg.repository?.url ?? 'npm'}), ${pkg.license ?? ''}:\n\n${text.trim()}\n`;
});
writeFileSync(`${out}THIRD-PARTY-LICENSES.txt`, `dist/server bundles these packages, under these licences:\n\n${licences.join('\n---\n\n')}`);
