/**
 * The rewards feature, as the router composes it (CONTRACT.md section 9):
 * - `/postback` (GET or POST): a network reports a conversion or a chargeback (`postback-route.ts`);
 * - `/rewards` (GET, POST), for the wall, with a user token (`user-route.ts`);
 * - its readiness: whether the ledger's database answers, for `/healthz`.
 * Runtime-neutral; the ledger is given (`ledger/embedded.ts` or `ledger/postgres.ts` opens one on Node).
 */
import { parseAddressList, type AddressList } from '../core/address.js';
import { jsonError, type Answer } from '../core/answer.js';
import type { Exchange, ProxyResponse, Routes } from '../core/http.js';
import { describeError } from '../core/log.js';
import { createRedactor } from '../core/redact.js';
import type { Ledger } from './ledger/ledger.js';
import { postbackRoute, type RewardsRequest } from './postback-route.js';
import { PROFILES, weakness, type ProfileName } from './postbacks/profiles.js';
import { userKeys } from './tokens.js';
import { userRoute } from './user-route.js';

export type { RewardsRequest } from './postback-route.js';

export interface RewardsOptions {
  /** The network's postback format (OFFER_WALL_POSTBACK_PROFILE): `generic` or a built-in profile. */
  profile: ProfileName;
  /** The key the network signs postbacks with (OFFER_WALL_POSTBACK_SECRET); required for a profile that signs. */
  postbackSecret?: string;
  /**
   * Addresses and CIDR ranges allowed to send postbacks (OFFER_WALL_POSTBACK_IPS); none: any.
   * Required for a profile whose signature cannot prove a postback by itself (`weakness`).
   */
  postbackIps?: AddressList | string;
  /** The key of the user tokens (OFFER_WALL_USER_SECRET); during a rotation, the new key then the old one, comma-separated. */
  userSecret: string;
  ledger: Ledger;
  /** Write a webhook event for every credit and reversal (OFFER_WALL_WEBHOOK_URL is set). */
  webhook?: boolean;
  /** Called after a postback was stored (the webhook worker then delivers at once). */
  onStored?: () => void;
  /** Where a failure to store is told, with its cause (secrets redacted). Default: the console. */
  logError?: (message: string) => void;
}

/** Checks the options as the program's environment check does, naming the first problem. */
export function checkRewardsOptions(options: RewardsOptions): void {
  const profile = PROFILES[options.profile];
  if (!profile) throw new TypeError(`rewards.profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  if (profile.signature && !options.postbackSecret) throw new TypeError(`rewards.postbackSecret is required: ${options.profile} signs its postbacks`);
  const weak = weakness(profile);
  if (weak && !options.postbackIps) {
    throw new TypeError(`rewards.postbackIps is required for ${options.profile}: ${weak}, so only its senders' addresses can prove a postback`);
  }
  if (!options.userSecret) throw new TypeError('rewards.userSecret is required');
  userKeys(options.userSecret);
}

/** Runs a rewards endpoint; a failure of its own is a 500 with its cause logged, never a thrown error. */
function routed(handle: (request: RewardsRequest) => Promise<Answer>, logError: (message: string) => void, headers: readonly string[] = []) {
  return (exchange: Exchange, search: string): Promise<ProxyResponse> => {
    const { request } = exchange;
    exchange.extra.push(...headers);
    return handle({
      method: request.method,
      search,
      header: request.header ?? (() => null),
      body: request.body ?? (async () => ''),
      urls: request.urls ?? (() => []),
      address: request.clientAddress() ?? null,
    }).then(
      (answer) => exchange.finish(answer),
      (error: unknown) => {
        logError(`${exchange.path}: the request failed: ${describeError(error)}`);
        return exchange.finish(jsonError(500, 'internal', 'The request could not be handled; try again.'));
      },
    );
  };
}

/** How long the database's answer to "are you there" is believed. */
const READY_FOR_MS = 1000;
/** How long that question may take before the answer is no. */
const READY_TIMEOUT_MS = 2000;

export function rewardsFeature(options: RewardsOptions, now: () => number): { routes: Routes; ready: () => Promise<boolean> } {
  checkRewardsOptions(options);
  const { ledger } = options;
  const redactors = [options.postbackSecret, ...userKeys(options.userSecret)].filter((key): key is string => !!key).map(createRedactor);
  const redact = (text: string) => redactors.reduce((result, redactor) => redactor.text(result), text);
  const log = options.logError ?? ((message: string) => console.error(`offer-wall rewards: ${message}`));
  const logError = (message: string) => log(redact(message));
  const senders = typeof options.postbackIps === 'string' ? parseAddressList(options.postbackIps) : (options.postbackIps ?? null);
  const postback = postbackRoute(
    { name: options.profile, profile: PROFILES[options.profile], secret: options.postbackSecret ?? null, senders },
    { ledger, webhook: options.webhook === true, ...(options.onStored ? { onStored: options.onStored } : {}), logError },
  );
  const rewards = userRoute(ledger, options.userSecret, now);

  let checked: { at: number; ready: Promise<boolean> } | null = null;
  const ready = () => {
    const at = now();
    if (!checked || at - checked.at >= READY_FOR_MS) {
      checked = {
        at,
        ready: new Promise<boolean>((resolve) => {
          // A database that does not answer in time is down, as one that refuses is.
          const timer = setTimeout(resolve, READY_TIMEOUT_MS, false);
          (timer as { unref?: () => void }).unref?.();
          ledger.ping().then(
            () => resolve(true),
            () => resolve(false),
          ).finally(() => clearTimeout(timer));
        }),
      };
    }
    return checked.ready;
  };

  return {
    routes: {
      '/postback': { answer: routed(postback, logError) },
      // A user's own rewards: never kept by any cache, and they vary by the token too.
      '/rewards': {
        cors: { methods: 'GET, POST, OPTIONS', headers: 'Authorization, Content-Type', vary: 'Origin, Authorization' },
        answer: routed(rewards, logError, ['Cache-Control', 'no-store']),
      },
    },
    ready,
  };
}
