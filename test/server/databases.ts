/**
 * The two real databases the ledger's tests run against, the same suite on each: the embedded one
 * (PGlite, in a fresh folder) and a PostgreSQL server (a fresh database on the server at
 * OFFER_WALL_TEST_DATABASE_URL, else this machine's, which `npm test` starts: see
 * scripts/test-machine.mjs). Each is dropped when its tests are done.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openEmbedded, openPostgres } from '../../src/server/node.js';
import { Ledger, migrate, type Database } from '../../src/server/node.js';

/** A role that may create databases, on the test server. */
export const ADMIN_URL =
  process.env['OFFER_WALL_TEST_DATABASE_URL'] ?? `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;

export interface TestDatabase {
  kind: 'embedded' | 'postgres';
  /** Opens another connection to the same database (another instance's), migrated. */
  open(): Promise<Database>;
  /** What the program takes: OFFER_WALL_DATABASE_URL, or OFFER_WALL_DATA_DIR. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database on the test server. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `offer_wall_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  return {
    kind: 'postgres',
    env: { OFFER_WALL_DATABASE_URL: url.href },
    async open() {
      const db = await openPostgres(url.href);
      opened.push(db);
      await migrate(db);
      return db;
    },
    async drop() {
      await Promise.all(opened.map((db) => db.close().catch(() => {})));
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * An empty embedded database's files, made once per PGlite version and copied for each test
 * (PostgreSQL's initdb in WebAssembly takes seconds; a copy, milliseconds). Made aside and moved
 * into place whole, so concurrent test files at worst make it twice.
 */
async function embeddedTemplate(): Promise<string> {
  const version = (JSON.parse(readFileSync(new URL('../../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `offer-wall-pglite-template-${version}`);
  if (!existsSync(template)) {
    const making = mkdtempSync(join(tmpdir(), 'offer-wall-pglite-making-'));
    const db = await openEmbedded(making);
    await db.close();
    rmSync(join(making, 'offer-wall.lock'), { force: true });
    try {
      renameSync(making, template);
    } catch {
      rmSync(making, { recursive: true, force: true });
    }
  }
  return template;
}

/** A fresh embedded database in a temporary folder (one instance at a time: `open` once). */
export async function freshEmbedded(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'offer-wall-ledger-'));
  cpSync(await embeddedTemplate(), dir, { recursive: true });
  let opened: Database | null = null;
  return {
    kind: 'embedded',
    env: { OFFER_WALL_DATA_DIR: dir },
    async open() {
      opened = await openEmbedded(dir);
      await migrate(opened);
      return opened;
    },
    async drop() {
      await opened?.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const DATABASES: Array<{ kind: TestDatabase['kind']; fresh: () => Promise<TestDatabase> }> = [
  { kind: 'embedded', fresh: freshEmbedded },
  { kind: 'postgres', fresh: freshPostgres },
];

/** A ledger on a fresh database of each kind. */
export async function freshLedger(kind: TestDatabase['kind']) {
  const database = await DATABASES.find((d) => d.kind === kind)!.fresh();
  const ledger = new Ledger(await database.open());
  return { database, ledger };
}
