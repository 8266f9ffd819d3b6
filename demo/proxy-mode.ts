/**
 * `npm run demo:proxy`: the demo over the whole real path, wall → proxy → upstream. Starts the
 * mock upstream (seed-shaped data, checking the secrets), one reference proxy per dialect with
 * CORS for the demo page, and vite; then open http://localhost:5173/?proxy (`-- --port N` serves
 * the page on another port). A port already taken (by `npm run demo`, say) stops it before it
 * starts anything, with the port, its holder and what to do (ports.ts), and exit code 1.
 *
 * The s2s proxy also runs the rewards, on the embedded ledger (in a temporary folder): the wall
 * records taps at its /rewards, and a mock network (port 8789, for the demo's buttons) gives the
 * page its user token and sends signed `generic` postbacks to its /postback, as a real network
 * would after a conversion or a chargeback.
 */
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Ledger, createUserToken, migrate, openEmbedded, startServer } from '../src/server/node.js';
import { explainBusyPorts } from './ports.js';
import { startMockUpstream } from './upstream.js';

const APP_ID = 'demo-app-id';
const TOKEN = 'demo-publisher-token';
const { values: args } = parseArgs({ options: { port: { type: 'string', default: '5173' } } });
const PAGE_PORT = Number(args.port);
if (!Number.isInteger(PAGE_PORT) || PAGE_PORT < 1 || PAGE_PORT > 65535) {
  console.error(`npm run demo:proxy: --port "${args.port}" is not a port number (1 to 65535)`);
  process.exit(2);
}
const busy = await explainBusyPorts(
  [
    { port: PAGE_PORT, role: 'the demo page', movable: true },
    { port: 8787, role: 'the s2s proxy and its rewards' },
    { port: 8788, role: 'the appcharge proxy' },
    { port: 8789, role: 'the mock network' },
    { port: 8790, role: 'the mock upstream' },
  ],
  'npm run demo:proxy',
);
if (busy) {
  console.error(busy);
  process.exit(1);
}
const origins = [`http://localhost:${PAGE_PORT}`, `http://127.0.0.1:${PAGE_PORT}`];
const log = (name: string) => (line: string) => console.log(`[${name}] ${line}`);

const POSTBACK_SECRET = 'demo-postback-secret';
const USER_SECRET = 'demo-user-secret';
const USER = 'demo-user-42';

const upstream = await startMockUpstream({ port: 8790, appId: APP_ID, publisherToken: TOKEN });
const dataDir = mkdtempSync(join(tmpdir(), 'offer-wall-demo-'));
console.log('starting the embedded ledger…');
const db = await openEmbedded(dataDir);
await migrate(db);
const ledger = new Ledger(db);
const s2s = await startServer(
  {
    format: 's2s',
    upstream: `${upstream.url}/s2s`,
    appId: APP_ID,
    allowedOrigins: origins,
    log: log('s2s proxy'),
    rewards: { profile: 'generic', postbackSecret: POSTBACK_SECRET, userSecret: USER_SECRET, ledger },
  },
  8787,
);

/** The mock network: sends the postback a network sends, signed as the `generic` profile says. */
async function sendPostback(status: 'credit' | 'reversal'): Promise<string> {
  const entries = (await ledger.rewards(USER, null, 100)).entries;
  const entry = entries.find((e) => e.status === (status === 'credit' ? 'pending' : 'credited'));
  if (!entry) return status === 'credit' ? 'No pending reward: tap an offer first.' : 'No credited reward to take back.';
  const fields = {
    transaction_id: `demo-${entry.click_id ?? randomUUID()}`,
    user_id: USER,
    offer_id: entry.offer_id ?? '',
    amount: String(entry.amount ?? 0),
    status,
    click_id: entry.click_id ?? '',
  };
  // The generic profile signs the five values percent-encoded, joined by colons.
  const message = [fields.transaction_id, fields.user_id, fields.offer_id, fields.amount, fields.status].map(encodeURIComponent).join(':');
  const signature = createHmac('sha256', POSTBACK_SECRET).update(message).digest('hex');
  const answer = await fetch(`${s2s.url}/postback?${new URLSearchParams({ ...fields, signature })}`);
  return `${status} of "${entry.name}" sent; the postback was answered ${answer.status}.`;
}

const network = createServer((req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin && origins.includes(req.headers.origin) ? req.headers.origin : origins[0]!);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  const path = req.url ?? '/';
  const answer =
    path === '/token' ? createUserToken(USER, USER_SECRET)
    : path === '/convert' ? sendPostback('credit')
    : path === '/chargeback' ? sendPostback('reversal')
    : Promise.resolve(null);
  answer.then(
    (body) => (body === null ? res.writeHead(404).end() : res.end(body)),
    (error: unknown) => res.writeHead(500).end(String(error)),
  );
});
await new Promise<void>((resolve) => network.listen(8789, '127.0.0.1', resolve));
const appcharge = await startServer(
  { format: 'appcharge', upstream: `${upstream.url}/v2/offer`, publisherToken: TOKEN, allowedOrigins: origins, log: log('appcharge proxy') },
  8788,
);
console.log(`mock upstream  ${upstream.url}  (s2s at /s2s, appcharge at /v2/offer)`);
console.log(`s2s proxy      ${s2s.url}/offers`);
console.log(`appcharge proxy ${appcharge.url}/offers`);
console.log(`rewards        ${s2s.url}/rewards and ${s2s.url}/postback (embedded ledger in ${dataDir})`);
console.log('mock network   http://127.0.0.1:8789 (/token, /convert, /chargeback)');
console.log(`open http://localhost:${PAGE_PORT}/?proxy`);

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vite = spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--port', String(PAGE_PORT), '--strictPort'], {
  cwd: root,
  stdio: 'inherit',
});

async function stop(code = 0): Promise<void> {
  vite.kill('SIGTERM');
  network.close();
  await Promise.all([s2s.close(), appcharge.close(), upstream.close()]);
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// vite failing (its port taken after all, between the check and now) fails the whole command.
vite.on('exit', (code) => void stop(code ?? 0));
