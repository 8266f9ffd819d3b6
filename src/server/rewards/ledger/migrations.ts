/**
 * The ledger's schema as numbered migrations, applied in order at start, each once, under a lock
 * so that instances starting together migrate once, within time limits so that a start never
 * hangs on another instance. Each applied migration's checksum is kept: a database migrated by a
 * newer release, or whose applied migrations differ from this program's, stops the start, naming
 * both versions. Never edit one that has shipped: add the next.
 */
import { digestHex } from '../../core/crypto.js';
import type { Database } from './database.js';
import ledger from './migrations/001-ledger.js';
import oneUser from './migrations/002-one-user.js';
import operations from './migrations/003-operations.js';
import outboxOrder from './migrations/004-outbox-order.js';

/** Numbered migrations, applied in order. */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  { version: 1, sql: ledger },
  { version: 2, sql: oneUser },
  { version: 3, sql: operations },
  { version: 4, sql: outboxOrder },
];

/** The database and this program do not agree on the schema: the start must stop. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** How long a start waits for another instance's migration, and the longest one statement may take. */
const LOCK_TIMEOUT = '60s';
const STATEMENT_TIMEOUT = '300s';

export const checksumOf = (sql: string) => digestHex('sha256', sql);

/** Applies the migrations not yet applied, one instance at a time; returns the versions applied. */
export async function migrate(db: Database): Promise<number[]> {
  const known = MIGRATIONS.at(-1)!.version;
  const checksums = new Map(await Promise.all(MIGRATIONS.map(async (m) => [m.version, await checksumOf(m.sql)] as const)));
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await tx.query(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
      // Two instances starting together: the second waits here, then finds nothing left to do.
      await tx.query('SELECT pg_advisory_xact_lock(8424242424242)');
      await tx.query('CREATE TABLE IF NOT EXISTS offer_wall_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await tx.query('ALTER TABLE offer_wall_migrations ADD COLUMN IF NOT EXISTS checksum text');
      const rows = await tx.query<{ version: number; checksum: string | null }>('SELECT version, checksum FROM offer_wall_migrations ORDER BY version');
      const applied = new Map(rows.map((row) => [Number(row.version), row.checksum]));
      const newest = Math.max(0, ...applied.keys());
      if (newest > known) {
        throw new MigrationError(
          `the ledger's database is at version ${newest}, migrated by a newer release; this program knows versions up to ${known}: run that release (or a newer one), or restore a backup made before it`,
        );
      }
      for (const [version, checksum] of applied) {
        const ours = checksums.get(version);
        if (!ours) throw new MigrationError(`the ledger's database has a version ${version} that this program (versions 1 to ${known}) does not know`);
        // Databases migrated before checksums were kept take this program's, once.
        if (checksum === null) await tx.query('UPDATE offer_wall_migrations SET checksum = $2 WHERE version = $1', [version, ours]);
        else if (checksum !== ours) {
          throw new MigrationError(
            `the ledger's database applied a version ${version} unlike this program's (checksum ${checksum.slice(0, 12)} in the database, ${ours.slice(0, 12)} here): the database and this program (versions 1 to ${known}) come from different releases`,
          );
        }
      }
      for (let version = 1; version < newest; version++) {
        if (!applied.has(version)) throw new MigrationError(`the ledger's database is at version ${newest} but lacks version ${version}: its migrations differ from this program's (versions 1 to ${known})`);
      }
      const done: number[] = [];
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await tx.query(migration.sql);
        await tx.query('INSERT INTO offer_wall_migrations (version, checksum) VALUES ($1, $2)', [migration.version, checksums.get(migration.version)]);
        done.push(migration.version);
      }
      return done;
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '55P03') throw new MigrationError(`another instance has been migrating the ledger's database for over ${LOCK_TIMEOUT}: stopped waiting`);
    if (code === '57014') throw new MigrationError(`a migration of the ledger's database ran over ${STATEMENT_TIMEOUT}: stopped`);
    throw error;
  }
}
