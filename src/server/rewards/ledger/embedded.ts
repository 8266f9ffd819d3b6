/**
 * The embedded database, on Node: PGlite, PostgreSQL compiled to WebAssembly, in this process, its
 * files in a folder; nothing to install or run. It runs the same SQL as a PostgreSQL server
 * (`migrations.ts`, `ledger.ts`). `@electric-sql/pglite` is an optional peer of offer-wall, loaded
 * only when this database is asked for. Only the Node entry reaches this file.
 *
 * Durable like a server: PGlite as shipped runs PostgreSQL with `fsync` off, and its WebAssembly
 * file system drops every fsync, so a commit lives in the operating system's cache until it
 * writes it back (a process killed loses nothing; a machine that loses power may). Here
 * PostgreSQL runs with `fsync` on and `wal_sync_method=fsync`, and the file system's fsync is
 * given the real one (`durable`): a commit returns once its WAL is on disk, so a postback is
 * acknowledged only after it is.
 */
import { spawn } from 'node:child_process';
import fs, { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseError, load, type Database } from './database.js';

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
  /** The Emscripten module (its file system), which `durable` reaches into. */
  mod?: { FS?: EmscriptenFS; ENV?: Record<string, string> };
}

type PGliteClass = (new (dir: string, options: object) => PGliteLike) & { defaultStartParams?: readonly string[] };

interface EmscriptenFS {
  lookupPath(path: string, options: object): { node: { mount: { type: NodeFileSystem } } };
}

/** Emscripten's NODEFS: the bridge from PostgreSQL's file calls to Node's. */
interface NodeFileSystem {
  stream_ops: { fsync?: (stream: { nfd?: number; node: object }) => number };
  realPath(node: object): string;
  tryFSOperation<T>(operation: () => T): T;
}

/** PGlite's start parameters with PostgreSQL's fsync on (PGlite passes `-F`, fsync off), WAL synced by fsync. */
function durableStartParams(PGlite: PGliteClass): string[] {
  const params = PGlite.defaultStartParams;
  if (!Array.isArray(params) || !params.includes('--single')) throw notDurable('it gives no start parameters to change');
  return [...params.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

const notDurable = (why: string) =>
  new DatabaseError(
    'OFFER_WALL_DATA_DIR',
    `this version of @electric-sql/pglite cannot be made to flush its commits to disk (${why}); install the version offer-wall supports (>=0.5 <0.6), or keep the ledger in PostgreSQL (OFFER_WALL_DATABASE_URL)`,
  );

/** Every file under `dir` (and `dir` itself) written to disk. */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Gives the WebAssembly file system a real fsync, so that PostgreSQL's own (commits, checkpoints)
 * reach the disk; then writes back once whatever PGlite wrote while starting, before it had one.
 */
function durable(db: PGliteLike, path: string): void {
  const FS = db.mod?.FS;
  let nodefs: NodeFileSystem | undefined;
  try {
    nodefs = FS?.lookupPath(db.mod?.ENV?.['PGDATA'] ?? '/pglite/data', {}).node.mount.type;
  } catch {
    nodefs = undefined;
  }
  if (!nodefs?.stream_ops || typeof nodefs.realPath !== 'function' || typeof nodefs.tryFSOperation !== 'function') throw notDurable('its file system is not the one expected');
  const bridge = nodefs;
  bridge.stream_ops.fsync = (stream) => {
    bridge.tryFSOperation(() => (stream.nfd !== undefined ? fs.fsyncSync(stream.nfd) : syncPath(bridge.realPath(stream.node))));
    return 0;
  };
  syncTree(path);
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
    serial: true,
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
  const { PGlite } = await load<{ PGlite: PGliteClass }>('@electric-sql/pglite', 'OFFER_WALL_DATA_DIR', 'The embedded database');
  const startParams = durableStartParams(PGlite);
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
    const db = new PGlite(path, { ...EMBEDDED_SETTINGS, startParams });
    await db.waitReady;
    try {
      durable(db, path);
      // The setting is PostgreSQL's, as it runs: refuse to go on if something turned it off.
      const [setting] = (await db.query<{ fsync: string }>('SHOW fsync')).rows;
      if (setting?.fsync !== 'on') throw notDurable(`fsync is ${setting?.fsync ?? 'unknown'}`);
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
    return fromPGlite(db, async () => {
      await db.close();
      unlock();
    });
  } catch (error) {
    unlock();
    throw error;
  }
}
