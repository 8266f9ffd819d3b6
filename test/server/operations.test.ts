/**
 * Running the ledger, on both databases: several networks in one process, each at its own path
 * and with its own transaction ids; each goal of a multi-goal offer credited once (and BitLabs'
 * pending callbacks paying nothing); every postback received kept in the audit trail with its
 * verdict and reason, counted in /metrics and logged with its profile, transaction, user and
 * verdict; the ledger's upkeep; the admin routes only for this machine.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createOfferWallHandler, Ledger, type RewardsOptions } from '../../src/server/node.js';
import { prometheusMetrics } from '../../src/server/adapters/prometheus.js';
import { parseAddressList } from '../../src/server/core/address.js';
import { expireClicks, pruneAudit } from '../../src/server/rewards/ledger/audit.js';
import { ledgerOperations } from '../../src/server/rewards/operations.js';
import { DATABASES, type TestDatabase } from './databases.js';
import { NETWORKS, request, SECRET, withValue, type Pairs } from './networks.js';

const USER_SECRET = 'user-token-secret-0123456789';
const OTHER_SECRET = 'another-network-secret-987654';
const NETWORK = '198.51.100.7';
let sequence = 0;
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;

for (const { kind, fresh } of DATABASES) {
  describe(`running the ledger on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let database: TestDatabase;
    let ledger: Ledger;
    before(async () => {
      database = await fresh();
      ledger = new Ledger(await database.open());
    });
    after(async () => {
      await database.drop();
    });

    const lines: Array<Record<string, unknown>> = [];
    const metrics = prometheusMetrics({ allowed: parseAddressList('127.0.0.1') });
    const handler = (rewards: Partial<RewardsOptions>) =>
      createOfferWallHandler({
        format: 's2s',
        upstream: 'https://up.example/s2s',
        appId: 'app',
        metrics,
        log: (_line, entry) => lines.push({ ...entry.detail, status: entry.status, path: entry.path }),
        rewards: { userSecret: USER_SECRET, ledger, ...rewards },
      });
    const send = async (h: ReturnType<typeof handler>, path: string, pairs: Pairs, signature: ReturnType<(typeof NETWORKS)['generic']['sign']>, from = NETWORK) => {
      const call = request(pairs, signature);
      const url = call.url.replace('/postback?', `${path}?`);
      // A URL-signed network signs the path it calls.
      return (await h(new Request(url, call.init), { clientAddress: from })).status;
    };
    const balance = async (user: string) => (await ledger.rewards(user, null)).balance;
    /** A URL-signed network's call to `path`: it signs the URL it calls, up to its signature. */
    const signedUrl = (path: string, pairs: Pairs, algorithm: string, param: string) => {
      const url = request(pairs, null).url.replace('/postback?', `${path}?`);
      return `${url}&${param}=${createHmac(algorithm, SECRET).update(url).digest('hex')}`;
    };

    it('receives several networks at once, each at /postback/<profile> with its own key, transaction ids apart', async () => {
      const h = handler({ networks: [{ profile: 'generic', secret: SECRET }, { profile: 'tapjoy', secret: OTHER_SECRET }, { profile: 'adgate', ips: NETWORK }] });
      const user = unique('player');
      const tx = unique('tx');
      const generic = NETWORKS.generic.pairs(user, tx, '10');
      assert.equal(await send(h, '/postback/generic', generic, NETWORKS.generic.sign(generic, SECRET)), 200);
      // The same transaction id from another network is another transaction.
      const tapjoy = NETWORKS.tapjoy.pairs(user, tx, '20');
      assert.equal(await send(h, '/postback/tapjoy', tapjoy, NETWORKS.tapjoy.sign(tapjoy, OTHER_SECRET)), 200);
      // Each network's key is its own: generic's key does not sign for tapjoy.
      const forged = NETWORKS.tapjoy.pairs(user, unique('tx'), '500');
      assert.equal(await send(h, '/postback/tapjoy', forged, NETWORKS.tapjoy.sign(forged, SECRET)), 403);
      const adgate = NETWORKS.adgate.pairs(user, tx, '5');
      assert.equal(await send(h, '/postback/adgate', adgate, null), 200);
      assert.equal(await send(h, '/postback/adgate', adgate, null, '203.0.113.9'), 403);
      assert.equal(await balance(user), '35');
      // With several networks, /postback names none of them.
      assert.equal(await send(h, '/postback', generic, NETWORKS.generic.sign(generic, SECRET)), 404);
    });

    it('credits each goal of a multi-goal offer once, and BitLabs only once its callback says completed', async () => {
      const h = handler({ networks: [{ profile: 'adgem', secret: SECRET }, { profile: 'bitlabs', secret: SECRET }] });
      const user = unique('player');
      const tx = unique('tx');
      for (const [goal, amount] of [
        ['1', '100'],
        ['2', '250'],
      ] as const) {
        const pairs: Pairs = [...NETWORKS.adgem.pairs(user, tx, amount), ['goal_id', goal], ['goal_name', `Reach level ${goal}0`]];
        const signed = signedUrl('/postback/adgem', pairs, 'sha256', 'verifier');
        assert.equal((await h(new Request(signed), { clientAddress: NETWORK })).status, 200, goal);
        assert.equal((await h(new Request(signed), { clientAddress: NETWORK })).status, 200, `${goal} again`);
      }
      assert.equal(await balance(user), '350');
      const entries = (await ledger.rewards(user, null)).entries;
      assert.deepEqual(entries.map((e) => [e.goal, e.goal_name, e.amount]).sort(), [
        ['1', 'Reach level 10', '100'],
        ['2', 'Reach level 20', '250'],
      ]);

      // BitLabs' stateful callbacks: one transaction, pending (acknowledged, nothing paid), completed, reconciled.
      const bitlabs = async (state: string) => {
        const pairs: Pairs = [...NETWORKS.bitlabs.pairs(user, `o${tx}`, '40'), ['offer_state', state]];
        return (await h(new Request(signedUrl('/postback/bitlabs', pairs, 'sha1', 'hash')), { clientAddress: NETWORK })).status;
      };
      assert.equal(await bitlabs('PENDING'), 200);
      assert.equal(await balance(user), '350');
      assert.equal(await bitlabs('COMPLETED'), 200);
      assert.equal(await balance(user), '390');
      assert.equal(await bitlabs('RECONCILED'), 200);
      assert.equal(await balance(user), '350');
    });

    it('keeps every postback received with its verdict and reason, counts it, and logs it with the user hashed', async () => {
      const h = handler({ profile: 'generic', postbackSecret: SECRET });
      const user = unique('audited');
      const tx = unique('tx');
      const good = NETWORKS.generic.pairs(user, tx, '10');
      const signature = NETWORKS.generic.sign(good, SECRET);
      lines.length = 0;
      await send(h, '/postback', good, signature);
      await send(h, '/postback', good, signature);
      const reversal = withValue(good, 'status', 'reversal');
      await send(h, '/postback', reversal, NETWORKS.generic.sign(reversal, SECRET));
      await send(h, '/postback', withValue(good, 'amount', '9999'), signature);
      const bad = withValue(NETWORKS.generic.pairs(user, unique('tx'), 'ten'), 'status', 'credit');
      await send(h, '/postback', bad, NETWORKS.generic.sign(bad, SECRET));
      const other = NETWORKS.generic.pairs(unique('someone'), tx, '10');
      await send(h, '/postback', other, NETWORKS.generic.sign(other, SECRET));

      const trail = await ledgerOperations(ledger, { webhook: false }).postbacks({ user });
      assert.deepEqual(
        trail.map((line) => [line.verdict, line.reason]).reverse(),
        [
          ['credited', null],
          ['repeat', null],
          ['reversed', null],
          ['refused', 'bad signature'],
          ['refused', 'bad value'],
        ],
      );
      const mismatch = await ledgerOperations(ledger, { webhook: false }).postbacks({ user: other[1]![1] });
      assert.deepEqual(mismatch.map((line) => [line.verdict, line.reason, line.transaction_id]), [['refused', 'user mismatch', tx]]);

      const verdicts = lines.filter((line) => line['path'] === '/postback').map((line) => [line['verdict'], line['reason'], line['profile']]);
      assert.deepEqual(verdicts, [
        ['credited', null, 'generic'],
        ['repeat', null, 'generic'],
        ['reversed', null, 'generic'],
        ['refused', 'bad signature', 'generic'],
        ['refused', 'bad value', 'generic'],
        ['refused', 'user mismatch', 'generic'],
      ]);
      assert.ok(lines.every((line) => typeof line['user'] === 'string' && /^#[0-9a-f]{12}$/.test(line['user'] as string)), 'the user hashed, never plain');
      assert.equal(lines[0]!['transaction'], tx);

      const scraped = await h(new Request('http://h/metrics'), { clientAddress: '127.0.0.1' });
      assert.equal(scraped.status, 200);
      const text = await scraped.text();
      assert.match(text, /offer_wall_postbacks_total\{profile="generic",verdict="credited",reason=""\} \d+/);
      assert.match(text, /offer_wall_postbacks_total\{profile="generic",verdict="refused",reason="user mismatch"\} \d+/);
      assert.match(text, /offer_wall_ledger_seconds_count\{operation="apply"\} \d+/);
      assert.equal((await h(new Request('http://h/metrics'), { clientAddress: '203.0.113.9' })).status, 403);
    });

    it('keeps at most 50 refused postbacks a second in the audit trail, so a flood of forgeries cannot fill the disk', async () => {
      const errors: string[] = [];
      const h = handler({ profile: 'generic', postbackSecret: SECRET, logError: (message) => errors.push(message) });
      const user = unique('flooded');
      const started = Math.floor(Date.now() / 1000);
      const forged = NETWORKS.generic.pairs(user, unique('tx'), '1');
      await Promise.all(Array.from({ length: 150 }, () => send(h, '/postback', forged, { param: 'signature', value: '0'.repeat(64) })));
      await send(h, '/postback', forged, { param: 'signature', value: '0'.repeat(64) });
      const seconds = Math.floor(Date.now() / 1000) - started + 1;
      const kept = (await ledgerOperations(ledger, { webhook: false }).postbacks({ user, limit: 1000 })).length;
      assert.ok(kept >= 50 && kept <= 50 * seconds, `${kept} kept in ${seconds} s`);
      if (kept < 151) assert.ok(errors.some((message) => /refused postbacks over 50 a second are not kept in the audit trail/.test(message)));
    });

    it('prunes the audit trail past its days and marks taps pending over 30 days expired, a late credit still finding them', async () => {
      const user = unique('old');
      await ledger.recordClick({ userId: user, offerId: 'late', clickId: unique('c'), name: 'Late offer', icon: null, reward: 5 });
      await ledger.db.query("UPDATE offer_wall_clicks SET clicked_at = now() - interval '31 days' WHERE user_id = $1", [user]);
      await ledger.db.query("INSERT INTO offer_wall_postbacks (profile, verdict, user_id, received_at) VALUES ('generic', 'refused', $1, now() - interval '100 days')", [user]);
      assert.ok((await pruneAudit(ledger.db, 90)) >= 1);
      assert.ok((await expireClicks(ledger.db)) >= 1);
      assert.deepEqual((await ledger.rewards(user, null)).entries.map((e) => e.status), ['expired']);
      assert.equal(await ledger.apply({ profile: 'generic', transactionId: unique('tx'), goal: null, goalName: null, kind: 'credit', userId: user, offerId: 'late', clickId: null, amount: '5', params: {} }, false), 'stored');
      assert.deepEqual((await ledger.rewards(user, null)).entries.map((e) => [e.status, e.name]), [['credited', 'Late offer']]);
    });

    it('answers the admin routes only to this machine, not forwarded, and with the token when one is set', async () => {
      const h = handler({ profile: 'generic', postbackSecret: SECRET, adminToken: 'admin-token-0123456789' });
      const user = unique('admin');
      const ask = (init: RequestInit = {}, from = '127.0.0.1') => h(new Request(`http://h/admin/ledger/user?user=${user}`, init), { clientAddress: from });
      assert.equal((await ask({ headers: { Authorization: 'Bearer admin-token-0123456789' } })).status, 200);
      assert.equal((await ask()).status, 403, 'without the token');
      assert.equal((await ask({ headers: { Authorization: 'Bearer admin-token-0123456789' } }, '203.0.113.9')).status, 403, 'from elsewhere');
      assert.equal((await ask({ headers: { Authorization: 'Bearer admin-token-0123456789', 'X-Forwarded-For': '203.0.113.9' } })).status, 403, 'forwarded');
      const adjust = await h(
        new Request('http://h/admin/ledger/adjust', { method: 'POST', headers: { Authorization: 'Bearer admin-token-0123456789' }, body: JSON.stringify({ user, amount: '12.5', reason: 'missing reward, ticket 42' }) }),
        { clientAddress: '127.0.0.1' },
      );
      assert.equal(adjust.status, 200);
      assert.equal(await balance(user), '12.5');
      const entries = (await ledger.rewards(user, null)).entries;
      assert.deepEqual(entries.map((e) => [e.status, e.amount]), [['adjusted', '12.5']]);
    });
  });
}
