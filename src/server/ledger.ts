/**
 * The reward ledger: users' clicks (pending rewards), the networks' transactions (credits and
 * reversals), and the outbox of webhook events, in PostgreSQL: the embedded one (PGlite) or a
 * server shared by several instances, through one small `Database` interface and one set of SQL.
 *
 * The guarantees live in the schema, not in this code:
 * - a transaction is recorded once per (profile, transaction id, kind): a primary key, and
 *   `INSERT … ON CONFLICT DO NOTHING` says "seen before" atomically, across instances;
 * - a postback is one call of `offer_wall_apply`, one transaction: the ledger entry, the click it
 *   credits and the webhook event it causes are stored together or not at all, and the receiver
 *   answers only after it returns (so an acknowledged postback is durable);
 * - a credit and a reversal of one transaction never interleave (an advisory lock on it);
 * - the balance is computed from the transactions: credits whose transaction has no reversal.
 */

/** What the ledger needs of a PostgreSQL connection (PGlite and `pg` each get an adapter). */
export interface Database {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction, on one connection. */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Numbered migrations, applied in order at start, each once. Never edit one that has shipped: add the next. */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE offer_wall_clicks (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  offer_id text,
  click_id text,
  name text,
  icon text,
  reward numeric,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'credited', 'reversed')),
  amount numeric,
  profile text,
  transaction_id text,
  clicked_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX offer_wall_clicks_click ON offer_wall_clicks (user_id, click_id);
CREATE INDEX offer_wall_clicks_newest ON offer_wall_clicks (user_id, clicked_at DESC, id DESC);
CREATE INDEX offer_wall_clicks_pending ON offer_wall_clicks (user_id, offer_id, clicked_at DESC) WHERE status = 'pending';
CREATE INDEX offer_wall_clicks_transaction ON offer_wall_clicks (profile, transaction_id);

CREATE TABLE offer_wall_transactions (
  profile text NOT NULL,
  transaction_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('credit', 'reversal')),
  user_id text NOT NULL,
  offer_id text,
  click_id text,
  amount numeric NOT NULL,
  params jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (profile, transaction_id, kind)
);
CREATE INDEX offer_wall_transactions_user ON offer_wall_transactions (user_id);

CREATE TABLE offer_wall_outbox (
  id uuid PRIMARY KEY,
  body jsonb NOT NULL,
  -- The moment of the insert, not of the transaction's start: a reversal that waited for its
  -- credit's lock began first, yet its event must come after the credit's.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text
);
CREATE INDEX offer_wall_outbox_due ON offer_wall_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- One postback, whole or not at all. Returns 'stored', or 'repeat' for one already recorded.
CREATE FUNCTION offer_wall_apply(
  p_profile text, p_transaction text, p_kind text, p_user text, p_offer text, p_click text,
  p_amount numeric, p_params jsonb, p_webhook boolean
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_click bigint;
  v_credit offer_wall_transactions%ROWTYPE;
  v_reversed boolean;
BEGIN
  -- A credit and a reversal of one transaction, at any instance, one after the other.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_profile || ':' || p_transaction, 0));
  INSERT INTO offer_wall_transactions (profile, transaction_id, kind, user_id, offer_id, click_id, amount, params)
    VALUES (p_profile, p_transaction, p_kind, p_user, p_offer, p_click, p_amount, p_params)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'repeat';
  END IF;

  IF p_kind = 'credit' THEN
    -- A reversal that came first is kept: this credit then adds nothing.
    v_reversed := EXISTS (SELECT 1 FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND kind = 'reversal');
    -- The click it rewards: the one the network echoes, else the user's latest pending one on the offer.
    IF p_click IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND click_id = p_click AND status = 'pending' FOR UPDATE;
    END IF;
    IF v_click IS NULL AND p_offer IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND offer_id = p_offer AND status = 'pending'
        ORDER BY clicked_at DESC, id DESC LIMIT 1 FOR UPDATE;
    END IF;
    IF v_click IS NULL THEN
      -- A conversion with no click recorded (another device, an older wall) still shows.
      INSERT INTO offer_wall_clicks (user_id, offer_id, status, amount, profile, transaction_id)
        VALUES (p_user, p_offer, CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END, p_amount, p_profile, p_transaction);
    ELSE
      UPDATE offer_wall_clicks SET status = CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END,
          amount = p_amount, profile = p_profile, transaction_id = p_transaction, updated_at = now()
        WHERE id = v_click;
    END IF;
    IF p_webhook AND NOT v_reversed THEN
      INSERT INTO offer_wall_outbox (id, body) VALUES (gen_random_uuid(), jsonb_build_object(
        'type', 'credit', 'user_id', p_user, 'amount', p_amount, 'offer_id', p_offer, 'transaction_id', p_transaction));
    END IF;
  ELSE
    -- A reversal takes back what its transaction credited, once (this insert was its first).
    SELECT * INTO v_credit FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND kind = 'credit';
    IF FOUND THEN
      UPDATE offer_wall_clicks SET status = 'reversed', updated_at = now()
        WHERE profile = p_profile AND transaction_id = p_transaction;
      IF p_webhook THEN
        INSERT INTO offer_wall_outbox (id, body) VALUES (gen_random_uuid(), jsonb_build_object(
          'type', 'reversal', 'user_id', v_credit.user_id, 'amount', v_credit.amount,
          'offer_id', v_credit.offer_id, 'transaction_id', p_transaction));
      END IF;
    END IF;
  END IF;
  RETURN 'stored';
END $$;
`,
  },
];

/** Applies the migrations not yet applied, one instance at a time. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Two instances starting together: the second waits here, then finds nothing left to do.
    await tx.query('SELECT pg_advisory_xact_lock(8424242424242)');
    await tx.query('CREATE TABLE IF NOT EXISTS offer_wall_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM offer_wall_migrations')).map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO offer_wall_migrations (version) VALUES ($1)', [migration.version]);
      applied.push(migration.version);
    }
    return applied;
  });
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

export interface RewardEntry {
  id: string;
  status: 'pending' | 'credited' | 'reversed';
  offer_id: string | null;
  name: string | null;
  icon: string | null;
  /** What was credited (or taken back), else the reward shown at the click; null when neither. */
  amount: number | null;
  click_id: string | null;
  clicked_at: string;
  updated_at: string;
}

export interface RewardsPage {
  balance: number;
  entries: RewardEntry[];
  /** The cursor of the next page, or null. */
  next: string | null;
}

/** A webhook event due for delivery. */
export interface OutboxEvent {
  id: string;
  /** The body to POST, as JSON text. */
  body: string;
  attempts: number;
}

const iso = (value: unknown) => new Date(value as string | Date).toISOString();
const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export class Ledger {
  constructor(readonly db: Database) {}

  /** Records a click; a repeat of one already recorded (same user and click id) changes nothing. */
  async recordClick(click: Click): Promise<void> {
    await this.db.query(
      `INSERT INTO offer_wall_clicks (user_id, offer_id, click_id, name, icon, reward)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, click_id) DO NOTHING`,
      [click.userId, click.offerId, click.clickId, click.name, click.icon, click.reward],
    );
  }

  /** Records a postback; 'repeat' when this transaction (and kind) was recorded before. */
  async apply(
    record: { profile: string; transactionId: string; kind: 'credit' | 'reversal'; userId: string; offerId: string | null; clickId: string | null; amount: string; params: Record<string, string> },
    webhook: boolean,
  ): Promise<'stored' | 'repeat'> {
    const [row] = await this.db.query<{ result: 'stored' | 'repeat' }>(
      'SELECT offer_wall_apply($1, $2, $3, $4, $5, $6, $7, $8, $9) AS result',
      [record.profile, record.transactionId, record.kind, record.userId, record.offerId, record.clickId, record.amount, JSON.stringify(record.params), webhook],
    );
    return row!.result;
  }

  /** A user's rewards, newest first, `limit` at a time from `cursor`, with the balance. */
  async rewards(userId: string, cursor: string | null, limit = 20): Promise<RewardsPage> {
    // The cursor is the last entry's time in whole microseconds (the column's precision: a
    // millisecond ISO string would skip entries made within the same millisecond) and its id.
    let after: [string, string] | null = null;
    if (cursor) {
      const [at, id] = cursor.split('~');
      if (at && id && /^\d{1,18}$/.test(at) && /^\d{1,18}$/.test(id)) after = [at, id];
    }
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id::text AS id, status, offer_id, name, icon, COALESCE(amount, reward)::float8 AS amount, click_id,
              clicked_at, updated_at, (extract(epoch FROM clicked_at) * 1000000)::bigint::text AS at_us
         FROM offer_wall_clicks
        WHERE user_id = $1
          AND ($2::bigint IS NULL OR (clicked_at, id) < ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::bigint))
        ORDER BY clicked_at DESC, id DESC LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const [{ balance }] = (await this.db.query<{ balance: unknown }>(
      `SELECT COALESCE(SUM(c.amount), 0)::float8 AS balance FROM offer_wall_transactions c
        WHERE c.user_id = $1 AND c.kind = 'credit' AND NOT EXISTS (
          SELECT 1 FROM offer_wall_transactions r WHERE r.profile = c.profile AND r.transaction_id = c.transaction_id AND r.kind = 'reversal')`,
      [userId],
    )) as [{ balance: unknown }];
    const page = rows.slice(0, limit);
    const entries = page.map(
      (row): RewardEntry => ({
        id: String(row['id']),
        status: row['status'] as RewardEntry['status'],
        offer_id: (row['offer_id'] as string | null) ?? null,
        name: (row['name'] as string | null) ?? null,
        icon: (row['icon'] as string | null) ?? null,
        amount: number(row['amount']),
        click_id: (row['click_id'] as string | null) ?? null,
        clicked_at: iso(row['clicked_at']),
        updated_at: iso(row['updated_at']),
      }),
    );
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? `${String(last['at_us'])}~${String(last['id'])}` : null;
    return { balance: Number(balance), entries, next };
  }

  /**
   * Takes up to `limit` events due for delivery and leases them for `leaseSeconds` (another
   * instance skips them meanwhile; if this one dies, they are due again after the lease).
   */
  async claimEvents(limit: number, leaseSeconds: number): Promise<OutboxEvent[]> {
    const rows = await this.db.query<{ id: string; body: unknown; attempts: number; created_at: unknown }>(
      `UPDATE offer_wall_outbox SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM offer_wall_outbox WHERE delivered_at IS NULL AND next_attempt_at <= now()
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, body, attempts, created_at`,
      [limit, leaseSeconds],
    );
    return rows
      .sort((a, b) => Date.parse(iso(a.created_at)) - Date.parse(iso(b.created_at)))
      .map((row) => {
        const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Record<string, unknown>;
        // The event's id and time are its row's: a retry sends the very same body.
        return { id: row.id, body: JSON.stringify({ id: row.id, ...body, at: iso(row.created_at) }), attempts: Number(row.attempts) };
      });
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
