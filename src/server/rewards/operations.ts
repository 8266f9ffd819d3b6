/**
 * What the person on call does with the ledger, as plain functions over it: a user's balance and
 * entries as they see them, a manual adjustment, the postbacks received (the audit trail), the
 * parked webhook events and sending them again. The command line calls them directly on
 * PostgreSQL, or through the running server's admin routes (`admin-route.ts`) on the embedded
 * database, which one process holds: both give the same JSON.
 */
import { auditTrail, type AuditEntry } from './ledger/audit.js';
import type { Ledger, LedgerEntry } from './ledger/ledger.js';
import { readAmount, textProblem, MAX_ID, MAX_NAME } from './values.js';
import { parkedEvents, resendEvents, type ParkedEvent } from './webhook/store.js';

export interface UserReport {
  user: string;
  balance: string;
  entries: LedgerEntry[];
}

/** A request the operations refuse, naming what is wrong (an exit code 2 at the command line, a 400 on the admin route). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUser(user: string): void {
  const problem = !user ? 'is empty' : textProblem(user, MAX_ID);
  if (problem) throw new OperationError(`the user id ${problem}`);
}

export function ledgerOperations(ledger: Ledger, options: { webhook: boolean }) {
  return {
    /** The balance and every entry of a user (newest first, up to 1,000), as the user sees them. */
    async user(user: string): Promise<UserReport> {
      checkUser(user);
      const page = await ledger.rewards(user, null, 1000);
      return { user, balance: page.balance, entries: page.entries };
    },

    /** A manual credit (positive) or debit (negative) with its reason; the new entry and balance. */
    async adjust(user: string, amount: string, reason: string): Promise<{ id: string; user: string; amount: string; reason: string; balance: string }> {
      checkUser(user);
      const read = readAmount(amount.trim());
      if (typeof read === 'string') throw new OperationError(`the amount ${read}`);
      const why = reason.trim();
      const problem = !why ? 'is empty: say why (it is kept with the entry)' : textProblem(why, MAX_NAME);
      if (problem) throw new OperationError(`the reason ${problem}`);
      const value = read.negative ? `-${read.value}` : read.value;
      const id = await ledger.adjust(user, value, why, options.webhook);
      return { id, user, amount: value, reason: why, balance: (await ledger.rewards(user, null, 1)).balance };
    },

    /** The postbacks received, newest first, of a user and since a moment when given. */
    async postbacks(filter: { user?: string | null; since?: string | null; limit?: number }): Promise<AuditEntry[]> {
      if (filter.user) checkUser(filter.user);
      let since: Date | null = null;
      if (filter.since) {
        since = new Date(filter.since);
        if (!/^\d{4}-\d{2}-\d{2}/.test(filter.since) || Number.isNaN(since.getTime())) throw new OperationError(`--since "${filter.since}" is not an ISO date (2026-12-01 or 2026-12-01T10:00:00Z)`);
      }
      return auditTrail(ledger.db, { user: filter.user ?? null, since, limit: filter.limit ?? 100 });
    },

    /** The parked webhook events, oldest first. */
    parked(): Promise<ParkedEvent[]> {
      return parkedEvents(ledger.db);
    },

    /** Sends a parked event again (by id), or every parked event (null): their ids. */
    async resend(id: string | null): Promise<string[]> {
      if (id !== null && !UUID.test(id)) throw new OperationError(`"${id}" is not an event id (a UUID, as \`ledger parked\` lists them)`);
      const resent = await resendEvents(ledger.db, id);
      if (id !== null && !resent.length) throw new OperationError(`no parked event has the id ${id}`);
      return resent;
    },
  };
}

export type LedgerOperations = ReturnType<typeof ledgerOperations>;
