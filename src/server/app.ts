/**
 * The reference backend as one runtime-neutral function: a router that composes the features'
 * routes (`offers/` always, `rewards/` when configured) with what every route shares: the request
 * target's parsing, CORS for the allowed origins, `/healthz`, and the answer for an unknown path.
 * It takes the few facts of a request (`ProxyRequest`) and answers status, headers and body bytes
 * (cached answers keep their bytes, so a hit copies nothing), or a body still arriving from the
 * upstream. The adapters (`adapters/fetch.ts`, `adapters/node.ts`) wrap it for their runtime.
 */
import { answerOf, jsonError } from './core/answer.js';
import type { TrustProxy } from './core/address.js';
import { MemoryBudget } from './core/budget.js';
import { DEFAULTS } from './core/defaults.js';
import { Exchange, splitTarget, type LogRequest, type ProxyRequest, type ProxyResponse, type RequestInfoLike, type Route } from './core/http.js';
import type { MetricsEndpoint } from './core/metrics.js';
import { offersRoutes, type OffersOptions } from './offers/routes.js';
import { rewardsFeature, type RewardsOptions } from './rewards/routes.js';

/** The upstream dialects the proxy speaks. */
export type { FeedFormat as ProxyFormat } from '../data/types.js';

export interface ProxyOptions extends OffersOptions {
  /** Origins granted CORS (`https://app.example`); none means same origin only. */
  allowedOrigins?: readonly string[];
  /**
   * Which proxies in front of this server may say whose request it is in `X-Forwarded-For`: their
   * addresses and CIDR ranges (`parseTrustProxy`), so that the header is read only when the peer
   * is one of them, right to left, past the trusted hops. A number of hops trusts whoever
   * connects: it is refused with `rewards` (a sender could claim a network's address). Default:
   * none, the peer's own address is the client's.
   */
  trustProxy?: TrustProxy;
  /**
   * The address of the user's device, sent upstream in `X-Forwarded-For` so country-by-IP works.
   * Default: the runtime's peer address (and `X-Forwarded-For` as far as `trustProxy` allows).
   * Behind a CDN or on an edge runtime, read it from the header your platform sets and trusts.
   */
  clientAddress?: (request: Request, info: RequestInfoLike | undefined) => string | null | undefined;
  /**
   * One JSON line per request, and the same fields as an object (never the secret, never the
   * upstream URL, never the query). Default: no logging.
   */
  log?: LogRequest;
  /** The clock, in milliseconds (for tests). Default: `Date.now`. */
  now?: () => number;
  /** Counts for a dashboard, served at `/metrics` to the addresses it allows. Default: none. */
  metrics?: MetricsEndpoint;
  /**
   * Rewards: with these, `/postback` receives the network's postbacks into the ledger and
   * `/rewards` lets the wall record clicks and list a user's rewards.
   */
  rewards?: RewardsOptions;
}

export type OfferWallCore = ((request: ProxyRequest) => ProxyResponse | Promise<ProxyResponse>) & {
  /** The memory budget of its answers, which a runtime adapter counts the answers it writes in. */
  budget: MemoryBudget;
};

const EMPTY = new Uint8Array(0);
const HEALTHY = answerOf(200, '{"ok":true}');

/** `/metrics`, to an allowed address that no untrusted proxy forwarded. */
async function metricsAnswer(exchange: Exchange, endpoint: MetricsEndpoint): Promise<ProxyResponse> {
  const address = exchange.request.clientAddress();
  if (!address || !endpoint.allowed.has(address)) return exchange.finish(jsonError(403, 'forbidden', 'This address may not read the metrics (OFFER_WALL_METRICS_IPS).'));
  exchange.extra.push('Cache-Control', 'no-store');
  const { body, type } = await endpoint.render();
  return exchange.finish({ ...answerOf(200, body), type });
}
const DOWN = jsonError(503, 'database_down', 'The ledger\'s database does not answer.');

/**
 * The handler's behaviour, runtime-neutral: answers synchronously when it can (a cache hit, an
 * error), with a promise when it has to wait for the upstream or the ledger.
 */
export function createOfferWallCore(options: ProxyOptions): OfferWallCore {
  const now = options.now ?? Date.now;
  const budget = new MemoryBudget(options.maxMemoryBytes ?? DEFAULTS.maxMemoryBytes);
  const offersPath = options.path ?? '/offers';
  if (options.rewards && typeof options.trustProxy === 'number') {
    throw new TypeError('trustProxy must list the proxies (addresses, CIDR ranges) when rewards are on: a number of hops trusts whoever connects, who could then claim a network\'s address');
  }
  const metrics = options.metrics;
  const rewards = options.rewards ? rewardsFeature({ ...(metrics ? { metrics: metrics.metrics } : {}), ...options.rewards }, now) : null;
  const ready = rewards?.ready;
  const routes = new Map<string, Route>(
    Object.entries({
      // Ready when it can serve: with rewards, only while the ledger's database answers, so a
      // load balancer stops sending postbacks it could not store.
      '/healthz': { answer: (exchange: Exchange) => (ready ? ready().then((up) => exchange.finish(up ? HEALTHY : DOWN)) : exchange.finish(HEALTHY)) },
      ...offersRoutes(options, now, budget, metrics?.metrics),
      ...rewards?.routes,
      ...(metrics ? { '/metrics': { answer: (exchange: Exchange) => metricsAnswer(exchange, metrics) } } : {}),
    }),
  );
  const allowed = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));
  const log = options.log;

  return Object.assign(function answerOfferWallRequest(request: ProxyRequest) {
    const target = splitTarget(request.target);
    if (!target) return new Exchange(request, '-', log).finish(jsonError(400, 'bad_request', 'The request target is not a path.'));
    const exchange = new Exchange(request, target.path, log);
    const route = routes.get(target.path);
    if (!route) return exchange.finish(jsonError(404, 'not_found', `Offers are served at ${offersPath}.`));
    const { cors } = route;
    if (cors) {
      const { extra } = exchange;
      // Whether an answer may be read depends on who asks: caches must keep answers apart by Origin.
      extra.push('Vary', cors.vary);
      const origin = request.origin;
      if (origin && origin !== request.selfOrigin()) {
        if (!allowed.has(origin)) return exchange.finish(jsonError(403, 'origin_not_allowed', 'This origin may not use this endpoint.'));
        extra.push('Access-Control-Allow-Origin', origin);
      }
      if (request.method === 'OPTIONS') {
        extra.push('Access-Control-Allow-Methods', cors.methods, 'Access-Control-Allow-Headers', cors.headers, 'Access-Control-Max-Age', '600');
        return exchange.finish({ status: 204, bytes: EMPTY, code: null, upstream: null });
      }
    }
    return route.answer(exchange, target.search);
  }, { budget });
}
