/**
 * `offer-wall-proxy ledger …`: the person on call's view of the ledger. On PostgreSQL it opens the
 * database itself; on the embedded database, which the running server holds, it asks that server
 * through its admin routes on this machine (`--url`, else HOST and PORT; with
 * OFFER_WALL_ADMIN_TOKEN when it is set), and opens the folder itself only when no server holds it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { Environment } from '../config.js';
import { describeError } from '../core/log.js';
import { shownUrl } from '../core/url.js';
import { DatabaseError } from '../rewards/ledger/database.js';
import { openEmbedded } from '../rewards/ledger/embedded.js';
import { Ledger } from '../rewards/ledger/ledger.js';
import { copyLedger } from '../rewards/ledger/copy.js';
import { MIGRATIONS, migrate } from '../rewards/ledger/migrations.js';
import { openPostgres } from '../rewards/ledger/postgres.js';
import { ledgerOperations, OperationError, type LedgerOperations } from '../rewards/operations.js';
import { VARIABLES } from '../variables.js';
import { UsageError } from './output.js';

/** What the ledger commands read of the program's configuration. */
const SETTINGS = z.object({
  OFFER_WALL_DATABASE_URL: VARIABLES.OFFER_WALL_DATABASE_URL.schema,
  OFFER_WALL_DATA_DIR: VARIABLES.OFFER_WALL_DATA_DIR.schema,
  OFFER_WALL_WEBHOOK_URL: VARIABLES.OFFER_WALL_WEBHOOK_URL.schema,
  OFFER_WALL_ADMIN_TOKEN: VARIABLES.OFFER_WALL_ADMIN_TOKEN.schema,
  PORT: VARIABLES.PORT.schema,
  HOST: VARIABLES.HOST.schema,
});

export interface LedgerClient {
  operations: LedgerOperations;
  /** Where it reads the ledger, for the person. */
  where: string;
  close(): Promise<void>;
}

/** The running server's admin routes, as the same operations. */
function remote(base: string, token: string | undefined): LedgerOperations {
  const call = async <T>(path: string, init: { method?: string; query?: Record<string, string | null | undefined>; body?: unknown } = {}): Promise<T> => {
    const url = new URL(`/admin/ledger/${path}`, base);
    for (const [name, value] of Object.entries(init.query ?? {})) if (value) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method ?? 'GET',
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new Error(`the server at ${base} did not answer (${describeError(error)}): is it running? (--url names another)`);
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    let message = text;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // the text as it is
    }
    if (response.status === 400) throw new OperationError(message);
    if (response.status === 403) throw new UsageError(`the server at ${base} refused: ${message}`);
    if (response.status === 404) throw new UsageError(`the server at ${base} has no ledger (are rewards on there?)`);
    throw new Error(`the server at ${base} answered ${response.status}: ${message}`);
  };
  return {
    user: (user) => call('user', { query: { user } }),
    adjust: (user, amount, reason) => call('adjust', { method: 'POST', body: { user, amount, reason } }),
    postbacks: (filter) => call('postbacks', { query: { user: filter.user, since: filter.since, limit: filter.limit ? String(filter.limit) : null } }),
    parked: () => call('parked'),
    resend: (id) => call('resend', { method: 'POST', body: id === null ? { all: true } : { id } }),
  };
}

/** Refuses a database whose schema is not this release's: the server of this release migrates it. */
async function checkVersion(ledger: Ledger): Promise<void> {
  const known = MIGRATIONS.at(-1)!.version;
  let version = 0;
  try {
    const [row] = await ledger.db.query<{ version: number | null }>('SELECT max(version) AS version FROM offer_wall_migrations');
    version = Number(row?.version ?? 0);
  } catch {
    version = 0;
  }
  if (version !== known) {
    throw new UsageError(
      version < known
        ? `the ledger's database is at version ${version}, this program at ${known}: start the server of this release once (it migrates the database), then try again`
        : `the ledger's database is at version ${version}, from a newer release than this program (${known}): use that release's command line`,
    );
  }
}

/** The ledger as the environment (and `--url`) says: the database itself, or the running server. */
export async function connect(env: Environment, url: string | undefined): Promise<LedgerClient> {
  const parsed = SETTINGS.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${String(issue.path[0])} ${issue.message}`);
  }
  const settings = parsed.data;
  const token = settings.OFFER_WALL_ADMIN_TOKEN;
  const server = url ?? `http://${settings.HOST.includes(':') ? `[${settings.HOST}]` : settings.HOST}:${settings.PORT}`;
  if (url) return { operations: remote(url, token), where: `the server at ${shownUrl(url)}`, close: async () => {} };
  const webhook = { webhook: !!settings.OFFER_WALL_WEBHOOK_URL };
  if (settings.OFFER_WALL_DATABASE_URL) {
    let ledger: Ledger;
    try {
      ledger = new Ledger(await openPostgres(settings.OFFER_WALL_DATABASE_URL));
    } catch (error) {
      throw new Error(`cannot reach the ledger's database: ${error instanceof DatabaseError ? `${error.variable}: ${error.message}` : describeError(error)}`);
    }
    await checkVersion(ledger).catch(async (error: unknown) => {
      await ledger.close();
      throw error;
    });
    return { operations: ledgerOperations(ledger, webhook), where: `PostgreSQL at ${shownUrl(settings.OFFER_WALL_DATABASE_URL)}`, close: () => ledger.close() };
  }
  const dir = settings.OFFER_WALL_DATA_DIR;
  if (!existsSync(join(dir, 'pgdata'))) {
    throw new UsageError(`there is no ledger in ${dir} (OFFER_WALL_DATA_DIR): the server creates it at its first start; set OFFER_WALL_DATA_DIR or OFFER_WALL_DATABASE_URL as the server has them`);
  }
  let ledger: Ledger;
  try {
    ledger = new Ledger(await openEmbedded(dir));
  } catch (error) {
    // Held by the running server: ask it.
    if (error instanceof DatabaseError && /in use by process/.test(error.message)) return { operations: remote(server, token), where: `the server at ${server}`, close: async () => {} };
    throw error;
  }
  await checkVersion(ledger).catch(async (error: unknown) => {
    await ledger.close();
    throw error;
  });
  return { operations: ledgerOperations(ledger, webhook), where: `the embedded database in ${dir}`, close: () => ledger.close() };
}

/**
 * Copies the ledger the environment names (with the server that holds it stopped) into an empty
 * PostgreSQL, which it migrates first; the rows copied per table.
 */
export async function copyTo(env: Environment, target: string, onProgress?: (table: string, rows: number) => void): Promise<Record<string, number>> {
  if (!/^postgres(ql)?:\/\//.test(target)) throw new UsageError(`--to must be a postgres:// URL`);
  const parsed = SETTINGS.safeParse(env);
  if (!parsed.success) throw new UsageError(`${String(parsed.error.issues[0]!.path[0])} ${parsed.error.issues[0]!.message}`);
  const settings = parsed.data;
  if (settings.OFFER_WALL_DATABASE_URL === target) throw new UsageError('--to is the ledger itself');
  let source: Ledger;
  try {
    source = new Ledger(settings.OFFER_WALL_DATABASE_URL ? await openPostgres(settings.OFFER_WALL_DATABASE_URL) : await openEmbedded(settings.OFFER_WALL_DATA_DIR));
  } catch (error) {
    if (error instanceof DatabaseError && /in use by process/.test(error.message)) throw new UsageError(`${error.message}: stop the server first (nothing may change during the copy)`);
    throw new Error(`cannot open the ledger: ${describeError(error)}`);
  }
  try {
    await checkVersion(source);
    let destination;
    try {
      destination = await openPostgres(target);
    } catch (error) {
      throw new Error(`cannot reach --to: ${error instanceof DatabaseError ? error.message : describeError(error)}`);
    }
    try {
      await migrate(destination);
      return await copyLedger(source.db, destination, onProgress);
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}
