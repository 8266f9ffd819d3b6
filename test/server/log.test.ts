/**
 * The proxy's request log (node's own test runner): one JSON line per request with the fields an
 * operator needs and never the secret or the query, the program's level filter, and the
 * validation of the new settings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFromEnv, ConfigError, createOfferWallHandler } from '../../src/server/index.js';
import { createLogWriter } from '../../src/server/core/log.js';

const SECRET = 'app-SECRET-42';

describe('request log lines', () => {
  it('are JSON with status, cache state, duration and upstream status, without the secret or the query', async () => {
    const lines: string[] = [];
    const handler = createOfferWallHandler({
      format: 's2s',
      upstream: 'https://upstream.example/s2s',
      appId: SECRET,
      log: (line) => lines.push(line),
      fetch: async () => new Response(JSON.stringify({ c: 0, d: { data: [] } })),
    });
    await handler(new Request('https://pub.example/offers?country=US&gaid=device-1'));
    await handler(new Request('https://pub.example/offers?country=US&gaid=device-1'));
    await handler(new Request('https://pub.example/offers?page=0'));
    const entries = lines.map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map(({ method, path, status, cache, upstream, code }) => ({ method, path, status, cache, upstream, code })),
      [
        { method: 'GET', path: '/offers', status: 200, cache: 'miss', upstream: 200, code: null },
        { method: 'GET', path: '/offers', status: 200, cache: 'hit', upstream: null, code: null },
        { method: 'GET', path: '/offers', status: 400, cache: null, upstream: null, code: 'bad_parameter' },
      ],
    );
    assert.ok(entries.every((entry) => typeof entry.ms === 'number' && entry.ms >= 0));
    assert.ok(lines.every((line) => !line.includes(SECRET) && !line.includes('device-1') && !line.includes('upstream.example')));
  });
});

describe('the program log', () => {
  const entry = (status: number) => ({ method: 'GET', path: '/offers', status, code: null, cache: null, ms: 1, upstream: null });

  it('writes level and time in front of each line, and only what its level lets through', () => {
    const written: string[] = [];
    const out = { write: (chunk: string) => written.push(chunk) };
    const info = createLogWriter('info', out);
    info.request!('{"status":200}', entry(200));
    info.info('started');
    info.flush();
    const lines = written.join('').trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].level, 'info');
    assert.equal(lines[0].status, 200);
    assert.equal(typeof lines[0].time, 'number');
    assert.equal(lines[1].msg, 'started');

    written.length = 0;
    const warn = createLogWriter('warn', out);
    warn.request!('{"status":200}', entry(200));
    warn.request!('{"status":502}', entry(502));
    warn.info('started');
    warn.flush();
    assert.deepEqual(written.join('').trim().split('\n').map((line) => JSON.parse(line).status), [502]);

    assert.equal(createLogWriter('error', out).request, undefined);
    assert.equal(createLogWriter('silent', out).request, undefined);
  });

  it('validates OFFER_WALL_LOG_LEVEL and OFFER_WALL_CACHE_MAX_BYTES', () => {
    const base = { OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: 'https://u.example', OFFER_WALL_APP_ID: 'x' };
    const config = configFromEnv({ ...base, OFFER_WALL_LOG_LEVEL: 'WARN', OFFER_WALL_CACHE_MAX_BYTES: '1048576' });
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.options.cacheMaxBytes, 1_048_576);
    assert.equal(configFromEnv(base).options.cacheMaxBytes, 64 * 1024 * 1024);
    assert.equal(configFromEnv(base).logLevel, 'info');
    assert.throws(() => configFromEnv({ ...base, OFFER_WALL_LOG_LEVEL: 'loud' }), (error: ConfigError) => /OFFER_WALL_LOG_LEVEL="loud"/.test(error.message));
    assert.throws(() => configFromEnv({ ...base, OFFER_WALL_CACHE_MAX_BYTES: '64MB' }), /OFFER_WALL_CACHE_MAX_BYTES="64MB"/);
  });
});
