/**
 * The server entry of the package (`offer-wall/server`): the reference backend endpoint as a
 * fetch handler, and a helper that runs it on Node. Never part of dist/offer-wall.js.
 */
export { createOfferWallHandler, type OfferWallHandler, type ProxyOptions, type RequestInfoLike } from './handler.js';
export { startServer, type RunningServer } from './node.js';
export { configFromEnv, ConfigError, type ServerConfig } from './config.js';
export { PARAMETERS, type ProxyFormat } from './params.js';
