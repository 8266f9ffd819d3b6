/**
 * `npm run test:browser`: the browser tests in each engine of BROWSERS (default: chromium,
 * firefox, webkit), one engine after the other rather than all three at once. On a two-core
 * machine the three at once took longer in all (about 6 minutes against 4.5) and starved each
 * other's timers and frames, which is where the suite's rare timing failures came from. Every
 * engine runs even when one fails; the exit code is the first failure's.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const engines = (process.env.BROWSERS || 'chromium,firefox,webkit').split(',').map((name) => name.trim()).filter(Boolean);
const runner = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));
let failed = 0;
for (const engine of engines) {
  console.log(`\n--- browser tests: ${engine}`);
  const started = Date.now();
  const { status, signal } = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BROWSERS: engine },
  });
  const code = status ?? (signal ? 1 : 0);
  console.log(`--- ${engine}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (code !== 0 && !failed) failed = code;
}
process.exit(failed);
