import { SECRET, STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/**
 * Lootably: `hash`, a SHA-256 of user, ip, revenue, reward and key run together: no transaction
 * id, no separator, so its senders' addresses must prove a postback.
 */
export const lootably = {
  fields: { transaction: 'transactionID', user: 'userID', amount: 'currencyReward', offer: 'offerID', goal: 'goalID' },
  signature: { param: 'hash', algorithm: 'sha256', message: { parts: ['userID', 'ip', 'revenue', 'currencyReward', SECRET], separator: '' } },
  reversal: [],
  replies: STANDARD_REPLIES,
  source: 'the network\'s own npm package lootably-postback-hash',
} as const satisfies PostbackProfile;
