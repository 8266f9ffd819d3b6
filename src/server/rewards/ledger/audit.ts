/**
 * The audit trail: every postback received, with its verdict (credited, repeat, reversed,
 * refused and why, ignored) and, for one that was read, its transaction, goal, user and amount,
 * kept `OFFER_WALL_AUDIT_DAYS` days for support ("my reward is missing") and for the operator.
 * A stored postback writes its own line with its entry (`offer_wall_apply`); a refused one is
 * written here. Also the ledger's upkeep: old lines pruned, taps left pending for 30 days marked
 * expired, in small batches so that no lock is held long.
 */
import type { Database } from './database.js';
import type { Decimal, Ledger } from './ledger.js';

export type AuditVerdict = 'credited' | 'repeat' | 'reversed' | 'refused' | 'ignored' | 'adjusted';

/** Why a postback was refused, in the audit trail and the metrics. */
export type RefusalReason = 'bad signature' | 'address not allowed' | 'user mismatch' | 'bad value' | 'not stored';

export interface AuditEntry {
  id: string;
  received_at: string;
  profile: string;
  verdict: AuditVerdict;
  reason: string | null;
  transaction_id: string | null;
  goal: string | null;
  user_id: string | null;
  amount: Decimal | null;
  address: string | null;
}

/** What a refused postback claimed (it proved nothing, so it is kept as text, trimmed to fit). */
export interface Refusal {
  profile: string;
  verdict: 'refused' | 'ignored';
  reason: string | null;
  transactionId?: string | null;
  goal?: string | null;
  userId?: string | null;
  amount?: string | null;
  address?: string | null;
}

/** Text from a postback that proved nothing: storable whatever it holds, and short. */
const storable = (value: string | null | undefined, max = 128) =>
  value === null || value === undefined ? null : value.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd').slice(0, max);

/** Writes a refused (or ignored) postback's line. */
export async function recordRefusal(ledger: Ledger, refusal: Refusal): Promise<void> {
  await ledger.write((db) =>
    db.query(
      `INSERT INTO offer_wall_postbacks (profile, verdict, reason, transaction_id, goal, user_id, amount, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        storable(refusal.profile, 32),
        refusal.verdict,
        storable(refusal.reason, 256),
        storable(refusal.transactionId),
        storable(refusal.goal),
        storable(refusal.userId),
        storable(refusal.amount, 32),
        storable(refusal.address, 64),
      ],
    ),
  );
}

/** The postbacks received, newest first: of one user, since a moment, at most `limit`. */
export async function auditTrail(db: Database, filter: { user?: string | null; since?: Date | null; limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::text AS id, received_at, profile, verdict, reason, transaction_id, goal, user_id, amount, address
       FROM offer_wall_postbacks
      WHERE ($1::text IS NULL OR user_id = $1) AND ($2::timestamptz IS NULL OR received_at >= $2)
      ORDER BY received_at DESC, id DESC LIMIT $3`,
    [filter.user ?? null, filter.since?.toISOString() ?? null, filter.limit ?? 100],
  );
  return rows.map((row) => ({
    id: String(row['id']),
    received_at: new Date(row['received_at'] as string).toISOString(),
    profile: String(row['profile']),
    verdict: row['verdict'] as AuditVerdict,
    reason: (row['reason'] as string | null) ?? null,
    transaction_id: (row['transaction_id'] as string | null) ?? null,
    goal: (row['goal'] as string | null) ?? null,
    user_id: (row['user_id'] as string | null) ?? null,
    amount: (row['amount'] as string | null) ?? null,
    address: (row['address'] as string | null) ?? null,
  }));
}

/** Rows touched per statement of the upkeep: small enough that no lock is held long. */
const BATCH = 500;

/** Runs `statement` (which handles at most BATCH rows and returns them) until it finds none; the count. */
async function inBatches(db: Database, statement: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.query(statement, params);
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/** Deletes the audit trail's lines older than `days`; how many went. */
export function pruneAudit(db: Database, days: number): Promise<number> {
  return inBatches(
    db,
    `DELETE FROM offer_wall_postbacks WHERE id IN (
       SELECT id FROM offer_wall_postbacks WHERE received_at < now() - make_interval(days => $1) LIMIT ${BATCH}) RETURNING id`,
    [days],
  );
}

/** Marks taps still pending after `days` as expired (a late credit still finds them); how many. */
export function expireClicks(db: Database, days = 30): Promise<number> {
  return inBatches(
    db,
    `UPDATE offer_wall_clicks SET status = 'expired', updated_at = now() WHERE id IN (
       SELECT id FROM offer_wall_clicks WHERE status = 'pending' AND clicked_at < now() - make_interval(days => $1)
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) RETURNING id`,
    [days],
  );
}

/**
 * Keeps the ledger tidy in the background: every `everyMs` (and once soon after start), prunes the
 * audit trail and expires old taps. `stop()` ends it after the run in progress.
 */
export function startUpkeep(ledger: Ledger, options: { auditDays: number; everyMs?: number; onError?: (error: unknown) => void; onDone?: (pruned: number, expired: number) => void }) {
  const every = options.everyMs ?? 3_600_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = (async () => {
      const pruned = await pruneAudit(ledger.db, options.auditDays);
      const expired = await expireClicks(ledger.db);
      options.onDone?.(pruned, expired);
    })()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
        if (!stopped) (timer = setTimeout(run, every)) && (timer as { unref?: () => void }).unref?.();
      });
  };
  timer = setTimeout(run, Math.min(every, 10_000));
  (timer as { unref?: () => void }).unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
