/**
 * The webhook as the publisher's server lives with it: down for a while, then up; several
 * instances delivering from one PostgreSQL, one of them stopped and another started midway. Every
 * event arrives, one user's in the order they happened, none sent by two instances at once; a
 * pause between attempts doubles with jitter; an event refused past the give-up time is parked,
 * listed, and sent again on request; a manual adjustment is an event too.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { Ledger, startWebhookWorker, verifyWebhookSignature } from '../../src/server/node.js';
import { ledgerOperations } from '../../src/server/rewards/operations.js';
import { CLAIM_NEXT, claimNext } from '../../src/server/rewards/webhook/store.js';
import { retryDelay } from '../../src/server/rewards/webhook/worker.js';
import { DATABASES, freshEmbedded, freshLedger, freshPostgres, type TestDatabase } from './databases.js';

const SECRET = 'webhook-secret-0123456789';
const databases: TestDatabase[] = [];
after(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

let sequence = 0;
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;
const credit = (user: string, tx: string, amount = '10') => ({ profile: 'generic', transactionId: tx, goal: null, goalName: null, kind: 'credit' as const, userId: user, offerId: 'o', clickId: null, amount, params: {} });

/** The publisher's server: answers 503 while `down`, records every request, and notices one event sent twice at once. */
async function receiver() {
  const state = { down: true, delivered: [] as Array<{ id: string; user: string; type: string; tx: string; amount: unknown }>, inFlight: new Set<string>(), overlaps: [] as string[], requests: 0, badSignatures: 0 };
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      state.requests++;
      const event = JSON.parse(body) as { id: string; user_id: string; type: string; transaction_id: string; amount: unknown };
      if (!(await verifyWebhookSignature(req.headers['offer-wall-signature'] as string, body, SECRET))) state.badSignatures++;
      if (state.inFlight.has(event.id)) state.overlaps.push(event.id);
      state.inFlight.add(event.id);
      // Long enough that two instances holding one event would overlap here.
      setTimeout(() => {
        state.inFlight.delete(event.id);
        if (state.down) {
          res.writeHead(503).end();
          return;
        }
        state.delivered.push({ id: event.id, user: event.user_id, type: event.type, tx: event.transaction_id, amount: event.amount });
        res.writeHead(200).end();
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const until = async (condition: () => boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('the webhook', () => {
  it('pauses between attempts twice as long each time, up to an hour, less a random part of up to half', () => {
    for (const [attempts, base] of [
      [0, 2],
      [1, 4],
      [5, 64],
      [20, 3600],
    ] as const) {
      assert.equal(retryDelay(attempts, () => 1), base);
      assert.equal(retryDelay(attempts, () => 0), base / 2);
      const some = retryDelay(attempts);
      assert.ok(some >= base / 2 && some <= base, `${attempts}: ${some}`);
    }
  });

  it('delivers every event once the receiver is up, each user’s in order, never one from two instances at once, across a restart', async () => {
    const database = await freshPostgres();
    databases.push(database);
    const hook = await receiver();
    const a = new Ledger(await database.open());
    const b = new Ledger(await database.open());
    const c = new Ledger(await database.open());
    const options = { url: hook.url, secret: SECRET, everyMs: 30, backoff: () => 0.2, concurrency: 3 };
    try {
      // Three users, four events each, written by two instances in turn; each user's order is known.
      const users = [unique('u'), unique('u'), unique('u')];
      const order = new Map<string, string[]>(users.map((user) => [user, []]));
      for (let i = 0; i < 4; i++) {
        for (const [n, user] of users.entries()) {
          const tx = unique('tx');
          await ((i + n) % 2 ? a : b).apply(credit(user, tx), true);
          order.get(user)!.push(tx);
        }
      }
      const first = startWebhookWorker(a, options);
      const second = startWebhookWorker(b, options);
      await until(() => hook.state.requests >= 12);
      // One instance goes away while the receiver is still down; another takes its place.
      await first.stop();
      const third = startWebhookWorker(c, options);
      hook.state.down = false;
      await until(() => new Set(hook.state.delivered.map((event) => event.id)).size === 12);
      await second.stop();
      await third.stop();
      assert.deepEqual(hook.state.overlaps, [], 'no event was being sent twice at once');
      assert.equal(hook.state.badSignatures, 0);
      for (const user of users) {
        const received = hook.state.delivered.filter((event) => event.user === user).map((event) => event.tx);
        assert.deepEqual([...new Set(received)], order.get(user), `${user}'s events in the order they happened`);
      }
    } finally {
      await hook.close();
    }
  });

  it('parks an event refused past the give-up time, lists it, sends it again on request; an adjustment is an event too', async () => {
    const database = await freshEmbedded();
    databases.push(database);
    const hook = await receiver();
    const ledger = new Ledger(await database.open());
    const operations = ledgerOperations(ledger, { webhook: true });
    try {
      const user = unique('u');
      await operations.adjust(user, '-25.5', 'goodwill reversal');
      // Refused for over an hour already, with a give-up time of one hour.
      await ledger.db.query("UPDATE offer_wall_outbox SET created_at = now() - interval '2 hours'");
      const outcomes: string[] = [];
      const worker = startWebhookWorker(ledger, { url: hook.url, secret: SECRET, everyMs: 30, giveUpHours: 1, backoff: () => 0.1, onAttempt: (outcome) => outcomes.push(outcome) });
      await until(() => outcomes.includes('parked'));
      const parked = await operations.parked();
      assert.equal(parked.length, 1);
      assert.deepEqual([parked[0]!.type, parked[0]!.user_id, parked[0]!.amount, parked[0]!.last_error], ['adjustment', user, '-25.5', 'HTTP 503']);
      hook.state.down = false;
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(hook.state.delivered.length, 0, 'a parked event waits for the operator');
      assert.deepEqual(await operations.resend(parked[0]!.id), [parked[0]!.id]);
      worker.nudge();
      await until(() => hook.state.delivered.length === 1);
      await worker.stop();
      assert.deepEqual(hook.state.delivered.map((event) => [event.type, event.user]), [['adjustment', user]]);
      assert.deepEqual(await operations.parked(), []);
      await assert.rejects(operations.resend('not-a-uuid'), /not an event id/);
    } finally {
      await hook.close();
    }
  });

  for (const { kind } of DATABASES) {
    it(`${kind}: finds the next event through indexes, without sorting the backlog, so a receiver back from an outage is not kept waiting`, async () => {
      const { database, ledger } = await freshLedger(kind);
      databases.push(database);
      try {
        // A weekend's backlog: 6,000 events of 600 users, the oldest first.
        await ledger.db.query(
          `INSERT INTO offer_wall_outbox (id, user_id, body, created_at)
           SELECT gen_random_uuid(), 'user-' || (n % 600), jsonb_build_object('type', 'credit', 'user_id', 'user-' || (n % 600)),
                  now() - interval '3 days' + n * interval '1 second'
             FROM generate_series(1, 6000) AS n`,
        );
        await ledger.db.query('ANALYZE offer_wall_outbox');
        const plan = (await ledger.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${CLAIM_NEXT}`, [40])).map((row) => row['QUERY PLAN']).join('\n');
        assert.doesNotMatch(plan, /\bSort\b/, plan);
        assert.match(plan, /offer_wall_outbox_order/, plan);
        assert.match(plan, /offer_wall_outbox_user[\s\S]*Index Cond: \(\(?user_id = o(_\d+)?\.user_id/, plan);
        // And it claims what the order says: the oldest event, then the next user's, never a user's second before their first.
        const first = await claimNext(ledger.db, 40);
        const second = await claimNext(ledger.db, 40);
        assert.equal(JSON.parse(first!.body).user_id, 'user-1');
        assert.equal(JSON.parse(second!.body).user_id, 'user-2');
        const users = new Set([first!.userId, second!.userId]);
        for (let i = 0; i < 20; i++) {
          const next = await claimNext(ledger.db, 40);
          assert.ok(next && !users.has(next.userId), `a user's second event claimed while their first is out: ${next?.userId}`);
          users.add(next.userId);
        }
      } finally {
        await ledger.close();
      }
    });
  }
});
