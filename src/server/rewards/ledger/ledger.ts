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
import { applyOne, ApplyBatches, type ApplyResult, type LedgerRecord } from './apply.js';
import type { Database } from './database.js';

export type { ApplyResult, LedgerRecord } from './apply.js';
export type { Database } from './database.js';
/** The wire's shapes (`src/data/wire.ts`), under the names this package has always exported. */
export type { RewardEntry, RewardsPage };

/** An exact decimal amount, as text (`"1000000000000.000001"`): no float ever holds one. */
export type Decimal = string;

/** A rewards entry as the ledger gives it: the wire's entry with its amount exact. */
export type LedgerEntry = Omit<RewardEntry, 'amount'> & { amount: Decimal | null };

/** A page of a user's rewards as the ledger gives it: the wire's page with its amounts exact. */
export type LedgerPage = Omit<RewardsPage, 'balance' | 'entries'> & { balance: Decimal; entries: LedgerEntry[] };

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
  /** Postbacks on their way in batches, on a server. */
  private readonly _batches: ApplyBatches;

  constructor(readonly db: Database) {
    this._batches = new ApplyBatches(db);
  }

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
    return this._batches.add(record, webhook);
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
