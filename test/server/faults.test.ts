/**
 * The reference proxy under faults (node's own test runner), each bound of CONTRACT section 7 with
 * the fault that breaks it: upstreams that stall, trickle, send too much or compress a bomb,
 * clients that never read, pipeline a flood or leave, an upstream that fails or rate-limits, a
 * stop with requests in flight and half-sent ones, secrets echoed in every spelling, proxies in
 * front, and malformed requests. Real sockets throughout; the clock is injected where time is the
 * subject.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';
import { createOfferWallHandler, parseAddressList, parseTrustProxy, startServer, type NodeServerOptions, type RunningServer } from '../../src/server/node.js';
import { clientAddress } from '../../src/server/core/address.js';
import { secretSpellings } from '../../src/server/core/redact.js';
import { NO_METRICS } from '../../src/server/core/metrics.js';
import { CLI, feedOf, until, upstream } from './loopback.js';

const APP_ID = 'app/ID+with=odd&chars é';
const SRC = fileURLToPath(new URL('../../../../src/', import.meta.url));

const running: RunningServer[] = [];
after(async () => {
  await Promise.all(running.map((server) => server.close()));
});

async function proxy(up: { url: string }, options: Partial<NodeServerOptions> = {}) {
  const server = await startServer({ format: 's2s', upstream: `${up.url}/s2s`, appId: APP_ID, ...options }, 0);
  running.push(server);
  return server;
}

/** A raw HTTP exchange on a fresh socket: what was sent back, whole. */
function raw(url: string, text: string, { wait = 2000 } = {}): Promise<string> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), wait).unref();
  });
}


describe('one deadline per upstream call, headers and body', () => {
  it('answers 504 at the deadline when the upstream sends its headers and stalls, even through garbage collection, and a later identical request does not hang on it', async () => {
    const up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"c":0,"d":{"data":[');
    });
    try {
      const server = await proxy(up, { timeoutMs: 300 });
      const first = fetch(`${server.url}/offers?country=US`);
      // Other traffic: collections that, with fetch's own abort link, cut the time limit off.
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 5; i++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const response = await first;
      assert.equal(response.status, 504);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'upstream_timeout');
      // The stalled call has left the coalescing table: the next identical request asks afresh
      // (a miss, not coalesced). Whether the upstream's handler saw that second call before its
      // 300 ms ran out is the machine's business: on a busy one, the deadline's timer can run
      // before the upstream's socket is read.
      const again = await fetch(`${server.url}/offers?country=US`);
      assert.equal(again.status, 504);
      assert.equal(again.headers.get('x-offer-wall-cache'), 'miss');
      // And the upstream connection of the first was closed, not left open.
      await until(() => up.open === 0, 'the upstream connections closed');
    } finally {
      await up.close();
    }
  });

  it('cuts a body that trickles in past the deadline', async () => {
    const up = await upstream(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      for (const char of feedOf(3)) {
        if (res.destroyed) return;
        res.write(char);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    try {
      const server = await proxy(up, { timeoutMs: 200 });
      const started = Date.now();
      const response = await fetch(`${server.url}/offers?country=US`);
      assert.equal(response.status, 504);
      // The trickle would take well over a second; the answer came at the deadline.
      assert.ok(Date.now() - started < 1000, `answered after ${Date.now() - started} ms`);
    } finally {
      await up.close();
    }
  });
});

describe('OFFER_WALL_MAX_BODY_BYTES', () => {
  // Made once, before any memory is measured: 5 MB as it is, and 100 MB gzipped to about 100 KB.
  const PLAIN = Buffer.alloc(5_000_000, 32);
  const LONG = Buffer.from(`{"c":0,"d":{"data":[${'1,'.repeat(2_000_000)}1]}}`);
  const BOMB = gzipSync(`{"c":0,"d":{"data":[${' '.repeat(100_000_000)}]}}`);
  // Past the bound before the answer could start streaming (its head says its length, the bound
  // is below the 32 KB an answer must have before it streams, or its list has no whole item yet):
  // a clean 502. Past it while streaming: the client's answer is broken off, so that nothing
  // takes it for a whole one.
  for (const [what, send, maxBodyBytes, broken] of [
    ['announced by Content-Length', (res: ServerResponse) => void (res.writeHead(200, { 'Content-Length': String(PLAIN.length) }), res.end(PLAIN)), 1_000_000, false],
    ['sent without a length, past the bound before it could stream', (res: ServerResponse) => void (res.writeHead(200), res.end(LONG)), 20_000, false],
    ['sent without a length, past the bound while it streams', (res: ServerResponse) => void (res.writeHead(200), res.end(LONG)), 1_000_000, true],
    ['compressed 1000 to 1 (a gzip bomb), whose list never has a whole item', (res: ServerResponse) => void (res.writeHead(200, { 'Content-Encoding': 'gzip' }), res.end(BOMB)), 1_000_000, false],
  ] as const) {
    it(`reads no more than the bound and keeps nothing of an answer past it, ${what}`, async () => {
      const up = await upstream((_req, res) => send(res));
      try {
        const server = await proxy(up, { maxBodyBytes });
        const before = process.memoryUsage().rss;
        for (const attempt of [1, 2]) {
          const response = await fetch(`${server.url}/offers?country=US`);
          if (broken) {
            assert.equal(response.status, 200, `attempt ${attempt}`);
            await assert.rejects(response.arrayBuffer(), 'the answer is broken off');
            continue;
          }
          assert.equal(response.status, 502, `attempt ${attempt}`);
          assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'upstream_too_large');
          assert.equal(response.headers.get('cache-control'), 'no-store');
        }
        assert.equal(up.seen.length, 2, 'nothing was kept: the second request asked again');
        // Read only up to the bound: the memory did not take the body in.
        assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, `rss grew by ${process.memoryUsage().rss - before}`);
      } finally {
        await up.close();
      }
    });
  }
});

describe('what slow readers can hold', () => {
  // About 30 MB: more than the loopback's socket buffers, which would take a smaller answer whole.
  const big = feedOf(330_000);
  const roomy = { maxBodyBytes: 64 * 1024 * 1024, cacheMaxBytes: 128 * 1024 * 1024 };

  /**
   * A client that sends its request and does not read the answer until `readAfter` ms; resolves
   * with the bytes it got once the connection is closed.
   */
  function slowReader(url: string, query: string, readAfter: number, { close = false } = {}) {
    const { port } = new URL(url);
    let bytes = 0;
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET /offers?${query} HTTP/1.1\r\nHost: x\r\n${close ? 'Connection: close\r\n' : ''}\r\n`);
      socket.pause();
      setTimeout(() => socket.resume(), readAfter);
    });
    socket.on('data', (chunk) => (bytes += chunk.length));
    socket.on('error', () => {});
    return new Promise<number>((resolve) => socket.on('close', () => resolve(bytes)));
  }

  it('lets go of a client that does not read its answer within the response time limit', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(big)));
    try {
      const server = await proxy(up, { ...roomy, responseTimeoutMs: 300 });
      // It starts reading long after the limit: the proxy has closed the connection by then, and
      // what reached it is only what the socket buffers held.
      const got = await slowReader(server.url, 'country=US', 1500);
      assert.ok(got < big.length, `${got} of ${big.length} bytes`);
    } finally {
      await up.close();
    }
  });

  it('waits once for a reader whose socket is full, not with a pair of listeners per piece written meanwhile', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(big)));
    const piledUp: string[] = [];
    const onWarning = (warning: Error) => void (warning.name === 'MaxListenersExceededWarning' && piledUp.push(warning.message));
    process.on('warning', onWarning);
    try {
      const server = await proxy(up, roomy);
      const got = await slowReader(server.url, 'country=US', 1500, { close: true });
      assert.ok(got > big.length, `${got} bytes, the whole answer and its head`);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(piledUp, []);
    } finally {
      process.off('warning', onWarning);
      await up.close();
    }
  });

  it('answers 503 with Retry-After, once its time limit has passed, when slow readers hold the whole memory budget', async () => {
    let sent = false;
    // About 10 MB: more than the loopback's socket buffers take, less than the budget.
    const answer = feedOf(110_000);
    const up = await upstream((_req, res) => {
      res.writeHead(200);
      res.end(answer, () => (sent = true));
    });
    try {
      // The first reader's answer (which streams) is held for the reader that does not read it:
      // 10 MB of a 14 MiB budget. The next answer is likely as large: there is no room for it.
      const server = await proxy(up, { ...roomy, responseTimeoutMs: 20_000, maxMemoryBytes: 14 * 1024 * 1024, cacheSeconds: 0, timeoutMs: 3000 });
      const reader = slowReader(server.url, 'country=US&page=1', 5000);
      await until(() => sent, 'the first answer sent by the upstream');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const second = await fetch(`${server.url}/offers?country=US&page=2`);
      assert.equal(second.status, 503);
      assert.equal(second.headers.get('retry-after'), '1');
      assert.equal(((await second.json()) as { error: { code: string } }).error.code, 'busy');
      // It waited for room while its time limit allowed, and asked the upstream nothing.
      assert.ok(Date.now() - started >= 500, `answered after ${Date.now() - started} ms`);
      assert.equal(up.seen.length, 1);
      // A small answer still fits, and healthz answers at once.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      await server.close();
      await reader;
    } finally {
      await up.close();
    }
  });
});

describe('kept-alive connections to the upstream', () => {
  /** An upstream that answers the first request on each connection and closes the connection on the next one, unanswered. */
  async function closingOnReuse() {
    const served = new WeakMap<object, number>();
    return upstream((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(feedOf(2));
    });
  }

  it('asks again on a new connection when the upstream closes a kept-alive one as it is reused: the user gets the offers, not a 502', async () => {
    const up = await closingOnReuse();
    const calls: string[] = [];
    try {
      const counted = { metrics: { ...NO_METRICS, upstream: (status: string) => void calls.push(status) }, render: async () => ({ body: '', type: 'text/plain' }), allowed: new Set<string>() };
      const server = await proxy(up, { metrics: counted });
      const first = await fetch(`${server.url}/offers?country=US&page=1`);
      assert.equal(first.status, 200);
      await first.arrayBuffer();
      // Another page: a miss, sent on the connection the first call left open.
      const second = await fetch(`${server.url}/offers?country=US&page=2`);
      assert.equal(second.status, 200, await second.clone().text());
      assert.equal(JSON.parse(await second.text()).d.data.length, 2);
      assert.equal(up.seen.length, 3, 'the first call, the one closed on reuse, the one asked again');
      assert.deepEqual(calls, ['200', 'reset', '200'], 'what offer_wall_upstream_calls_total counts');
    } finally {
      await up.close();
    }
  });

  it('asks again only once, and logs why the upstream could not be reached', async () => {
    const up = await upstream((req) => void req.socket.destroy());
    const lines: string[] = [];
    try {
      const server = await proxy(up, { log: (line) => lines.push(line) });
      const response = await fetch(`${server.url}/offers?country=US`);
      assert.equal(response.status, 502);
      assert.equal(JSON.parse(await response.text()).error.code, 'upstream_unreachable');
      assert.equal(up.seen.length, 2);
      const line = JSON.parse(lines.find((text) => text.includes('upstream_unreachable'))!);
      assert.match(line.cause, /^UND_ERR_SOCKET: other side closed$|^ECONNRESET/);
      await up.close();
      const refused = await fetch(`${server.url}/offers?country=FR`);
      assert.equal(refused.status, 502);
      assert.match(JSON.parse(lines.at(-1)!).cause, /^ECONNREFUSED/, 'a refused connection is not asked again');
    } finally {
      await up.close();
    }
  });
});

describe('no amplification', () => {
  it('starts no more than 16 upstream calls for one connection pipelining a thousand distinct queries', async () => {
    const up = await upstream(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res.writeHead(200);
      res.end(feedOf(1));
    });
    try {
      const server = await proxy(up);
      const flood = Array.from({ length: 1000 }, (_, i) => `GET /offers?country=US&page=${i + 1} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
      const answer = await raw(server.url, flood, { wait: 3000 });
      assert.ok(up.seen.length <= 16, `${up.seen.length} upstream calls`);
      assert.match(answer, /HTTP\/1.1 503/);
    } finally {
      await up.close();
    }
  });

  it('answers forty requests for a cached page pipelined on one connection, each whole and in order (hits start no upstream call, so the bound of 16 is not theirs)', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(3))));
    try {
      const server = await proxy(up);
      const body = await (await fetch(`${server.url}/offers?country=US`)).text();
      const pages = Array.from({ length: 40 }, (_, i) => `${i % 3 === 2 ? 'HEAD' : 'GET'} /offers?country=US HTTP/1.1\r\nHost: x\r\n\r\n`);
      const answer = await raw(server.url, pages.join('') + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      const heads = answer.split('HTTP/1.1 ').slice(1);
      assert.equal(heads.length, 41);
      heads.slice(0, 40).forEach((head, i) => {
        assert.match(head, /^200 OK\r\n/);
        assert.match(head, /x-offer-wall-cache: hit\r\n/i);
        assert.match(head, new RegExp(`content-length: ${Buffer.byteLength(body)}\r\n`, 'i'));
        // A GET's head and body, a HEAD's head alone, then the next answer.
        assert.equal(head.slice(head.indexOf('\r\n\r\n') + 4), i % 3 === 2 ? '' : Buffer.from(body).toString('latin1'), `answer ${i + 1}`);
      });
      assert.match(heads[40]!, /^200 OK\r\n[^]*\{"ok":true\}$/);
      assert.equal(up.seen.length, 1);
    } finally {
      await up.close();
    }
  });

  it('cancels the upstream call when its only client goes away', async () => {
    let closedEarly = false;
    const up = await upstream((req, res) => {
      res.once('close', () => (closedEarly = !res.writableFinished));
      setTimeout(() => !res.destroyed && (res.writeHead(200), res.end(feedOf(1))), 2000).unref();
      void req;
    });
    try {
      const server = await proxy(up);
      const client = new AbortController();
      const pending = fetch(`${server.url}/offers?country=US`, { signal: client.signal }).catch(() => null);
      await until(() => up.seen.length === 1, 'the upstream call');
      client.abort();
      await pending;
      await until(() => closedEarly, 'the upstream call cancelled', 1500);
    } finally {
      await up.close();
    }
  });

  it('remembers an upstream 503 for its Retry-After and passes that on: twenty requests, one upstream call', async () => {
    let now = 1_000_000;
    const up = await upstream((_req, res) => void (res.writeHead(503, { 'Retry-After': '7' }), res.end('busy')));
    try {
      const handler = createOfferWallHandler({ format: 's2s', upstream: `${up.url}/s2s`, appId: APP_ID, now: () => now });
      const get = () => handler(new Request('https://pub.example/offers?country=US'));
      const answers = [];
      for (let i = 0; i < 20; i++) answers.push(await get());
      assert.equal(up.seen.length, 1);
      assert.ok(answers.every((response) => response.status === 502));
      assert.equal(answers[0]!.headers.get('retry-after'), '7');
      assert.equal(answers[19]!.headers.get('retry-after'), '7');
      now += 7001;
      await get();
      assert.equal(up.seen.length, 2);
    } finally {
      await up.close();
    }
  });

  it('asks nothing of an upstream that answered 429 until its Retry-After has passed, whatever the query', async () => {
    let now = 1_000_000;
    const up = await upstream((_req, res) => void (res.writeHead(429, { 'Retry-After': '30' }), res.end()));
    try {
      const handler = createOfferWallHandler({ format: 's2s', upstream: `${up.url}/s2s`, appId: APP_ID, now: () => now });
      const get = (page: number) => handler(new Request(`https://pub.example/offers?country=US&page=${page}`));
      assert.equal((await get(1)).headers.get('retry-after'), '30');
      now += 10_000;
      const other = await get(2);
      assert.equal(other.status, 502);
      assert.equal(other.headers.get('retry-after'), '20');
      assert.equal(up.seen.length, 1);
      now += 20_001;
      await get(3);
      assert.equal(up.seen.length, 2);
    } finally {
      await up.close();
    }
  });
});

describe('the secret, in every spelling', () => {
  it('is redacted from a whole answer and from one that streams, even cut between two pieces', async () => {
    const spellings = secretSpellings(APP_ID);
    assert.ok(spellings.includes(encodeURIComponent(APP_ID)));
    assert.ok(spellings.some((spelling) => spelling.includes('\\/')));
    assert.ok(spellings.some((spelling) => spelling.includes('%2f')));
    for (const size of [2, 20_000]) {
      const up = await upstream(async (req, res) => {
        const echoed = new URL(req.url!, 'http://u').searchParams.get('app_id')!;
        const body = feedOf(size, { next: `https://u.example/s2s?app_id=${encodeURIComponent(echoed)}`, echo: spellings });
        res.writeHead(200);
        // Pieces of 7 bytes: every spelling is cut somewhere.
        for (let at = 0; at < body.length; at += size > 100 ? 4096 + 7 : 7) res.write(body.slice(at, at + (size > 100 ? 4096 + 7 : 7)));
        res.end();
      });
      try {
        const server = await proxy(up);
        const text = await (await fetch(`${server.url}/offers?country=US`)).text();
        assert.ok(JSON.parse(text).d.data.length === size);
        for (const spelling of spellings) assert.ok(!text.includes(spelling), `${size}: ${spelling} in the answer`);
        assert.ok(text.includes('[redacted]'));
      } finally {
        await up.close();
      }
    }
  });

  it('is never printed from OFFER_WALL_UPSTREAM, and a user name or password in it is refused at start', async () => {
    const run = (upstreamUrl: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI], {
          env: { PATH: process.env['PATH'] ?? '', OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'x', OFFER_WALL_UPSTREAM: upstreamUrl, PORT: '0' },
        });
        let output = '';
        // Stopped once it says it listens (or at the latest after 10 s, however loaded the machine).
        const heard = (chunk: Buffer) => {
          output += chunk;
          if (output.includes('listening on')) child.kill('SIGTERM');
        };
        child.stdout.on('data', heard);
        child.stderr.on('data', heard);
        child.on('exit', (code) => resolve({ code, output }));
        setTimeout(() => child.kill('SIGTERM'), 10_000).unref();
      });
    const withPassword = await run('https://user:hunter2@u.example/s2s?app_id=topsecret');
    assert.equal(withPassword.code, 2);
    assert.match(withPassword.output, /OFFER_WALL_UPSTREAM="https:\/\/u.example\/s2s" must not hold a user name or password/);
    assert.ok(!withPassword.output.includes('hunter2') && !withPassword.output.includes('topsecret'));
    const started = await run('https://u.example/s2s?app_id=topsecret');
    assert.match(started.output, /listening on .* for https:\/\/u.example\/s2s;/);
    assert.ok(!started.output.includes('topsecret'));
  });
});

describe('SIGTERM', () => {
  it('writes every cached answer a client pipelined before the stop, whole, then closes its connection', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(600))));
    try {
      const server = await proxy(up);
      const url = `${server.url}/offers?country=US`;
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      assert.ok(body.length > 30_000 && body.length < 64 * 1024, `${body.length} bytes: a page written at once`);
      const { port, hostname } = new URL(server.url);
      const socket = connect(Number(port), hostname);
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      const ended = new Promise<void>((resolve) => socket.on('end', resolve));
      // A hundred pages (about 4 MB) that the client does not read yet: Node holds most of them.
      socket.pause();
      socket.write('GET /offers?country=US HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(100));
      // The stop comes once the first answers are on their way (the client reads none yet).
      await until(() => socket.bytesWritten > 0 && socket.readableLength > 0, 'the first answers');
      const closed = server.close();
      socket.resume();
      await ended;
      await closed;
      const text = received.toString('latin1');
      const answers = text.split('HTTP/1.1 200 OK\r\n').slice(1);
      assert.equal(answers.length, 100);
      for (const answer of answers) assert.ok(answer.endsWith(body.toString('latin1')), 'each answer whole');
      socket.destroy();
    } finally {
      await up.close();
    }
  });

  it('answers every request already received, closes half-sent requests and idle connections at once, and exits 0', async () => {
    const up = await upstream(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      res.writeHead(200);
      res.end(feedOf(2));
    });
    const child = spawn(process.execPath, [CLI], {
      env: {
        PATH: process.env['PATH'] ?? '',
        OFFER_WALL_FORMAT: 's2s',
        OFFER_WALL_APP_ID: APP_ID,
        OFFER_WALL_UPSTREAM: `${up.url}/s2s`,
        PORT: '0',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => /listening on (http:\/\/[^/\s]+)/.test(output), 'the program listening');
      const url = /listening on (http:\/\/[^/\s]+)/.exec(output)![1]!;
      // Half-sent requests (slowloris) and an idle keep-alive connection.
      const half = Array.from({ length: 5 }, () => raw(url, 'GET /offers?country=US HTTP/1.1\r\nHost: x\r\n', { wait: 15_000 }));
      const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
      await new Promise<void>((resolve) => httpRequest(`${url}/healthz`, { agent }, (res) => (res.resume(), res.on('end', resolve))).end());
      const inFlight = Array.from({ length: 200 }, (_, i) => fetch(`${url}/offers?country=US&page=${i + 1}`).then((r) => r.status, () => 'reset'));
      // Two hundred requests through a child process take a few seconds on a busy machine: waited
      // for as long as they keep reaching the upstream, failed only when none has for 5 s.
      for (let seen = -1, since = Date.now(); up.seen.length < 200; await new Promise((resolve) => setTimeout(resolve, 10))) {
        if (up.seen.length !== seen) [seen, since] = [up.seen.length, Date.now()];
        else if (Date.now() - since > 5000) throw new Error(`only ${seen} of 200 requests reached the upstream, none in the last 5 s`);
      }
      const stopped = Date.now();
      child.kill('SIGTERM');
      const statuses = await Promise.all(inFlight);
      assert.deepEqual(statuses.filter((status) => status !== 200), []);
      assert.equal(await exited, 0);
      // Within seconds: the upstream's second, not the 10 s half-sent requests would hold a close for.
      assert.ok(Date.now() - stopped < 7000, `stopped in ${Date.now() - stopped} ms`);
      for (const answer of await Promise.all(half)) assert.equal(answer, '', 'a half-sent request gets no answer, its connection closes');
      agent.destroy();
    } finally {
      child.kill('SIGKILL');
      await up.close();
    }
    void output;
  });
});

describe('runtimes and networks', () => {
  it('bundles offer-wall/server for a Workers-style runtime: nothing of Node in it', async () => {
    const result = await build({
      entryPoints: [`${SRC}server/index.ts`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    assert.equal(result.errors.length, 0);
    assert.ok(!/from\s*["']node:/.test(result.outputFiles[0]!.text));
  });

  it('believes X-Forwarded-For only as far as OFFER_WALL_TRUST_PROXY says', () => {
    const chain = '203.0.113.9, 198.51.100.4';
    assert.equal(clientAddress('10.0.0.2', chain, undefined), '10.0.0.2');
    assert.equal(clientAddress('10.0.0.2', chain, 1), '198.51.100.4');
    assert.equal(clientAddress('10.0.0.2', chain, 2), '203.0.113.9');
    assert.equal(clientAddress('10.0.0.2', chain, 5), '203.0.113.9');
    const ranges = parseTrustProxy('10.0.0.0/8, 198.51.100.0/24');
    assert.equal(clientAddress('10.0.0.2', chain, ranges), '203.0.113.9');
    assert.equal(clientAddress('192.0.2.1', chain, ranges), '192.0.2.1', 'a peer that is no trusted proxy is the client');
    assert.equal(clientAddress('::ffff:10.1.2.3', '2001:db8::1', ranges), '2001:db8::1');
    assert.equal(clientAddress('10.0.0.2', 'not-an-address', 1), null);
    assert.ok(parseAddressList('2001:db8::/32').has('2001:db8:1::5'));
    assert.ok(!parseAddressList('2001:db8::/32').has('2001:db9::5'));
    assert.throws(() => parseTrustProxy('10.0.0.0/33'), /10.0.0.0\/33/);
  });

  it('sends upstream, and keys per-user answers by, the forwarded address it trusts', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const server = await proxy(up, { trustProxy: 1 });
      await fetch(`${server.url}/offers`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
      await fetch(`${server.url}/offers`, { headers: { 'X-Forwarded-For': '203.0.113.10' } });
      assert.deepEqual(
        up.seen.map((req) => req.headers['x-forwarded-for']),
        ['203.0.113.9', '203.0.113.10'],
      );
    } finally {
      await up.close();
    }
  });

  it('shares no answer chosen by address between users whose address the runtime does not give', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const handler = createOfferWallHandler({ format: 's2s', upstream: `${up.url}/s2s`, appId: APP_ID });
      const sources = [];
      for (let i = 0; i < 2; i++) sources.push((await handler(new Request('https://pub.example/offers'))).headers.get('x-offer-wall-cache'));
      assert.deepEqual(sources, ['miss', 'miss']);
      assert.equal(up.seen.length, 2);
    } finally {
      await up.close();
    }
  });
});

describe('answers', () => {
  it('answers a malformed or absolute request target with a 4xx, never a 500', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const server = await proxy(up);
      for (const target of ['//[', 'http://[::1/offers', '*', 'ftp://x/offers']) {
        const answer = await raw(server.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        assert.match(answer, /^HTTP\/1.1 4\d\d/, `${target}: ${answer.split('\r\n')[0]}`);
      }
      const absolute = await raw(server.url, `GET http://pub.example/offers?country=US HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(absolute, /^HTTP\/1.1 200/);
    } finally {
      await up.close();
    }
  });

  it('says no-store on every error, Vary: Origin on every offers answer, the length on HEAD, and no body type on 204', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const handler = createOfferWallHandler({ format: 's2s', upstream: `${up.url}/s2s`, appId: APP_ID, allowedOrigins: ['https://app.example'] });
      const ask = (path: string, init: RequestInit = {}) => handler(new Request(`https://pub.example${path}`, init), { clientAddress: '203.0.113.7' });
      for (const [path, init, status] of [
        ['/offers?page=0', {}, 400],
        ['/offers', { headers: { Origin: 'https://evil.example' } }, 403],
        ['/nothing', {}, 404],
        ['/offers', { method: 'POST' }, 405],
      ] as const) {
        const response = await ask(path, init);
        assert.equal(response.status, status);
        assert.equal(response.headers.get('cache-control'), 'no-store', `${status}`);
      }
      const plain = await ask('/offers?country=US');
      assert.equal(plain.headers.get('vary'), 'Origin');
      const get = await ask('/offers?country=US');
      const head = await ask('/offers?country=US', { method: 'HEAD' });
      assert.equal(head.headers.get('content-length'), String((await get.arrayBuffer()).byteLength));
      const preflight = await ask('/offers', { method: 'OPTIONS', headers: { Origin: 'https://app.example' } });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('content-type'), null);
    } finally {
      await up.close();
    }
  });

  it('gives a HEAD for a cached page the head a GET gets, its cache headers included', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const server = await proxy(up);
      const url = `${server.url}/offers?country=US`;
      await fetch(url).then((r) => r.arrayBuffer());
      // The second GET is the hit whose head later hits reuse.
      for (const method of ['GET', 'HEAD', 'GET', 'HEAD']) {
        const response = await fetch(url, { method });
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-offer-wall-cache'), 'hit', method);
        assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/, method);
        assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(feedOf(1))), method);
      }
    } finally {
      await up.close();
    }
  });

  it('lets the Node server answer an allowed Origin in any spelling of the header, and refuses other origins and a request with two', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const server = await proxy(up, { allowedOrigins: ['https://app.example'] });
      const ask = (origins: string) =>
        raw(server.url, `GET /offers?country=US HTTP/1.1\r\nHost: x\r\n${origins}Connection: close\r\n\r\n`).then((answer) => ({
          status: Number(/^HTTP\/1.1 (\d+)/.exec(answer)?.[1]),
          allowed: /access-control-allow-origin: (.*)\r\n/i.exec(answer)?.[1] ?? null,
        }));
      assert.deepEqual(await ask('oRiGiN: https://app.example\r\n'), { status: 200, allowed: 'https://app.example' });
      assert.deepEqual(await ask(''), { status: 200, allowed: null });
      assert.deepEqual(await ask('Origin: https://evil.example\r\n'), { status: 403, allowed: null });
      assert.deepEqual(await ask('Origin: https://app.example\r\nOrigin: https://evil.example\r\n'), { status: 403, allowed: null });
    } finally {
      await up.close();
    }
  });

  it('gives Content-Length on HEAD from the Node server too', async () => {
    const up = await upstream((_req, res) => void (res.writeHead(200), res.end(feedOf(1))));
    try {
      const server = await proxy(up);
      const answer = await raw(server.url, `HEAD /offers?country=US HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(answer, /content-length: \d+/i);
    } finally {
      await up.close();
    }
  });

  for (const [what, env, expected] of [
    ['a port in use', { PORT: 'in-use' }, /PORT="\d+": another program already listens/],
    ['a host that is no address of this machine', { HOST: '203.0.113.250' }, /HOST="203.0.113.250" is not an address of this machine/],
  ] as const) {
    it(`stops at start with exit 2 and names the variable for ${what}`, async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = String((blocker.address() as AddressInfo).port);
      try {
        const child = spawn(process.execPath, [CLI], {
          env: {
            PATH: process.env['PATH'] ?? '',
            OFFER_WALL_FORMAT: 's2s',
            OFFER_WALL_APP_ID: 'x',
            OFFER_WALL_UPSTREAM: 'https://u.example/s2s',
            ...env,
            PORT: 'PORT' in env ? port : '0',
          },
        });
        let output = '';
        child.stderr.on('data', (chunk) => (output += chunk));
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        assert.equal(code, 2);
        assert.match(output, expected);
      } finally {
        blocker.close();
      }
    });
  }
});
