/** The rewards' environment variables (see `core/env.ts` for how they are declared and checked). */
import * as z from 'zod';
import { addressList, variable, type CrossCheck, type Variable } from '../core/env.js';
import { httpUrl } from '../core/url.js';
import { PROFILE_NAMES, PROFILES, weakness, type ProfileName } from './postbacks/profiles.js';

export const REWARDS_VARIABLES = {
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
    default: `none: any (required for ${PROFILE_NAMES.filter((name) => weakness(PROFILES[name])).map((name) => `\`${name}\``).join(', ')}, whose signatures cannot prove a postback by themselves)`,
    schema: addressList(),
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
    meaning: 'where your own server is told of every credit and reversal (POST, JSON, signed)',
    default: 'none',
    url: true,
    schema: variable().refine((value) => value === undefined || httpUrl(value) !== null, 'must be an absolute http(s) URL'),
  },
  OFFER_WALL_WEBHOOK_SECRET: { meaning: 'the key that signs the webhook (`Offer-Wall-Signature`)', default: 'required with `OFFER_WALL_WEBHOOK_URL`', secret: true, schema: variable() },
} satisfies Record<string, Variable>;

type RewardsEnv = {
  OFFER_WALL_TRUST_PROXY?: unknown;
  OFFER_WALL_POSTBACK_PROFILE?: ProfileName | undefined;
  OFFER_WALL_POSTBACK_SECRET?: string | undefined;
  OFFER_WALL_POSTBACK_IPS?: unknown;
  OFFER_WALL_USER_SECRET?: string | undefined;
  OFFER_WALL_WEBHOOK_URL?: string | undefined;
  OFFER_WALL_WEBHOOK_SECRET?: string | undefined;
};

/** What a profile needs to prove its postbacks, and what rewards need at all. */
export const checkRewardsVariables: CrossCheck<RewardsEnv> = (env, problem) => {
  const profile = env.OFFER_WALL_POSTBACK_PROFILE;
  const required = (name: string, why: string) => problem(name, `is required ${why}`);
  if (profile) {
    if (PROFILES[profile].signature && !env.OFFER_WALL_POSTBACK_SECRET) required('OFFER_WALL_POSTBACK_SECRET', `when OFFER_WALL_POSTBACK_PROFILE is ${profile}, which signs its postbacks`);
    const weak = weakness(PROFILES[profile]);
    if (weak && !env.OFFER_WALL_POSTBACK_IPS) {
      required('OFFER_WALL_POSTBACK_IPS', `when OFFER_WALL_POSTBACK_PROFILE is ${profile}: ${weak}, so only its senders' addresses can prove a postback: list them`);
    }
    if (typeof env.OFFER_WALL_TRUST_PROXY === 'number') {
      problem(
        'OFFER_WALL_TRUST_PROXY',
        "must list the proxies' addresses or CIDR ranges when rewards are on: a number of hops trusts whoever connects, who could then claim a network's address",
      );
    }
    if (!env.OFFER_WALL_USER_SECRET) required('OFFER_WALL_USER_SECRET', 'when rewards are on (OFFER_WALL_POSTBACK_PROFILE is set)');
  }
  if (env.OFFER_WALL_WEBHOOK_URL && !env.OFFER_WALL_WEBHOOK_SECRET) required('OFFER_WALL_WEBHOOK_SECRET', 'with OFFER_WALL_WEBHOOK_URL');
};
