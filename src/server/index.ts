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
export type { ProxyFormat } from './params.js';
