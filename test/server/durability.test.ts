/**
 * The ledger's promises under the program's real life (`offer-wall-proxy` as a child process, on
 * each database): a postback acknowledged is never lost, even when the process is killed with
 * SIGKILL at a random moment under load; and every webhook event reaches the publisher's server
 * once it is up, across a restart, none twice by id.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { verifyWebhookSignature } from '../../src/server/index.js';
import { DATABASES, type TestDatabase } from './databases.js';

const CLI = fileURLToPath(new URL('../../src/server/cli.js', import.meta.url));
const SECRET = 'network-secret-0123456789';
const WEBHOOK_SECRET = 'webhook-secret-0123456789';

/** Starts the program; resolves with its URL once it listens. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI], {
    env: {
      PATH: process.env['PATH'] ?? '',
      OFFER_WALL_FORMAT: 's2s',
      OFFER_WALL_UPSTREAM: 'http://127.0.0.1:9/s2s',
      OFFER_WALL_APP_ID: 'app',
      OFFER_WALL_POSTBACK_PROFILE: 'generic',
      OFFER_WALL_POSTBACK_SECRET: SECRET,
      OFFER_WALL_USER_SECRET: 'user-secret-0123456789',
      PORT: '0',
      ...env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s: ${output}`)), 120_000);
    const look = () => {
      const found = /listening on (http:\/\/[^/\s]+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.on('exit', () => reject(new Error(`exited: ${output}`)));
  });
  return { child, url, output: () => output, exited };
}

const signed = (tx: string, user: string, amount: string) =>
  `transaction_id=${tx}&user_id=${user}&amount=${amount}&offer_id=o&signature=${createHmac('sha256', SECRET).update(`${tx}:${user}:o:${amount}:`).digest('hex')}`;

const databases: TestDatabase[] = [];
after(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

for (const { kind, fresh } of DATABASES) {
  describe(`the program on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    it('loses no acknowledged postback when killed with SIGKILL at a random moment under load, and stores each once', async () => {
      const database = await fresh();
      databases.push(database);
      const acknowledged = new Set<string>();
      let next = 0;
      for (let round = 0; round < 3; round++) {
        const program = await start(database.env);
        let killed = false;
        // The moment is random in the work done, not in time: once a random number (10 to 30) of
        // this round's postbacks are answered, with the other senders' in flight at every stage.
        // (A random time from the start measured nothing on a busy machine, where the embedded
        // database acknowledged only a few postbacks in all three rounds.)
        let answered = 0;
        const enough = 10 + Math.floor(Math.random() * 21);
        let reached!: () => void;
        const moment = new Promise<void>((resolve) => (reached = resolve));
        // Twenty senders at once, each sending the next postback as soon as the last is answered.
        const sender = async () => {
          while (!killed) {
            const tx = `tx-${next++}`;
            try {
              const response = await fetch(`${program.url}/postback?${signed(tx, `user-${next % 7}`, '10')}`);
              if (response.status === 200 && (await response.text()) === 'OK') acknowledged.add(tx);
              if (++answered >= enough) reached();
            } catch {
              // Killed while this one was in flight: not acknowledged, may or may not be stored.
            }
          }
        };
        const senders = Array.from({ length: 20 }, sender);
        // A program that stopped by itself ends the round too (and the count below tells).
        await Promise.race([moment, program.exited]);
        killed = true;
        program.child.kill('SIGKILL');
        await program.exited;
        await Promise.all(senders);
      }
      assert.ok(acknowledged.size > 20, `only ${acknowledged.size} postbacks were acknowledged`);
      // The database as the program left it, read directly.
      const db = await database.open();
      const rows = await db.query<{ transaction_id: string; n: number }>(
        'SELECT transaction_id, count(*)::int AS n FROM offer_wall_transactions WHERE profile = $1 GROUP BY transaction_id',
        ['generic'],
      );
      const stored = new Map(rows.map((row) => [row.transaction_id, Number(row.n)]));
      const lost = [...acknowledged].filter((tx) => stored.get(tx) !== 1);
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged postbacks not stored exactly once`);
      await db.close();
    });

    it('delivers every webhook event once the publisher’s server is up, across a restart, none twice by id', async () => {
      const database = await fresh();
      databases.push(database);
      let up = false;
      const received: Array<{ id: string; type: string; valid: boolean }> = [];
      const publisher = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', async () => {
          if (!up) return void (res.writeHead(503), res.end());
          const event = JSON.parse(body) as { id: string; type: string };
          received.push({ id: event.id, type: event.type, valid: await verifyWebhookSignature(String(req.headers['offer-wall-signature']), body, WEBHOOK_SECRET) });
          res.writeHead(204);
          res.end();
        });
      });
      await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
      const hook = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}/hook`;
      const env = { ...database.env, OFFER_WALL_WEBHOOK_URL: hook, OFFER_WALL_WEBHOOK_SECRET: WEBHOOK_SECRET };
      try {
        const first = await start(env);
        for (let i = 0; i < 10; i++) assert.equal((await fetch(`${first.url}/postback?${signed(`w-${i}`, 'hooked', '5')}`)).status, 200);
        const reversed = `w-${9}`;
        const reversal = `transaction_id=${reversed}&user_id=hooked&amount=5&offer_id=o&status=reversal&signature=${createHmac('sha256', SECRET).update(`${reversed}:hooked:o:5:reversal`).digest('hex')}`;
        assert.equal((await fetch(`${first.url}/postback?${reversal}`)).status, 200);
        // The publisher is down: the first attempts fail. Then the program stops and starts again.
        await new Promise((resolve) => setTimeout(resolve, 500));
        first.child.kill('SIGTERM');
        assert.equal(await first.exited, 0);
        assert.equal(received.length, 0);
        up = true;
        const second = await start(env);
        const deadline = Date.now() + 30_000;
        while (received.length < 11 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        second.child.kill('SIGTERM');
        await second.exited;
        assert.equal(received.length, 11, `received ${received.length} of 11`);
        assert.equal(new Set(received.map((r) => r.id)).size, 11, 'no event twice');
        assert.ok(received.every((r) => r.valid), 'every event signed');
        assert.deepEqual(received.map((r) => r.type).sort(), [...Array(10).fill('credit'), 'reversal'].sort());
      } finally {
        publisher.closeAllConnections();
        publisher.close();
      }
    });
  });
}
