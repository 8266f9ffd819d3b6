/**
 * The demo's stand-in for the reference backend's rewards (CONTRACT.md section 9.2), in the page
 * with msw, so `npm run demo` shows the whole loop offline: the wall records a tap (pending), and
 * the demo's buttons play the network: a conversion (credited) and a chargeback (reversed). It
 * keeps the server's rules: a token names the user, a user sees only their entries, the balance
 * is credits less reversals. (`npm run demo:proxy` runs the real server and ledger instead.)
 */
import { http, HttpResponse } from 'msw';
import type { RewardEntryJson as RewardEntry } from '../../src/data/wire.js';

/** An entry as the server's ledger answers it, and whose it is. */
interface Entry extends RewardEntry {
  user: string;
}

const entries: Entry[] = [];
let sequence = 0;

/** The demo's user token names its user in clear (the demo has no server to sign it). */
export const DEMO_TOKEN = 'demo-user';
const userOf = (request: Request) => /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1] ?? null;

const now = () => new Date().toISOString();

/** Entries the demo's user starts with: one credited yesterday, one pending for two days (so "Report a problem" shows). */
export function seedRewards(): void {
  if (entries.length) return;
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  entries.push(
    { id: String(++sequence), status: 'credited', offer_id: 'demo-1', name: 'Word Crush Deluxe', icon: null, amount: 1250, click_id: 'seed-1', goal: null, goal_name: null, clicked_at: ago(30), updated_at: ago(26), user: DEMO_TOKEN },
    { id: String(++sequence), status: 'pending', offer_id: 'demo-2', name: 'Opinion Pulse: Paid Surveys', icon: null, amount: 800, click_id: 'seed-2', goal: null, goal_name: null, clicked_at: ago(50), updated_at: ago(50), user: DEMO_TOKEN },
  );
}

/** The network reports the latest pending tap as converted; returns its name, or null. */
export function convertLatest(): string | null {
  const entry = entries.filter((e) => e.status === 'pending').sort((a, b) => b.clicked_at.localeCompare(a.clicked_at))[0];
  if (!entry) return null;
  entry.status = 'credited';
  entry.updated_at = now();
  return entry.name;
}

/** The network takes back the latest credited reward; returns its name, or null. */
export function chargeBackLatest(): string | null {
  const entry = entries.filter((e) => e.status === 'credited').sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  if (!entry) return null;
  entry.status = 'reversed';
  entry.updated_at = now();
  return entry.name;
}

export const rewardsHandlers = [
  http.post('/api/rewards', async ({ request }) => {
    const user = userOf(request);
    if (!user) return HttpResponse.json({ error: { code: 'bad_token' } }, { status: 401 });
    const body = (await request.json()) as Record<string, unknown>;
    const clickId = typeof body['click_id'] === 'string' ? body['click_id'] : null;
    if (!entries.some((e) => e.user === user && clickId && e.click_id === clickId)) {
      entries.push({
        id: String(++sequence),
        status: 'pending',
        offer_id: String(body['offer_id'] ?? ''),
        name: typeof body['name'] === 'string' ? body['name'] : null,
        icon: typeof body['icon'] === 'string' ? body['icon'] : null,
        amount: typeof body['reward'] === 'number' ? body['reward'] : null,
        click_id: clickId,
        goal: null,
        goal_name: null,
        clicked_at: now(),
        updated_at: now(),
        user,
      });
    }
    return new HttpResponse(null, { status: 204 });
  }),
  http.get('/api/rewards', ({ request }) => {
    const user = userOf(request);
    if (!user) return HttpResponse.json({ error: { code: 'bad_token' } }, { status: 401 });
    const mine = entries.filter((e) => e.user === user).sort((a, b) => b.clicked_at.localeCompare(a.clicked_at) || Number(b.id) - Number(a.id));
    const cursor = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
    const page = mine.slice(cursor, cursor + 10);
    const balance = mine.reduce((sum, e) => sum + (e.status === 'credited' ? (e.amount ?? 0) : 0), 0);
    return HttpResponse.json(
      {
        balance,
        entries: page.map(({ user: _user, ...entry }) => entry),
        next: cursor + 10 < mine.length ? String(cursor + 10) : null,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  }),
];
