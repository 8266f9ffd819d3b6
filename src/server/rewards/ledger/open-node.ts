/**
 * The ledger's two databases, on Node: the embedded one (PGlite: PostgreSQL compiled to
 * WebAssembly, in this process, its files in a folder; nothing to install or run) and a
 * PostgreSQL server (`pg`), which several instances share. Both run the same SQL (`migrations.ts`, `ledger.ts`); only the Node entry reaches this file.
 * Each package is loaded only when its database is asked for, and is an optional peer of
 * offer-wall: a publisher installs the one they use.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.js';

export class DatabaseError extends Error {
  constructor(
    /** The variable whose value this is about. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

async function load<T>(name: string, variable: string, why: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new DatabaseError(variable, `${why} needs the package ${name}: npm install ${name}`);
  }
}

/**
 * Takes the embedded database's folder for this process: PostgreSQL's files serve one process at
 * a time, so a second instance on the same folder is refused (with the first one's pid) rather
 * than let it corrupt them. A lock left by a process that died (SIGKILL) is taken over.
 */
function lockFolder(dir: string): () => void {
  const path = join(dir, 'offer-wall.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      let alive = false;
      try {
        alive = Number.isInteger(pid) && pid > 0 && pid !== process.pid && (process.kill(pid, 0), true);
      } catch {
        alive = false;
      }
      if (alive) {
        throw new DatabaseError(
          'OFFER_WALL_DATA_DIR',
          `the embedded database in ${dir} is in use by process ${pid}: it serves one instance; run several on PostgreSQL (OFFER_WALL_DATABASE_URL)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseError('OFFER_WALL_DATA_DIR', `cannot take the lock ${path}`);
}

interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<Array<{ rows: unknown[] }>>;
  transaction<T>(fn: (tx: PGliteLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  waitReady: Promise<void>;
}

function fromPGlite(db: PGliteLike, done: () => Promise<void>): Database {
  const wrap = (handle: PGliteLike): Database => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      // Without parameters a text may hold several statements (a migration): the last one's rows.
      if (!params?.length) return ((await handle.exec(sql)).at(-1)?.rows ?? []) as T[];
      return (await handle.query<T>(sql, [...params])).rows;
    },
    transaction: (fn) => handle.transaction((tx) => fn(wrap(tx))),
    close: done,
  });
  return wrap(db);
}

/**
 * PostgreSQL's settings in the embedded database: a ledger is small, and PGlite's default 128 MB
 * of shared buffers would be most of the process's memory (measured: 280 MiB resident against 165).
 */
const EMBEDDED_SETTINGS = { postgresqlconf: 'shared_buffers = 16MB' };

/**
 * Creates the database files in a child process: PostgreSQL's initdb grows the WebAssembly memory
 * to about 700 MB, which a WebAssembly memory never gives back, so the serving process would keep
 * it for its whole life. The child exits and takes it with it.
 */
function initialize(path: string): Promise<void> {
  const module = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(module)});
const db = new PGlite(${JSON.stringify(path)}, ${JSON.stringify(EMBEDDED_SETTINGS)});
await db.waitReady;
await db.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new DatabaseError('OFFER_WALL_DATA_DIR', `could not create the database in ${path}: ${errors.trim().split('\n').pop()}`))));
  });
}

/** The embedded database in `dir` (created on first use). */
export async function openEmbedded(dir: string): Promise<Database> {
  const { PGlite } = await load<{ PGlite: new (dir: string, options: object) => PGliteLike }>('@electric-sql/pglite', 'OFFER_WALL_DATA_DIR', 'The embedded database');
  mkdirSync(dir, { recursive: true });
  const unlock = lockFolder(dir);
  try {
    const path = join(dir, 'pgdata');
    if (!existsSync(path)) {
      // Created aside and moved into place whole, so a start cut short leaves nothing half-made.
      const creating = `${path}.creating`;
      rmSync(creating, { recursive: true, force: true });
      mkdirSync(creating, { recursive: true });
      await initialize(creating);
      renameSync(creating, path);
    }
    const db = new PGlite(path, EMBEDDED_SETTINGS);
    await db.waitReady;
    return fromPGlite(db, async () => {
      await db.close();
      unlock();
    });
  } catch (error) {
    unlock();
    throw error;
  }
}

interface PoolLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  connect(): Promise<{ query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>; release(error?: Error): void }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

/** A PostgreSQL server, through a pool of `max` connections. */
export async function openPostgres(url: string, max = 16): Promise<Database> {
  const pg = await load<{ default: { Pool: new (options: object) => PoolLike } }>('pg', 'OFFER_WALL_DATABASE_URL', 'OFFER_WALL_DATABASE_URL');
  const pool = new pg.default.Pool({ connectionString: url, max });
  // An idle connection the server closed must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const database = (run: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>): Database => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      return (await run(sql, params?.length ? [...params] : undefined)).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(database((sql, params) => client.query(sql, params)));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.release(error as Error);
        throw error;
      }
    },
    close: () => pool.end(),
  });
  const db = database((sql, params) => pool.query(sql, params));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseError('OFFER_WALL_DATABASE_URL', `cannot connect: ${(error as Error).message}`);
  }
  return db;
}
