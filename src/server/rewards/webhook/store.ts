/**
 * The webhook's outbox, as rows: an event is written with the ledger entry that causes it
 * (`offer_wall_apply`, `offer_wall_adjust`), then claimed here one at a time for a lease that
 * outlives the longest delivery attempt (so two instances never send one event at once), only
 * once every earlier event of the same user is delivered (so one user's events arrive in the
 * order they happened), and completed or retried only by the claim that holds it (so a late
 * answer changes nothing). An event still refused after the give-up time is parked: kept, listed,
 * sent again on request.
 */
import type { Database } from '../ledger/database.js';

/** A webhook event, claimed for delivery. */
export interface OutboxEvent {
  id: string;
  /** The body to POST, as JSON text (its amounts exact, as stored; its id and time its row's). */
  body: string;
  attempts: number;
  userId: string | null;
  /** The claim that may complete or retry it. */
  claim: string;
}

/** A parked event, as the command line lists it. */
export interface ParkedEvent {
  id: string;
  type: string;
  user_id: string | null;
  amount: string | null;
  created_at: string;
  parked_at: string;
  attempts: number;
  last_error: string | null;
}

/** The body as sent: the stored one with the event's id and time. */
const BODY = `(jsonb_build_object('id', o.id::text, 'at', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || o.body)::text`;

/**
 * The claim of the next event due whose user has no earlier one undelivered, for `$1` seconds. It
 * walks the undelivered events in order (an index) and checks each user's earlier ones (another),
 * so a claim costs the same whatever the backlog (migration 4).
 */
export const CLAIM_NEXT = `WITH next AS (
   SELECT id FROM offer_wall_outbox o
    WHERE delivered_at IS NULL AND parked_at IS NULL AND next_attempt_at <= now()
      AND (claimed_until IS NULL OR claimed_until < now())
      AND NOT EXISTS (SELECT 1 FROM offer_wall_outbox e
                       WHERE e.user_id = o.user_id AND e.delivered_at IS NULL AND e.parked_at IS NULL
                         AND (e.created_at, e.id) < (o.created_at, o.id))
    ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
   UPDATE offer_wall_outbox o SET claim = gen_random_uuid(), claimed_until = now() + make_interval(secs => $1)
   FROM next WHERE o.id = next.id
   RETURNING o.id::text AS id, ${BODY} AS body, o.attempts, o.user_id, o.claim::text AS claim`;

/** Claims the next event due whose user has no earlier one undelivered, for `leaseSeconds`; null when none. */
export async function claimNext(db: Database, leaseSeconds: number): Promise<OutboxEvent | null> {
  const [row] = await db.query<{ id: string; body: string; attempts: number; user_id: string | null; claim: string }>(CLAIM_NEXT, [leaseSeconds]);
  return row ? { id: row.id, body: row.body, attempts: Number(row.attempts), userId: row.user_id, claim: row.claim } : null;
}

/** The event was delivered: done, once, by the claim that holds it (a repeat of this changes nothing). */
export async function completeEvent(db: Database, event: OutboxEvent): Promise<void> {
  await db.query(
    `UPDATE offer_wall_outbox SET delivered_at = now(), attempts = attempts + 1, claim = NULL, claimed_until = NULL
      WHERE id = $1 AND claim = $2 AND delivered_at IS NULL`,
    [event.id, event.claim],
  );
}

/**
 * The attempt failed: due again after `retryInSeconds`, or parked when it has been refused since
 * longer than `giveUpHours` (since it was made, or last sent again by hand). Whether it was parked.
 */
export async function retryEvent(db: Database, event: OutboxEvent, retryInSeconds: number, error: string, giveUpHours: number): Promise<boolean> {
  const [row] = await db.query<{ parked: boolean }>(
    `UPDATE offer_wall_outbox SET attempts = attempts + 1, last_error = $3, claim = NULL, claimed_until = NULL,
            next_attempt_at = now() + make_interval(secs => $4),
            parked_at = CASE WHEN COALESCE(resent_at, created_at) < now() - make_interval(hours => $5) THEN now() END
      WHERE id = $1 AND claim = $2
      RETURNING parked_at IS NOT NULL AS parked`,
    [event.id, event.claim, error.slice(0, 500), retryInSeconds, giveUpHours],
  );
  return row?.parked === true;
}

/** The parked events, oldest first. */
export async function parkedEvents(db: Database, limit = 1000): Promise<ParkedEvent[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::text AS id, body->>'type' AS type, user_id, body->>'amount' AS amount, created_at, parked_at, attempts, last_error
       FROM offer_wall_outbox WHERE parked_at IS NOT NULL AND delivered_at IS NULL ORDER BY created_at, id LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    id: String(row['id']),
    type: String(row['type']),
    user_id: (row['user_id'] as string | null) ?? null,
    amount: (row['amount'] as string | null) ?? null,
    created_at: new Date(row['created_at'] as string).toISOString(),
    parked_at: new Date(row['parked_at'] as string).toISOString(),
    attempts: Number(row['attempts']),
    last_error: (row['last_error'] as string | null) ?? null,
  }));
}

/** Sends parked events again (one by id, or every one): due now, with a fresh give-up time. Their ids. */
export async function resendEvents(db: Database, id: string | null): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE offer_wall_outbox SET parked_at = NULL, resent_at = now(), next_attempt_at = now(), attempts = 0
      WHERE parked_at IS NOT NULL AND delivered_at IS NULL AND ($1::uuid IS NULL OR id = $1::uuid)
      RETURNING id::text AS id`,
    [id],
  );
  return rows.map((row) => row.id);
}

/** Events not yet delivered (and not parked), and parked ones, for metrics. */
export async function outboxCounts(db: Database): Promise<{ backlog: number; parked: number }> {
  const [row] = await db.query<{ backlog: string; parked: string }>(
    `SELECT count(*) FILTER (WHERE parked_at IS NULL)::text AS backlog, count(*) FILTER (WHERE parked_at IS NOT NULL)::text AS parked
       FROM offer_wall_outbox WHERE delivered_at IS NULL`,
  );
  return { backlog: Number(row?.backlog ?? 0), parked: Number(row?.parked ?? 0) };
}
