/**
 * `npx offer-wall-proxy` / `npm run proxy`: the reference backend endpoint as a program,
 * configured by environment variables (see README). Refuses to start on a bad configuration or a
 * place it cannot listen on, naming the variable (exit 2); stops gracefully on SIGTERM and SIGINT
 * (exit 0). Logs JSON lines on stdout (see `core/log.ts`).
 */
import { startServer, type RunningServer } from '../adapters/node.js';
import { ConfigError, configFromEnv, shownUrl, type RewardsConfig } from '../config.js';
import { createLogWriter, type LogWriter } from '../core/log.js';
import { Ledger } from '../rewards/ledger/ledger.js';
import { migrate } from '../rewards/ledger/migrations.js';
import { DatabaseError, openEmbedded, openPostgres } from '../rewards/ledger/open-node.js';
import type { RewardsOptions } from '../rewards/routes.js';
import { startWebhookWorker } from '../rewards/webhook/outbox.js';

const refuse = (problem: string): never => {
  console.error(`offer-wall proxy cannot start:\n  - ${problem}`);
  process.exit(2);
};

/** The ledger and the webhook worker, when rewards are on. */
async function openRewards(config: RewardsConfig, log: LogWriter) {
  let ledger: Ledger;
  try {
    const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openEmbedded(config.dataDir);
    ledger = new Ledger(db);
    const applied = await migrate(db);
    if (applied.length) log.info(`ledger migrated to version ${applied[applied.length - 1]}`);
  } catch (error) {
    if (error instanceof DatabaseError) return refuse(`${error.variable}: ${error.message}`);
    throw error;
  }
  const worker = config.webhook
    ? startWebhookWorker(ledger, { ...config.webhook, onError: (error) => log.error(`webhook delivery failed: ${(error as Error)?.message ?? error}`) })
    : null;
  const options: RewardsOptions = {
    profile: config.profile,
    ...(config.postbackSecret ? { postbackSecret: config.postbackSecret } : {}),
    ...(config.postbackIps ? { postbackIps: config.postbackIps } : {}),
    userSecret: config.userSecret,
    ledger,
    webhook: !!config.webhook,
    ...(worker ? { onStored: worker.nudge } : {}),
  };
  const where = config.databaseUrl ? `PostgreSQL at ${shownUrl(config.databaseUrl)}` : `the embedded database in ${config.dataDir}`;
  return {
    options,
    where,
    close: async () => {
      await worker?.stop();
      await ledger.close();
    },
  };
}

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

/** Runs the program: the server on the environment's configuration, until SIGTERM or SIGINT. */
export async function main(): Promise<void> {
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
  const { options, port, host, logLevel, upstreamConnections } = config;
  const log = createLogWriter(logLevel);
  process.on('exit', () => log.flush());
  const rewards = config.rewards ? await openRewards(config.rewards, log) : null;
  let running: RunningServer;
  try {
    running = await startServer({ ...options, upstreamConnections, ...(log.request ? { log: log.request } : {}), ...(rewards ? { rewards: rewards.options } : {}) }, port, host);
  } catch (error) {
    const problem = listenProblem(error as NodeJS.ErrnoException, port, host);
    if (!problem) throw error;
    await rewards?.close();
    return refuse(problem);
  }
  const origins = options.allowedOrigins?.length ? options.allowedOrigins.join(', ') : 'same origin only';
  const cacheMiB = ((options.cacheMaxBytes ?? 0) / 1024 / 1024).toFixed(0);
  log.info(
    `offer-wall proxy (${options.format}) listening on ${running.url}/offers for ${shownUrl(options.upstream)}; ` +
      `CORS: ${origins}; cache ${options.cacheSeconds}s, ${cacheMiB} MiB` +
      (rewards ? `; rewards (${config.rewards!.profile}) at /postback and /rewards, ledger in ${rewards.where}` : ''),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: answering the requests already received, then stopping`);
    void running
      .close()
      .then(() => rewards?.close())
      .then(() => {
        log.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
