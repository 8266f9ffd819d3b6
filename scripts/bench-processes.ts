/**
 * The benchmarks' processes, shared by bench-proxy, bench-faults, bench-postbacks and bench-wall:
 * each server runs in a process of its own (so no two share an event loop or a core's worth of
 * time with the load generator), started here, waited for, read from /proc, and killed when the
 * benchmark exits, however it exits.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Every process started here; what is still running when the benchmark exits is killed. */
export const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a role of bench-servers.js (`upstream`, `bare <file>`, `faulty <mode>`, …) and resolves with the URL it prints. */
export function startRole(args: readonly string[], nodeArgs: readonly string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeArgs, here('./bench-servers.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`bench-servers ${args[0]} exited ${code}`)));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ url: JSON.parse(out.split('\n')[0]!).url as string, child });
    });
  });
}

export interface ProgramOptions {
  /** The program's environment besides PATH and PORT (it is given nothing else of ours). */
  env: Record<string, string>;
  /** Where its stdout goes: a file, or /dev/null (the default). */
  stdout?: string;
  nodeArgs?: readonly string[];
  /** The program: this build's `offer-wall-proxy` unless another's cli.js is given. */
  cli?: string;
  cwd?: string;
  /** How long it may take to answer /healthz (the embedded database's first start takes seconds). */
  startTimeoutMs?: number;
}

/** Runs the `offer-wall-proxy` program on a free port; resolves once /healthz answers, with how long that took. */
export async function startProgram(options: ProgramOptions): Promise<{ url: string; child: ChildProcess; startMs: number }> {
  const port = await freePort();
  const fd = openSync(options.stdout ?? '/dev/null', 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.cli ?? here('../src/server/cli.js')], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), ...options.env },
    stdio: ['ignore', fd, 'inherit'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  closeSync(fd);
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, startMs: performance.now() - started };
    } catch {
      if (performance.now() - started > (options.startTimeoutMs ?? 10_000)) throw new Error('the proxy did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** A process's resident memory now (VmRSS) or at its peak so far (VmHWM), in MiB (Linux; NaN elsewhere). */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Pins a process, all its threads, to the CPUs in `cpus` (`taskset -a -cp`), so that a server and
 * the load generator do not take each other's core. Returns false where taskset is not there.
 */
export function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
