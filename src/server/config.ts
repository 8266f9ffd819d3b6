/**
 * The CLI's configuration from environment variables, validated with one zod schema. Every
 * problem is collected and named by its variable (the issue's path), so a bad deployment fails at
 * start with one clear message instead of at the first user. A secret's value is never printed.
 */
import * as z from 'zod';
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

const SECRETS: ReadonlySet<string> = new Set(['OFFER_WALL_APP_ID', 'OFFER_WALL_PUBLISHER_TOKEN']);

/** A variable as the program reads it: trimmed, and blank the same as unset. */
const variable = () =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined);

const FORMATS = ['s2s', 'appcharge'] as const;

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isOrigin(text: string): boolean {
  return isHttpUrl(text) && new URL(text).origin === text.replace(/\/$/, '');
}

function wholeNumber(fallback: number, min: number, max: number) {
  return variable()
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `must be a whole number from ${min} to ${max}`,
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));
}

const Environment = z
  .object({
    OFFER_WALL_FORMAT: variable().pipe(
      z.enum(FORMATS, { error: (issue) => (issue.input === undefined ? 'is required: s2s or appcharge' : 'must be s2s or appcharge') }),
    ),
    OFFER_WALL_UPSTREAM: variable().pipe(
      z.string({ error: "is required: the upstream API's URL" }).refine(isHttpUrl, 'must be an absolute http(s) URL'),
    ),
    // The secrets are checked for presence only (below), so no message ever needs their value.
    OFFER_WALL_APP_ID: variable(),
    OFFER_WALL_PUBLISHER_TOKEN: variable(),
    OFFER_WALL_ALLOWED_ORIGINS: variable()
      .transform((list) => (list ?? '').split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .refine(isOrigin, { error: (issue) => `has "${String(issue.input)}", which is not an origin such as https://app.example` })
            .transform((origin) => new URL(origin).origin),
        ),
      ),
    OFFER_WALL_CACHE_S: wholeNumber(60, 0, 86_400),
    OFFER_WALL_TIMEOUT_MS: wholeNumber(8000, 1, 120_000),
    OFFER_WALL_CACHE_MAX_BYTES: wholeNumber(64 * 1024 * 1024, 0, 2 ** 40),
    OFFER_WALL_LOG_LEVEL: variable()
      .transform((level) => level?.toLowerCase() ?? 'info')
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
    PORT: wholeNumber(8787, 0, 65_535),
    HOST: variable().transform((host) => host ?? '127.0.0.1'),
  })
  .superRefine(
    (env, ctx) => {
      // Which secret is required depends on the format, so this runs even when other variables
      // are bad (`when`): every problem is reported in one go.
      const secret = env.OFFER_WALL_FORMAT === 's2s' ? 'OFFER_WALL_APP_ID' : env.OFFER_WALL_FORMAT === 'appcharge' ? 'OFFER_WALL_PUBLISHER_TOKEN' : null;
      if (secret && !env[secret]) {
        ctx.addIssue({ code: 'custom', path: [secret], message: `is required when OFFER_WALL_FORMAT is ${env.OFFER_WALL_FORMAT}` });
      }
    },
    { when: () => true },
  );

/** One line per problem, starting with the variable's name; the value is quoted unless secret. */
function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0]);
  const value = env[name]?.trim();
  // A list's entry quotes itself in its message; the whole list would only repeat it.
  const shown = value && !SECRETS.has(name) && issue.path.length === 1 ? `="${value}"` : '';
  return `${name}${shown} ${issue.message}`;
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const result = Environment.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => describe(issue, env)));
  const config = result.data;
  const format = config.OFFER_WALL_FORMAT;
  return {
    options: {
      format,
      upstream: config.OFFER_WALL_UPSTREAM,
      ...(format === 's2s' ? { appId: config.OFFER_WALL_APP_ID! } : { publisherToken: config.OFFER_WALL_PUBLISHER_TOKEN! }),
      allowedOrigins: config.OFFER_WALL_ALLOWED_ORIGINS,
      cacheSeconds: config.OFFER_WALL_CACHE_S,
      cacheMaxBytes: config.OFFER_WALL_CACHE_MAX_BYTES,
      timeoutMs: config.OFFER_WALL_TIMEOUT_MS,
    },
    port: config.PORT,
    host: config.HOST,
    logLevel: config.OFFER_WALL_LOG_LEVEL,
  };
}
