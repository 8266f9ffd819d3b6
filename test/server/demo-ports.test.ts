/**
 * `npm run demo:proxy` beside another program on one of its ports (`npm run demo` on 5173 is the
 * usual one): it names the port and its holder, says how to go on, starts nothing, and fails.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { holderOf, inUse } from '../../demo/ports.js';

const PROXY_MODE = fileURLToPath(new URL('../../demo/proxy-mode.js', import.meta.url));

async function holdAPort(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PROXY_MODE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo:proxy', () => {
  it('stops before starting anything when the page’s port is taken, naming the port, its holder and what to do, with exit code 1', async () => {
    const { server, port } = await holdAPort();
    try {
      const { code, stdout, stderr } = await run(['--port', String(port)]);
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`port ${port} \\(the demo page\\)`));
      if (existsSync('/proc/net/tcp')) assert.match(stderr, new RegExp(`held by pid ${process.pid}: `), 'the holder is this test’s own process');
      assert.match(stderr, /To go on:/);
      assert.match(stderr, /-- --port \d+/, 'it offers another port for the page');
      assert.doesNotMatch(stdout, /open http/, 'no URL to open is printed');
      assert.doesNotMatch(stdout, /proxy/, 'no proxy was started');
    } finally {
      server.close();
    }
  });

  it('refuses a --port that is not a port number, with exit code 2', async () => {
    const { code, stderr } = await run(['--port', '80a']);
    assert.equal(code, 2);
    assert.match(stderr, /--port "80a" is not a port number/);
  });
});

describe('the demo’s port check', () => {
  it('sees a port in use, and a free one as free', async () => {
    const { server, port } = await holdAPort();
    assert.equal(await inUse(port), true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.equal(await inUse(port), false);
  });

  it('finds the process that listens on a port (Linux)', { skip: !existsSync('/proc/net/tcp') && 'no /proc/net/tcp here' }, async () => {
    const { server, port } = await holdAPort();
    try {
      const holder = holderOf(port);
      assert.equal(holder?.pid, process.pid);
      assert.match(holder.command, /node/);
    } finally {
      server.close();
    }
  });
});
