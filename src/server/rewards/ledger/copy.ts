/**
 * Copies a whole ledger into another database (from the embedded one to PostgreSQL, when a
 * publisher outgrows one process): every table, row for row, in one transaction on the target,
 * which must be migrated to the same version and empty. The ids and their sequences come along,
 * so cursors, entries and webhook events stay what they were.
 */
import type { Database } from './database.js';
import { MigrationError } from './migrations.js';

/** The ledger's tables, parents first; each with its sequence, if it has one. */
const TABLES: ReadonlyArray<{ name: string; sequence: string | null }> = [
  { name: 'offer_wall_clicks', sequence: 'offer_wall_clicks_id_seq' },
  { name: 'offer_wall_transactions', sequence: null },
  { name: 'offer_wall_outbox', sequence: null },
  { name: 'offer_wall_postbacks', sequence: 'offer_wall_postbacks_id_seq' },
];
const BATCH = 1000;

const versionOf = async (db: Database) => Number((await db.query<{ version: number | null }>('SELECT max(version) AS version FROM offer_wall_migrations'))[0]?.version ?? 0);

/** Copies `from` into `to`; the number of rows of each table. */
export async function copyLedger(from: Database, to: Database, onProgress?: (table: string, rows: number) => void): Promise<Record<string, number>> {
  const [source, target] = [await versionOf(from), await versionOf(to)];
  if (source !== target) throw new MigrationError(`the source ledger is at version ${source} and the target at ${target}: migrate both with this release first`);
  return to.transaction(async (tx) => {
    for (const { name } of TABLES) {
      const [row] = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${name}`);
      if (row?.n !== '0') throw new MigrationError(`the target already holds rows in ${name}: copy into an empty ledger`);
    }
    const counts: Record<string, number> = {};
    for (const { name, sequence } of TABLES) {
      let copied = 0;
      // Every row as JSON (exact numbers, times and all), in batches, into the same table there.
      for (let offset = 0; ; offset += BATCH) {
        const [batch] = await from.query<{ rows: string | null }>(
          `SELECT json_agg(t)::text AS rows FROM (SELECT * FROM ${name} ORDER BY ctid LIMIT ${BATCH} OFFSET $1) t`,
          [offset],
        );
        if (!batch?.rows) break;
        const inserted = await tx.query(`INSERT INTO ${name} SELECT * FROM json_populate_recordset(NULL::${name}, $1::json) RETURNING 1 AS one`, [batch.rows]);
        copied += inserted.length;
        onProgress?.(name, copied);
        if (inserted.length < BATCH) break;
      }
      if (sequence) await tx.query(`SELECT setval('${sequence}', GREATEST((SELECT COALESCE(max(id), 0) FROM ${name}), 1))`);
      counts[name] = copied;
    }
    return counts;
  });
}
