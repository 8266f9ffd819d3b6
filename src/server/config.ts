/**
 * The program's configuration from environment variables: every feature's declared variables
 * in one zod schema (`variables.ts`), so every
 * problem is named by its variable at once and a bad deployment fails at start, not at the first
 * user. A secret's value is never printed, nor the query or credentials of a URL (which may hold one).
 */
import type { ProxyOptions } from './app.js';
import type { AddressList, TrustProxy } from './core/address.js';
import type { Variable } from './core/env.js';
import type { LogLevel } from './core/log.js';
import { shownUrl } from './core/url.js';
import type { LogUsers } from './rewards/routes.js';
import type { ProfileName } from './rewards/postbacks/profiles.js';
import { networksFromEnv } from './rewards/variables.js';
import { schema, VARIABLES, type Parsed } from './variables.js';

export { shownUrl } from './core/url.js';

/** One network whose postbacks are received: its key and its senders, as the environment gives them. */
export interface NetworkConfig {
  profile: ProfileName;
  secret: string | undefined;
  ips: AddressList | undefined;
}

/** The rewards' settings (null when OFFER_WALL_POSTBACK_PROFILE is not set). */
export interface RewardsConfig {
  /** The networks whose postbacks are received, each with its key and senders. */
  networks: NetworkConfig[];
  userSecret: string;
  /** A PostgreSQL server's URL, or null for the embedded database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  webhook: { url: string; secret: string; giveUpHours: number } | null;
  auditDays: number;
  adminToken: string | undefined;
  logUsers: LogUsers;
}

export interface ServerConfig {
  options: ProxyOptions;
  /** Keep-alive connections to the upstream (the Node runner's pool). */
  upstreamConnections: number;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Who may read `/metrics`. */
  metricsIps: AddressList;
  rewards: RewardsConfig | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`offer-wall proxy cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One line per problem, starting with the variable's name; the value is quoted unless secret. */
function describe(issue: { path: PropertyKey[]; message: string }, env: Environment): string {
  const name = String(issue.path[0]);
  const declared = (VARIABLES as Record<string, Variable>)[name];
  const value = env[name]?.trim();
  // A list's entry quotes itself in its message; the whole list would only repeat it.
  let shown = value && !declared?.secret && issue.path.length === 1 ? value : '';
  if (shown && declared?.url) shown = shownUrl(shown);
  return `${name}${shown ? `="${shown}"` : ''} ${issue.message}`;
}

export function configFromEnv(env: Environment): ServerConfig {
  const result = schema.safeParse(env);
  // Each network's own variables have names the schema cannot know in advance: read beside it.
  const profiles = VARIABLES.OFFER_WALL_POSTBACK_PROFILE.schema.safeParse(env['OFFER_WALL_POSTBACK_PROFILE']);
  const { networks, problems } = networksFromEnv(env, profiles.success ? profiles.data : []);
  if (!result.success || problems.length) throw new ConfigError([...(result.error?.issues.map((issue) => describe(issue, env)) ?? []), ...problems]);
  const config = result.data as Parsed;
  const format = config.OFFER_WALL_FORMAT;
  const trustProxy: TrustProxy | undefined = config.OFFER_WALL_TRUST_PROXY;
  return {
    options: {
      format,
      upstream: config.OFFER_WALL_UPSTREAM,
      ...(format === 's2s' ? { appId: config.OFFER_WALL_APP_ID! } : { publisherToken: config.OFFER_WALL_PUBLISHER_TOKEN! }),
      allowedOrigins: config.OFFER_WALL_ALLOWED_ORIGINS,
      cacheSeconds: config.OFFER_WALL_CACHE_S,
      cacheMaxBytes: config.OFFER_WALL_CACHE_MAX_BYTES,
      timeoutMs: config.OFFER_WALL_TIMEOUT_MS,
      maxBodyBytes: config.OFFER_WALL_MAX_BODY_BYTES,
      maxMemoryBytes: config.OFFER_WALL_MAX_MEMORY_MB,
      ...(trustProxy !== undefined ? { trustProxy } : {}),
    },
    upstreamConnections: config.OFFER_WALL_MAX_UPSTREAM,
    port: config.PORT,
    host: config.HOST,
    logLevel: config.OFFER_WALL_LOG_LEVEL,
    metricsIps: config.OFFER_WALL_METRICS_IPS,
    rewards: networks.length
      ? {
          networks,
          userSecret: config.OFFER_WALL_USER_SECRET!,
          databaseUrl: config.OFFER_WALL_DATABASE_URL ?? null,
          dataDir: config.OFFER_WALL_DATA_DIR,
          webhook: config.OFFER_WALL_WEBHOOK_URL
            ? { url: config.OFFER_WALL_WEBHOOK_URL, secret: config.OFFER_WALL_WEBHOOK_SECRET!, giveUpHours: config.OFFER_WALL_WEBHOOK_GIVE_UP_H }
            : null,
          auditDays: config.OFFER_WALL_AUDIT_DAYS,
          adminToken: config.OFFER_WALL_ADMIN_TOKEN,
          logUsers: config.OFFER_WALL_LOG_USERS,
        }
      : null,
  };
}
