#!/usr/bin/env node
/**
 * `npx offer-wall-proxy` / `npm run proxy`: the reference backend endpoint as a program,
 * configured by environment variables (see README). Refuses to start on a bad configuration or a
 * place it cannot listen on, naming the variable (exit 2); stops gracefully on SIGTERM and SIGINT
 * (exit 0). Logs JSON lines on stdout (see log.ts).
 */
import { ConfigError, configFromEnv, shownUrl } from './config.js';
import { createLogWriter } from './log.js';
import { startServer } from './node.js';

/** Why the server could not listen, said in terms of the variables that set where. */
function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string | null {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT="${port}": another program already listens on ${host}:${port}`;
    case 'EACCES':
      return `PORT="${port}": this user may not listen on it (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `HOST="${host}" is not an address of this machine (${error.code})`;
    default:
      return null;
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { options, port, host, logLevel } = config;
  const log = createLogWriter(logLevel);
  process.on('exit', () => log.flush());
  let running;
  try {
    running = await startServer(log.request ? { ...options, log: log.request } : options, port, host);
  } catch (error) {
    const problem = listenProblem(error as NodeJS.ErrnoException, port, host);
    if (!problem) throw error;
    console.error(`offer-wall proxy cannot start:\n  - ${problem}`);
    process.exit(2);
  }
  const origins = options.allowedOrigins?.length ? options.allowedOrigins.join(', ') : 'same origin only';
  const cacheMiB = ((options.cacheMaxBytes ?? 0) / 1024 / 1024).toFixed(0);
  log.info(
    `offer-wall proxy (${options.format}) listening on ${running.url}/offers for ${shownUrl(options.upstream)}; ` +
      `CORS: ${origins}; cache ${options.cacheSeconds}s, ${cacheMiB} MiB`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: answering the requests already received, then stopping`);
    void running.close().then(() => {
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`offer-wall proxy failed: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
