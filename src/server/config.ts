/**
 * The CLI's configuration from environment variables. Every problem is collected and named by its
 * variable, so a bad deployment fails at start with one clear message instead of at the first user.
 */
import type { ProxyOptions } from './handler.js';
import { LOG_LEVELS, type LogLevel } from './log.js';

export interface ServerConfig {
  options: ProxyOptions;
  port: number;
  host: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`offer-wall proxy cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return Number(raw);
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  const format = env['OFFER_WALL_FORMAT']?.trim();
  if (!format) problems.push('OFFER_WALL_FORMAT is required: s2s or appcharge');
  else if (format !== 's2s' && format !== 'appcharge') problems.push(`OFFER_WALL_FORMAT="${format}" must be s2s or appcharge`);

  const upstream = env['OFFER_WALL_UPSTREAM']?.trim();
  if (!upstream) problems.push("OFFER_WALL_UPSTREAM is required: the upstream API's URL");
  else {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(upstream).protocol);
    } catch {
      // reported below
    }
    if (!ok) problems.push(`OFFER_WALL_UPSTREAM="${upstream}" must be an absolute http(s) URL`);
  }

  // The secrets are checked for presence only: their values are never printed.
  const appId = env['OFFER_WALL_APP_ID']?.trim();
  const publisherToken = env['OFFER_WALL_PUBLISHER_TOKEN']?.trim();
  if (format === 's2s' && !appId) problems.push('OFFER_WALL_APP_ID is required when OFFER_WALL_FORMAT is s2s');
  if (format === 'appcharge' && !publisherToken) {
    problems.push('OFFER_WALL_PUBLISHER_TOKEN is required when OFFER_WALL_FORMAT is appcharge');
  }

  const allowedOrigins: string[] = [];
  for (const entry of (env['OFFER_WALL_ALLOWED_ORIGINS'] ?? '').split(',')) {
    const origin = entry.trim();
    if (!origin) continue;
    try {
      const url = new URL(origin);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) throw new Error();
      allowedOrigins.push(url.origin);
    } catch {
      problems.push(`OFFER_WALL_ALLOWED_ORIGINS has "${origin}", which is not an origin such as https://app.example`);
    }
  }

  const cacheSeconds = wholeNumber(env, 'OFFER_WALL_CACHE_S', 60, 0, 86_400, problems);
  const timeoutMs = wholeNumber(env, 'OFFER_WALL_TIMEOUT_MS', 8000, 1, 120_000, problems);
  const cacheMaxBytes = wholeNumber(env, 'OFFER_WALL_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0, 2 ** 40, problems);
  const logLevel = (env['OFFER_WALL_LOG_LEVEL']?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`OFFER_WALL_LOG_LEVEL="${logLevel}" must be one of ${LOG_LEVELS.join(', ')}`);
  const port = wholeNumber(env, 'PORT', 8787, 0, 65_535, problems);
  const host = env['HOST']?.trim() || '127.0.0.1';

  if (problems.length) throw new ConfigError(problems);
  return {
    options: {
      format: format as 's2s' | 'appcharge',
      upstream: upstream!,
      ...(format === 's2s' ? { appId: appId! } : { publisherToken: publisherToken! }),
      allowedOrigins,
      cacheSeconds,
      cacheMaxBytes,
      timeoutMs,
    },
    port,
    host,
    logLevel,
  };
}
