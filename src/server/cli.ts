#!/usr/bin/env node
/**
 * `npx offer-wall-proxy` / `npm run proxy`: the reference backend endpoint as a program,
 * configured by environment variables (see README). Refuses to start on a bad configuration;
 * stops gracefully on SIGTERM and SIGINT. Logs JSON lines on stdout (see log.ts).
 */
import { ConfigError, configFromEnv } from './config.js';
import { createLogWriter } from './log.js';
import { startServer } from './node.js';

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
  const running = await startServer(log.request ? { ...options, log: log.request } : options, port, host);
  const origins = options.allowedOrigins?.length ? options.allowedOrigins.join(', ') : 'same origin only';
  const cacheMiB = ((options.cacheMaxBytes ?? 0) / 1024 / 1024).toFixed(0);
  log.info(`offer-wall proxy (${options.format}) listening on ${running.url}/offers; CORS: ${origins}; cache ${options.cacheSeconds}s, ${cacheMiB} MiB`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => {
      log.error('requests still running after 10 s; stopping anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
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
