/**
 * The reference backend endpoint against real loopback upstreams (node's own test runner):
 * the allow-list, validation, secrets, upstream failures, caching and coalescing, CORS, and the
 * program's start-up and graceful stop.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createOfferWallHandler, startServer, type ProxyOptions } from '../../src/server/node.js';
import { startMockUpstream, type MockUpstream } from '../../demo/upstream.js';
import { prometheusMetrics } from '../../src/server/adapters/prometheus.js';
import { parseAddressList } from '../../src/server/core/address.js';

const APP_ID = 'app-id-SECRET-1234567';
const TOKEN = 'publisher-token-SECRET-89';
const CLI = fileURLToPath(new URL('../../src/server/cli.js', import.meta.url));

/** A loopback upstream whose behaviour each test sets; it records what it was asked. */
async function upstream(respond: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) {
  const seen: Array<{ url: URL; headers: IncomingMessage['headers'] }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: new URL(req.url ?? '/', 'http://u'), headers: req.headers });
    void respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const S2S_BODY = JSON.stringify({ c: 0, d: { p: 1, tot: 1, n: 20, data: [{ id: 1, name: 'Offer', payout: '1.00' }] } });
const APPCHARGE_BODY = JSON.stringify({ totalCount: 1, offers: [{ publisherOfferId: 'a', name: 'A' }] });

function json(body: string, status = 200) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  };
}

function handlerFor(url: string, extra: Partial<ProxyOptions> = {}, format: 's2s' | 'appcharge' = 's2s') {
  const logs: string[] = [];
  const handler = createOfferWallHandler({
    format,
    upstream: format === 's2s' ? `${url}/s2s` : `${url}/v2/offer`,
    appId: APP_ID,
    publisherToken: TOKEN,
    log: (line) => logs.push(line),
    ...extra,
  });
  const get = (query: string, init: RequestInit & { clientAddress?: string } = {}) =>
    handler(new Request(`https://pub.example/offers${query}`, init), { clientAddress: init.clientAddress ?? '203.0.113.7' });
  return { handler, get, logs };
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; parameter?: string; message: string } }).error;
}

describe('parameters', () => {
  it('passes only the s2s parameters upstream, and the app_id only from the server', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url);
      const response = await get(
        '?os=android&page=2&page_size=50&country=de&thirdparty_id=u-1&gaid=g-1&andid=a-1&app_id=evil&offerType=Bundle&debug=1',
      );
      assert.equal(response.status, 200);
      const params = Object.fromEntries(up.seen[0]!.url.searchParams);
      assert.deepEqual(params, {
        os: 'android',
        page: '2',
        page_size: '50',
        country: 'DE',
        thirdparty_id: 'u-1',
        gaid: 'g-1',
        andid: 'a-1',
        app_id: APP_ID,
      });
    } finally {
      await up.close();
    }
  });

  it('passes only the appcharge parameters, with the token as a header, never in the URL', async () => {
    const up = await upstream(json(APPCHARGE_BODY));
    try {
      const { get } = handlerFor(up.url, {}, 'appcharge');
      const response = await get('?offerType=Bundle&offerSubType=DailyBonus&recordLimit=50&offset=100&publisherOfferIds=x&page=3');
      assert.equal(response.status, 200);
      assert.deepEqual(Object.fromEntries(up.seen[0]!.url.searchParams), {
        offerType: 'Bundle',
        offerSubType: 'DailyBonus',
        recordLimit: '50',
        offset: '100',
      });
      assert.equal(up.seen[0]!.headers['x-publisher-token'], TOKEN);
    } finally {
      await up.close();
    }
  });

  const invalid: Array<['s2s' | 'appcharge', string, string]> = [
    ['s2s', '?os=windows', 'os'],
    ['s2s', '?page=0', 'page'],
    ['s2s', '?page=-1', 'page'],
    ['s2s', '?page=1.5', 'page'],
    ['s2s', '?page_size=0', 'page_size'],
    ['s2s', '?page_size=10001', 'page_size'],
    ['s2s', '?page_size=ten', 'page_size'],
    ['s2s', '?country=USA', 'country'],
    ['s2s', '?country=1a', 'country'],
    ['s2s', '?thirdparty_id=line%0Abreak', 'thirdparty_id'],
    ['s2s', `?thirdparty_id=${'u'.repeat(257)}`, 'thirdparty_id'],
    ['s2s', '?gaid=has%20space', 'gaid'],
    ['s2s', `?gaid=${'x'.repeat(129)}`, 'gaid'],
    ['s2s', '?andid=', 'andid'],
    ['s2s', '?page=1&page=2', 'page'],
    ['appcharge', '?recordLimit=501', 'recordLimit'],
    ['appcharge', '?recordLimit=-1', 'recordLimit'],
    ['appcharge', '?offset=-5', 'offset'],
    ['appcharge', '?offset=abc', 'offset'],
    ['appcharge', '?offerType=Everything', 'offerType'],
    ['appcharge', '?offerSubType=%3Cscript%3E', 'offerSubType'],
  ];
  for (const [format, query, parameter] of invalid) {
    it(`answers 400 naming ${parameter} for ${format} ${query.slice(0, 40)}`, async () => {
      let calls = 0;
      const { get } = handlerFor('http://127.0.0.1:9', { fetch: async () => (calls++, new Response('{}')) }, format);
      const response = await get(query);
      assert.equal(response.status, 400);
      const error = await errorOf(response);
      assert.equal(error.code, 'bad_parameter');
      assert.equal(error.parameter, parameter);
      assert.match(error.message, new RegExp(`^${parameter} `));
      assert.equal(calls, 0);
    });
  }
});

describe('secrets and the client address', () => {
  it('never shows the secret in an answer, a header or a log line, even when the upstream echoes it', async () => {
    for (const format of ['s2s', 'appcharge'] as const) {
      const secret = format === 's2s' ? APP_ID : TOKEN;
      const up = await upstream((req, res) => {
        const url = new URL(req.url ?? '/', 'http://u');
        if (url.searchParams.get('page') === '9') return json('upstream error for ' + secret, 500)(req, res);
        const echoed = format === 's2s' ? { c: 0, d: { data: [], note: `app ${secret}` } } : { offers: [], note: `token ${secret}` };
        json(JSON.stringify(echoed))(req, res);
      });
      try {
        const { get, logs } = handlerFor(up.url, {}, format);
        for (const query of ['', '?page=9', '?os=nope']) {
          const response = await get(query);
          const text = await response.text();
          assert.ok(!text.includes(secret), `${format} ${query} body`);
          for (const [name, value] of response.headers) assert.ok(!value.includes(secret), `${format} header ${name}`);
        }
        assert.ok(logs.length >= 3);
        assert.ok(logs.every((line) => !line.includes(secret)));
      } finally {
        await up.close();
      }
    }
  });

  it('sends the client address upstream in X-Forwarded-For, and not a forwarded header the client made up', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url, { cacheSeconds: 0 });
      await get('', { clientAddress: '198.51.100.23', headers: { 'X-Forwarded-For': '1.2.3.4' } });
      assert.equal(up.seen[0]!.headers['x-forwarded-for'], '198.51.100.23');
    } finally {
      await up.close();
    }
  });

  it('reads the client address from a trusted platform header when told to', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url, { clientAddress: (request) => request.headers.get('cf-connecting-ip') });
      await get('', { headers: { 'CF-Connecting-IP': '192.0.2.44' } });
      assert.equal(up.seen[0]!.headers['x-forwarded-for'], '192.0.2.44');
    } finally {
      await up.close();
    }
  });
});

describe('upstream failures', () => {
  const cases: Array<[string, (req: IncomingMessage, res: ServerResponse) => void, number, string]> = [
    ['an error status', json('{"message":"internal details"}', 500), 502, 'upstream_status'],
    ['a 401', json('{"message":"bad token"}', 401), 502, 'upstream_status'],
    ['HTML', (_req, res) => (res.writeHead(200, { 'Content-Type': 'text/html' }), res.end('<html>oops</html>')), 502, 'upstream_not_json'],
    ['JSON that is not a feed', json('{"hello":"world"}'), 502, 'upstream_not_a_feed'],
    ['an s2s error code', json('{"c":1001,"msg":"invalid app_id","d":null}'), 502, 'upstream_not_a_feed'],
    ['truncated JSON', json('{"c":0,"d":{"data":[{"id":1,'), 502, 'upstream_not_json'],
  ];
  for (const [what, respond, status, code] of cases) {
    it(`answers ${status} ${code} for ${what}, without echoing the upstream's body`, async () => {
      const up = await upstream(respond);
      try {
        const { get } = handlerFor(up.url);
        const response = await get('');
        assert.equal(response.status, status);
        assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const text = await response.text();
        assert.equal(JSON.parse(text).error.code, code);
        assert.ok(!/internal details|oops|hello|invalid app_id/.test(text));
      } finally {
        await up.close();
      }
    });
  }

  it('answers 502 when the upstream cannot be reached', async () => {
    const up = await upstream(json(S2S_BODY));
    await up.close();
    const { get } = handlerFor(up.url);
    const response = await get('');
    assert.equal(response.status, 502);
    assert.equal((await errorOf(response)).code, 'upstream_unreachable');
  });

  it('answers 504 when the upstream is slower than the time limit, and does not cache it', async () => {
    let answered = 0;
    const up = await upstream(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      json(S2S_BODY)(req, res);
      answered++;
    });
    try {
      const { get } = handlerFor(up.url, { timeoutMs: 100 });
      const response = await get('');
      assert.equal(response.status, 504);
      assert.equal((await errorOf(response)).code, 'upstream_timeout');
      // Answered at the time limit, without waiting for the upstream.
      assert.equal(answered, 0);
      await get('');
      assert.equal(up.seen.length, 2);
    } finally {
      await up.close();
    }
  });
});

describe('caching and coalescing', () => {
  it('reuses an answer for the same query and asks again for another', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url);
      const first = await get('?country=US&page=1');
      const again = await get('?page=1&country=us');
      const other = await get('?country=US&page=2');
      assert.equal(first.headers.get('x-offer-wall-cache'), 'miss');
      assert.equal(again.headers.get('x-offer-wall-cache'), 'hit');
      assert.equal(await again.text(), S2S_BODY);
      assert.equal(other.headers.get('x-offer-wall-cache'), 'miss');
      assert.equal(up.seen.length, 2);
      assert.match(first.headers.get('cache-control')!, /^public, max-age=60$/);
    } finally {
      await up.close();
    }
  });

  it('counts each offers request in /metrics by how the cache answered it: miss, hit, coalesced', async () => {
    const up = await upstream(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      json(S2S_BODY)(req, res);
    });
    try {
      const metrics = prometheusMetrics({ allowed: parseAddressList('127.0.0.1') });
      const { get, handler } = handlerFor(up.url, { metrics });
      const scrape = async () => (await handler(new Request('http://h/metrics'), { clientAddress: '127.0.0.1' })).text();
      await Promise.all([get('?country=US'), get('?country=US'), get('?country=US')]);
      for (let i = 0; i < 4; i++) await get('?country=US');
      const first = await scrape();
      assert.match(first, /^offer_wall_cache_total\{result="miss"\} 1$/m);
      assert.match(first, /^offer_wall_cache_total\{result="coalesced"\} 2$/m);
      assert.match(first, /^offer_wall_cache_total\{result="hit"\} 4$/m);
      // Counts go on adding up from one scrape to the next.
      await get('?country=US');
      await get('?country=DE');
      const second = await scrape();
      assert.match(second, /^offer_wall_cache_total\{result="miss"\} 2$/m);
      assert.match(second, /^offer_wall_cache_total\{result="coalesced"\} 2$/m);
      assert.match(second, /^offer_wall_cache_total\{result="hit"\} 5$/m);
      assert.equal(up.seen.length, 2);
    } finally {
      await up.close();
    }
  });

  it('keeps answers that depend on the client address (s2s without country) per address, privately', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url);
      const a = await get('', { clientAddress: '198.51.100.1' });
      await get('', { clientAddress: '198.51.100.2' });
      const a2 = await get('', { clientAddress: '198.51.100.1' });
      assert.equal(up.seen.length, 2);
      assert.equal(a2.headers.get('x-offer-wall-cache'), 'hit');
      assert.match(a.headers.get('cache-control')!, /^private/);
    } finally {
      await up.close();
    }
  });

  it('expires answers after OFFER_WALL_CACHE_S, and caches nothing with 0', async () => {
    const up = await upstream(json(APPCHARGE_BODY));
    try {
      let now = 1_000_000;
      const short = handlerFor(up.url, { cacheSeconds: 1, now: () => now }, 'appcharge');
      await short.get('');
      now += 999;
      await short.get('');
      assert.equal(up.seen.length, 1);
      now += 1;
      await short.get('');
      assert.equal(up.seen.length, 2);

      const none = handlerFor(up.url, { cacheSeconds: 0 }, 'appcharge');
      await none.get('');
      await none.get('');
      assert.equal(up.seen.length, 4);
    } finally {
      await up.close();
    }
  });

  it('shares one upstream call among concurrent identical queries', async () => {
    const up = await upstream(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      json(APPCHARGE_BODY)(req, res);
    });
    try {
      const { get } = handlerFor(up.url, { cacheSeconds: 0 }, 'appcharge');
      const answers = await Promise.all(Array.from({ length: 20 }, () => get('?recordLimit=10')));
      assert.equal(up.seen.length, 1);
      assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([200]));
      assert.equal(answers.filter((r) => r.headers.get('x-offer-wall-cache') === 'coalesced').length, 19);
    } finally {
      await up.close();
    }
  });
});

describe('CORS and routes', () => {
  it('grants CORS to an allowed origin, for the request and its preflight', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url, { allowedOrigins: ['https://app.example', 'http://localhost:5173'] });
      const response = await get('', { headers: { Origin: 'https://app.example' } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
      assert.match(response.headers.get('vary')!, /Origin/);
      const preflight = await get('', { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' } });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.match(preflight.headers.get('access-control-allow-methods')!, /GET/);
    } finally {
      await up.close();
    }
  });

  it('refuses other origins without asking the upstream, and allows same-origin and server calls', async () => {
    const up = await upstream(json(S2S_BODY));
    try {
      const { get } = handlerFor(up.url, { allowedOrigins: ['https://app.example'] });
      const refused = await get('', { headers: { Origin: 'https://evil.example' } });
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
      assert.equal(up.seen.length, 0);
      assert.equal((await get('', { headers: { Origin: 'https://pub.example' } })).status, 200);
      assert.equal((await get('?page=2')).status, 200);
    } finally {
      await up.close();
    }
  });

  it('answers /healthz, 404 elsewhere and 405 for other methods', async () => {
    const { handler } = handlerFor('http://127.0.0.1:9');
    assert.equal((await handler(new Request('https://pub.example/healthz'))).status, 200);
    assert.equal((await handler(new Request('https://pub.example/admin'))).status, 404);
    assert.equal((await handler(new Request('https://pub.example/offers', { method: 'POST', body: '{}' }))).status, 405);
  });

  it('refuses bad options when the handler is created', () => {
    assert.throws(() => createOfferWallHandler({ format: 's2s', upstream: 'https://u.example' }), /appId/);
    assert.throws(() => createOfferWallHandler({ format: 'appcharge', upstream: 'https://u.example' }), /publisherToken/);
    assert.throws(() => createOfferWallHandler({ format: 's2s', upstream: 'ftp://u.example', appId: 'x' }), /http/);
  });
});

describe('on Node', () => {
  let mock: MockUpstream;
  before(async () => (mock = await startMockUpstream({ appId: APP_ID, publisherToken: TOKEN })));
  after(() => mock.close());

  it('serves seed-shaped offers through startServer, with the socket address as X-Forwarded-For', async () => {
    const running = await startServer({ format: 's2s', upstream: `${mock.url}/s2s`, appId: APP_ID }, 0);
    try {
      const response = await fetch(`${running.url}/offers?page_size=3&country=US`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { c: number; d: { data: unknown[]; tot: number } };
      assert.equal(body.c, 0);
      assert.equal(body.d.data.length, 3);
      assert.equal(mock.requests.at(-1)!.headers['x-forwarded-for'], '127.0.0.1');
    } finally {
      await running.close();
    }
  });
});

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the offer-wall-proxy program', () => {
  const startupErrors: Array<[string, Record<string, string>, RegExp]> = [
    ['no format', {}, /OFFER_WALL_FORMAT is required/],
    ['a bad format', { OFFER_WALL_FORMAT: 'xml' }, /OFFER_WALL_FORMAT="xml" must be s2s or appcharge/],
    ['no upstream', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x' }, /OFFER_WALL_UPSTREAM is required/],
    ['a relative upstream', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: '/api' }, /OFFER_WALL_UPSTREAM="\/api"/],
    ['no app id for s2s', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: 'https://u.example' }, /OFFER_WALL_APP_ID is required/],
    ['no token for appcharge', { OFFER_WALL_FORMAT: 'appcharge', OFFER_WALL_UPSTREAM: 'https://u.example' }, /OFFER_WALL_PUBLISHER_TOKEN is required/],
    ['a bad origin', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: 'https://u.example', OFFER_WALL_ALLOWED_ORIGINS: 'app.example' }, /OFFER_WALL_ALLOWED_ORIGINS has "app.example"/],
    ['a bad cache time', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: 'https://u.example', OFFER_WALL_CACHE_S: '-1' }, /OFFER_WALL_CACHE_S="-1"/],
    ['a bad time limit', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: 'https://u.example', OFFER_WALL_TIMEOUT_MS: '0' }, /OFFER_WALL_TIMEOUT_MS="0"/],
    ['a bad port', { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: 'https://u.example', PORT: '70000' }, /PORT="70000"/],
  ];
  for (const [what, env, message] of startupErrors) {
    it(`refuses to start with ${what}, naming the variable`, async () => {
      const cli = runCli(env);
      assert.equal(await cli.exited, 2);
      assert.match(cli.output(), message);
    });
  }

  it('never prints the secret, even when refusing to start', async () => {
    const cli = runCli({ OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: APP_ID, OFFER_WALL_UPSTREAM: 'nope' });
    assert.equal(await cli.exited, 2);
    assert.ok(!cli.output().includes(APP_ID));
  });

  it('finishes the requests in flight on SIGTERM, then exits 0', async () => {
    const slow = await upstream(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      json(S2S_BODY)(req, res);
    });
    const cli = runCli({
      OFFER_WALL_FORMAT: 's2s',
      OFFER_WALL_APP_ID: APP_ID,
      OFFER_WALL_UPSTREAM: `${slow.url}/s2s`,
      PORT: '0',
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${cli.output()}`)), 5000);
        cli.child.stdout.on('data', () => {
          const found = /listening on (http:\/\/[^/\s]+)/.exec(cli.output());
          if (found) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        });
      });
      const inFlight = fetch(`${url}/offers?page=1`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      cli.child.kill('SIGTERM');
      const response = await inFlight;
      assert.equal(response.status, 200);
      assert.equal(await cli.exited, 0);
      assert.match(cli.output(), /SIGTERM/);
      assert.ok(!cli.output().includes(APP_ID));
    } finally {
      cli.child.kill('SIGKILL');
      await slow.close();
    }
  });
});
