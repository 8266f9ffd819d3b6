// `npm run build` (its server part): bundles the reference backend into dist/server/ with esbuild,
// zod inside, so that the package's only runtime dependency is Lit and a publisher who never runs
// the server installs nothing for it. Three entries: `index.js` (offer-wall/server, fetch handler,
// nothing of Node in it), `node.js` (offer-wall/server/node) and `cli.js` (the offer-wall-proxy
// bin). The ledger's databases (@electric-sql/pglite, pg) stay outside: optional peers, loaded
// only when rewards are on. Type declarations come from `tsc -p tsconfig.server.json`.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/server/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
await build({
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
// zod is bundled: its licence travels with it.
const zod = JSON.parse(readFileSync('node_modules/zod/package.json', 'utf8'));
writeFileSync(
  `${out}THIRD-PARTY-LICENSES.txt`,
  `dist/server bundles zod ${zod.version} (${zod.homepage ?? 'https://zod.dev'}), under this licence:\n\n${readFileSync('node_modules/zod/LICENSE', 'utf8')}`,
);
