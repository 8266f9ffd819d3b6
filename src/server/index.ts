/**
 * `offer-wall/server`: the reference backend endpoint as a fetch handler, runtime-neutral (it
 * imports nothing of Node, so it bundles for Workers-style runtimes as it is). Never part of
 * dist/offer-wall.js. The Node runner is `offer-wall/server/node` (`node.ts`), which also
 * exports all of this.
 */
export {
  createOfferWallCore,
  createOfferWallHandler,
  type OfferWallCore,
  type OfferWallHandler,
  type ProxyOptions,
  type ProxyRequest,
  type ProxyResponse,
  type RequestInfoLike,
  type RequestLogEntry,
} from './handler.js';
export { clientAddress, parseAddressList, parseTrustProxy, type AddressList, type TrustProxy } from './address.js';
export { configFromEnv, ConfigError, type Environment, type ServerConfig } from './config.js';
export { DEFAULTS } from './defaults.js';
export type { BodyStream } from './upstream.js';
export type { ProxyFormat } from './handler.js';
// Rewards (CONTRACT.md section 9): tokens, the webhook's signature, the ledger and its delivery.
export { createUserToken, verifyUserToken, signWebhook, verifyWebhookSignature, type UserTokenOptions, type VerifyWebhookOptions } from './tokens.js';
export { Ledger, MIGRATIONS, migrate, type Click, type Database, type OutboxEvent, type RewardEntry, type RewardsPage } from './ledger.js';
export { PROFILES, PROFILE_NAMES, type PostbackProfile, type ProfileName } from './profiles.js';
export type { RewardsOptions } from './rewards.js';
export { deliverWebhooks, startWebhookWorker, type WebhookOptions } from './webhook.js';
