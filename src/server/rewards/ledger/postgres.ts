/**
 * The ledger on a PostgreSQL server (`pg`), shared by every instance: a pool of connections that
 * gives up on a server that does not answer rather than wait forever. `pg` is an optional peer of
 * offer-wall, loaded only when this database is asked for. Only the Node entry reaches this file.
 */
import { DatabaseError, load, type Database } from './database.js';

/** A statement as `pg` takes it: with a name, prepared once per connection. */
type Statement = { text: string; values?: unknown[]; name?: string };

interface PoolLike {
  query<T>(statement: Statement): Promise<{ rows: T[] }>;
  connect(): Promise<{ query<T>(statement: Statement): Promise<{ rows: T[] }>; release(error?: Error): void }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

/** How long a connection may take to open: a server that does not answer is down, not slow. */
const CONNECT_TIMEOUT_MS = 5000;

/** A PostgreSQL server, through a pool of `max` connections. */
export async function openPostgres(url: string, max = 16): Promise<Database> {
  const pg = await load<{ default: { Pool: new (options: object) => PoolLike } }>('pg', 'OFFER_WALL_DATABASE_URL', 'OFFER_WALL_DATABASE_URL');
  const pool = new pg.default.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server closed must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const database = (run: (statement: Statement) => Promise<{ rows: unknown[] }>): Database => ({
    async query<T>(sql: string, params?: readonly unknown[], name?: string) {
      return (await run({ text: sql, ...(params?.length ? { values: [...params] } : {}), ...(name ? { name } : {}) })).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query({ text: 'BEGIN' });
        const result = await fn(database((statement) => client.query(statement)));
        await client.query({ text: 'COMMIT' });
        client.release();
        return result;
      } catch (error) {
        await client.query({ text: 'ROLLBACK' }).catch(() => {});
        client.release(error as Error);
        throw error;
      }
    },
    close: () => pool.end(),
  });
  const db = database((statement) => pool.query(statement));
  try {
    await pool.query({ text: 'SELECT 1' });
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseError('OFFER_WALL_DATABASE_URL', `cannot connect: ${(error as Error).message}`);
  }
  return db;
}
