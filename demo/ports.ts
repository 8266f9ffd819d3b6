/**
 * The ports `npm run demo:proxy` listens on, checked before it starts anything: a port another
 * program holds is named, with that program when this machine can tell (Linux's /proc), and what
 * to do about it. Without this, the demo's page server failed last, after the proxies had printed
 * a URL to open that was served by whatever held the port.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';

export interface PortNeed {
  port: number;
  /** What listens there, in words ("the demo page"). */
  role: string;
  /** Whether `--port` can move it (only the page's port can: the page calls the others by number). */
  movable?: boolean;
}

export interface PortHolder {
  pid: number;
  command: string;
  /** The command line of its parent process (vite started by `npm run demo:proxy`, say). */
  parent: string;
}

const commandLine = (pid: number | string) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');

/** Whether something accepts connections on the port, on IPv4 or IPv6 loopback. */
export async function inUse(port: number): Promise<boolean> {
  const attempt = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ port, host });
      socket.setTimeout(1000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
  const answers = await Promise.all(['127.0.0.1', '::1'].map(attempt));
  return answers.includes(true);
}

/**
 * The process listening on a TCP port, found through /proc (Linux; only processes this user may
 * look into). Null when it cannot be told.
 */
export function holderOf(port: number): PortHolder | null {
  try {
    const sockets = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text: string;
      try {
        text = readFileSync(table, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n').slice(1)) {
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        const columns = line.trim().split(/\s+/);
        const [, local, , state] = columns;
        const inode = columns[9];
        if (!local || state !== '0A' || !inode || inode === '0') continue; // 0A: LISTEN
        if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) sockets.add(inode);
      }
    }
    if (sockets.size === 0) return null;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let descriptors: string[];
      try {
        descriptors = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of descriptors) {
        let target: string;
        try {
          target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue;
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && sockets.has(inode)) {
          let parent = '';
          try {
            const ppid = /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
            if (ppid && ppid !== '0') parent = commandLine(ppid);
          } catch {
            // The parent has gone, or is not ours to read.
          }
          return { pid: Number(pid), command: commandLine(pid), parent };
        }
      }
    }
  } catch {
    // Not Linux, or /proc not readable: the message then guesses from the port alone.
  }
  return null;
}

/** Which of this project's commands the holder probably is, from its command line or the port. */
export function likelyCommand(port: number, holder: PortHolder | null): string | null {
  const command = holder?.command ?? '';
  if (/proxy-mode\.js/.test(command) || /proxy-mode\.js/.test(holder?.parent ?? '')) return 'another `npm run demo:proxy`';
  if (/vite/.test(command)) return '`npm run demo` (vite)';
  if (/offer-wall-proxy|server\/cli\.js/.test(command)) return '`npm run proxy` or `offer-wall-proxy`';
  if (holder) return null;
  if (port === 5173) return '`npm run demo` (5173 is vite’s default port)';
  if (port === 8787) return '`npm run proxy` or `offer-wall-proxy` (8787 is its default PORT)';
  if (port === 8788 || port === 8789 || port === 8790) return 'another `npm run demo:proxy`';
  return null;
}

/**
 * Checks every port and, when some are taken, returns what to tell the user (null when all are
 * free): each port, what needs it, who holds it, and how to go on.
 */
export async function explainBusyPorts(needs: PortNeed[], command: string): Promise<string | null> {
  const busy: PortNeed[] = [];
  for (const need of needs) if (await inUse(need.port)) busy.push(need);
  if (busy.length === 0) return null;
  const lines = [`\`${command}\` cannot start: ${busy.length === 1 ? 'a port it needs is' : 'ports it needs are'} already in use.`];
  const pids: number[] = [];
  for (const need of busy) {
    const holder = holderOf(need.port);
    const likely = likelyCommand(need.port, holder);
    const who = holder ? `held by pid ${holder.pid}: ${holder.command}${likely ? `, that is ${likely}` : ''}` : likely ? `probably held by ${likely}` : 'held by another program';
    if (holder && !pids.includes(holder.pid)) pids.push(holder.pid);
    lines.push(`  port ${need.port} (${need.role}): ${who}`);
  }
  lines.push('', 'To go on:');
  const one = pids.length <= 1;
  const terminal = one ? 'Ctrl+C in its terminal' : 'Ctrl+C in their terminals';
  const stop = pids.length > 0 ? ` (${terminal}, or \`kill ${pids.join(' ')}\`)` : ` (${terminal})`;
  const those = one ? 'that program' : 'those programs';
  lines.push(`  - stop ${those}${stop}, then run \`${command}\` again (it serves the demo page too: at / as \`npm run demo\` does, at /?proxy through the proxies);`);
  if (busy.every((need) => need.movable)) {
    const taken = new Set(needs.map((need) => need.port));
    let free = busy[0]!.port + 1;
    while (taken.has(free) || (await inUse(free))) free++;
    lines.push(`  - or serve the page on another port: \`${command} -- --port ${free}\` (then open the URL it prints).`);
  } else {
    lines.push(`  - the proxies' ports are fixed (the page calls 127.0.0.1:8787 and :8788), so they must be free.`);
  }
  return lines.join('\n');
}
