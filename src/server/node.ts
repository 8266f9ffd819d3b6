/**
 * `offer-wall/server/node`: everything of `offer-wall/server`, plus what needs Node: the http
 * server (`startServer`) and the ledger's databases (the embedded one and PostgreSQL).
 */
export * from './index.js';
export { startServer, type NodeServerOptions, type RunningServer } from './adapters/node.js';
export { DatabaseError } from './rewards/ledger/database.js';
export { openEmbedded } from './rewards/ledger/embedded.js';
export { openPostgres } from './rewards/ledger/postgres.js';
