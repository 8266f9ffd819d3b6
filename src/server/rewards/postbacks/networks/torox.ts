import { SECRET, type PostbackProfile } from '../profile.js';

/**
 * Torox (OfferToro): `sig`, an MD5 of `oid-user_id-key`: neither the amount nor the transaction
 * id, so its senders' addresses must prove a postback. It documents no reversal.
 */
export const torox = {
  fields: { transaction: 'id', user: 'user_id', amount: 'amount', offer: 'oid' },
  signature: { param: 'sig', algorithm: 'md5', message: { parts: ['oid', 'user_id', SECRET], separator: '-' } },
  reversal: [],
  replies: { ok: [200, '1'], malformed: [400, '0'], forbidden: [403, '0'], conflict: [409, '0'], failed: [500, '0'] },
  source: 'https://www.offertoro.com/docs/postback',
} as const satisfies PostbackProfile;
