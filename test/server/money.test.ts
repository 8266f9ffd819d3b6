/**
 * Money is only what the network signed: every way a review found to mint or erase a balance from
 * outside, tried as an attacker would, on the embedded database and on PostgreSQL. Each test
 * starts from a genuine postback, signed as the network documents (`networks.ts`), and changes
 * one thing; it asserts the answer and that no balance moved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOfferWallHandler, createUserToken, Ledger, PROFILES, PROFILE_NAMES, type ProfileName, type RewardsOptions } from '../../src/server/node.js';
import { weakness } from '../../src/server/rewards/postbacks/profile.js';
import { DATABASES, type TestDatabase } from './databases.js';
import { NETWORKS, request, SECRET, withValue } from './networks.js';

const USER_SECRET = 'user-token-secret-0123456789';
/** The network's sender, listed for the profiles that need it. */
const NETWORK_ADDRESS = '198.51.100.7';
/** Anyone else. */
const ATTACKER = '203.0.113.66';

let sequence = 0;
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;

for (const { kind, fresh } of DATABASES) {
  describe(`money is only what the network signed, on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let database: TestDatabase;
    let ledger: Ledger;
    before(async () => {
      database = await fresh();
      ledger = new Ledger(await database.open());
    });
    after(async () => {
      await database.drop();
    });

    const errors: string[] = [];
    const handlerFor = (profile: ProfileName, extra: Partial<RewardsOptions> = {}) =>
      createOfferWallHandler({
        format: 's2s',
        upstream: 'https://upstream.example/s2s',
        appId: 'app',
        rewards: {
          profile,
          postbackSecret: SECRET,
          userSecret: USER_SECRET,
          ledger,
          // A profile whose signature cannot prove a call by itself needs its senders listed.
          ...(weakness(PROFILES[profile]) ? { postbackIps: NETWORK_ADDRESS } : {}),
          logError: (message) => errors.push(message),
          ...extra,
        },
      });
    const send = async (profile: ProfileName, call: { url: string; init: RequestInit }, from = NETWORK_ADDRESS) => {
      const response = await handlerFor(profile)(new Request(call.url, call.init), { clientAddress: from });
      return { status: response.status, body: await response.text() };
    };
    const balance = async (user: string) => (await ledger.rewards(user, null)).balance;
    /** A genuine credit of `amount` to a new user, accepted: its user, pairs and signature. */
    const genuine = async (profile: ProfileName, amount = '120', user = unique(`${profile} user`)) => {
      const network = NETWORKS[profile];
      const pairs = network.pairs(user, unique('tx'), amount);
      const signature = network.sign(pairs, SECRET);
      const accepted = await send(profile, request(pairs, signature));
      assert.equal(accepted.status, 200, `${profile}: the genuine postback: ${accepted.body}`);
      assert.equal(await balance(user), amount, `${profile}: the genuine credit`);
      return { network, user, pairs, signature };
    };

    it('a genuine postback replayed with a new transaction id credits nothing, for every profile', async () => {
      for (const profile of PROFILE_NAMES) {
        const { network, user, pairs, signature } = await genuine(profile);
        const replay = withValue(pairs, network.fields.transaction, unique('replayed'));
        // A profile that signs the transaction id refuses it by its signature; one that does not
        // hears only from its listed senders, and the attacker is not one of them.
        const answer = await send(profile, request(replay, signature), ATTACKER);
        assert.equal(answer.status, 403, profile);
        assert.equal(await balance(user), '120', profile);
      }
    });

    it('digits moved from one field to the next credit nothing (no separator, or a separator inside a value)', async () => {
      // fyber signs uid + amount + transaction run together: "user1" + "120" is "user11" + "20".
      const fyber = await genuine('fyber', '120', unique('fyber') + 'x1');
      const moved = withValue(withValue(fyber.pairs, 'uid', `${fyber.user}1`), 'amount', '20');
      assert.equal((await send('fyber', request(moved, fyber.signature), ATTACKER)).status, 403);
      assert.equal(await balance(`${fyber.user}1`), '0');
      // lootably signs userID + ip + revenue + reward run together, no transaction id.
      const lootably = await genuine('lootably');
      const shifted = withValue(withValue(lootably.pairs, 'userID', `${lootably.user}2`), 'ip', '03.0.113.4');
      assert.equal((await send('lootably', request(shifted, lootably.signature), ATTACKER)).status, 403);
      assert.equal(await balance(`${lootably.user}2`), '0');
      // torox signs oid-user_id: `4242-a-b` is oid 4242-a and user b as well as oid 4242 and user a-b.
      const torox = await genuine('torox', '120', `${unique('torox')}-b`);
      const split = withValue(withValue(torox.pairs, 'oid', `4242-${torox.user.slice(0, -2)}`), 'user_id', 'b');
      assert.equal((await send('torox', request(split, torox.signature), ATTACKER)).status, 403);
      assert.equal(await balance('b'), '0');
      // tapjoy signs id:snuid:currency with nothing encoded: a value holding ":" is refused.
      const tapjoy = NETWORKS.tapjoy;
      const victim = unique('tapjoy victim');
      const colon = tapjoy.pairs(`${victim}:500`, unique('tx'), '1');
      const answer = await send('tapjoy', request(colon, tapjoy.sign(colon, SECRET)));
      assert.equal(answer.status, 403, 'tapjoy answers 403 to a malformed postback so that it stops retrying');
      assert.equal(await balance(`${victim}:500`), '0');
      assert.equal(await balance(victim), '0');
    });

    it('the generic signature covers percent-encoded values: text moved across a ":" breaks it', async () => {
      const user = `${unique('generic')}:vip`;
      const { pairs, signature } = await genuine('generic', '120', user);
      const tx = pairs.find(([name]) => name === 'transaction_id')![1];
      // Unencoded, `tx:user:vip` could be read as transaction `tx:user` and user `vip`.
      const moved = withValue(withValue(pairs, 'transaction_id', `${tx}:${user.split(':')[0]}`), 'user_id', 'vip');
      assert.equal((await send('generic', request(moved, signature), ATTACKER)).status, 403);
      assert.equal(await balance('vip'), '0');
      assert.equal(await balance(user), '120');
    });

    it('a negative amount is never credited: a reversal where the network documents it, else 400', async () => {
      for (const profile of PROFILE_NAMES) {
        const network = NETWORKS[profile];
        const { user, pairs } = await genuine(profile);
        const tx = pairs.find(([name]) => name === network.fields.transaction)![1];
        // The network itself signs the chargeback: the same transaction, the amount negative.
        const back = withValue(pairs, network.fields.amount, '-120');
        const answer = await send(profile, request(back, network.sign(back, SECRET)));
        if (network.negativeIsReversal) {
          assert.equal(answer.status, 200, `${profile} documents negative amounts as chargebacks`);
          assert.equal(await balance(user), '0', profile);
        } else {
          assert.equal(answer.status, profile === 'tapjoy' ? 403 : 400, `${profile}: ${answer.body}`);
          assert.equal(await balance(user), '120', profile);
        }
        // And a new transaction with a negative amount credits nothing either way (a chargeback
        // that comes first is kept, and takes nothing).
        const first = withValue(withValue(pairs, network.fields.transaction, `${tx}-new`), network.fields.amount, '-500');
        await send(profile, request(first, network.sign(first, SECRET)));
        assert.equal(await balance(user), network.negativeIsReversal ? '0' : '120', profile);
      }
    });

    it('zero and amounts of more than 12 digits are refused, naming the field', async () => {
      const generic = NETWORKS.generic;
      for (const amount of ['0', '0.000', '-0', '1234567890123', '1e3', '12.']) {
        const user = unique('generic');
        const pairs = generic.pairs(user, unique('tx'), amount);
        const answer = await send('generic', request(pairs, generic.sign(pairs, SECRET)));
        assert.equal(answer.status, 400, amount);
        assert.equal((JSON.parse(answer.body) as { error: { field: string } }).error.field, 'amount', amount);
        assert.equal(await balance(user), '0');
      }
    });

    it('a signed reversal naming another user is 409 and takes nothing back from the victim', async () => {
      const { user: victim, pairs } = await genuine('generic');
      const tx = pairs.find(([name]) => name === 'transaction_id')![1];
      const attacker = unique('attacker');
      const reversal = withValue(NETWORKS.generic.pairs(attacker, tx, '120'), 'status', 'reversal');
      const answer = await send('generic', request(reversal, NETWORKS.generic.sign(reversal, SECRET)));
      assert.equal(answer.status, 409);
      assert.equal(await balance(victim), '120');
      // Nor can a credit of the same transaction go to someone else.
      const credit = NETWORKS.generic.pairs(attacker, tx, '120');
      assert.equal((await send('generic', request(credit, NETWORKS.generic.sign(credit, SECRET)))).status, 409);
      assert.equal(await balance(attacker), '0');
      assert.equal(await balance(victim), '120');
    });

    it('a reversal that comes first blocks the credit of its own user only, and nobody else gets it', async () => {
      const owner = unique('owner');
      const other = unique('other');
      const tx = unique('tx');
      const reversal = withValue(NETWORKS.generic.pairs(owner, tx, '120'), 'status', 'reversal');
      assert.equal((await send('generic', request(reversal, NETWORKS.generic.sign(reversal, SECRET)))).status, 200);
      const elsewhere = NETWORKS.generic.pairs(other, tx, '120');
      assert.equal((await send('generic', request(elsewhere, NETWORKS.generic.sign(elsewhere, SECRET)))).status, 409);
      const own = NETWORKS.generic.pairs(owner, tx, '120');
      assert.equal((await send('generic', request(own, NETWORKS.generic.sign(own, SECRET)))).status, 200);
      assert.equal(await balance(owner), '0');
      assert.equal(await balance(other), '0');
    });

    it('reads nothing outside the signed part: a parameter after a signed URL, a body field beside a signed query', async () => {
      // BitLabs: `&TYPE=RECONCILIATION` after the hash would make it a reversal; it is not signed.
      const bitlabs = await genuine('bitlabs');
      const again = withValue(bitlabs.pairs, 'TX', unique('tx'));
      const appended = request(again, NETWORKS.bitlabs.sign(again, SECRET), { after: [['TYPE', 'RECONCILIATION'], ['VAL', '99999']] });
      assert.equal((await send('bitlabs', appended)).status, 200);
      assert.equal(await balance(bitlabs.user), '240');
      // AdGem: an amount and a player appended after `verifier` are not read.
      const adgem = await genuine('adgem');
      const second = withValue(adgem.pairs, 'transaction_id', unique('tx'));
      const extra = request(second, NETWORKS.adgem.sign(second, SECRET), { after: [['player_id', 'thief'], ['amount', '99999']] });
      assert.equal((await send('adgem', extra)).status, 200);
      assert.equal(await balance(adgem.user), '240');
      assert.equal(await balance('thief'), '0');
      // ayeT: `is_chargeback=1` in a POST body beside the signed query is not read.
      const ayet = await genuine('ayet');
      const third = withValue(ayet.pairs, 'transaction_id', unique('tx'));
      const beside = request(third, NETWORKS.ayet.sign(third, SECRET), { body: [['is_chargeback', '1'], ['currency_amount', '99999']] });
      assert.equal((await send('ayet', beside)).status, 200);
      assert.equal(await balance(ayet.user), '240');
    });

    it('a value the database cannot hold is a 400 naming the field, never a 500', async () => {
      const generic = NETWORKS.generic;
      for (const [field, value] of [
        ['user_id', `a\u0000b`],
        ['user_id', 'x'.repeat(129)],
        ['transaction_id', `t\u0000`],
        ['transaction_id', 'x'.repeat(129)],
        ['offer_id', `o\u0000`],
      ] as const) {
        const pairs = withValue(generic.pairs(unique('u'), unique('tx'), '5'), field, value);
        const answer = await send('generic', request(pairs, generic.sign(pairs, SECRET)));
        assert.equal(answer.status, 400, `${field}: ${answer.body}`);
        assert.equal((JSON.parse(answer.body) as { error: { field: string } }).error.field, field);
      }
      // A lone surrogate can only come in JSON.
      const user = unique('u');
      const fields: Record<string, string> = { transaction_id: unique('tx'), user_id: user, amount: '5', offer_id: 'o\ud800', status: 'credit' };
      const body = `{"transaction_id":"${fields['transaction_id']}","user_id":"${user}","amount":"5","offer_id":"o\\ud800","status":"credit"}`;
      const response = await handlerFor('generic')(
        new Request('https://pub.example/postback', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Signature': 'a'.repeat(64) }, body }),
        { clientAddress: NETWORK_ADDRESS },
      );
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: { field: string } }).error.field, 'offer_id');
      assert.equal(await balance(user), '0');
    });

    it('stays exact at 10^12 with 6 decimals, in the ledger, on the wire and in the webhook', async () => {
      const user = unique('whale');
      for (const amount of ['999999999999.999999', '0.000001']) {
        const pairs = NETWORKS.generic.pairs(user, unique('tx'), amount);
        assert.equal((await send('generic', request(pairs, NETWORKS.generic.sign(pairs, SECRET)))).status, 200);
      }
      assert.equal(await balance(user), '1000000000000.000000');
      const token = await createUserToken(user, USER_SECRET);
      const list = await handlerFor('generic')(new Request('https://pub.example/rewards', { headers: { Authorization: `Bearer ${token}` } }));
      const text = await list.text();
      assert.match(text, /"balance":1000000000000\.000000[,}]/);
      assert.match(text, /"amount":999999999999\.999999[,}]/);
      assert.match(text, /"amount":0\.000001[,}]/);
    });
  });
}
