/**
 * Postbacks that arrive together share a commit: on PostgreSQL one statement stores many, on the
 * embedded database one transaction does. Each must still be answered on its own and stored once:
 * one the database refuses takes no other with it, a repeat within the batch is credited once, and
 * a commit that fails is answered with 500 for every postback it held, none with 200. Each test
 * sends genuine signed postbacks at once to the real handler, on both databases, and watches the
 * database's calls to see that they did share a commit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOfferWallHandler, Ledger, type Database } from '../../src/server/node.js';
import { DATABASES, type TestDatabase } from './databases.js';
import { NETWORKS, request, SECRET } from './networks.js';

let sequence = 0;
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;

/** One commit as the watched database saw it: the transaction ids of the postbacks it held, and whether it failed. */
interface Commit {
  txs: string[];
  failed: boolean;
}

/**
 * The database, watched: every commit that stored postbacks (a batch statement, or a transaction of
 * the embedded database's group commit), with the transaction ids in it. While `slow.gate` is set,
 * a write waits for it before it reaches the database, as it would behind a slow disk: the
 * postbacks that come meanwhile wait for the next commit.
 */
function watched(db: Database, commits: Commit[], slow: { gate: Promise<void> | null }): Database {
  const wrap = (inner: Database, open: Commit | null): Database => ({
    ...(inner.serial ? { serial: true } : {}),
    close: () => inner.close(),
    async query<T>(sql: string, params?: readonly unknown[]) {
      if (!sql.includes('offer_wall_apply(')) return inner.query<T>(sql, params);
      if (!open) await slow.gate;
      const txs = sql.includes('jsonb_to_recordset') ? (JSON.parse(params![0] as string) as Array<{ tx: string }>).map((row) => row.tx) : [params![1] as string];
      const commit = open ?? { txs: [], failed: false };
      if (!open) commits.push(commit);
      commit.txs.push(...txs);
      try {
        return await inner.query<T>(sql, params);
      } catch (error) {
        commit.failed = true;
        throw error;
      }
    },
    async transaction<T>(fn: (tx: Database) => Promise<T>) {
      await slow.gate;
      const commit: Commit = { txs: [], failed: false };
      commits.push(commit);
      try {
        return await inner.transaction((tx) => fn(wrap(tx, commit)));
      } catch (error) {
        commit.failed = true;
        throw error;
      }
    },
  });
  return wrap(db, null);
}

for (const { kind, fresh } of DATABASES) {
  describe(`postbacks that arrive together, on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let database: TestDatabase;
    let db: Database;
    let ledger: Ledger;
    let handler: ReturnType<typeof createOfferWallHandler>;
    const commits: Commit[] = [];
    const errors: string[] = [];
    const slow = { gate: null as Promise<void> | null, open: () => {}, arrived: 0, expected: 0 };
    before(async () => {
      database = await fresh();
      db = await database.open();
      ledger = new Ledger(watched(db, commits, slow));
      // The database is slow until every postback sent together has reached the ledger.
      const apply = ledger.apply.bind(ledger);
      ledger.apply = (record, webhook) => {
        if (++slow.arrived >= slow.expected) slow.open();
        return apply(record, webhook);
      };
      handler = createOfferWallHandler({
        format: 's2s',
        upstream: 'https://upstream.example/s2s',
        appId: 'app',
        rewards: { profile: 'generic', postbackSecret: SECRET, userSecret: 'user-token-secret-0123456789', ledger, logError: (message) => errors.push(message) },
      });
    });
    after(async () => {
      await database.drop();
    });

    /** A genuine signed generic postback crediting `amount` to `user` for transaction `tx`. */
    const postback = (user: string, tx: string, amount = '5') => {
      const pairs = NETWORKS.generic.pairs(user, tx, amount);
      return request(pairs, NETWORKS.generic.sign(pairs, SECRET));
    };
    /**
     * Sends every call at once, the database slow until all have reached the ledger (so that they
     * arrive while a commit is on its way); the answers' statuses in the same order.
     */
    const together = async (calls: Array<{ url: string; init: RequestInit }>) => {
      slow.arrived = 0;
      slow.expected = calls.length;
      slow.gate = new Promise<void>((resolve) => {
        slow.open = () => {
          slow.gate = null;
          resolve();
        };
      });
      return Promise.all(calls.map(async (call) => (await handler(new Request(call.url, call.init), { clientAddress: '198.51.100.7' })).status));
    };
    const credits = async (user: string) =>
      (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM offer_wall_transactions WHERE user_id = $1 AND kind = 'credit'", [user]))[0]!.n;
    /** The commits since `from` that held more than one of `txs`. */
    const shared = (from: number, txs: readonly string[]) => commits.slice(from).filter((commit) => commit.txs.filter((tx) => txs.includes(tx)).length > 1);

    it('one the database refuses, one naming another user and a repeat share a batch: each answered on its own, the rest credited once', async () => {
      const user = unique('user');
      const victim = unique('victim');
      const owned = unique('owned');
      assert.equal((await together([postback(victim, owned)]))[0], 200);
      // The database refuses this one transaction id (as it would a value it cannot hold).
      const refused = unique('refused');
      await db.query(`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.transaction_id = '${refused}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
      await db.query('CREATE TRIGGER refuse_one BEFORE INSERT ON offer_wall_transactions FOR EACH ROW EXECUTE FUNCTION refuse_one()');
      try {
        const from = commits.length;
        const good = Array.from({ length: 12 }, () => unique('tx'));
        const repeated = unique('repeated');
        const calls = [
          ...good.map((tx) => postback(user, tx)),
          postback(user, refused),
          postback(user, owned),
          postback(user, repeated),
          postback(user, repeated),
          postback(user, repeated),
        ];
        const statuses = await together(calls);
        assert.deepEqual(statuses, [...good.map(() => 200), 500, 409, 200, 200, 200]);
        // They did go together: the refused one in a batch with others, which then failed whole.
        assert.ok(shared(from, [...good, refused]).some((commit) => commit.failed && commit.txs.includes(refused)), JSON.stringify(commits.slice(from)));
        assert.equal((await ledger.rewards(user, null)).balance, String(5 * (good.length + 1)));
        assert.equal(await credits(user), String(good.length + 1));
        assert.equal((await ledger.rewards(victim, null)).balance, '5');
        assert.ok(errors.some((message) => message.includes(refused) && message.includes('refused by the test')));
      } finally {
        await db.query('DROP TRIGGER refuse_one ON offer_wall_transactions');
        await db.query('DROP FUNCTION refuse_one()');
      }
      // The network sends the refused one again once the database takes it: credited, once.
      assert.equal((await together([postback(user, refused)]))[0], 200);
      assert.equal(await credits(user), '14');
    });

    it('the same postback many times in one batch is credited once, every copy answered 200, amounts exact', async () => {
      const user = unique('user');
      const others = Array.from({ length: 6 }, () => unique('tx'));
      const tx = unique('tx');
      const from = commits.length;
      const statuses = await together([
        ...others.map((other, i) => postback(user, other, i === others.length - 1 ? '999999999999.999999' : '5')),
        ...Array.from({ length: 8 }, () => postback(user, tx, '0.000001')),
      ]);
      assert.deepEqual(statuses, Array(14).fill(200));
      assert.ok(
        commits.slice(from).some((commit) => commit.txs.filter((id) => id === tx).length > 1 && commit.txs.includes(others.at(-1)!) && !commit.failed),
        `no batch held the repeats and the large amount: ${JSON.stringify(commits.slice(from))}`,
      );
      assert.equal((await ledger.rewards(user, null)).balance, '1000000000025.000000');
      assert.equal(await credits(user), '7');
      const audit = await db.query<{ verdict: string; n: string }>(
        'SELECT verdict, count(*)::text AS n FROM offer_wall_postbacks WHERE transaction_id = $1 GROUP BY verdict ORDER BY verdict',
        [tx],
      );
      assert.deepEqual(audit.map((row) => [row.verdict, row.n]), [['credited', '1'], ['repeat', '7']]);
    });

    /**
     * Sends 16 postbacks of one user together while every commit that holds their credits runs
     * `action` (a deferred trigger, run by the commit itself), and checks that each is answered
     * 500, that they shared commits, and that none is credited; then sends them again, once the
     * database commits again, as the network retries: each credited once.
     */
    async function atFailingCommit(name: string, action: string, alsoCheck?: (user: string) => Promise<void>): Promise<void> {
      const user = unique(name);
      await db.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.user_id = '${user}' THEN ${action}; END IF; RETURN NULL; END $$`);
      await db.query(
        `CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT ON offer_wall_transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${name}()`,
      );
      const txs = Array.from({ length: 16 }, () => unique('tx'));
      const from = commits.length;
      try {
        const statuses = await together(txs.map((tx) => postback(user, tx)));
        assert.deepEqual(statuses, Array(16).fill(500));
        assert.ok(shared(from, txs).length > 0, `no commit held more than one: ${JSON.stringify(commits.slice(from))}`);
        assert.equal(await credits(user), '0');
        await alsoCheck?.(user);
      } finally {
        await db.query(`DROP TRIGGER ${name} ON offer_wall_transactions`);
        await db.query(`DROP FUNCTION ${name}()`);
      }
      assert.deepEqual(await together(txs.map((tx) => postback(user, tx))), Array(16).fill(200));
      assert.equal(await credits(user), '16');
    }

    it('a batch whose commit fails is answered 500 for every postback in it, none 200, and nothing is credited', async () => {
      // A deferred check that raises at the commit.
      await atFailingCommit('fail_commit', "RAISE EXCEPTION 'the commit failed'", async (user) => {
        assert.equal((await ledger.rewards(user, null)).balance, '0');
      });
    });

    if (kind === 'postgres') {
      it('a batch whose connection dies at its commit is answered 500 for every postback in it, none 200, and nothing is credited', async () => {
        // The server process serving the batch ends before its commit is written (as in a crash).
        await atFailingCommit('cut_commit', 'PERFORM pg_terminate_backend(pg_backend_pid())');
      });
    }
  });
}
