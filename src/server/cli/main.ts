/**
 * The `offer-wall-proxy` program and its commands (commander): with no command, the server
 * (`serve.ts`); `ledger …` for the person on call (`ledger.ts`); `postback test` to check a
 * network's setup (`postback-test.ts`). Every command has `--help`; the ledger's print a table for
 * a person and JSON with `--json`; a bad argument or setting exits 2 with one clear line, a
 * database or server that cannot be reached exits 1.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { LedgerEntry } from '../rewards/ledger/ledger.js';
import { OperationError } from '../rewards/operations.js';
import { connect, copyTo, type LedgerClient } from './ledger.js';
import { print, printJson, table, UsageError } from './output.js';
import { postbackTest } from './postback-test.js';
import { serve } from './serve.js';

const ENTRY_COLUMNS: Array<[keyof LedgerEntry & string, string]> = [
  ['clicked_at', 'when'],
  ['status', 'status'],
  ['amount', 'amount'],
  ['offer_id', 'offer'],
  ['name', 'name'],
  ['goal', 'goal'],
  ['click_id', 'click'],
  ['id', 'entry'],
];

/** Runs a ledger command on the ledger the environment names, closing it after. */
async function withLedger<T>(url: string | undefined, work: (client: LedgerClient) => Promise<T>): Promise<T> {
  const client = await connect(process.env, url);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

const limit = (value: string) => {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number from 1 to 9999');
  return Number(value);
};

export function program(): Command {
  const root = new Command('offer-wall-proxy')
    .description('The reference backend of <offer-wall>: the offers endpoint, and the rewards ledger when OFFER_WALL_POSTBACK_PROFILE is set. Configured by environment variables (docs/backend.md).')
    .showHelpAfterError('(run with --help for the usage)')
    // Set before the commands are made, so that each inherits it: a parse error ends in run(), not in process.exit.
    .exitOverride();
  root.command('serve', { isDefault: true }).description('run the server (the default)').action(() => serve());

  const ledger = root.command('ledger').description('look into the rewards ledger and act on it (beside the running server, or on its PostgreSQL)');
  const url = new Option('--url <server>', 'the running server to ask (default: http://HOST:PORT), when the embedded database is held by it');
  const json = new Option('--json', 'print JSON, for scripts');

  ledger
    .command('user')
    .description("a user's balance and entries, as the user sees them")
    .argument('<user_id>')
    .addOption(json)
    .addOption(url)
    .action((user: string, options: { json?: boolean; url?: string }) =>
      withLedger(options.url, async ({ operations }) => {
        const report = await operations.user(user);
        if (options.json) return printJson(report);
        print(`user ${report.user}: balance ${report.balance}, ${report.entries.length} entries\n`);
        print(table(report.entries, ENTRY_COLUMNS));
      }),
    );

  ledger
    .command('adjust')
    .description('a manual credit (a negative amount: a debit), its own entry, counted in the balance and sent on the webhook')
    .argument('<user_id>')
    .argument('<amount>', 'a decimal: 100, 2.5, -40')
    .requiredOption('--reason <text>', 'why (kept with the entry)')
    .addOption(json)
    .addOption(url)
    .action((user: string, amount: string, options: { reason: string; json?: boolean; url?: string }) =>
      withLedger(options.url, async ({ operations }) => {
        const done = await operations.adjust(user, amount, options.reason);
        if (options.json) return printJson(done);
        print(`adjusted ${done.user} by ${done.amount} ("${done.reason}"): balance now ${done.balance} (entry ${done.id})`);
      }),
    );

  ledger
    .command('postbacks')
    .description('every postback received, newest first, with its verdict (credited, repeat, reversed, refused and why, ignored)')
    .option('--user <user_id>', "only this user's")
    .option('--since <date>', 'only since this ISO date (2026-12-01 or 2026-12-01T10:00:00Z)')
    .option('--limit <n>', 'at most this many (default 100)', limit)
    .addOption(json)
    .addOption(url)
    .action((options: { user?: string; since?: string; limit?: number; json?: boolean; url?: string }) =>
      withLedger(options.url, async ({ operations }) => {
        const rows = await operations.postbacks({ user: options.user ?? null, since: options.since ?? null, limit: options.limit ?? 100 });
        if (options.json) return printJson(rows);
        print(
          table(rows, [
            ['received_at', 'received'],
            ['profile', 'profile'],
            ['verdict', 'verdict'],
            ['reason', 'why'],
            ['transaction_id', 'transaction'],
            ['goal', 'goal'],
            ['user_id', 'user'],
            ['amount', 'amount'],
            ['address', 'sender'],
          ]),
        );
      }),
    );

  ledger
    .command('parked')
    .description('webhook events parked after OFFER_WALL_WEBHOOK_GIVE_UP_H hours of refusals')
    .addOption(json)
    .addOption(url)
    .action((options: { json?: boolean; url?: string }) =>
      withLedger(options.url, async ({ operations }) => {
        const rows = await operations.parked();
        if (options.json) return printJson(rows);
        print(
          table(rows, [
            ['id', 'event'],
            ['type', 'type'],
            ['user_id', 'user'],
            ['amount', 'amount'],
            ['created_at', 'made'],
            ['parked_at', 'parked'],
            ['attempts', 'attempts'],
            ['last_error', 'last error'],
          ]),
        );
      }),
    );

  ledger
    .command('resend')
    .description('send parked webhook events again: one by its id, or --all')
    .argument('[event_id]')
    .option('--all', 'every parked event')
    .addOption(json)
    .addOption(url)
    .action((id: string | undefined, options: { all?: boolean; json?: boolean; url?: string }) => {
      if (!id === !options.all) throw new UsageError('name one parked event by its id, or give --all');
      return withLedger(options.url, async ({ operations }) => {
        const resent = await operations.resend(id ?? null);
        if (options.json) return printJson(resent);
        print(resent.length ? `sent again: ${resent.join(', ')}` : 'no parked event to send again');
      });
    });

  ledger
    .command('copy')
    .description('copy the whole ledger (the server holding it stopped) into an empty PostgreSQL, to move to it')
    .requiredOption('--to <postgres-url>', 'the PostgreSQL to copy into (migrated first; it must hold no ledger rows)')
    .addOption(json)
    .action(async (options: { to: string; json?: boolean }) => {
      const counts = await copyTo(process.env, options.to, options.json ? undefined : (table, rows) => process.stderr.write(`\r${table}: ${rows} rows`));
      if (options.json) return printJson(counts);
      process.stderr.write('\n');
      print(`copied: ${Object.entries(counts).map(([table, rows]) => `${table} ${rows}`).join(', ')}; now set OFFER_WALL_DATABASE_URL to it and start the server`);
    });

  root
    .command('postback')
    .description('check a network setup')
    .command('test')
    .description('sign a sample postback as the network would, send it to the server, and say what it made of it (the credit is real)')
    .argument('<profile>')
    .requiredOption('--user <user_id>', 'the user to credit')
    .requiredOption('--amount <n>', 'the amount, a decimal')
    .option('--transaction <id>', 'the transaction id (default: a new one)')
    .addOption(new Option('--url <server>', 'the server (default: http://HOST:PORT)'))
    .addOption(json)
    .action(async (profile: string, options: { user: string; amount: string; transaction?: string; url?: string; json?: boolean }) => {
      const result = await postbackTest(process.env, profile, options);
      if (options.json) printJson(result);
      else print(`${result.verdict}\n  sent:   ${result.url}\n  answer: ${result.status} ${result.body.slice(0, 300)}`);
      if (result.status !== 200) process.exitCode = 1;
    });
  return root;
}

/** Runs the program with `argv`; exits 2 on a usage problem, 1 on a failure. */
export async function run(argv: readonly string[]): Promise<void> {
  const root = program();
  try {
    await root.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    const usage = error instanceof UsageError || error instanceof OperationError;
    console.error(`offer-wall-proxy: ${(error as Error)?.message ?? String(error)}`);
    process.exit(usage ? 2 : 1);
  }
}
