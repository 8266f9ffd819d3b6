/**
 * What the ledger needs of a PostgreSQL connection; the embedded database (`embedded.ts`) and a
 * PostgreSQL server (`postgres.ts`) each give one. Also how either says that a setting is wrong.
 */
export interface Database {
  /**
   * Runs one statement. With a `name`, a server keeps it prepared on each connection after its
   * first use (parsed and planned once); the embedded database ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], name?: string): Promise<T[]>;
  /** Runs `fn` in one transaction, on one connection. */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** It has one connection, which runs one statement at a time (the embedded database): writes gain by sharing commits. */
  readonly serial?: boolean;
}

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

/** Loads a database's package, an optional peer of offer-wall, naming it when it is not installed. */
export async function load<T>(name: string, variable: string, why: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new DatabaseError(variable, `${why} needs the package ${name}: npm install ${name}`);
  }
}
