/**
 * What the proxy's Node tests under load share: a loopback upstream whose behaviour each test
 * sets, waiting for a condition, s2s feeds, and the `offer-wall-proxy` program run in a process of
 * its own (so that its memory, read from /proc, is its own and not the test's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src/server/cli.js', import.meta.url));

/** A loopback upstream whose behaviour each test sets; it records its requests and how many were open at once. */
export async function upstream(respond: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) {
  const seen: IncomingMessage[] = [];
  let open = 0;
  let mostOpen = 0;
  const server = createServer((req, res) => {
    seen.push(req);
    mostOpen = Math.max(mostOpen, ++open);
    res.once('close', () => open--);
    void respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    get open() {
      return open;
    },
    get mostOpen() {
      return mostOpen;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export const until = async (condition: () => boolean, what: string, timeout = 5000) => {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export const offer = (id: number) => ({ id, name: `Offer ${id}`, payout: '1.00', tracking_link: `https://t.example/${id}` });
export const feedOf = (count: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ c: 0, d: { p: 1, tot: count, n: count, data: Array.from({ length: count }, (_, i) => offer(i)) }, ...extra });

/** Writes `body` in pieces of 16 KiB, each once the socket has taken the last (as a real upstream does). */
export function writeInPieces(res: ServerResponse, body: Buffer): void {
  let at = 0;
  const next = () => {
    while (at < body.length && !res.destroyed) {
      const piece = body.subarray(at, (at += 16 * 1024));
      if (!res.write(piece)) return void res.once('drain', next);
    }
    if (!res.destroyed) res.end();
  };
  next();
}

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
export function peakMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

/** Runs the `offer-wall-proxy` program with `env` (s2s) until it says it listens (its log level must be info). */
export async function program(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI], {
    env: { PATH: process.env['PATH'] ?? '', OFFER_WALL_FORMAT: 's2s', OFFER_WALL_APP_ID: 'app-id', PORT: '0', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await until(() => /listening on (http:\/\/[^/\s]+)/.test(output), 'the program listening');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url: /listening on (http:\/\/[^/\s]+)/.exec(output)![1]!, child, output: () => output, exited };
}
