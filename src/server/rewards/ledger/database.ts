/** What the ledger needs of a PostgreSQL connection; the embedded database and `pg` each get an adapter (`open-node.ts`). */
export interface Database {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction, on one connection. */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

