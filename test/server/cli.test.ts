/**
 * The command line for the person on call, as they run it (the program as a child process, on each
 * database): `--help` everywhere; `ledger user`, `adjust`, `postbacks`, `parked`, `resend` as a
 * table or JSON, on PostgreSQL directly and on the embedded database through the running server;
 * `postback test` checking a setup; exit 2 and one clear line on a bad argument, exit 1 when the
 * ledger cannot be reached.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { Ledger } from '../../src/server/node.js';
import { freshEmbedded, freshPostgres, type TestDatabase } from './databases.js';

const CLI = fileURLToPath(new URL('../../src/server/cli.js', import.meta.url));
const SECRET = 'network-secret-0123456789';
const USER_SECRET = 'user-token-secret-0123456789';
const BASE = { PATH: process.env['PATH'] ?? '', OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: 'http://127.0.0.1:9/s2s', OFFER_WALL_APP_ID: 'app' };

/** Runs the program to its end: its exit code and what it printed. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...BASE, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** Starts the server; resolves once it listens. */
async function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; port: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI], { env: { ...BASE, PORT: '0', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const found = /listening on (http:\/\/[^/\s]+)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(output)));
  });
  return { child, url, port: new URL(url).port, output: () => output };
}

const databases: TestDatabase[] = [];
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
  await Promise.all(databases.map((database) => database.drop()));
});

describe('the command line', () => {
  it('says how to use every command with --help, and exits 2 with one clear line on a bad argument', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /ledger/);
    assert.match(help.out, /postback/);
    for (const command of [['ledger', 'user'], ['ledger', 'adjust'], ['ledger', 'postbacks'], ['ledger', 'parked'], ['ledger', 'resend'], ['postback', 'test']]) {
      const page = await run([...command, '--help']);
      assert.equal(page.code, 0, command.join(' '));
      assert.match(page.out, /Usage: offer-wall-proxy/, command.join(' '));
    }
    for (const [args, said] of [
      [['ledger', 'adjust', 'u', '5'], /required option '--reason <text>'/],
      [['ledger', 'resend'], /name one parked event by its id, or give --all/],
      [['ledger', 'nothing'], /unknown command/],
      [['postback', 'test', 'nowhere', '--user', 'u', '--amount', '1'], /"nowhere" is no profile/],
      [['postback', 'test', 'generic', '--user', 'u', '--amount', 'ten'], /--amount must be a decimal number/],
    ] as const) {
      const answer = await run([...args]);
      assert.equal(answer.code, 2, args.join(' '));
      assert.match(answer.err, said, args.join(' '));
    }
  });

  it('exits 1 naming the database when it cannot be reached', async () => {
    const answer = await run(['ledger', 'user', 'u'], { OFFER_WALL_DATABASE_URL: 'postgres://nobody@127.0.0.1:9/nothing' });
    assert.equal(answer.code, 1);
    assert.match(answer.err, /cannot reach the ledger's database: OFFER_WALL_DATABASE_URL/);
  });

  it('on PostgreSQL: shows a user, adjusts, lists postbacks, parked events and sends them again', async () => {
    const database = await freshPostgres();
    databases.push(database);
    const ledger = new Ledger(await database.open());
    await ledger.apply({ profile: 'generic', transactionId: 't-1', goal: null, goalName: null, kind: 'credit', userId: 'ana', offerId: 'dragon', clickId: null, amount: '3600', params: {} }, true);
    const env = { ...database.env, OFFER_WALL_WEBHOOK_URL: 'http://127.0.0.1:9/hook' };

    const shown = await run(['ledger', 'user', 'ana', '--json'], env);
    assert.equal(shown.code, 0, shown.err);
    const report = JSON.parse(shown.out) as { balance: string; entries: Array<{ status: string; amount: string; offer_id: string }> };
    assert.equal(report.balance, '3600');
    assert.deepEqual(report.entries.map((e) => [e.status, e.amount, e.offer_id]), [['credited', '3600', 'dragon']]);
    const table = await run(['ledger', 'user', 'ana'], env);
    assert.match(table.out, /user ana: balance 3600, 1 entries/);
    assert.match(table.out, /WHEN\s+STATUS\s+AMOUNT/);

    const adjusted = await run(['ledger', 'adjust', 'ana', '-600', '--reason', 'duplicate account'], env);
    assert.equal(adjusted.code, 0, adjusted.err);
    assert.match(adjusted.out, /adjusted ana by -600 \("duplicate account"\): balance now 3000/);
    const bad = await run(['ledger', 'adjust', 'ana', '0', '--reason', 'x'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /the amount must be more than 0/);

    const trail = JSON.parse((await run(['ledger', 'postbacks', '--user', 'ana', '--json'], env)).out) as Array<{ verdict: string; reason: string | null }>;
    assert.deepEqual(trail.map((line) => [line.verdict, line.reason]), [
      ['adjusted', 'duplicate account'],
      ['credited', null],
    ]);
    assert.equal((await run(['ledger', 'postbacks', '--since', 'yesterday'], env)).code, 2);

    await ledger.db.query('UPDATE offer_wall_outbox SET parked_at = now()');
    const parked = JSON.parse((await run(['ledger', 'parked', '--json'], env)).out) as Array<{ id: string; type: string }>;
    assert.deepEqual(parked.map((event) => event.type).sort(), ['adjustment', 'credit']);
    const resent = await run(['ledger', 'resend', '--all'], env);
    assert.equal(resent.code, 0, resent.err);
    assert.match(resent.out, new RegExp(`sent again: .*${parked[0]!.id}`));
    assert.deepEqual(JSON.parse((await run(['ledger', 'parked', '--json'], env)).out), []);
    await ledger.close();
  });

  it('on the embedded database: asks the running server, and checks a network setup with postback test', async () => {
    const database = await freshEmbedded();
    databases.push(database);
    // The test's template is unmigrated: the server migrates it at its start.
    const env = { ...database.env, OFFER_WALL_POSTBACK_PROFILE: 'generic,kiwiwall', OFFER_WALL_POSTBACK_SECRET_GENERIC: SECRET, OFFER_WALL_POSTBACK_SECRET_KIWIWALL: SECRET, OFFER_WALL_POSTBACK_IPS_KIWIWALL: '34.193.235.172', OFFER_WALL_USER_SECRET: USER_SECRET };
    const server = await serve(env);
    children.push(server.child);
    // It said what it was doing while the embedded database started.
    assert.match(server.output(), /opening the ledger: the embedded database in .*\n.*ledger open in [\d.]+ s/);
    const here = { ...env, PORT: server.port };

    const tested = await run(['postback', 'test', 'generic', '--user', 'bea', '--amount', '250'], here);
    assert.equal(tested.code, 0, tested.err + tested.out);
    assert.match(tested.out, /accepted: 250 credited to bea/);
    const refused = await run(['postback', 'test', 'kiwiwall', '--user', 'bea', '--amount', '1'], here);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /refused \(403\): kiwiwall is heard only from the addresses in OFFER_WALL_POSTBACK_IPS_KIWIWALL/);

    const shown = await run(['ledger', 'user', 'bea', '--json'], here);
    assert.equal(shown.code, 0, shown.err);
    assert.equal((JSON.parse(shown.out) as { balance: string }).balance, '250');
    const adjusted = await run(['ledger', 'adjust', 'bea', '50', '--reason', 'support ticket 7'], here);
    assert.equal(adjusted.code, 0, adjusted.err);
    assert.match(adjusted.out, /balance now 300/);
    const trail = await run(['ledger', 'postbacks', '--user', 'bea'], here);
    assert.match(trail.out, /RECEIVED\s+PROFILE\s+VERDICT/);
    assert.match(trail.out, /generic\s+credited/);
  });

  it('moves a ledger from the embedded database to PostgreSQL with ledger copy, every row and id kept', async () => {
    const embedded = await freshEmbedded();
    const target = await freshPostgres();
    databases.push(embedded, target);
    const source = new Ledger(await embedded.open());
    await source.recordClick({ userId: 'cy', offerId: 'o1', clickId: 'c1', name: 'Dragon', icon: null, reward: 100 });
    await source.apply({ profile: 'generic', transactionId: 't1', goal: null, goalName: null, kind: 'credit', userId: 'cy', offerId: 'o1', clickId: 'c1', amount: '100.25', params: {} }, true);
    await source.adjust('cy', '-0.25', 'rounding', true);
    const before = await source.rewards('cy', null);
    await source.close();
    const url = target.env['OFFER_WALL_DATABASE_URL']!;
    const moved = await run(['ledger', 'copy', '--to', url, '--json'], embedded.env);
    assert.equal(moved.code, 0, moved.err);
    assert.deepEqual(JSON.parse(moved.out), { offer_wall_clicks: 2, offer_wall_transactions: 2, offer_wall_outbox: 2, offer_wall_postbacks: 2 });
    const after = new Ledger(await target.open());
    assert.deepEqual(await after.rewards('cy', null), before);
    // The ids go on from where they were: a new tap is not a copy's id.
    await after.recordClick({ userId: 'cy', offerId: 'o2', clickId: 'c2', name: null, icon: null, reward: null });
    const ids = (await after.rewards('cy', null)).entries.map((e) => Number(e.id));
    assert.equal(new Set(ids).size, 3);
    // Into a ledger that holds rows already: refused.
    const again = await run(['ledger', 'copy', '--to', url], embedded.env);
    assert.equal(again.code, 1);
    assert.match(again.err, /the target already holds rows in offer_wall_clicks/);
  });
});
