/**
 * The reward ledger: users' clicks (pending rewards), the networks' transactions (credits and
 * reversals), and the outbox of webhook events, in PostgreSQL: the embedded one (PGlite) or a
 * server shared by several instances, through one small `Database` interface and one set of SQL.
 *
 * The guarantees live in the schema (`migrations.ts`), not in this code:
 * - a transaction is recorded once per (profile, transaction id, kind): a primary key, and
 *   `INSERT … ON CONFLICT DO NOTHING` says "seen before" atomically, across instances;
 * - a postback is one call of `offer_wall_apply`, one transaction: the ledger entry, the click it
 *   credits and the webhook event it causes are stored together or not at all, and the receiver
 *   answers only after it returns (so an acknowledged postback is durable);
 * - a credit and a reversal of one transaction never interleave (an advisory lock on it);
 * - the balance is computed from the transactions: credits whose transaction has no reversal.
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
  kind: 'credit' | 'reversal';
  userId: string;
  offerId: string | null;
  clickId: string | null;
  /** More than 0, exact. */
  amount: Decimal;
  params: Record<string, string>;
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

/** A webhook event due for delivery. */
export interface OutboxEvent {
  id: string;
  /** The body to POST, as JSON text. */
  body: string;
  attempts: number;
}

/** The most postbacks one group commit stores. */
const MAX_BATCH = 100;

/** Stores one postback through the schema's function (one statement: all of it or nothing). */
async function applyOne(db: Database, record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
  const [row] = await db.query<{ result: ApplyResult }>(
    'SELECT offer_wall_apply($1, $2, $3, $4, $5, $6, $7, $8, $9) AS result',
    [record.profile, record.transactionId, record.kind, record.userId, record.offerId, record.clickId, record.amount, JSON.stringify(record.params), webhook],
  );
  return row!.result;
}

const iso = (value: unknown) => new Date(value as string | Date).toISOString();
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

export class Ledger {
  /** Postbacks waiting for the next commit, on a database with one connection (`Database.serial`). */
  private _waiting: Array<{ record: LedgerRecord; webhook: boolean; done: (result: ApplyResult | Error) => void }> = [];
  private _committing = false;

  constructor(readonly db: Database) {}

  /** Records a click; a repeat of one already recorded (same user and click id) changes nothing. */
  async recordClick(click: Click): Promise<void> {
    await this.db.query(
      `INSERT INTO offer_wall_clicks (user_id, offer_id, click_id, name, icon, reward)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, click_id) DO NOTHING`,
      [click.userId, click.offerId, click.clickId, click.name, click.icon, click.reward],
    );
  }

  /**
   * Records a postback: 'repeat' when this transaction (and kind) was recorded before, 'conflict'
   * (and nothing changes) when the transaction was first stored for another user.
   */
  apply(record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
    if (!this.db.serial) return applyOne(this.db, record, webhook);
    return new Promise((resolve, reject) => {
      this._waiting.push({ record, webhook, done: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
      void this._commit();
    });
  }

  /**
   * Group commit, on a database with one connection: the postbacks that arrived while the last
   * commit was on its way to disk are stored in one transaction (each under its own savepoint, so
   * one that fails fails alone), and all are answered once it is durable: one flush for many.
   */
  private async _commit(): Promise<void> {
    if (this._committing) return;
    this._committing = true;
    try {
      while (this._waiting.length) {
        const batch = this._waiting.splice(0, MAX_BATCH);
        let results: Array<ApplyResult | Error>;
        try {
          results = await this.db.transaction(async (tx) => {
            const out: Array<ApplyResult | Error> = [];
            for (const { record, webhook } of batch) {
              await tx.query('SAVEPOINT offer_wall_postback');
              try {
                out.push(await applyOne(tx, record, webhook));
                await tx.query('RELEASE SAVEPOINT offer_wall_postback');
              } catch (error) {
                await tx.query('ROLLBACK TO SAVEPOINT offer_wall_postback');
                out.push(error instanceof Error ? error : new Error(String(error)));
              }
            }
            return out;
          });
        } catch (error) {
          // The commit itself failed: nothing of the batch is stored.
          results = batch.map(() => (error instanceof Error ? error : new Error(String(error))));
        }
        batch.forEach((item, i) => item.done(results[i]!));
      }
    } finally {
      this._committing = false;
    }
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
      `SELECT id::text AS id, status, offer_id, name, icon, COALESCE(amount, reward)::text AS amount, click_id,
              clicked_at, updated_at, (extract(epoch FROM clicked_at) * 1000000)::bigint::text AS at_us
         FROM offer_wall_clicks
        WHERE user_id = $1
          AND ($2::bigint IS NULL OR (clicked_at, id) < ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::bigint))
        ORDER BY clicked_at DESC, id DESC LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const [{ balance }] = (await this.db.query<{ balance: unknown }>(
      `SELECT COALESCE(SUM(c.amount), 0)::text AS balance FROM offer_wall_transactions c
        WHERE c.user_id = $1 AND c.kind = 'credit' AND NOT EXISTS (
          SELECT 1 FROM offer_wall_transactions r WHERE r.profile = c.profile AND r.transaction_id = c.transaction_id AND r.kind = 'reversal')`,
      [userId],
    )) as [{ balance: unknown }];
    const page = rows.slice(0, limit);
    const entries = page.map(
      (row): LedgerEntry => ({
        id: String(row['id']),
        status: row['status'] as RewardEntry['status'],
        offer_id: (row['offer_id'] as string | null) ?? null,
        name: (row['name'] as string | null) ?? null,
        icon: (row['icon'] as string | null) ?? null,
        amount: text(row['amount']),
        click_id: (row['click_id'] as string | null) ?? null,
        clicked_at: iso(row['clicked_at']),
        updated_at: iso(row['updated_at']),
      }),
    );
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? `${String(last['at_us'])}~${String(last['id'])}` : null;
    return { balance: String(balance), entries, next };
  }

  /**
   * Takes up to `limit` events due for delivery and leases them for `leaseSeconds` (another
   * instance skips them meanwhile; if this one dies, they are due again after the lease).
   */
  async claimEvents(limit: number, leaseSeconds: number): Promise<OutboxEvent[]> {
    // The body is written by the database (its amounts exact, as stored), with the event's id and
    // time, which are its row's: a retry sends the very same body.
    const rows = await this.db.query<{ id: string; body: string; attempts: number; created_at: unknown }>(
      `UPDATE offer_wall_outbox SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM offer_wall_outbox WHERE delivered_at IS NULL AND next_attempt_at <= now()
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, attempts, created_at,
          (jsonb_build_object('id', id::text, 'at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || body)::text AS body`,
      [limit, leaseSeconds],
    );
    return rows
      .sort((a, b) => Date.parse(iso(a.created_at)) - Date.parse(iso(b.created_at)))
      .map((row) => ({ id: row.id, body: row.body, attempts: Number(row.attempts) }));
  }

  /** Whether the database answers (for readiness). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1 AS ok');
  }

  async delivered(id: string): Promise<void> {
    await this.db.query('UPDATE offer_wall_outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [id]);
  }

  async failed(id: string, retryInSeconds: number, error: string): Promise<void> {
    await this.db.query(
      'UPDATE offer_wall_outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1',
      [id, retryInSeconds, error.slice(0, 500)],
    );
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
