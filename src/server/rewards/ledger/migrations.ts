/**
 * The ledger's schema as numbered migrations, applied in order at start, each once, under a lock
 * so that instances starting together migrate once. Never edit one that has shipped: add the next.
 */
import type { Database } from './database.js';
import ledger from './migrations/001-ledger.js';
import oneUser from './migrations/002-one-user.js';

/** Numbered migrations, applied in order. */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  { version: 1, sql: ledger },
  { version: 2, sql: oneUser },
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

