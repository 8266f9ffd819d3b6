import { SECRET, type PostbackProfile } from '../profile.js';

/**
 * Kiwiwall: `signature`, an MD5 of `sub_id:amount:key`: not the transaction id, so its senders'
 * addresses must prove a postback. A chargeback says status 2 and carries the amount negative.
 */
export const kiwiwall = {
  fields: { transaction: 'trans_id', user: 'sub_id', amount: 'amount', offer: 'offer_id' },
  signature: { param: 'signature', algorithm: 'md5', message: { parts: ['sub_id', 'amount', SECRET], separator: ':' } },
  reversal: [{ param: 'status', values: ['2'] }],
  negativeIsReversal: true,
  replies: { ok: [200, '1'], malformed: [400, '0'], forbidden: [403, '0'], conflict: [409, '0'], failed: [500, '0'] },
  senders: ['34.193.235.172'],
  source: 'https://www.kiwiwall.com/postback-documentation',
} as const satisfies PostbackProfile;
