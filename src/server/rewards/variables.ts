/** The rewards' environment variables (see `core/env.ts` for how they are declared and checked). */
import * as z from 'zod';
import { parseAddressList, type AddressList } from '../core/address.js';
import { addressList, variable, wholeNumber, type CrossCheck, type Variable } from '../core/env.js';
import { httpUrl } from '../core/url.js';
import { PROFILE_NAMES, PROFILES, weakness, type ProfileName } from './postbacks/profiles.js';
import { DEFAULT_GIVE_UP_HOURS } from './webhook/worker.js';

const WEAK = PROFILE_NAMES.filter((name) => weakness(PROFILES[name]));
const LOG_USERS = ['hash', 'plain', 'omit'] as const;

export const REWARDS_VARIABLES = {
  OFFER_WALL_POSTBACK_PROFILE: {
    meaning: `the networks whose postbacks are received, comma-separated: ${PROFILE_NAMES.map((name) => `\`${name}\``).join(', ')}; each at \`/postback/<profile>\` (and \`/postback\` when there is one)`,
    default: 'none: rewards off',
    schema: variable()
      .transform((list) => (list ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))
      .pipe(
        z
          .array(z.enum(PROFILE_NAMES, { error: (issue) => `has "${String(issue.input)}", which is none of ${PROFILE_NAMES.join(', ')}` }))
          .refine((names) => new Set(names).size === names.length, 'names a profile twice'),
      ),
  },
  OFFER_WALL_POSTBACK_SECRET: {
    meaning: 'the key the network signs postbacks with, when there is one network',
    default: 'required for a profile that signs',
    secret: true,
    schema: variable(),
  },
  OFFER_WALL_POSTBACK_IPS: {
    meaning: 'comma-separated addresses and CIDR ranges allowed to send postbacks, when there is one network',
    default: `none: any (required for ${WEAK.map((name) => `\`${name}\``).join(', ')}, whose signatures cannot prove a postback by themselves)`,
    schema: addressList(),
  },
  'OFFER_WALL_POSTBACK_SECRET_<PROFILE>': {
    meaning: 'one network\'s key, with several (`OFFER_WALL_POSTBACK_SECRET_AYET`); also accepted with one',
    default: 'required for each profile that signs',
    secret: true,
    schema: z.undefined().optional(),
  },
  'OFFER_WALL_POSTBACK_IPS_<PROFILE>': {
    meaning: 'one network\'s senders, with several (`OFFER_WALL_POSTBACK_IPS_ADGATE`); also accepted with one',
    default: `none: any (required for ${WEAK.map((name) => `\`${name}\``).join(', ')})`,
    schema: z.undefined().optional(),
  },
  OFFER_WALL_USER_SECRET: {
    meaning: 'the key of the user tokens (at least 16 characters); during a rotation the new key, a comma, then the old one',
    default: 'required when rewards are on',
    secret: true,
    schema: variable().refine(
      (value) => value === undefined || (value.split(',').length <= 2 && value.split(',').every((key) => key.trim().length >= 16)),
      'must be one key of at least 16 characters, or two (the new one, a comma, the old one)',
    ),
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
    meaning: 'where your own server is told of every credit, reversal and adjustment (POST, JSON, signed)',
    default: 'none',
    url: true,
    schema: variable().refine((value) => value === undefined || httpUrl(value) !== null, 'must be an absolute http(s) URL'),
  },
  OFFER_WALL_WEBHOOK_SECRET: { meaning: 'the key that signs the webhook (`Offer-Wall-Signature`)', default: 'required with `OFFER_WALL_WEBHOOK_URL`', secret: true, schema: variable() },
  OFFER_WALL_WEBHOOK_GIVE_UP_H: {
    meaning: 'hours a webhook event may be refused before it is parked (kept, listed and sent again by `offer-wall-proxy ledger resend`)',
    default: `\`${DEFAULT_GIVE_UP_HOURS}\``,
    schema: wholeNumber(DEFAULT_GIVE_UP_HOURS, 1, 8760),
  },
  OFFER_WALL_AUDIT_DAYS: {
    meaning: 'days every postback received is kept, with its verdict (`offer-wall-proxy ledger postbacks`)',
    default: '`90`',
    schema: wholeNumber(90, 1, 3650),
  },
  OFFER_WALL_ADMIN_TOKEN: {
    meaning: "the token the command line shows the running server's admin routes (which answer only on this machine), at least 16 characters",
    default: 'none: any request from this machine',
    secret: true,
    schema: variable().refine((value) => value === undefined || value.length >= 16, 'must be at least 16 characters'),
  },
  OFFER_WALL_LOG_USERS: {
    meaning: "how a postback's user shows in the log: `hash` (a short keyed hash: one user's lines group together), `plain`, `omit`",
    default: '`hash`',
    schema: variable()
      .transform((value) => value?.toLowerCase() ?? 'hash')
      .pipe(z.enum(LOG_USERS, { error: `must be one of ${LOG_USERS.join(', ')}` })),
  },
} satisfies Record<string, Variable>;

type RewardsEnv = {
  OFFER_WALL_POSTBACK_PROFILE?: readonly ProfileName[];
  OFFER_WALL_TRUST_PROXY?: unknown;
  OFFER_WALL_USER_SECRET?: string | undefined;
  OFFER_WALL_WEBHOOK_URL?: string | undefined;
  OFFER_WALL_WEBHOOK_SECRET?: string | undefined;
};

/** What rewards need at all, across variables. (Each network's own: `networksFromEnv`.) */
export const checkRewardsVariables: CrossCheck<RewardsEnv> = (env, problem) => {
  const required = (name: string, why: string) => problem(name, `is required ${why}`);
  if (env.OFFER_WALL_POSTBACK_PROFILE?.length) {
    if (!env.OFFER_WALL_USER_SECRET) required('OFFER_WALL_USER_SECRET', 'when rewards are on (OFFER_WALL_POSTBACK_PROFILE is set)');
    if (typeof env.OFFER_WALL_TRUST_PROXY === 'number') {
      problem(
        'OFFER_WALL_TRUST_PROXY',
        "must list the proxies' addresses or CIDR ranges when rewards are on: a number of hops trusts whoever connects, who could then claim a network's address",
      );
    }
  }
  if (env.OFFER_WALL_WEBHOOK_URL && !env.OFFER_WALL_WEBHOOK_SECRET) required('OFFER_WALL_WEBHOOK_SECRET', 'with OFFER_WALL_WEBHOOK_URL');
};

/** One network's key and senders (`config.ts` declares the same shape for the program's configuration). */
interface NetworkConfig {
  profile: ProfileName;
  secret: string | undefined;
  ips: AddressList | undefined;
}

const PER_PROFILE = /^OFFER_WALL_POSTBACK_(SECRET|IPS)_(.+)$/;

/**
 * Each network's key and senders, from `OFFER_WALL_POSTBACK_SECRET_<PROFILE>` and
 * `OFFER_WALL_POSTBACK_IPS_<PROFILE>` (or, with one network, the unsuffixed variables), with a
 * problem (one line, starting with the variable's name) for each missing, bad or stray one.
 */
export function networksFromEnv(env: Readonly<Record<string, string | undefined>>, profiles: readonly ProfileName[]): { networks: NetworkConfig[]; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;
  const one = profiles.length === 1;
  if (!one) {
    for (const name of ['OFFER_WALL_POSTBACK_SECRET', 'OFFER_WALL_POSTBACK_IPS']) {
      if (value(name)) problems.push(`${name} is for one network; with several (${profiles.join(', ')}), give each its own: ${name}_${profiles[0]!.toUpperCase()}, …`);
    }
  }
  for (const name of Object.keys(env)) {
    const match = PER_PROFILE.exec(name);
    if (match && value(name) && !profiles.includes(match[2]!.toLowerCase() as ProfileName)) {
      problems.push(`${name} is set, but ${match[2]!.toLowerCase()} is not in OFFER_WALL_POSTBACK_PROFILE (${profiles.join(', ') || 'unset'})`);
    }
  }
  const networks = profiles.map((profile): NetworkConfig => {
    const suffix = profile.toUpperCase();
    const secretName = `OFFER_WALL_POSTBACK_SECRET_${suffix}`;
    const ipsName = `OFFER_WALL_POSTBACK_IPS_${suffix}`;
    const secret = value(secretName) ?? (one ? value('OFFER_WALL_POSTBACK_SECRET') : undefined);
    const ipsText = value(ipsName) ?? (one ? value('OFFER_WALL_POSTBACK_IPS') : undefined);
    const shownIps = value(ipsName) ? ipsName : one ? 'OFFER_WALL_POSTBACK_IPS' : ipsName;
    let ips: AddressList | undefined;
    if (ipsText) {
      try {
        ips = parseAddressList(ipsText);
      } catch (error) {
        problems.push(`${shownIps} must be addresses and CIDR ranges: ${(error as Error).message}`);
      }
    }
    const needs = one ? `${secretName} (or OFFER_WALL_POSTBACK_SECRET)` : secretName;
    if (PROFILES[profile].signature && !secret) problems.push(`${needs} is required: ${profile} signs its postbacks with it`);
    const weak = weakness(PROFILES[profile]);
    if (weak && !ipsText) {
      problems.push(`${one ? `${ipsName} (or OFFER_WALL_POSTBACK_IPS)` : ipsName} is required for ${profile}: ${weak}, so only its senders' addresses can prove a postback: list them`);
    }
    return { profile, secret, ips };
  });
  return { networks, problems };
}
