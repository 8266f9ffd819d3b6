/**
 * The rewards feature, as the router composes it:
 * - `/postback/<profile>` for each network (and `/postback` when there is one): a network reports
 *   a conversion or a chargeback (`postback-route.ts`);
 * - `/rewards` (GET, POST), for the wall, with a user token (`user-route.ts`);
 * - `/admin/ledger/…`, for the command line on this machine (`admin-route.ts`);
 * - its readiness: whether the ledger's database answers, for `/healthz`.
 * Runtime-neutral; the ledger is given (`ledger/embedded.ts` or `ledger/postgres.ts` opens one on Node).
 */
import { parseAddressList, type AddressList } from '../core/address.js';
import { jsonError, type Answer } from '../core/answer.js';
import { hmacHex } from '../core/crypto.js';
import type { Exchange, ProxyResponse, Route } from '../core/http.js';
import { describeError } from '../core/log.js';
import { NO_METRICS, type Metrics } from '../core/metrics.js';
import { createRedactor } from '../core/redact.js';
import { ADMIN_PATHS, adminRoute } from './admin-route.js';
import type { Ledger } from './ledger/ledger.js';
import { ledgerOperations } from './operations.js';
import { postbackRoute, type RewardsRequest } from './postback-route.js';
import { PROFILES, weakness, type ProfileName } from './postbacks/profiles.js';
import { userKeys } from './tokens.js';
import { userRoute } from './user-route.js';

export type { RewardsRequest } from './postback-route.js';

/** One network whose postbacks are received. */
export interface NetworkOptions {
  profile: ProfileName;
  /** The key it signs postbacks with; required for a profile that signs. */
  secret?: string;
  /** Its senders' addresses and CIDR ranges; required for a profile whose signature cannot prove a postback by itself. */
  ips?: AddressList | string;
}

/** How a user id shows in the log: a short keyed hash (lines of one user group together), as it is, or not at all. */
export type LogUsers = 'hash' | 'plain' | 'omit';

export interface RewardsOptions {
  /** The network's postback format (OFFER_WALL_POSTBACK_PROFILE), when there is one network. */
  profile?: ProfileName;
  /** That network's key (OFFER_WALL_POSTBACK_SECRET). */
  postbackSecret?: string;
  /** That network's senders (OFFER_WALL_POSTBACK_IPS); none: any, where its signature proves a postback. */
  postbackIps?: AddressList | string;
  /** Several networks, each at `/postback/<profile>` (in place of `profile`). */
  networks?: readonly NetworkOptions[];
  /** The key of the user tokens (OFFER_WALL_USER_SECRET); during a rotation, the new key then the old one, comma-separated. */
  userSecret: string;
  ledger: Ledger;
  /** Write a webhook event for every credit, reversal and adjustment (OFFER_WALL_WEBHOOK_URL is set). */
  webhook?: boolean;
  /** Called after a postback was stored (the webhook worker then delivers at once). */
  onStored?: () => void;
  /** Where a failure is told, with its cause (secrets redacted). Default: the console. */
  logError?: (message: string) => void;
  /** How a postback's user shows in the log. Default `hash`. */
  logUsers?: LogUsers;
  /** The admin routes' token (OFFER_WALL_ADMIN_TOKEN); without it they answer any request from this machine. */
  adminToken?: string;
  metrics?: Metrics;
}

/** The networks of the options, in either form. */
export function networksOf(options: RewardsOptions): NetworkOptions[] {
  if (options.networks?.length) return [...options.networks];
  if (!options.profile) throw new TypeError('rewards needs profile (one network) or networks');
  return [{ profile: options.profile, ...(options.postbackSecret ? { secret: options.postbackSecret } : {}), ...(options.postbackIps ? { ips: options.postbackIps } : {}) }];
}

/** Checks the options as the program's environment check does, naming the first problem. */
export function checkRewardsOptions(options: RewardsOptions): void {
  const networks = networksOf(options);
  const seen = new Set<string>();
  for (const network of networks) {
    const profile = PROFILES[network.profile];
    if (!profile) throw new TypeError(`rewards: the profile must be one of ${Object.keys(PROFILES).join(', ')}`);
    if (seen.has(network.profile)) throw new TypeError(`rewards: ${network.profile} is named twice`);
    seen.add(network.profile);
    if (profile.signature && !network.secret) throw new TypeError(`rewards: the postback secret is required for ${network.profile}: it signs its postbacks`);
    const weak = weakness(profile);
    if (weak && !network.ips) throw new TypeError(`rewards: the postback IPs are required for ${network.profile}: ${weak}, so only its senders' addresses can prove a postback`);
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
      note: (detail) => (exchange.detail = { ...exchange.detail, ...detail }),
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

export function rewardsFeature(options: RewardsOptions, now: () => number): { routes: Record<string, Route>; ready: () => Promise<boolean> } {
  checkRewardsOptions(options);
  const { ledger } = options;
  const networks = networksOf(options);
  const keys = userKeys(options.userSecret);
  const redactors = [...networks.map((network) => network.secret), ...keys, options.adminToken].filter((key): key is string => !!key).map(createRedactor);
  const redact = (text: string) => redactors.reduce((result, redactor) => redactor.text(result), text);
  const log = options.logError ?? ((message: string) => console.error(`offer-wall rewards: ${message}`));
  const logError = (message: string) => log(redact(message));
  const metrics = options.metrics ?? NO_METRICS;
  const logUsers = options.logUsers ?? 'hash';
  // Keyed with the user-token key: stable across restarts, not reversible without it.
  const shownUser = async (userId: string | null) =>
    userId === null || logUsers === 'omit' ? null : logUsers === 'plain' ? userId : `#${(await hmacHex('sha256', keys[0]!, `log:${userId}`)).slice(0, 12)}`;
  const store = { ledger, webhook: options.webhook === true, ...(options.onStored ? { onStored: options.onStored } : {}), logError, metrics, shownUser };

  const routes: Record<string, Route> = {};
  for (const network of networks) {
    const senders = typeof network.ips === 'string' ? parseAddressList(network.ips) : (network.ips ?? null);
    const route = { answer: routed(postbackRoute({ name: network.profile, profile: PROFILES[network.profile], secret: network.secret ?? null, senders }, store), logError) };
    routes[`/postback/${network.profile}`] = route;
    // With one network, `/postback` is its path too.
    if (networks.length === 1) routes['/postback'] = route;
  }
  // A user's own rewards: never kept by any cache, and they vary by the token too.
  routes['/rewards'] = {
    cors: { methods: 'GET, POST, OPTIONS', headers: 'Authorization, Content-Type', vary: 'Origin, Authorization' },
    answer: routed(userRoute(ledger, options.userSecret, now, metrics), logError, ['Cache-Control', 'no-store']),
  };
  const admin = adminRoute(ledgerOperations(ledger, { webhook: options.webhook === true }), options.adminToken ?? null);
  for (const path of ADMIN_PATHS) routes[`/admin/ledger/${path}`] = { answer: routed(admin(path), logError, ['Cache-Control', 'no-store']) };

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
          ledger
            .ping()
            .then(
              () => resolve(true),
              () => resolve(false),
            )
            .finally(() => clearTimeout(timer));
        }),
      };
    }
    return checked.ready;
  };

  return { routes, ready };
}
