import { SECRET, STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/**
 * Digital Turbine (Fyber): `sid`, a SHA-1 of key, uid, amount, transaction id and pub0…pub9 run
 * together: no separator, so its senders' addresses must prove a postback.
 */
export const fyber = {
  fields: { transaction: '_trans_id_', user: 'uid', amount: 'amount' },
  signature: {
    param: 'sid',
    algorithm: 'sha1',
    message: { parts: [SECRET, 'uid', 'amount', '_trans_id_', 'pub0', 'pub1', 'pub2', 'pub3', 'pub4', 'pub5', 'pub6', 'pub7', 'pub8', 'pub9'], separator: '' },
  },
  reversal: [],
  replies: { ...STANDARD_REPLIES, ok: [200, ''] },
  source: 'Digital Turbine (Fyber) developer documentation, server-side callbacks (sid)',
} as const satisfies PostbackProfile;
