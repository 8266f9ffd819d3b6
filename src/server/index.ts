/**
 * The server entry of the package (`offer-wall/server`): the reference backend endpoint as a
 * fetch handler, and a helper that runs it on Node. Never part of dist/offer-wall.js.
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
export { startServer, type RunningServer } from './node.js';
export { configFromEnv, ConfigError, type ServerConfig } from './config.js';
export { PARAMETERS, type ProxyFormat } from './params.js';
