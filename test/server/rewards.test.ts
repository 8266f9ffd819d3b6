/**
 * The rewards' endpoints (CONTRACT.md section 9) through the real handler and a real embedded
 * database: every network's postback, built here with that network's documented formula (with
 * Node's own crypto, not the receiver's code), is accepted and credited; one with a wrong
 * signature or from a sender not allowed is refused and stores nothing; the generic profile's
 * replies; the user token; clicks and the rewards list; CORS.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createOfferWallHandler, createUserToken, Ledger, PROFILES, type ProfileName, type RewardsOptions } from '../../src/server/index.js';
import { weakness } from '../../src/server/rewards/postbacks/profile.js';
import { freshEmbedded, type TestDatabase } from './databases.js';

const SECRET = 'network-secret-0123456789';
const USER_SECRET = 'user-token-secret-0123456789';
const ORIGIN = 'https://app.example';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');
const hmac = (algorithm: string, text: string, key = SECRET) => createHmac(algorithm, key).update(text).digest('hex');

/** PHP's http_build_query over sorted keys, as ayeT-Studios signs. */
const phpQuery = (params: Record<string, string>) =>
  Object.keys(params)
    .sort()
    .map((key) => `${key}=${encodeURIComponent(params[key]!).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+')}`)
    .join('&');

let database: TestDatabase;
let ledger: Ledger;
before(async () => {
  database = await freshEmbedded();
  ledger = new Ledger(await database.open());
});
after(async () => {
  await database.drop();
});

const SENDER = '198.51.100.7';

function handlerFor(profile: ProfileName, extra: Partial<RewardsOptions> = {}, now?: () => number) {
  // A network whose signature cannot prove a postback by itself is heard only from its senders.
  const senders = weakness(PROFILES[profile]) ? { postbackIps: SENDER } : {};
  return createOfferWallHandler({
    format: 's2s',
    upstream: 'https://upstream.example/s2s',
    appId: 'app',
    allowedOrigins: [ORIGIN],
    ...(now ? { now } : {}),
    rewards: { profile, postbackSecret: SECRET, userSecret: USER_SECRET, ledger, ...senders, ...extra },
  });
}
const call = (handler: ReturnType<typeof handlerFor>, url: string, init: RequestInit = {}, address = SENDER) => handler(new Request(url, init), { clientAddress: address });

async function balanceOf(user: string): Promise<string> {
  return (await ledger.rewards(user, null)).balance;
}

let sequence = 0;
const unique = (what: string) => `${what}-${++sequence}`;

/** Each network's postback for a credit of 120 to `user`, signed as its documentation says. */
const NETWORKS: Record<Exclude<ProfileName, 'adgate'>, (user: string, tx: string, secret: string) => { url: string; headers?: Record<string, string> }> = {
  generic: (user, tx, secret) => {
    const signature = hmac('sha256', [tx, user, 'offer-9', '120', 'credit'].map(encodeURIComponent).join(':'), secret);
    return { url: `https://pub.example/postback?transaction_id=${tx}&user_id=${encodeURIComponent(user)}&offer_id=offer-9&amount=120&status=credit&signature=${signature}` };
  },
  ayet: (user, tx, secret) => {
    const params = { external_identifier: user, currency_amount: '120', payout_usd: '0.12', transaction_id: tx, offer_id: '77', network: 'ayetstudios' };
    const query = phpQuery(params);
    return { url: `https://pub.example/postback?${query}`, headers: { 'X-Ayetstudios-Security-Hash': hmac('sha256', query, secret) } };
  },
  adgem: (user, tx, secret) => {
    const url = `https://pub.example/postback?amount=120&campaign_id=5&player_id=${encodeURIComponent(user)}&request_id=9f0c&transaction_id=${tx}`;
    return { url: `${url}&verifier=${hmac('sha256', url, secret)}` };
  },
  lootably: (user, tx, secret) => {
    const hash = hex('sha256', `${user}203.0.113.40.55120${secret}`);
    return { url: `https://pub.example/postback?userID=${encodeURIComponent(user)}&transactionID=${tx}&ip=203.0.113.4&offerID=3&revenue=0.55&currencyReward=120&hash=${hash}` };
  },
  tapjoy: (user, tx, secret) => ({
    url: `https://pub.example/postback?snuid=${encodeURIComponent(user)}&currency=120&id=${tx}&mac_address=&verifier=${hex('md5', `${tx}:${user}:120:${secret}`)}`,
  }),
  fyber: (user, tx, secret) => ({
    url: `https://pub.example/postback?uid=${encodeURIComponent(user)}&amount=120&currency_name=Coins&_trans_id_=${tx}&pub0=campaign-a&sid=${hex('sha1', `${secret}${user}120${tx}campaign-a`)}`,
  }),
  bitlabs: (user, tx, secret) => {
    const url = `https://pub.example/postback?UID=${encodeURIComponent(user)}&TX=${tx}&VAL=120&RAW=0.12&TYPE=COMPLETE`;
    return { url: `${url}&hash=${hmac('sha1', url, secret)}` };
  },
  torox: (user, tx, secret) => ({
    url: `https://pub.example/postback?id=${tx}&oid=4242&amount=120&currency_name=Coins&user_id=${encodeURIComponent(user)}&sig=${hex('md5', `4242-${user}-${secret}`)}`,
  }),
  kiwiwall: (user, tx, secret) => ({
    url: `https://pub.example/postback?status=1&trans_id=${tx}&sub_id=${encodeURIComponent(user)}&amount=120&gross=0.12&offer_id=8&signature=${hex('md5', `${user}:120:${secret}`)}`,
  }),
};

describe('postbacks of every network', () => {
  for (const [name, build] of Object.entries(NETWORKS) as Array<[keyof typeof NETWORKS, (typeof NETWORKS)[keyof typeof NETWORKS]]>) {
    it(`${name}: accepts and credits one signed as the network documents, refuses a wrong signature and stores nothing`, async () => {
      const handler = handlerFor(name);
      const user = unique(`${name} user é`);
      const good = build(user, unique('tx'), SECRET);
      const accepted = await call(handler, good.url, { headers: good.headers ?? {} });
      assert.equal(accepted.status, 200, await accepted.clone().text());
      assert.equal(await balanceOf(user), '120');
      // A repeat is acknowledged the same way and credits nothing more.
      assert.equal((await call(handler, good.url, { headers: good.headers ?? {} })).status, 200);
      assert.equal(await balanceOf(user), '120');

      const forger = unique(`${name} forger`);
      const forged = build(forger, unique('tx'), 'not-the-secret');
      const refused = await call(handler, forged.url, { headers: forged.headers ?? {} });
      assert.equal(refused.status, 403);
      assert.equal(await balanceOf(forger), '0');
      assert.deepEqual((await ledger.rewards(forger, null)).entries, []);
    });
  }

  it('adgate (which does not sign): accepts a listed sender, refuses any other and stores nothing', async () => {
    const handler = handlerFor('adgate', { postbackIps: '52.42.57.125, 10.0.0.0/8' });
    const user = unique('adgate user');
    const url = (tx: string, state = 'approved') => `https://pub.example/postback?s1=${encodeURIComponent(user)}&points=120&payout=0.12&conversion_id=${tx}&state=${state}`;
    assert.equal((await call(handler, url(unique('tx')), {}, '52.42.57.125')).status, 200);
    assert.equal((await call(handler, url(unique('tx')), {}, '10.1.2.3')).status, 200);
    assert.equal(await balanceOf(user), '240');
    assert.equal((await call(handler, url(unique('tx')), {}, '203.0.113.9')).status, 403);
    assert.equal(await balanceOf(user), '240');
    // A conversion still pending review is acknowledged and credits nothing until approved.
    const pending = unique('tx');
    assert.equal((await call(handler, url(pending, 'pending'), {}, '52.42.57.125')).status, 200);
    assert.equal(await balanceOf(user), '240');
    assert.equal((await call(handler, url(pending, 'approved'), {}, '52.42.57.125')).status, 200);
    assert.equal(await balanceOf(user), '360');
    assert.equal((await call(handler, url(pending, 'rejected'), {}, '52.42.57.125')).status, 200);
    assert.equal(await balanceOf(user), '240');
  });

  it('refuses, for every profile, a postback from a sender outside OFFER_WALL_POSTBACK_IPS, storing nothing', async () => {
    for (const [name, build] of Object.entries(NETWORKS) as Array<[keyof typeof NETWORKS, (typeof NETWORKS)[keyof typeof NETWORKS]]>) {
      const handler = handlerFor(name, { postbackIps: '192.0.2.0/24' });
      const user = unique(`${name} elsewhere`);
      const good = build(user, unique('tx'), SECRET);
      assert.equal((await call(handler, good.url, { headers: good.headers ?? {} }, '203.0.113.1')).status, 403, name);
      assert.equal((await call(handler, good.url, { headers: good.headers ?? {} }, '192.0.2.44')).status, 200, name);
      assert.equal(await balanceOf(user), '120', name);
    }
  });

  it('recognises each network’s reversal and takes back the credit', async () => {
    const user = unique('reversed user');
    // ayeT: the original id with `r-` in front, is_chargeback=1, a negative amount.
    const ayet = handlerFor('ayet');
    const tx = unique('tx');
    const credit = NETWORKS.ayet(user, tx, SECRET);
    await call(ayet, credit.url, { headers: credit.headers! });
    const params = { external_identifier: user, currency_amount: '-120', transaction_id: `r-${tx}`, is_chargeback: '1' };
    const query = phpQuery(params);
    assert.equal((await call(ayet, `https://pub.example/postback?${query}`, { headers: { 'X-Ayetstudios-Security-Hash': hmac('sha256', query) } })).status, 200);
    assert.equal(await balanceOf(user), '0');
    // Kiwiwall: status 2, the amount negative (and signed so).
    const kiwi = handlerFor('kiwiwall');
    const kiwiTx = unique('tx');
    await call(kiwi, NETWORKS.kiwiwall(user, kiwiTx, SECRET).url);
    assert.equal(await balanceOf(user), '120');
    const back = `https://pub.example/postback?status=2&trans_id=${kiwiTx}&sub_id=${encodeURIComponent(user)}&amount=-120&signature=${hex('md5', `${user}:-120:${SECRET}`)}`;
    const reply = await call(kiwi, back);
    assert.deepEqual([reply.status, await reply.text()], [200, '1']);
    assert.equal(await balanceOf(user), '0');
  });
});

describe('the generic profile’s replies', () => {
  const generic = () => handlerFor('generic');
  const signed = (fields: Record<string, string>) => {
    const get = (name: string) => fields[name] ?? '';
    return hmac('sha256', ['transaction_id', 'user_id', 'offer_id', 'amount', 'status'].map((name) => encodeURIComponent(get(name))).join(':'));
  };

  it('answers 200 OK once stored, reads a form or JSON body and the X-Signature header, and OK again for a repeat', async () => {
    const user = unique('generic');
    const fields = { transaction_id: unique('tx'), user_id: user, amount: '15.5', offer_id: 'o' };
    const form = await call(generic(), 'https://pub.example/postback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Signature': signed(fields) },
      body: new URLSearchParams(fields),
    });
    assert.deepEqual([form.status, await form.text()], [200, 'OK']);
    const json = await call(generic(), 'https://pub.example/postback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...fields, signature: signed(fields) }),
    });
    assert.deepEqual([json.status, await json.text()], [200, 'OK']);
    assert.equal(await balanceOf(user), '15.5');
  });

  for (const [field, fields] of [
    ['transaction_id', { user_id: 'u', amount: '1' }],
    ['user_id', { transaction_id: 't', amount: '1' }],
    ['amount', { transaction_id: 't', user_id: 'u', amount: 'ten' }],
    ['status', { transaction_id: 't', user_id: 'u', amount: '1', status: 'refund' }],
  ] as Array<[string, Record<string, string>]>) {
    it(`answers 400 naming ${field} when it is missing or malformed, storing nothing`, async () => {
      const query = new URLSearchParams({ ...fields, signature: signed(fields) });
      const response = await call(generic(), `https://pub.example/postback?${query}`);
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { field: string } };
      assert.equal(body.error.field, field);
      if (fields['user_id']) assert.equal(await balanceOf(fields['user_id']), '0');
    });
  }

  it('answers 403 to an unsigned postback and 500 when it cannot be stored, so the network retries', async () => {
    const user = unique('generic');
    assert.equal((await call(generic(), `https://pub.example/postback?transaction_id=t&user_id=${user}&amount=1`)).status, 403);
    const broken = await freshEmbedded();
    const closed = new Ledger(await broken.open());
    await closed.close();
    try {
      const handler = createOfferWallHandler({
        format: 's2s',
        upstream: 'https://upstream.example/s2s',
        appId: 'app',
        rewards: { profile: 'generic', postbackSecret: SECRET, userSecret: USER_SECRET, ledger: closed },
      });
      const fields = { transaction_id: unique('tx'), user_id: user, amount: '1' };
      const response = await call(handler, `https://pub.example/postback?${new URLSearchParams({ ...fields, signature: signed(fields) })}`);
      assert.equal(response.status, 500);
    } finally {
      await broken.drop();
    }
  });
});

describe('/rewards with a user token', () => {
  it('records a click (204) and lists it pending, with the balance, to its user only', async () => {
    const handler = handlerFor('generic');
    const user = unique('player');
    const token = await createUserToken(user, USER_SECRET);
    const click = await call(handler, 'https://pub.example/rewards', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ offer_id: 'dragon', click_id: 'c-1', name: 'Dragon Realms', icon: 'https://cdn.example/d.png', reward: 3600 }),
    });
    assert.equal(click.status, 204);
    assert.equal(click.headers.get('access-control-allow-origin'), ORIGIN);
    const list = await call(handler, 'https://pub.example/rewards', { headers: { Authorization: `Bearer ${token}`, Origin: ORIGIN } });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('cache-control'), 'no-store');
    const page = (await list.json()) as { balance: number; entries: Array<Record<string, unknown>>; next: string | null };
    assert.equal(page.balance, 0);
    assert.equal(page.next, null);
    assert.deepEqual(
      page.entries.map(({ status, offer_id, name, icon, amount, click_id }) => ({ status, offer_id, name, icon, amount, click_id })),
      [{ status: 'pending', offer_id: 'dragon', name: 'Dragon Realms', icon: 'https://cdn.example/d.png', amount: 3600, click_id: 'c-1' }],
    );
    const stranger = await createUserToken(unique('stranger'), USER_SECRET);
    const theirs = (await (await call(handler, 'https://pub.example/rewards', { headers: { Authorization: `Bearer ${stranger}` } })).json()) as { entries: unknown[] };
    assert.deepEqual(theirs.entries, []);
  });

  it('answers 401 to a missing, expired or forged token', async () => {
    let now = Date.now();
    const handler = handlerFor('generic', {}, () => now);
    const user = unique('player');
    const expired = await createUserToken(user, USER_SECRET, { expiresIn: 60, now: () => now });
    const forged = await createUserToken(user, 'another-secret-0123456789');
    const tampered = (await createUserToken(user, USER_SECRET)).replace(/^[^.]+/, Buffer.from('someone-else').toString('base64url'));
    now += 61_000;
    for (const [what, authorization] of [
      ['missing', null],
      ['expired', `Bearer ${expired}`],
      ['forged', `Bearer ${forged}`],
      ['for another user', `Bearer ${tampered}`],
      ['malformed', 'Bearer x.y'],
    ] as const) {
      const response = await call(handler, 'https://pub.example/rewards', { headers: authorization ? { Authorization: authorization } : {} });
      assert.equal(response.status, 401, what);
    }
  });

  it('answers 400 naming the field of a malformed click, and records nothing', async () => {
    const handler = handlerFor('generic');
    const user = unique('player');
    const token = await createUserToken(user, USER_SECRET);
    for (const [field, body] of [
      ['offer_id', { name: 'x' }],
      ['icon', { offer_id: 'o', icon: 'javascript:alert(1)' }],
      ['reward', { offer_id: 'o', reward: -5 }],
      ['body', [1, 2]],
    ] as const) {
      const response = await call(handler, 'https://pub.example/rewards', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      assert.equal(response.status, 400, field);
      assert.equal(((await response.json()) as { error: { field: string } }).error.field, field);
    }
    assert.deepEqual((await ledger.rewards(user, null)).entries, []);
  });

  it('lets the allowed origins ask with a token (preflight), and no other origin', async () => {
    const handler = handlerFor('generic');
    const preflight = await call(handler, 'https://pub.example/rewards', {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
    const other = await call(handler, 'https://pub.example/rewards', { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.status, 403);
  });
});
