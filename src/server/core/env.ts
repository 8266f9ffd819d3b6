/**
 * How the program's environment variables are declared and checked: each feature declares its
 * own (`offers/variables.ts`, `rewards/variables.ts`, the shared ones below) as a zod rule with
 * what it means and its default; `config.ts` puts them in one schema, so every problem is named
 * by its variable at once, and the docs' table of variables is generated from the same lists.
 * Internal: the package's public types do not reach zod (bundled into dist/server).
 */
import * as z from 'zod';
import { parseAddressList, parseTrustProxy } from './address.js';
import { LOG_LEVELS } from './log.js';
import { httpUrl } from './url.js';

export interface Variable {
  /** What it means, for the docs' table. */
  meaning: string;
  /** Its default, in words, for the docs' table. */
  default: string;
  schema: z.ZodType;
  /** Its value is a secret: never printed. */
  secret?: boolean;
  /** Its value may hold a secret: printed only as `shownUrl` makes it. */
  url?: boolean;
}

/** A check across variables, run even when some are bad (every problem is reported in one go). */
export type CrossCheck<T> = (env: T, problem: (name: string, message: string) => void) => void;

/** A variable as the program reads it: trimmed, and blank the same as unset. */
export const variable = () =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined);

export function wholeNumber(fallback: number, min: number, max: number) {
  return variable()
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `must be a whole number from ${min} to ${max}`,
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));
}

/** A comma-separated list of addresses and CIDR ranges, parsed (undefined when unset). */
export const addressList = () =>
  variable().transform((text, context) => {
    if (text === undefined) return undefined;
    try {
      return parseAddressList(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `must be addresses and CIDR ranges: ${(error as Error).message}` });
      return z.NEVER;
    }
  });

function isOrigin(text: string): boolean {
  return httpUrl(text)?.origin === text.replace(/\/$/, '');
}

/** What every route shares: who may call it from a page, whose address a request carries, the log. */
export const CORE_VARIABLES = {
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
  OFFER_WALL_TRUST_PROXY: {
    meaning:
      'how many proxy hops in front of it (`1`), or which addresses and CIDR ranges (`10.0.0.0/8, 127.0.0.1`), may set `X-Forwarded-For`',
    default: "none: the peer's own address",
    schema: variable().transform((text, context) => {
      if (text === undefined) return undefined;
      try {
        return parseTrustProxy(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `must be a number of hops or addresses and CIDR ranges: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  },
  OFFER_WALL_METRICS_IPS: {
    meaning: 'comma-separated addresses and CIDR ranges that may read `/metrics` (Prometheus)',
    default: 'loopback only (`127.0.0.1/8, ::1`)',
    schema: variable().transform((text, context) => {
      try {
        return parseAddressList(text ?? '127.0.0.0/8, ::1');
      } catch (error) {
        context.addIssue({ code: 'custom', message: `must be addresses and CIDR ranges: ${(error as Error).message}` });
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
} satisfies Record<string, Variable>;
