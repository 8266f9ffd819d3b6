/**
 * The ledger's guarantees (CONTRACT.md section 9.1), the same suite on the embedded database and
 * on a real PostgreSQL: one transaction credits once however often and wherever it arrives, a
 * reversal takes back what was credited once (and one that comes first is kept), the balance never
 * counts a transaction twice, a credit finds the click it rewards, a user sees only their own
 * entries, and every credit and reversal leaves one webhook event, in the same transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ledger, migrate, MIGRATIONS } from '../../src/server/node.js';
import { claimNext, completeEvent, retryEvent, type OutboxEvent } from '../../src/server/rewards/webhook/store.js';
import { DATABASES, freshPostgres, type TestDatabase } from './databases.js';

/** Every event due, in the order the outbox gives them, each delivered as it comes (as the worker does). */
async function deliverAll(ledger: Ledger): Promise<OutboxEvent[]> {
  const events: OutboxEvent[] = [];
  for (let event = await claimNext(ledger.db, 60); event; event = await claimNext(ledger.db, 60)) {
    events.push(event);
    await completeEvent(ledger.db, event);
  }
  return events;
}

let sequence = 0;
/** Ids no other test uses, so the tests share one database. */
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;

const postback = (fields: { user: string; tx: string; kind?: 'credit' | 'reversal'; amount?: string; offer?: string | null; click?: string | null; profile?: string }) => ({
  profile: fields.profile ?? 'generic',
  transactionId: fields.tx,
  kind: fields.kind ?? ('credit' as const),
  userId: fields.user,
  offerId: fields.offer === undefined ? 'offer-1' : fields.offer,
  clickId: fields.click ?? null,
  goal: null,
  goalName: null,
  amount: fields.amount ?? '100',
  params: {},
});

for (const { kind, fresh } of DATABASES) {
  describe(`the ledger on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let database: TestDatabase;
    let ledger: Ledger;
    before(async () => {
      database = await fresh();
      ledger = new Ledger(await database.open());
    });
    after(async () => {
      await database.drop();
    });

    it('applies its numbered migrations once', async () => {
      assert.deepEqual(await migrate(ledger.db), []);
      const versions = await ledger.db.query<{ version: number }>('SELECT version FROM offer_wall_migrations WHERE version > $1 ORDER BY version', [0]);
      assert.deepEqual(
        versions.map((row) => Number(row.version)),
        MIGRATIONS.map((m) => m.version),
      );
    });

    it('credits a transaction once however many times it arrives, fifty at once included', async () => {
      const user = unique('user');
      const tx = unique('tx');
      const results = await Promise.all(Array.from({ length: 50 }, () => ledger.apply(postback({ user, tx }), true)));
      assert.equal(results.filter((r) => r === 'stored').length, 1);
      assert.equal(results.filter((r) => r === 'repeat').length, 49);
      assert.equal(await ledger.apply(postback({ user, tx }), true), 'repeat');
      const page = await ledger.rewards(user, null);
      assert.equal(page.balance, '100');
      assert.equal(page.entries.length, 1);
      assert.equal(page.entries[0]!.status, 'credited');
    });

    it('keeps one transaction id per network apart from another network’s same id', async () => {
      const user = unique('user');
      const tx = unique('tx');
      assert.equal(await ledger.apply(postback({ user, tx, profile: 'generic' }), false), 'stored');
      assert.equal(await ledger.apply(postback({ user, tx, profile: 'ayet' }), false), 'stored');
      assert.equal((await ledger.rewards(user, null)).balance, '200');
    });

    it('takes back what a reversal reverses, once', async () => {
      const user = unique('user');
      const tx = unique('tx');
      await ledger.apply(postback({ user, tx, amount: '250' }), true);
      await ledger.apply(postback({ user, tx: unique('tx'), amount: '40' }), true);
      assert.equal(await ledger.apply(postback({ user, tx, kind: 'reversal', amount: '250' }), true), 'stored');
      assert.equal(await ledger.apply(postback({ user, tx, kind: 'reversal', amount: '250' }), true), 'repeat');
      const page = await ledger.rewards(user, null);
      assert.equal(page.balance, '40');
      assert.deepEqual(page.entries.map((e) => e.status).sort(), ['credited', 'reversed']);
    });

    it('keeps a reversal that comes before its credit, and the credit then adds nothing', async () => {
      const user = unique('user');
      const tx = unique('tx');
      assert.equal(await ledger.apply(postback({ user, tx, kind: 'reversal' }), true), 'stored');
      assert.equal((await ledger.rewards(user, null)).balance, '0');
      assert.equal(await ledger.apply(postback({ user, tx }), true), 'stored');
      const page = await ledger.rewards(user, null);
      assert.equal(page.balance, '0');
      assert.equal(page.entries[0]!.status, 'reversed');
    });

    it('ties a credit to the click it echoes, else to the user’s latest pending click on the offer', async () => {
      const user = unique('user');
      await ledger.recordClick({ userId: user, offerId: 'offer-a', clickId: 'click-1', name: 'Dragon Realms', icon: 'https://cdn.example/d.png', reward: 3600 });
      await ledger.recordClick({ userId: user, offerId: 'offer-b', clickId: 'click-2', name: 'Budget Buddy', icon: null, reward: 500 });
      await ledger.recordClick({ userId: user, offerId: 'offer-b', clickId: 'click-3', name: 'Budget Buddy', icon: null, reward: 500 });
      // By click id, even on another offer id than the click's.
      await ledger.apply(postback({ user, tx: unique('tx'), offer: 'x', click: 'click-1', amount: '3600' }), false);
      // By offer: the latest pending click on it.
      await ledger.apply(postback({ user, tx: unique('tx'), offer: 'offer-b', amount: '500' }), false);
      const entries = (await ledger.rewards(user, null)).entries;
      const byClick = Object.fromEntries(entries.map((e) => [e.click_id, e.status]));
      assert.deepEqual(byClick, { 'click-1': 'credited', 'click-2': 'pending', 'click-3': 'credited' });
      assert.equal(entries.find((e) => e.click_id === 'click-1')!.name, 'Dragon Realms');
      // A conversion with no click behind it still shows, as its own entry.
      await ledger.apply(postback({ user, tx: unique('tx'), offer: 'offer-z', amount: '7' }), false);
      const latest = (await ledger.rewards(user, null)).entries[0]!;
      assert.deepEqual([latest.offer_id, latest.status, latest.amount, latest.name], ['offer-z', 'credited', '7', null]);
    });

    it('stores the postbacks that arrive together, each on its own: one that fails takes no other with it', async () => {
      const user = unique('user');
      const txs = Array.from({ length: 20 }, () => unique('tx'));
      // One the database refuses (an amount of 0 breaks its check), among nineteen good ones.
      const results = await Promise.allSettled(txs.map((tx, i) => ledger.apply(postback({ user, tx, amount: i === 7 ? '0' : '5' }), false)));
      assert.deepEqual(
        results.map((result) => result.status),
        txs.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
      );
      assert.equal((await ledger.rewards(user, null)).balance, '95');
    });

    it('records a click once however often the wall sends it', async () => {
      const user = unique('user');
      for (let i = 0; i < 3; i++) await ledger.recordClick({ userId: user, offerId: 'o', clickId: 'same', name: 'O', icon: null, reward: 10 });
      const page = await ledger.rewards(user, null);
      assert.equal(page.entries.length, 1);
      assert.deepEqual([page.entries[0]!.status, page.entries[0]!.amount], ['pending', '10']);
    });

    it('lists a user’s rewards newest first, page by page, and never another user’s', async () => {
      const user = unique('user');
      const other = unique('user');
      for (let i = 0; i < 25; i++) await ledger.recordClick({ userId: user, offerId: `o${i}`, clickId: `c${i}`, name: `Offer ${i}`, icon: null, reward: i });
      await ledger.recordClick({ userId: other, offerId: 'secret', clickId: 'x', name: 'Not yours', icon: null, reward: 1 });
      await ledger.apply(postback({ user: other, tx: unique('tx') }), false);
      const first = await ledger.rewards(user, null, 10);
      const second = await ledger.rewards(user, first.next, 10);
      const third = await ledger.rewards(user, second.next, 10);
      const names = [...first.entries, ...second.entries, ...third.entries].map((e) => e.name);
      assert.deepEqual(names, Array.from({ length: 25 }, (_, i) => `Offer ${24 - i}`));
      assert.equal(third.next, null);
      assert.equal(first.balance, '0');
      assert.ok(!names.includes('Not yours'));
    });

    it('leaves one webhook event per credit and reversal, in the same transaction, and none for a repeat', async () => {
      // Deliver everything already due first, so this test counts only its own events.
      await deliverAll(ledger);
      const user = unique('user');
      const tx = unique('tx');
      await ledger.apply(postback({ user, tx, amount: '300' }), true);
      await ledger.apply(postback({ user, tx, amount: '300' }), true);
      await ledger.apply(postback({ user, tx, kind: 'reversal', amount: '999' }), true);
      const early = unique('tx');
      await ledger.apply(postback({ user, tx: early, kind: 'reversal' }), true);
      await ledger.apply(postback({ user, tx: early }), true);
      const events = (await deliverAll(ledger)).map((e) => JSON.parse(e.body) as Record<string, unknown>);
      assert.deepEqual(
        events.map(({ type, user_id, amount, transaction_id, offer_id }) => ({ type, user_id, amount, transaction_id, offer_id })),
        [
          { type: 'credit', user_id: user, amount: 300, transaction_id: tx, offer_id: 'offer-1' },
          // A reversal takes back what was credited, whatever amount it names.
          { type: 'reversal', user_id: user, amount: 300, transaction_id: tx, offer_id: 'offer-1' },
        ],
      );
      for (const event of events) {
        assert.match(String(event['id']), /^[0-9a-f-]{36}$/);
        assert.ok(!Number.isNaN(Date.parse(String(event['at']))));
      }
    });

    it('leases an event to one deliverer at a time, and gives it again after a failure', async () => {
      await deliverAll(ledger);
      await ledger.apply(postback({ user: unique('user'), tx: unique('tx') }), true);
      const event = await claimNext(ledger.db, 60);
      assert.ok(event);
      assert.equal(await claimNext(ledger.db, 60), null, 'leased: nobody else gets it');
      assert.equal(await retryEvent(ledger.db, event, 0, 'HTTP 503', 72), false);
      const again = await claimNext(ledger.db, 60);
      assert.equal(again?.id, event.id);
      assert.equal(again?.body, event.body, 'a retry sends the very same body');
      await completeEvent(ledger.db, again!);
    });
  });
}

describe('two instances on one PostgreSQL', () => {
  it('credit a transaction once when both receive it fifty times at once', async () => {
    const database = await freshPostgres();
    try {
      const a = new Ledger(await database.open());
      const b = new Ledger(await database.open());
      const user = unique('user');
      const tx = unique('tx');
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).apply(postback({ user, tx }), true)));
      assert.equal(results.filter((r) => r === 'stored').length, 1);
      assert.equal((await a.rewards(user, null)).balance, '100');
      // And a credit racing its reversal at the two instances ends reversed, whichever wins.
      const raced = unique('tx');
      await Promise.all([a.apply(postback({ user, tx: raced }), true), b.apply(postback({ user, tx: raced, kind: 'reversal' }), true)]);
      const page = await b.rewards(user, null);
      assert.equal(page.balance, '100');
      assert.equal(page.entries.find((e) => e.status === 'reversed') !== undefined, true);
      const events = (await deliverAll(a)).map((e) => JSON.parse(e.body) as { type: string; transaction_id: string });
      const racedEvents = events.filter((e) => e.transaction_id === raced).map((e) => e.type);
      assert.ok(racedEvents.length === 0 || racedEvents.join() === 'credit,reversal', racedEvents.join());
    } finally {
      await database.drop();
    }
  });

  it('migrate once when they start together', async () => {
    const database = await freshPostgres();
    try {
      await Promise.all([database.open(), database.open(), database.open()]);
      const db = await database.open();
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offer_wall_migrations WHERE version >= $1', [1]);
      assert.equal(Number(rows[0]!.n), MIGRATIONS.length);
    } finally {
      await database.drop();
    }
  });
});
