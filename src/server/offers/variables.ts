/** The offers proxy's environment variables (see `core/env.ts` for how they are declared and checked). */
import * as z from 'zod';
import { DEFAULTS, MiB } from '../core/defaults.js';
import { variable, wholeNumber, type CrossCheck, type Variable } from '../core/env.js';
import { httpUrl } from '../core/url.js';

export const OFFERS_VARIABLES = {
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
  OFFER_WALL_MAX_MEMORY_MB: {
    meaning:
      'the memory, in MiB, that answers may take together: those being read from the upstream, those in the cache, and those being written to clients. ' +
      'An upstream call starts once there is room for it, waiting while it could still be answered within `OFFER_WALL_TIMEOUT_MS`; past that, 503 with `Retry-After`',
    default: `\`${DEFAULTS.maxMemoryBytes / MiB}\` (fits a 512 MB container with Node itself)`,
    schema: wholeNumber(DEFAULTS.maxMemoryBytes / MiB, 8, 1_048_576).transform((mib) => mib * MiB),
  },
  OFFER_WALL_MAX_UPSTREAM: {
    meaning: 'keep-alive connections to the upstream, and so upstream calls running at once; more wait for a connection within their time limit',
    default: `\`${DEFAULTS.upstreamConnections}\``,
    schema: wholeNumber(DEFAULTS.upstreamConnections, 1, 10_000),
  },
} satisfies Record<string, Variable>;

/** Which secret is required depends on the format. */
export const checkOffersVariables: CrossCheck<{ OFFER_WALL_FORMAT?: string; OFFER_WALL_APP_ID?: string; OFFER_WALL_PUBLISHER_TOKEN?: string }> = (env, problem) => {
  const format = env.OFFER_WALL_FORMAT;
  const secret = format === 's2s' ? 'OFFER_WALL_APP_ID' : format === 'appcharge' ? 'OFFER_WALL_PUBLISHER_TOKEN' : null;
  if (secret && !env[secret]) problem(secret, `is required when OFFER_WALL_FORMAT is ${format}`);
};
