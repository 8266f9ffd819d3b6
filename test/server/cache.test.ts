/**
 * The answer cache's bounds (node's own test runner): it never holds more bytes or entries than
 * allowed, the least recently used answer leaves first, and an answer larger than the byte bound
 * is served but not kept, both on the cache itself and through the handler.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { AnswerCache } from '../../src/server/offers/cache.js';
import { createOfferWallHandler } from '../../src/server/index.js';

const sizeOf = (value: string) => value.length;

/** What the proxy does with the cache: a fresh hit, else the new value, kept. */
function use(cache: AnswerCache<string>, key: string, value: string) {
  const hit = cache.peek(key);
  if (hit) return hit;
  cache.store(key, value);
  return { value, source: 'miss' as const, ttl: 60 };
}

describe('the answer cache', () => {
  it('stays within its byte bound whatever the sizes, and counts what it holds exactly', async () => {
    const maxBytes = 50_000;
    const cache = new AnswerCache<string>(60, { maxBytes, sizeOf });
    const held = new Map<string, number>();
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const key = `q${Math.floor(random() * 300)}`;
      const value = 'x'.repeat(Math.floor(random() * 12_000));
      const got = use(cache, key, value);
      // A hit is what this key last loaded; anything else is this load's own value.
      assert.equal(got.value.length, got.source === 'hit' ? held.get(key) : value.length, `after ${i}: ${got.source}`);
      assert.ok(cache.bytes <= maxBytes, `after ${i}: ${cache.bytes} bytes held`);
      held.set(key, got.value.length);
    }
    // What it counts is at least the values it holds: the bound is on real bytes, not a guess.
    let values = 0;
    for (const key of held.keys()) {
      const hit = cache.peek(key);
      if (hit) values += hit.value.length;
    }
    assert.ok(values <= cache.bytes && cache.bytes <= maxBytes);
    assert.ok(cache.size > 1);
  });

  it('lets the least recently used answer go first', async () => {
    const cache = new AnswerCache<string>(60, { maxBytes: 3 * (1000 + 200), sizeOf });
    use(cache, 'a', 'a'.repeat(1000));
    use(cache, 'b', 'b'.repeat(1000));
    use(cache, 'c', 'c'.repeat(1000));
    assert.equal((use(cache, 'a', 'new')).source, 'hit'); // a is now the most recent
    use(cache, 'd', 'd'.repeat(1000));
    assert.ok(cache.peek('a') && cache.peek('c') && cache.peek('d'));
    assert.equal(cache.peek('b'), undefined);
  });

  it('still bounds the number of entries', async () => {
    const cache = new AnswerCache<string>(60, { maxEntries: 10, sizeOf });
    for (let i = 0; i < 50; i++) use(cache, `k${i}`, 'v');
    assert.equal(cache.size, 10);
  });

  it('serves an answer larger than the bound without keeping it', async () => {
    const cache = new AnswerCache<string>(60, { maxBytes: 10_000, sizeOf });
    use(cache, 'small', 's'.repeat(100));
    const big = use(cache, 'big', 'b'.repeat(20_000));
    assert.equal(big.value.length, 20_000);
    assert.equal(big.source, 'miss');
    assert.equal(cache.peek('big'), undefined);
    assert.ok(cache.peek('small'), 'a refused answer evicts nothing');
  });
});

describe('the handler with cacheMaxBytes', () => {
  it('answers a query whose answer exceeds the bound each time from the upstream, and keeps small ones', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      const size = Number(new URL(req.url ?? '/', 'http://u').searchParams.get('page_size'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ c: 0, d: { data: Array.from({ length: size }, (_, id) => ({ id, name: `Offer ${id}` })) } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s2s`;
      const handler = createOfferWallHandler({ format: 's2s', upstream: url, appId: 'app', cacheMaxBytes: 20_000 });
      const get = (size: number) => handler(new Request(`https://pub.example/offers?country=US&page_size=${size}`));
      const sources = [];
      for (const size of [1000, 1000, 10, 10]) {
        const response = await get(size);
        assert.equal(response.status, 200);
        assert.equal(((await response.json()) as { d: { data: unknown[] } }).d.data.length, size);
        sources.push(response.headers.get('x-offer-wall-cache'));
      }
      assert.deepEqual(sources, ['miss', 'miss', 'miss', 'hit']);
      assert.equal(calls, 3);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
