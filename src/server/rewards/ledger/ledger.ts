/**
 * The reward ledger: users' clicks (pending rewards), the networks' transactions (credits and
 * reversals, per goal), manual adjustments, the audit trail of postbacks (`audit.ts`) and the
 * outbox of webhook events (`outbox.ts`), in PostgreSQL: the embedded one (PGlite) or a server
 * shared by several instances, through one small `Database` interface and one set of SQL.
 *
 * The guarantees live in the schema (`migrations.ts`), not in this code:
 * - a transaction is recorded once per (profile, transaction id, goal, kind): a primary key, and
 *   `INSERT … ON CONFLICT DO NOTHING` says "seen before" atomically, across instances;
 * - a transaction belongs to the user first stored for it: another user's postback changes nothing;
 * - a postback is one call of `offer_wall_apply`: the ledger entry, the click it credits and the
 *   webhook event it causes are stored together or not at all, and the receiver answers only after
 *   the transaction that holds it has committed (so an acknowledged postback is durable). Postbacks
 *   that arrive together share one transaction and one commit (`Ledger.apply`), each with its own
 *   answer: should any of them fail, the transaction is undone and each is stored on its own;
 * - a credit and a reversal of one transaction never interleave (an advisory lock on it);
 * - the balance is computed from the transactions: credits whose transaction (goal) has no
 *   reversal, and adjustments.
 */

import type { RewardEntryJson as RewardEntry, RewardsPageJson as RewardsPage } from '../../../data/wire.js';
import { decimalToken } from '../values.js';
import type { Database } from './database.js';

export type { Database } from './database.js';
/** The wire's shapes (`src/data/wire.ts`), under the names this package has always exported. */
export type { RewardEntry, RewardsPage };

/** An exact decimal amount, as text (`"1000000000000.000001"`): no float ever holds one. */
export type Decimal = string;

/** A rewards entry as the ledger gives it: the wire's entry with its amount exact. */
export type LedgerEntry = Omit<RewardEntry, 'amount'> & { amount: Decimal | null };

/** A page of a user's rewards as the ledger gives it: the wire's page with its amounts exact. */
export type LedgerPage = Omit<RewardsPage, 'balance' | 'entries'> & { balance: Decimal; entries: LedgerEntry[] };

/** What a postback did: stored, a repeat of one stored, or refused for naming another user than its transaction's. */
export type ApplyResult = 'stored' | 'repeat' | 'conflict';

/** A postback to record (what `judgePostback` reads from one). */
export interface LedgerRecord {
  profile: string;
  transactionId: string;
  /** The network's goal (event, task) of a multi-goal offer, or null: each goal credits once. */
  goal: string | null;
  goalName: string | null;
  kind: 'credit' | 'reversal';
  userId: string;
  offerId: string | null;
  clickId: string | null;
  /** More than 0, exact. */
  amount: Decimal;
  params: Record<string, string>;
  /** The sender's address, for the audit trail. */
  address?: string | null;
}

/** A page as `GET /rewards` answers it (`RewardsPage`), its amounts written as exact JSON numbers. */
export function rewardsPageJson(page: LedgerPage): string {
  // The amounts go in as the ledger's own digits: JSON.stringify of a number would round them.
  const marked = new Map<string, string>();
  const mark = (amount: Decimal | null) => {
    const key = `\u0000amount${marked.size}`;
    marked.set(JSON.stringify(key), decimalToken(amount));
    return key;
  };
  const text = JSON.stringify({ ...page, balance: mark(page.balance), entries: page.entries.map((entry) => ({ ...entry, amount: mark(entry.amount) })) });
  return text.replace(/"\\u0000amount\d+"/g, (key) => marked.get(key) ?? 'null');
}

/** A click to record: the offer the user opened, as the wall showed it. */
export interface Click {
  userId: string;
  offerId: string;
  clickId: string | null;
  name: string | null;
  icon: string | null;
  /** The reward the wall showed, in the publisher's currency. */
  reward: number | null;
}

/** The most postbacks one group commit stores. */
const MAX_BATCH = 100;

/**
 * On a server (a pool of connections): the most postbacks one statement stores. Below 64, so that a
 * transaction never holds more subtransactions than PostgreSQL caches per backend, should
 * `offer_wall_apply` ever use them.
 */
const SERVER_BATCH = 50;

/**
 * On a server: how many batches may be on their way at once, per instance. While they are, the
 * postbacks that arrive wait and go together in the next one; one postback alone goes at once.
 * Two keep one batch executing while the other waits for its commit to reach the disk (measured:
 * docs/performance.md).
 */
const SERVER_BATCHES = 2;

/**
 * Many postbacks in one statement, so in one transaction with one commit: each row is one call of
 * `offer_wall_apply`, in the order given (a Function Scan gives the rows in order, and volatile calls
 * are evaluated in the ORDER BY's order), each seeing what the ones before it stored (a repeat
 * within the batch is a 'repeat'). The rows come as one JSON array: amounts as JSON strings, read as
 * exact numerics.
 */
const APPLY_MANY_SQL = `SELECT offer_wall_apply(r.profile, r.tx, r.goal, r.goal_name, r.kind, r.user_id, r.offer_id, r.click_id,
         r.amount, r.params, r.webhook, r.address) AS result
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (profile text, tx text, goal text, goal_name text, kind text, user_id text,
         offer_id text, click_id text, amount numeric, params jsonb, webhook boolean, address text)) WITH ORDINALITY
         AS r(profile, tx, goal, goal_name, kind, user_id, offer_id, click_id, amount, params, webhook, address, n)
   ORDER BY r.n`;

interface Waiting {
  record: LedgerRecord;
  webhook: boolean;
  resolve: (result: ApplyResult) => void;
  reject: (error: unknown) => void;
}

/** Stores many postbacks in one statement (one commit); their results in the order given. Throws, storing none, if any fails. */
async function applyMany(db: Database, batch: readonly Waiting[]): Promise<ApplyResult[]> {
  const rows = batch.map(({ record, webhook }) => ({
    profile: record.profile,
    tx: record.transactionId,
    goal: record.goal ?? '',
    goal_name: record.goalName,
    kind: record.kind,
    user_id: record.userId,
    offer_id: record.offerId,
    click_id: record.clickId,
    amount: record.amount,
    params: record.params,
    webhook,
    address: record.address ?? null,
  }));
  const results = await db.query<{ result: ApplyResult }>(APPLY_MANY_SQL, [JSON.stringify(rows)]);
  if (results.length !== batch.length) throw new Error(`the ledger stored ${results.length} postbacks of a batch of ${batch.length}`);
  return results.map((row) => row.result);
}

/**
 * The order a batch is stored in: by network and transaction id (the arrival order kept among
 * repeats of one), so that two batches (of this instance or another) that share transactions take
 * their locks in the same order and do not wait on each other in a cycle.
 */
const byTransaction = (a: Waiting, b: Waiting) =>
  a.record.profile < b.record.profile ? -1 : a.record.profile > b.record.profile ? 1 : a.record.transactionId < b.record.transactionId ? -1 : a.record.transactionId > b.record.transactionId ? 1 : 0;

/** Stores one postback through the schema's function (one statement: all of it, with its audit line, or nothing). */
async function applyOne(db: Database, record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
  const [row] = await db.query<{ result: ApplyResult }>(
    'SELECT offer_wall_apply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) AS result',
    [
      record.profile,
      record.transactionId,
      record.goal ?? '',
      record.goalName,
      record.kind,
      record.userId,
      record.offerId,
      record.clickId,
      record.amount,
      JSON.stringify(record.params),
      webhook,
      record.address ?? null,
    ],
  );
  return row!.result;
}

const iso = (value: unknown) => new Date(value as string | Date).toISOString();
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The balance: credits whose transaction (goal) has no reversal, and adjustments. */
export const BALANCE_SQL = `SELECT COALESCE(SUM(c.amount), 0)::text AS balance FROM offer_wall_transactions c
  WHERE c.user_id = $1 AND (c.kind = 'adjustment' OR (c.kind = 'credit' AND NOT EXISTS (
    SELECT 1 FROM offer_wall_transactions r
     WHERE r.profile = c.profile AND r.transaction_id = c.transaction_id AND r.goal = c.goal AND r.kind = 'reversal')))`;

export class Ledger {
  /** Writes waiting for the next commit, on a database with one connection (`Database.serial`). */
  private _waiting: Array<{ work: (db: Database) => Promise<unknown>; done: (result: unknown, failed: boolean) => void }> = [];
  private _committing = false;
  /** Postbacks waiting for the next batch, on a server. */
  private _pending: Waiting[] = [];
  private _batches = 0;

  constructor(readonly db: Database) {}

  /**
   * Runs a write that must be durable before it is answered: at once on a database with a pool
   * (postbacks there go in batches of their own: `apply`); on one with one connection, in the next group
   * commit: the writes that arrived while the last commit was on its way to disk are stored in one
   * transaction and all answered once it is durable: one flush for many. Should one of them fail,
   * the transaction is undone and each is run again in a transaction of its own, so that only what
   * fails fails (a savepoint per write would cost more than the write: measured on PGlite).
   */
  write<T>(work: (db: Database) => Promise<T>): Promise<T> {
    if (!this.db.serial) return work(this.db);
    return new Promise<T>((resolve, reject) => {
      this._waiting.push({ work, done: (result, failed) => (failed ? reject(result) : resolve(result as T)) });
      void this._commit();
    });
  }

  private async _commit(): Promise<void> {
    if (this._committing) return;
    this._committing = true;
    try {
      while (this._waiting.length) {
        const batch = this._waiting.splice(0, MAX_BATCH);
        let results: Array<{ value: unknown; failed: boolean }>;
        try {
          results = await this.db.transaction(async (tx) => {
            const out: Array<{ value: unknown; failed: boolean }> = [];
            for (const { work } of batch) out.push({ value: await work(tx), failed: false });
            return out;
          });
        } catch {
          results = [];
          for (const { work } of batch) {
            try {
              results.push({ value: await this.db.transaction((tx) => work(tx)), failed: false });
            } catch (error) {
              results.push({ value: error, failed: true });
            }
          }
        }
        batch.forEach((item, i) => item.done(results[i]!.value, results[i]!.failed));
      }
    } finally {
      this._committing = false;
    }
  }

  /** Records a click; a repeat of one already recorded (same user and click id) changes nothing. */
  async recordClick(click: Click): Promise<void> {
    await this.db.query(
      `INSERT INTO offer_wall_clicks (user_id, offer_id, click_id, name, icon, reward)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, click_id) DO NOTHING`,
      [click.userId, click.offerId, click.clickId, click.name, click.icon, click.reward],
    );
  }

  /**
   * Records a postback, with its line in the audit trail: 'repeat' when this transaction (goal and
   * kind) was recorded before, 'conflict' (and nothing changes) when the transaction was first
   * stored for another user.
   */
  apply(record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
    if (this.db.serial) return this.write((db) => applyOne(db, record, webhook));
    return new Promise<ApplyResult>((resolve, reject) => {
      this._pending.push({ record, webhook, resolve, reject });
      this._nextBatch();
    });
  }

  /**
   * On a server: sends what is waiting, as batches of up to SERVER_BATCH postbacks, while fewer
   * than SERVER_BATCHES are on their way. A batch is one statement and one commit; each postback
   * is answered once it has returned. Should the batch fail (a postback the database refuses, a
   * deadlock with another instance, a commit that fails), nothing of it was stored, and each is
   * stored again on its own, so that only what fails fails; a postback the database still refuses,
   * or one that cannot be stored at all (the database gone), is rejected, never reported stored.
   */
  private _nextBatch(): void {
    while (this._pending.length && this._batches < SERVER_BATCHES) {
      const batch = this._pending.splice(0, SERVER_BATCH);
      this._batches++;
      void this._applyBatch(batch).finally(() => {
        this._batches--;
        this._nextBatch();
      });
    }
  }

  private async _applyBatch(batch: Waiting[]): Promise<void> {
    const alone = (item: Waiting) => applyOne(this.db, item.record, item.webhook).then(item.resolve, item.reject);
    if (batch.length === 1) return alone(batch[0]!);
    batch.sort(byTransaction);
    let results: ApplyResult[];
    try {
      results = await applyMany(this.db, batch);
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  /**
   * A manual credit (a positive amount) or debit (a negative one) for a user, its own entry
   * (status `adjusted`, the reason kept), counted in the balance, sent on the webhook as an
   * `adjustment`. Returns the entry's id.
   */
  async adjust(userId: string, amount: Decimal, reason: string, webhook: boolean): Promise<string> {
    const [row] = await this.write((db) =>
      db.query<{ id: unknown }>('SELECT offer_wall_adjust($1, $2, $3, $4)::text AS id', [userId, amount, reason, webhook]),
    );
    return String(row!.id);
  }

  /** A user's rewards, newest first, `limit` at a time from `cursor`, with the balance. */
  async rewards(userId: string, cursor: string | null, limit = 20): Promise<LedgerPage> {
    // The cursor is the last entry's time in whole microseconds (the column's precision: a
    // millisecond ISO string would skip entries made within the same millisecond) and its id.
    let after: [string, string] | null = null;
    if (cursor) {
      const [at, id] = cursor.split('~');
      if (at && id && /^\d{1,18}$/.test(at) && /^\d{1,18}$/.test(id)) after = [at, id];
    }
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id::text AS id, status, offer_id, name, icon, COALESCE(amount, reward)::text AS amount, click_id, goal, goal_name,
              clicked_at, updated_at, (extract(epoch FROM clicked_at) * 1000000)::bigint::text AS at_us
         FROM offer_wall_clicks
        WHERE user_id = $1
          AND ($2::bigint IS NULL OR (clicked_at, id) < ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::bigint))
        ORDER BY clicked_at DESC, id DESC LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const [{ balance }] = (await this.db.query<{ balance: unknown }>(BALANCE_SQL, [userId])) as [{ balance: unknown }];
    const page = rows.slice(0, limit);
    const entries = page.map(
      (row): LedgerEntry => ({
        id: String(row['id']),
        status: row['status'] as RewardEntry['status'],
        offer_id: text(row['offer_id']),
        name: text(row['name']),
        icon: text(row['icon']),
        amount: text(row['amount']),
        click_id: text(row['click_id']),
        goal: text(row['goal']),
        goal_name: text(row['goal_name']),
        clicked_at: iso(row['clicked_at']),
        updated_at: iso(row['updated_at']),
      }),
    );
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? `${String(last['at_us'])}~${String(last['id'])}` : null;
    return { balance: String(balance), entries, next };
  }

  /** Whether the database answers (for readiness). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1 AS ok');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
