/**
 * What the proxy validates with zod (its query parameters and the program's environment), and
 * how it decides that an upstream answer is a feed: with the wall's own dialect code (`open`).
 * Also that the server build reaches nothing of the browser side but src/data.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError, configFromEnv, createOfferWallHandler } from '../../src/server/index.js';
import { PARAMETERS } from '../../src/server/offers/params.js';

const APP_ID = 'app-id-SECRET-1234567';
const TOKEN = 'publisher-token-SECRET-89';
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const CLI = join(SRC, 'server/cli.js');

/** A handler whose upstream always answers `body` with 200; `calls` counts upstream calls. */
function proxyAnswering(body: string) {
  const state = { calls: 0 };
  const handler = createOfferWallHandler({
    format: 's2s',
    upstream: 'https://upstream.example/s2s',
    appId: APP_ID,
    cacheSeconds: 0,
    fetch: async () => (state.calls++, new Response(body, { headers: { 'Content-Type': 'application/json' } })),
  });
  const get = (query = '') => handler(new Request(`https://pub.example/offers${query}`), { clientAddress: '203.0.113.7' });
  return { get, state };
}

describe('query parameters, validated by a zod schema per dialect', () => {
  it('answers 400 with the parameter the zod issue points at, and names it in the message', async () => {
    for (const [query, input] of [
      ['?page=1&page_size=0', { page: '1', page_size: '0' }],
      ['?os=android&country=FRA', { os: 'android', country: 'FRA' }],
    ] as const) {
      const issue = PARAMETERS.s2s.safeParse(input).error!.issues[0]!;
      const { get, state } = proxyAnswering('{}');
      const response = await get(query);
      assert.equal(response.status, 400);
      const { error } = (await response.json()) as { error: { code: string; parameter: string; message: string } };
      assert.equal(error.code, 'bad_parameter');
      assert.equal(error.parameter, issue.path[0]);
      assert.equal(error.message, `${String(issue.path[0])} ${issue.message}`);
      assert.equal(state.calls, 0);
    }
  });

  it('says which parameter was sent twice', async () => {
    const { get } = proxyAnswering('{}');
    const response = await get('?country=US&country=DE');
    assert.equal(response.status, 400);
    const { error } = (await response.json()) as { error: { parameter: string; message: string } };
    assert.deepEqual(error, { code: 'bad_parameter', parameter: 'country', message: 'country is given more than once' });
  });
});

describe('the upstream answer, judged by the dialect the wall reads it with', () => {
  const offers = [{ id: 1, name: 'Offer', payout: '1.00' }];

  it('passes on an s2s body without the {c, d} envelope, as the wall reads it', async () => {
    const bare = JSON.stringify({ p: 1, tot: 1, data: offers });
    const { get } = proxyAnswering(bare);
    const response = await get();
    assert.equal(response.status, 200);
    assert.equal(await response.text(), bare);
  });

  for (const [what, body] of [
    ['a numeric error code beside a feed', { c: 1001, msg: 'invalid app_id', d: { data: offers } }],
    ['an error code sent as text', { c: '1002', message: 'invalid app_id', d: { data: offers } }],
    ['an error code without a feed', { c: 1003, msg: 'invalid app_id' }],
  ] as const) {
    it(`answers 502 for an s2s error code in a 200 (${what}), without echoing it`, async () => {
      const { get } = proxyAnswering(JSON.stringify(body));
      const response = await get();
      assert.equal(response.status, 502);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const text = await response.text();
      assert.equal(JSON.parse(text).error.code, 'upstream_not_a_feed');
      assert.ok(!text.includes('invalid app_id'));
    });
  }
});

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the environment of the program, validated by one zod schema', () => {
  it('names every bad variable at once, exits 2, and never prints a secret', async () => {
    const { code, output } = await runCli({
      OFFER_WALL_FORMAT: 's2s',
      OFFER_WALL_UPSTREAM: 'ftp://u.example',
      OFFER_WALL_PUBLISHER_TOKEN: TOKEN,
      OFFER_WALL_ALLOWED_ORIGINS: 'https://ok.example, app.example',
      OFFER_WALL_CACHE_S: 'soon',
      OFFER_WALL_TIMEOUT_MS: '999999',
      PORT: '-1',
    });
    assert.equal(code, 2);
    for (const expected of [
      /OFFER_WALL_UPSTREAM="ftp:\/\/u.example\/" must be an absolute http\(s\) URL/,
      /OFFER_WALL_APP_ID is required when OFFER_WALL_FORMAT is s2s/,
      /OFFER_WALL_ALLOWED_ORIGINS has "app.example"/,
      /OFFER_WALL_CACHE_S="soon"/,
      /OFFER_WALL_TIMEOUT_MS="999999"/,
      /PORT="-1"/,
    ]) {
      assert.match(output, expected);
    }
    assert.equal(output.trim().split('\n').filter((line) => line.startsWith('  - ')).length, 6);
    assert.ok(!output.includes(TOKEN));
  });

  it('names a bad format and a missing upstream together', () => {
    assert.throws(
      () => configFromEnv({ OFFER_WALL_FORMAT: 'xml', OFFER_WALL_APP_ID: APP_ID }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, ['OFFER_WALL_FORMAT="xml" must be s2s or appcharge', "OFFER_WALL_UPSTREAM is required: the upstream API's URL"]);
        assert.ok(!error.message.includes(APP_ID));
        return true;
      },
    );
  });

  it('fills in the documented defaults and reads blank variables as unset', () => {
    const config = configFromEnv({
      OFFER_WALL_FORMAT: ' appcharge ',
      OFFER_WALL_UPSTREAM: 'https://api.example/v2/offer',
      OFFER_WALL_PUBLISHER_TOKEN: TOKEN,
      OFFER_WALL_ALLOWED_ORIGINS: 'https://app.example/, ,http://localhost:5173',
      PORT: ' ',
    });
    // Who may read /metrics: this machine only, unless said otherwise.
    const { metricsIps, ...rest } = config;
    assert.deepEqual([metricsIps.has('127.0.0.1'), metricsIps.has('::1'), metricsIps.has('10.0.0.1')], [true, true, false]);
    assert.deepEqual(rest, {
      options: {
        format: 'appcharge',
        upstream: 'https://api.example/v2/offer',
        publisherToken: TOKEN,
        allowedOrigins: ['https://app.example', 'http://localhost:5173'],
        cacheSeconds: 60,
        cacheMaxBytes: 64 * 1024 * 1024,
        timeoutMs: 8000,
        maxBodyBytes: 16 * 1024 * 1024,
        maxMemoryBytes: 192 * 1024 * 1024,
      },
      upstreamConnections: 256,
      port: 8787,
      host: '127.0.0.1',
      logLevel: 'info',
      rewards: null,
    });
  });
});

describe('the server build', () => {
  it('reaches src/data but nothing of the element, Lit or the DOM', () => {
    const packages = new Set<string>();
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const [, from, bare] of readFileSync(file, 'utf8').matchAll(/\bfrom\s*'([^']+)'|\bimport\s*\(?\s*'([^']+)'/g)) {
        const specifier = (from ?? bare)!;
        if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
        else packages.add(specifier.startsWith('node:') ? 'node:' : specifier);
      }
    };
    visit(join(SRC, 'server/index.js'));
    visit(CLI);
    // The server's own folders, and of the wall's only src/data (its dialects and rules).
    const folders = new Set([...files].map((file) => relative(SRC, dirname(file)).split('/')[0]));
    assert.deepEqual([...folders].sort(), ['data', 'server']);
    // Bundled into dist/server (the package's only runtime dependency stays Lit): zod, undici, commander, prom-client.
    assert.deepEqual([...packages].sort(), ['commander', 'node:', 'prom-client', 'undici', 'zod']);
  });
});
