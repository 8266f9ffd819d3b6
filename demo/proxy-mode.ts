/**
 * `npm run demo:proxy`: the demo over the whole real path, wall → proxy → upstream. Starts the
 * mock upstream (seed-shaped data, checking the secrets), one reference proxy per dialect with
 * CORS for the demo page, and vite; then open http://localhost:5173/?proxy.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/server/node.js';
import { startMockUpstream } from './upstream.js';

const APP_ID = 'demo-app-id';
const TOKEN = 'demo-publisher-token';
const origins = ['http://localhost:5173', 'http://127.0.0.1:5173'];
const log = (name: string) => (line: string) => console.log(`[${name}] ${line}`);

const upstream = await startMockUpstream({ port: 8790, appId: APP_ID, publisherToken: TOKEN });
const s2s = await startServer(
  { format: 's2s', upstream: `${upstream.url}/s2s`, appId: APP_ID, allowedOrigins: origins, log: log('s2s proxy') },
  8787,
);
const appcharge = await startServer(
  { format: 'appcharge', upstream: `${upstream.url}/v2/offer`, publisherToken: TOKEN, allowedOrigins: origins, log: log('appcharge proxy') },
  8788,
);
console.log(`mock upstream  ${upstream.url}  (s2s at /s2s, appcharge at /v2/offer)`);
console.log(`s2s proxy      ${s2s.url}/offers`);
console.log(`appcharge proxy ${appcharge.url}/offers`);
console.log('open http://localhost:5173/?proxy');

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vite = spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--port', '5173', '--strictPort'], {
  cwd: root,
  stdio: 'inherit',
});

async function stop(): Promise<void> {
  vite.kill('SIGTERM');
  await Promise.all([s2s.close(), appcharge.close(), upstream.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
vite.on('exit', () => void stop());
