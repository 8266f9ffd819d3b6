/**
 * The ledger's migrations as a deploy meets them, on both databases: a database made by the
 * previous release (migrations 1 and 2, no checksums, its own rows) is brought up to date without
 * losing a row or changing a balance; a database from a newer release, or whose applied
 * migrations differ from the program's, stops the start naming both versions.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Ledger, MIGRATIONS, migrate, MigrationError, type Database } from '../../src/server/node.js';
import { DATABASES, type TestDatabase } from './databases.js';

/** Opens a fresh database of `kind` without migrating it (as the previous release found it). */
async function bare(fresh: () => Promise<TestDatabase>): Promise<{ database: TestDatabase; db: Database }> {
  const database = await fresh();
  const { openEmbedded, openPostgres } = await import('../../src/server/node.js');
  const db = database.kind === 'embedded' ? await openEmbedded(database.env['OFFER_WALL_DATA_DIR']!) : await openPostgres(database.env['OFFER_WALL_DATABASE_URL']!);
  return { database, db };
}

/** What the previous release did at start: migrations 1 and 2, and a table of versions without checksums. */
async function previousRelease(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('CREATE TABLE offer_wall_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of MIGRATIONS.slice(0, 2)) {
      await tx.query(migration.sql);
      await tx.query('INSERT INTO offer_wall_migrations (version) VALUES ($1)', [migration.version]);
    }
  });
}

for (const { kind, fresh } of DATABASES) {
  describe(`migrations on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    const opened: Array<{ database: TestDatabase; db: Database }> = [];
    const open = async () => {
      const made = await bare(fresh);
      opened.push(made);
      return made.db;
    };
    after(async () => {
      for (const { database, db } of opened) {
        await db.close().catch(() => {});
        await database.drop();
      }
    });

    it('bring a database made by the previous release up to date, every row and balance kept', async () => {
      const db = await open();
      await previousRelease(db);
      // The previous release's own function and rows: a click, a credit tied to it, a reversal, a credit with no click.
      await db.query("INSERT INTO offer_wall_clicks (user_id, offer_id, click_id, name, reward) VALUES ('u1', 'o1', 'c1', 'Dragon', 3600)");
      const apply = (tx: string, kind: string, user: string, offer: string, amount: string) =>
        db.query('SELECT offer_wall_apply($1, $2, $3, $4, $5, $6, $7, $8, $9)', ['generic', tx, kind, user, offer, null, amount, '{}', true]);
      await apply('t1', 'credit', 'u1', 'o1', '3600');
      await apply('t2', 'credit', 'u1', 'o2', '10.5');
      await apply('t2', 'reversal', 'u1', 'o2', '10.5');
      await apply('t3', 'credit', 'u2', 'o3', '7');
      const before = {
        clicks: await db.query('SELECT id, user_id, status, amount::text AS amount FROM offer_wall_clicks ORDER BY id'),
        outbox: await db.query('SELECT id::text AS id, body::text AS body FROM offer_wall_outbox ORDER BY created_at, id'),
      };

      assert.deepEqual(await migrate(db), MIGRATIONS.slice(2).map((m) => m.version));
      const ledger = new Ledger(db);
      assert.equal((await ledger.rewards('u1', null)).balance, '3600');
      assert.equal((await ledger.rewards('u2', null)).balance, '7');
      assert.deepEqual(await db.query('SELECT id, user_id, status, amount::text AS amount FROM offer_wall_clicks ORDER BY id'), before.clicks);
      assert.deepEqual(await db.query('SELECT id::text AS id, body::text AS body FROM offer_wall_outbox ORDER BY created_at, id'), before.outbox);
      const entries = (await ledger.rewards('u1', null)).entries;
      assert.deepEqual(
        entries.map((e) => [e.offer_id, e.status, e.goal, e.goal_name]),
        [
          ['o2', 'reversed', null, null],
          ['o1', 'credited', null, null],
        ],
      );
      // The old transactions keep their place in the key: a repeat is still a repeat.
      assert.equal(await ledger.apply({ profile: 'generic', transactionId: 't1', goal: null, goalName: null, kind: 'credit', userId: 'u1', offerId: 'o1', clickId: null, amount: '3600', params: {} }, false), 'repeat');
      // And every applied version now has its checksum.
      const versions = await db.query<{ version: number; checksum: string | null }>('SELECT version, checksum FROM offer_wall_migrations ORDER BY version');
      assert.deepEqual(versions.map((v) => [Number(v.version), typeof v.checksum === 'string' && v.checksum.length === 64]), MIGRATIONS.map((m) => [m.version, true]));
    });

    it('refuse a database migrated by a newer release, naming both versions', async () => {
      const db = await open();
      await migrate(db);
      const next = MIGRATIONS.at(-1)!.version + 1;
      await db.query('INSERT INTO offer_wall_migrations (version, checksum) VALUES ($1, $2)', [next, 'f'.repeat(64)]);
      await assert.rejects(migrate(db), (error: Error) => error instanceof MigrationError && error.message.includes(`at version ${next}`) && error.message.includes(`up to ${next - 1}`));
    });

    it('refuse a database whose applied migration differs from the program’s, naming it', async () => {
      const db = await open();
      await migrate(db);
      await db.query("UPDATE offer_wall_migrations SET checksum = repeat('a', 64) WHERE version = 2");
      await assert.rejects(migrate(db), (error: Error) => error instanceof MigrationError && /version 2 unlike this program's \(checksum aaaaaaaaaaaa in the database, [0-9a-f]{12} here\)/.test(error.message));
    });
  });
}
