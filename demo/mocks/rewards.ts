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

/**
 * Entries the demo's user starts with, one of each kind the view shows: credited, pending for two
 * days (so "Report a problem" shows), taken back, a goal of a multi-goal offer, a conversion whose
 * offer the ledger cannot name (no tap behind it), and support's manual credit.
 */
export function seedRewards(): void {
  if (entries.length) return;
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const seed = (hours: number, entry: Partial<RewardEntry>) => {
    const id = String(++sequence);
    entries.push({ id, status: 'credited', offer_id: `demo-${id}`, name: null, icon: null, amount: null, click_id: `seed-${id}`, goal: null, goal_name: null, clicked_at: ago(hours + 4), updated_at: ago(hours), user: DEMO_TOKEN, ...entry });
  };
  seed(200, { status: 'adjusted', offer_id: null, click_id: null, amount: 200 });
  seed(120, { status: 'reversed', name: 'Gem Rush: Match 3', amount: 500 });
  seed(96, { offer_id: '999', amount: 300 });
  seed(72, { name: 'Dragon Realms: Idle RPG', goal: 'level-10', goal_name: 'Reach level 10', amount: 1500 });
  seed(26, { name: 'Word Crush Deluxe', amount: 1250 });
  seed(50, { status: 'pending', name: 'Opinion Pulse: Paid Surveys', amount: 800, clicked_at: ago(50) });
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
    // Credits and support's adjustments count; a reversed entry's credit was taken back.
    const balance = mine.reduce((sum, e) => sum + (e.status === 'credited' || e.status === 'adjusted' ? (e.amount ?? 0) : 0), 0);
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
