/**
 * Around the money: whose address a postback comes from (trusted proxies only), what the program
 * refuses to start with, readiness while the database is down, a failure to store that is logged
 * and retried, commits flushed to disk before the acknowledgement, and user tokens (lifetime,
 * length, two keys during a rotation). Real sockets and real databases.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  ConfigError,
  configFromEnv,
  createOfferWallHandler,
  createUserToken,
  Ledger,
  parseTrustProxy,
  startServer,
  verifyUserToken,
  type RewardsOptions,
} from '../../src/server/node.js';
import { ADMIN_URL, freshEmbedded, freshPostgres, type TestDatabase } from './databases.js';
import { NETWORKS, request, SECRET } from './networks.js';

const USER_SECRET = 'user-token-secret-0123456789';
const OLD_USER_SECRET = 'old-user-token-secret-987654';
let sequence = 0;
const unique = (what: string) => `${what}-${process.pid}-${++sequence}`;
const BASE_ENV = { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: 'https://up.example/s2s', OFFER_WALL_APP_ID: 'app' };

describe('trusted proxies, with postbacks on', () => {
  let database: TestDatabase;
  let ledger: Ledger;
  before(async () => {
    database = await freshEmbedded();
    ledger = new Ledger(await database.open());
  });
  after(async () => {
    await database.drop();
  });
  const rewards = (): RewardsOptions => ({ profile: 'adgate', postbackIps: '192.0.2.1', userSecret: USER_SECRET, ledger });

  it('refuses a bare hop count at start, naming OFFER_WALL_TRUST_PROXY', () => {
    const env = { ...BASE_ENV, OFFER_WALL_POSTBACK_PROFILE: 'adgate', OFFER_WALL_POSTBACK_IPS: '192.0.2.1', OFFER_WALL_USER_SECRET: USER_SECRET, OFFER_WALL_TRUST_PROXY: '1' };
    assert.throws(() => configFromEnv(env), (error: ConfigError) => error.problems.some((problem) => /^OFFER_WALL_TRUST_PROXY="1" must list the proxies/.test(problem)));
    // Without postbacks a hop count still serves the offers.
    assert.equal(configFromEnv({ ...BASE_ENV, OFFER_WALL_TRUST_PROXY: '1' }).options.trustProxy, 1);
    assert.throws(() => createOfferWallHandler({ format: 's2s', upstream: 'https://up.example/s2s', appId: 'app', trustProxy: 1, rewards: rewards() }), /trustProxy must list the proxies/);
  });

  it('reads X-Forwarded-For only from a listed proxy: a sender cannot claim a network’s address', async () => {
    const user = unique('adgate');
    const pairs = NETWORKS.adgate.pairs(user, unique('tx'), '10');
    const { url } = request(pairs, null);
    const path = url.slice(url.indexOf('/postback'));
    // The test's own connections come from 127.0.0.1: first as an untrusted peer, then as the proxy.
    for (const [trust, status, credited] of [
      ['10.0.0.0/8', 403, '0'],
      ['127.0.0.1', 200, '10'],
    ] as const) {
      const running = await startServer({ format: 's2s', upstream: 'https://up.example/s2s', appId: 'app', trustProxy: parseTrustProxy(trust), rewards: rewards() }, 0);
      try {
        const response = await fetch(`${running.url}${path}`, { headers: { 'X-Forwarded-For': '192.0.2.1' } });
        assert.equal(response.status, status, trust);
        assert.equal((await ledger.rewards(user, null)).balance, credited, trust);
      } finally {
        await running.close();
      }
    }
  });
});

describe('what the program refuses to start with', () => {
  const env = (profile: string, extra: Record<string, string> = {}) => ({
    ...BASE_ENV,
    OFFER_WALL_POSTBACK_PROFILE: profile,
    OFFER_WALL_POSTBACK_SECRET: SECRET,
    OFFER_WALL_USER_SECRET: USER_SECRET,
    ...extra,
  });

  it('a profile whose signature cannot prove a postback, without OFFER_WALL_POSTBACK_IPS, naming why', () => {
    for (const [profile, why] of [
      ['kiwiwall', /leaves out the transaction id/],
      ['torox', /leaves out the amount and the transaction id/],
      ['lootably', /leaves out the transaction id/],
      ['fyber', /joins the values with nothing between them/],
      ['adgate', /does not sign/],
    ] as const) {
      assert.throws(
        () => configFromEnv(env(profile)),
        (error: ConfigError) =>
          error.problems.some((problem) => problem.startsWith(`OFFER_WALL_POSTBACK_IPS_${profile.toUpperCase()} (or OFFER_WALL_POSTBACK_IPS) is required`) && why.test(problem)),
        profile,
      );
      assert.equal(configFromEnv(env(profile, { OFFER_WALL_POSTBACK_IPS: '192.0.2.0/24' })).rewards?.networks[0]?.profile, profile);
    }
    for (const profile of ['generic', 'ayet', 'adgem', 'bitlabs', 'tapjoy']) assert.equal(configFromEnv(env(profile)).rewards?.networks[0]?.profile, profile);
  });

  it('a user secret that is neither one key nor two of at least 16 characters', () => {
    assert.equal(configFromEnv(env('generic', { OFFER_WALL_USER_SECRET: `${USER_SECRET},${OLD_USER_SECRET}` })).rewards?.userSecret, `${USER_SECRET},${OLD_USER_SECRET}`);
    for (const secret of [`${USER_SECRET},short`, `${USER_SECRET},${OLD_USER_SECRET},${USER_SECRET}`]) {
      assert.throws(() => configFromEnv(env('generic', { OFFER_WALL_USER_SECRET: secret })), (error: ConfigError) => error.problems.some((p) => p.startsWith('OFFER_WALL_USER_SECRET must be')));
    }
  });
});

describe('readiness and failures to store', () => {
  it('answers /healthz 503 while PostgreSQL refuses connections, postbacks 500 (never 200) with the cause logged, and recovers', async () => {
    const database = await freshPostgres();
    const ledger = new Ledger(await database.open());
    const logged: string[] = [];
    let now = 1_000_000;
    const handler = createOfferWallHandler({
      format: 's2s',
      upstream: 'https://up.example/s2s',
      appId: 'app',
      now: () => now,
      rewards: { profile: 'generic', postbackSecret: SECRET, userSecret: USER_SECRET, ledger, logError: (message) => logged.push(message) },
    });
    const name = new URL(database.env['OFFER_WALL_DATABASE_URL']!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const pairs = NETWORKS.generic.pairs(unique('u'), unique('tx'), '5');
    const postback = () => handler(new Request(request(pairs, NETWORKS.generic.sign(pairs, SECRET)).url), { clientAddress: '192.0.2.9' });
    try {
      assert.equal((await handler(new Request('http://h/healthz'))).status, 200);
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      now += 1500;
      const down = await handler(new Request('http://h/healthz'));
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('cache-control'), 'no-store');
      const refused = await postback();
      assert.equal(refused.status, 500);
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /postback generic tx-\S+ not stored: \w+/);
      assert.ok(!logged[0]!.includes(SECRET));
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      now += 1500;
      assert.equal((await handler(new Request('http://h/healthz'))).status, 200);
      assert.equal((await postback()).status, 200);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.end();
      await database.drop();
    }
  });
});

describe('the embedded database', () => {
  it('flushes a postback to disk (fsync) before it is acknowledged', async () => {
    const database = await freshEmbedded();
    const ledger = new Ledger(await database.open());
    const handler = createOfferWallHandler({ format: 's2s', upstream: 'https://up.example/s2s', appId: 'app', rewards: { profile: 'generic', postbackSecret: SECRET, userSecret: USER_SECRET, ledger } });
    const real = fs.fsyncSync;
    let flushes = 0;
    fs.fsyncSync = (fd) => {
      flushes++;
      real(fd);
    };
    try {
      const pairs = NETWORKS.generic.pairs(unique('u'), unique('tx'), '5');
      const response = await handler(new Request(request(pairs, NETWORKS.generic.sign(pairs, SECRET)).url), { clientAddress: '192.0.2.9' });
      assert.equal(response.status, 200);
      assert.ok(flushes >= 1, `${flushes} fsync before the acknowledgement`);
      const [setting] = await ledger.db.query<{ fsync: string }>('SHOW fsync');
      assert.equal(setting!.fsync, 'on');
    } finally {
      fs.fsyncSync = real;
      await database.drop();
    }
  });
});

describe('user tokens', () => {
  const now = Date.UTC(2026, 11, 7);

  it('refuses one that expires more than 30 days ahead, or names a user id over 128 characters', async () => {
    assert.ok(await verifyUserToken(await createUserToken('u', USER_SECRET, { now: () => now, expiresIn: 30 * 86_400 }), USER_SECRET, now));
    await assert.rejects(createUserToken('u', USER_SECRET, { now: () => now, expiresIn: 30 * 86_400 + 1 }), /at most 30 days/);
    await assert.rejects(createUserToken('x'.repeat(129), USER_SECRET), /longer than 128/);
    // Made elsewhere with the right key, still refused.
    const { createHmac } = await import('node:crypto');
    const forge = (user: string, expires: number) => {
      const signed = `${Buffer.from(user).toString('base64url')}.${expires}`;
      return `${signed}.${createHmac('sha256', USER_SECRET).update(signed).digest('base64url')}`;
    };
    assert.equal(await verifyUserToken(forge('u', now / 1000 + 30 * 86_400 + 60), USER_SECRET, now), null);
    assert.equal(await verifyUserToken(forge('x'.repeat(129), now / 1000 + 60), USER_SECRET, now), null);
    assert.equal(await verifyUserToken(forge('u', now / 1000 + 60), USER_SECRET, now), 'u');
  });

  it('during a rotation makes tokens with the new key and accepts either', async () => {
    const rotating = `${USER_SECRET},${OLD_USER_SECRET}`;
    const old = await createUserToken('u', OLD_USER_SECRET);
    const made = await createUserToken('u', rotating);
    assert.equal(await verifyUserToken(old, rotating), 'u');
    assert.equal(await verifyUserToken(made, USER_SECRET), 'u', 'made with the first key');
    assert.equal(await verifyUserToken(made, OLD_USER_SECRET), null);
    assert.equal(await verifyUserToken(await createUserToken('u', 'a-third-key-0123456789'), rotating), null);
  });
});
