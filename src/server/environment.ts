/**
 * Every environment variable the program reads, declared once: its zod rule, what it means and
 * its default. `config.ts` checks them all at once with the schema made here; the README's table
 * of variables is generated from the same list (`npm run docs`). Internal: the package's public
 * types do not reach zod (a dependency only of the build, bundled into dist/server).
 */
import * as z from 'zod';
import { parseAddressList, parseTrustProxy } from './address.js';
import { DEFAULTS, MiB } from './defaults.js';
import { LOG_LEVELS } from './log.js';
import { PROFILE_NAMES, PROFILES } from './profiles.js';
import { httpUrl } from './url.js';

/** A variable as the program reads it: trimmed, and blank the same as unset. */
const variable = () =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined);

function wholeNumber(fallback: number, min: number, max: number) {
  return variable()
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `must be a whole number from ${min} to ${max}`,
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));
}



function isOrigin(text: string): boolean {
  return httpUrl(text)?.origin === text.replace(/\/$/, '');
}

export interface Variable {
  /** What it means, for the README's table. */
  meaning: string;
  /** Its default, in words, for the README's table. */
  default: string;
  schema: z.ZodType;
  /** Its value is a secret: never printed. */
  secret?: boolean;
  /** Its value may hold a secret: printed only as `shownUrl` makes it. */
  url?: boolean;
}

/** Every variable the program reads, in the README's order. */
export const VARIABLES = {
  OFFER_WALL_FORMAT: {
    meaning: '`s2s` or `appcharge`',
    default: 'required',
    schema: variable().pipe(
      z.enum(['s2s', 'appcharge'], { error: (issue) => (issue.input === undefined ? 'is required: s2s or appcharge' : 'must be s2s or appcharge') }),
    ),
  },
  OFFER_WALL_UPSTREAM: {
    meaning: "the upstream API's URL (no user name or password in it: the secret has its own variable)",
    default: 'required',
    url: true,
    schema: variable().pipe(
      z
        .string({ error: "is required: the upstream API's URL" })
        .refine((text) => httpUrl(text) !== null, 'must be an absolute http(s) URL')
        .refine((text) => !httpUrl(text)?.username && !httpUrl(text)?.password, {
          message: 'must not hold a user name or password: give the secret in OFFER_WALL_APP_ID or OFFER_WALL_PUBLISHER_TOKEN',
        }),
    ),
  },
  // The secrets are checked for presence only (below), so no message ever needs their value.
  OFFER_WALL_APP_ID: { meaning: 's2s `app_id`', default: 'required for s2s', secret: true, schema: variable() },
  OFFER_WALL_PUBLISHER_TOKEN: { meaning: 'appcharge `x-publisher-token`', default: 'required for appcharge', secret: true, schema: variable() },
  OFFER_WALL_ALLOWED_ORIGINS: {
    meaning: 'comma-separated origins granted CORS',
    default: 'none (same origin only)',
    schema: variable()
      .transform((list) => (list ?? '').split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .refine(isOrigin, { error: (issue) => `has "${String(issue.input)}", which is not an origin such as https://app.example` })
            .transform((origin) => new URL(origin).origin),
        ),
      ),
  },
  OFFER_WALL_CACHE_S: {
    meaning: 'seconds an upstream answer is reused for the same query',
    default: `\`${DEFAULTS.cacheSeconds}\``,
    schema: wholeNumber(DEFAULTS.cacheSeconds, 0, 86_400),
  },
  OFFER_WALL_CACHE_MAX_BYTES: {
    meaning: 'most bytes of answers the cache holds (whole number of bytes)',
    default: `\`${DEFAULTS.cacheMaxBytes}\` (${DEFAULTS.cacheMaxBytes / MiB} MiB)`,
    schema: wholeNumber(DEFAULTS.cacheMaxBytes, 0, 2 ** 40),
  },
  OFFER_WALL_TIMEOUT_MS: {
    meaning: 'time limit of an upstream call, headers and body together',
    default: `\`${DEFAULTS.timeoutMs}\``,
    schema: wholeNumber(DEFAULTS.timeoutMs, 1, 120_000),
  },
  OFFER_WALL_MAX_BODY_BYTES: {
    meaning: 'the largest upstream answer read, compressed or not (counted as decompressed); past it, 502 and nothing kept',
    default: `\`${DEFAULTS.maxBodyBytes}\` (${DEFAULTS.maxBodyBytes / MiB} MiB, a few times a 10,000-offer page)`,
    schema: wholeNumber(DEFAULTS.maxBodyBytes, 1024, 2 ** 32),
  },
  OFFER_WALL_MAX_UPSTREAM: {
    meaning: 'upstream calls running at once; four times as many wait their turn, and beyond that a request is answered 503 with `Retry-After`',
    default: `\`${DEFAULTS.maxUpstreamCalls}\``,
    schema: wholeNumber(DEFAULTS.maxUpstreamCalls, 1, 1000),
  },
  OFFER_WALL_TRUST_PROXY: {
    meaning:
      'how many proxy hops in front of it (`1`), or which addresses and CIDR ranges (`10.0.0.0/8, 127.0.0.1`), may set `X-Forwarded-For`',
    default: "none: the peer's own address",
    schema: variable()
      .transform((text, context) => {
        if (text === undefined) return undefined;
        try {
          return parseTrustProxy(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: `must be a number of hops or addresses and CIDR ranges: ${(error as Error).message}` });
          return z.NEVER;
        }
      }),
  },
  OFFER_WALL_LOG_LEVEL: {
    meaning: '`info` (a line per request), `warn` (only 5xx answers), `error`, `silent`',
    default: '`info`',
    schema: variable()
      .transform((level) => level?.toLowerCase() ?? 'info')
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  },
  OFFER_WALL_POSTBACK_PROFILE: {
    meaning: `the network's postback format: ${PROFILE_NAMES.map((name) => `\`${name}\``).join(', ')} (see Rewards)`,
    default: 'none: rewards off',
    schema: variable().pipe(z.enum(PROFILE_NAMES, { error: `must be one of ${PROFILE_NAMES.join(', ')}` }).optional()),
  },
  OFFER_WALL_POSTBACK_SECRET: {
    meaning: 'the key the network signs postbacks with',
    default: 'required for a profile that signs',
    secret: true,
    schema: variable(),
  },
  OFFER_WALL_POSTBACK_IPS: {
    meaning: 'comma-separated addresses and CIDR ranges allowed to send postbacks',
    default: 'none: any (required for `adgate`, which does not sign)',
    schema: variable().transform((text, context) => {
      if (text === undefined) return undefined;
      try {
        return parseAddressList(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `must be addresses and CIDR ranges: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  },
  OFFER_WALL_USER_SECRET: {
    meaning: 'the key of the user tokens (at least 16 characters)',
    default: 'required when rewards are on',
    secret: true,
    schema: variable().refine((value) => value === undefined || value.length >= 16, 'must be at least 16 characters'),
  },
  OFFER_WALL_DATABASE_URL: {
    meaning: '`postgres://…`: keep the ledger in this PostgreSQL, shared by every instance',
    default: 'none: the embedded database in `OFFER_WALL_DATA_DIR`',
    url: true,
    schema: variable().refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),
  },
  OFFER_WALL_DATA_DIR: {
    meaning: 'folder of the embedded database (one instance at a time)',
    default: '`./offer-wall-data`',
    schema: variable().transform((dir) => dir ?? './offer-wall-data'),
  },
  OFFER_WALL_WEBHOOK_URL: {
    meaning: "where your own server is told of every credit and reversal (POST, JSON, signed)",
    default: 'none',
    url: true,
    schema: variable().refine((value) => value === undefined || httpUrl(value) !== null, 'must be an absolute http(s) URL'),
  },
  OFFER_WALL_WEBHOOK_SECRET: { meaning: 'the key that signs the webhook (`Offer-Wall-Signature`)', default: 'required with `OFFER_WALL_WEBHOOK_URL`', secret: true, schema: variable() },
  PORT: { meaning: 'the port it listens on', default: `\`${DEFAULTS.port}\``, schema: wholeNumber(DEFAULTS.port, 0, 65_535) },
  HOST: { meaning: 'the address it listens on', default: `\`${DEFAULTS.host}\``, schema: variable().transform((host) => host ?? DEFAULTS.host) },
} satisfies Record<string, Variable>;

export type Parsed = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]['schema']> };

export const schema = z
  .object(Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]['schema'] })
  .superRefine(
    (env, ctx) => {
      // Which secret is required depends on the format, so this runs even when other variables
      // are bad (`when`): every problem is reported in one go.
      const format = env.OFFER_WALL_FORMAT;
      const secret = format === 's2s' ? 'OFFER_WALL_APP_ID' : format === 'appcharge' ? 'OFFER_WALL_PUBLISHER_TOKEN' : null;
      if (secret && !env[secret]) ctx.addIssue({ code: 'custom', path: [secret], message: `is required when OFFER_WALL_FORMAT is ${format}` });
      const profile = env.OFFER_WALL_POSTBACK_PROFILE;
      const required = (name: string, why: string) => ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
      if (profile) {
        if (PROFILES[profile].signature && !env.OFFER_WALL_POSTBACK_SECRET) required('OFFER_WALL_POSTBACK_SECRET', `when OFFER_WALL_POSTBACK_PROFILE is ${profile}, which signs its postbacks`);
        if (!PROFILES[profile].signature && !env.OFFER_WALL_POSTBACK_IPS) {
          required('OFFER_WALL_POSTBACK_IPS', `when OFFER_WALL_POSTBACK_PROFILE is ${profile}, which does not sign its postbacks: list its senders`);
        }
        if (!env.OFFER_WALL_USER_SECRET) required('OFFER_WALL_USER_SECRET', 'when rewards are on (OFFER_WALL_POSTBACK_PROFILE is set)');
      }
      if (env.OFFER_WALL_WEBHOOK_URL && !env.OFFER_WALL_WEBHOOK_SECRET) required('OFFER_WALL_WEBHOOK_SECRET', 'with OFFER_WALL_WEBHOOK_URL');
    },
    { when: () => true },
  );

