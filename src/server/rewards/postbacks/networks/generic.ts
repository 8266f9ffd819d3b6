import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/**
 * The project's own format, for networks with a configurable postback: an HMAC-SHA256 over the
 * five values, each percent-encoded (so a `:` inside one cannot move it into the next).
 */
export const generic = {
  fields: { transaction: 'transaction_id', user: 'user_id', amount: 'amount', offer: 'offer_id', click: 'click_id' },
  signature: {
    param: 'signature',
    header: 'X-Signature',
    algorithm: 'hmac-sha256',
    message: { parts: ['transaction_id', 'user_id', 'offer_id', 'amount', 'status'], separator: ':', encode: 'uri' },
  },
  reversal: [],
  status: { param: 'status', credit: ['credit', '1'], reversal: ['reversal', '2'] },
  replies: STANDARD_REPLIES,
  source: 'docs/postbacks.md (this project)',
} as const satisfies PostbackProfile;
