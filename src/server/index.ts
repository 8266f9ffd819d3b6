/**
 * `offer-wall/server`: the reference backend endpoint as a fetch handler, runtime-neutral (it
 * imports nothing of Node, so it bundles for Workers-style runtimes as it is). Never part of
 * dist/offer-wall.js. The Node runner is `offer-wall/server/node` (`node.ts`), which also
 * exports all of this.
 *
 * The tree: `core/` (what every route shares), one folder per feature (`offers/`, `rewards/`),
 * `app.ts` (the router that composes their routes), `adapters/` (fetch, Node), `cli/` (the
 * program). A dependency points down: features use `core/`, never each other.
 */
export { createOfferWallCore, type OfferWallCore, type ProxyFormat, type ProxyOptions } from './app.js';
export { createOfferWallHandler, type OfferWallHandler } from './adapters/fetch.js';
export type { ProxyRequest, ProxyResponse, RequestInfoLike, RequestLogEntry } from './core/http.js';
export { clientAddress, parseAddressList, parseTrustProxy, type AddressList, type TrustProxy } from './core/address.js';
export { configFromEnv, ConfigError, type Environment, type ServerConfig } from './config.js';
export { DEFAULTS } from './core/defaults.js';
export type { BodyStream } from './core/body-stream.js';
// Rewards: tokens, the webhook's signature, the ledger and its delivery.
export { createUserToken, verifyUserToken, signWebhook, verifyWebhookSignature, type UserTokenOptions, type VerifyWebhookOptions } from './rewards/tokens.js';
export { Ledger, type Click, type Database, type Decimal, type LedgerEntry, type LedgerPage, type RewardEntry, type RewardsPage } from './rewards/ledger/ledger.js';
export type { OutboxEvent } from './rewards/webhook/store.js';
export { MIGRATIONS, migrate, MigrationError } from './rewards/ledger/migrations.js';
export { PROFILES, PROFILE_NAMES, type PostbackProfile, type ProfileName } from './rewards/postbacks/profiles.js';
export type { LogUsers, NetworkOptions, RewardsOptions } from './rewards/routes.js';
export type { Metrics, MetricsEndpoint } from './core/metrics.js';
export { deliverWebhooks, startWebhookWorker, type WebhookOptions } from './rewards/webhook/worker.js';
