import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/** ayeT-Studios: an HMAC-SHA256 of every query parameter, sorted, in a header; chargebacks opt in. */
export const ayet = {
  fields: { transaction: 'transaction_id', user: 'external_identifier', amount: 'currency_amount', offer: 'offer_id' },
  signature: { header: 'X-Ayetstudios-Security-Hash', algorithm: 'hmac-sha256', message: { sortedQuery: true } },
  // A chargeback names the original transaction with `r-` in front, says is_chargeback=1, and
  // carries the amount negative.
  reversal: [{ prefix: 'r-', original: '' }, { param: 'is_chargeback', values: ['1'] }],
  negativeIsReversal: true,
  replies: STANDARD_REPLIES,
  senders: ['51.79.101.241', '158.69.185.134', '158.69.185.154', '35.165.166.40', '35.166.159.131', '52.40.3.140'],
  source: 'https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional',
} as const satisfies PostbackProfile;
