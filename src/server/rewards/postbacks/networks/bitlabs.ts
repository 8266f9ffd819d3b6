import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/** BitLabs: `hash`, an HMAC-SHA1 of the whole URL before `&hash=`; reconciliations come negative. */
export const bitlabs = {
  fields: { transaction: 'TX', user: 'UID', amount: 'VAL' },
  signature: { param: 'hash', algorithm: 'hmac-sha1', message: { url: true } },
  reversal: [{ param: 'TYPE', values: ['RECONCILIATION'] }, { prefix: 'or', original: 'o' }],
  negativeIsReversal: true,
  replies: STANDARD_REPLIES,
  source: 'https://developer.bitlabs.ai/docs/securing-callbacks-through-hashing',
} as const satisfies PostbackProfile;
