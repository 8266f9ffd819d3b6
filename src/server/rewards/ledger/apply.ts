/**
 * How postbacks reach the ledger's database: each is one call of `offer_wall_apply` (the schema's
 * function: the entry, the click it credits, the webhook event and the audit line, or nothing). On
 * a server, the postbacks that arrive together go as one statement, so one transaction and one
 * commit (`ApplyBatches`); on the embedded database, `Ledger.write` groups the commits.
 */
import type { Database } from './database.js';

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
  /** More than 0, exact, as text (a `Decimal`). */
  amount: string;
  params: Record<string, string>;
  /** The sender's address, for the audit trail. */
  address?: string | null;
}

/**
 * On a server (a pool of connections): the most postbacks one statement stores. Below 64, so that a
 * transaction never holds more subtransactions than PostgreSQL caches per backend, should
 * `offer_wall_apply` ever use them.
 */
const SERVER_BATCH = 50;

/**
 * On a server: how many batches may be on their way at once, per instance. While they are, the
 * postbacks that arrive wait and go together in the next one; one postback alone goes at once.
 * Two let one batch execute while the other waits for its commit to reach the disk (1, 2 and 4
 * measured alike, within the noise of a shared machine: BENCHMARKS.md).
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
  const results = await db.query<{ result: ApplyResult }>(APPLY_MANY_SQL, [JSON.stringify(rows)], 'offer_wall_apply_many');
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
export async function applyOne(db: Database, record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
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
    'offer_wall_apply_one',
  );
  return row!.result;
}

/**
 * Postbacks on their way to a server in batches: those that arrive while SERVER_BATCHES batches
 * are on their way wait and go together in the next one.
 */
export class ApplyBatches {
  private _pending: Waiting[] = [];
  private _sending = 0;

  constructor(private readonly db: Database) {}

  /** Stores a postback in the next batch; resolves once the batch that holds it has committed. */
  add(record: LedgerRecord, webhook: boolean): Promise<ApplyResult> {
    return new Promise<ApplyResult>((resolve, reject) => {
      this._pending.push({ record, webhook, resolve, reject });
      this._next();
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
  private _next(): void {
    while (this._pending.length && this._sending < SERVER_BATCHES) {
      const batch = this._pending.splice(0, SERVER_BATCH);
      this._sending++;
      void this._send(batch).finally(() => {
        this._sending--;
        this._next();
      });
    }
  }

  private async _send(batch: Waiting[]): Promise<void> {
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
}
