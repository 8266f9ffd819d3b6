/**
 * `offer-wall-proxy` (`serve`, the default command): the reference backend endpoint as a program,
 * configured by environment variables (docs/backend.md). Refuses to start on a bad configuration
 * or a place it cannot listen on, naming the variable (exit 2); says what it is doing while the
 * ledger's database starts; keeps the webhook worker and the ledger's upkeep going; stops
 * gracefully on SIGTERM and SIGINT (exit 0). Logs JSON lines on stdout (see `core/log.ts`).
 */
import { startServer, type RunningServer } from '../adapters/node.js';
import { prometheusMetrics } from '../adapters/prometheus.js';
import { ConfigError, configFromEnv, shownUrl, type RewardsConfig } from '../config.js';
import { createLogWriter, describeError, type LogWriter } from '../core/log.js';
import type { Metrics } from '../core/metrics.js';
import { startUpkeep } from '../rewards/ledger/audit.js';
import { Ledger } from '../rewards/ledger/ledger.js';
import { migrate, MigrationError } from '../rewards/ledger/migrations.js';
import { DatabaseError } from '../rewards/ledger/database.js';
import { openEmbedded } from '../rewards/ledger/embedded.js';
import { openPostgres } from '../rewards/ledger/postgres.js';
import type { RewardsOptions } from '../rewards/routes.js';
import { outboxCounts } from '../rewards/webhook/store.js';
import { startWebhookWorker } from '../rewards/webhook/worker.js';

const refuse = (problem: string): never => {
  console.error(`offer-wall proxy cannot start:\n  - ${problem}`);
  process.exit(2);
};

/** The ledger, its webhook worker and its upkeep, when rewards are on. */
async function openRewards(config: RewardsConfig, log: LogWriter, metrics: Metrics) {
  let ledger: Ledger;
  const where = config.databaseUrl ? `PostgreSQL at ${shownUrl(config.databaseUrl)}` : `the embedded database in ${config.dataDir}`;
  try {
    const started = Date.now();
    // The embedded database takes seconds to start (its first start creates it): say so.
    log.info(config.databaseUrl ? `opening the ledger: ${where}` : `opening the ledger: ${where} (its first start creates it, which takes a while)`);
    log.flush();
    const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openEmbedded(config.dataDir);
    ledger = new Ledger(db);
    log.info(`ledger open in ${((Date.now() - started) / 1000).toFixed(1)} s; checking its migrations`);
    const applied = await migrate(db);
    if (applied.length) log.info(`ledger migrated to version ${applied[applied.length - 1]}`);
  } catch (error) {
    if (error instanceof DatabaseError) return refuse(`${error.variable}: ${error.message}`);
    if (error instanceof MigrationError) return refuse(`${config.databaseUrl ? 'OFFER_WALL_DATABASE_URL' : 'OFFER_WALL_DATA_DIR'}: ${error.message}`);
    throw error;
  }
  const webhook = config.webhook;
  const worker = webhook
    ? startWebhookWorker(ledger, {
        ...webhook,
        onError: (error) => log.error(`webhook delivery failed: ${describeError(error)}`),
        onAttempt: (outcome, event, problem) => {
          metrics.webhook(outcome);
          if (outcome === 'parked') log.warn(`webhook event ${event.id} parked after ${webhook.giveUpHours} h of refusals (last: ${problem}); offer-wall-proxy ledger resend ${event.id}`);
        },
      })
    : null;
  const upkeep = startUpkeep(ledger, {
    auditDays: config.auditDays,
    onError: (error) => log.error(`ledger upkeep failed: ${describeError(error)}`),
    onDone: (pruned, expired) => (pruned || expired) && log.info(`ledger upkeep: ${pruned} audit lines older than ${config.auditDays} days pruned, ${expired} taps pending over 30 days expired`),
  });
  const options: RewardsOptions = {
    networks: config.networks.map((network) => ({ profile: network.profile, ...(network.secret ? { secret: network.secret } : {}), ...(network.ips ? { ips: network.ips } : {}) })),
    userSecret: config.userSecret,
    ledger,
    logError: (message) => log.error(message),
    logUsers: config.logUsers,
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    webhook: !!webhook,
    ...(worker ? { onStored: worker.nudge } : {}),
  };
  return {
    options,
    where,
    outbox: () => outboxCounts(ledger.db),
    close: async () => {
      await worker?.stop();
      await upkeep.stop();
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

/** Runs the server on the environment's configuration, until SIGTERM or SIGINT. */
export async function serve(): Promise<void> {
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
  let outbox: (() => Promise<{ backlog: number; parked: number }>) | null = null;
  const metrics = prometheusMetrics({ allowed: config.metricsIps, outbox: () => (outbox ? outbox() : Promise.resolve({ backlog: 0, parked: 0 })) });
  const rewards = config.rewards ? await openRewards(config.rewards, log, metrics.metrics) : null;
  outbox = rewards?.outbox ?? null;
  let running: RunningServer;
  try {
    running = await startServer({ ...options, upstreamConnections, metrics, ...(log.request ? { log: log.request } : {}), ...(rewards ? { rewards: rewards.options } : {}) }, port, host);
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
      (rewards
        ? `; rewards for ${config.rewards!.networks.map((n) => n.profile).join(', ')} at ${config.rewards!.networks.length === 1 ? '/postback, ' : ''}${config.rewards!.networks.map((n) => `/postback/${n.profile}`).join(', ')} and /rewards, ledger in ${rewards.where}`
        : '') +
      '; metrics at /metrics',
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
