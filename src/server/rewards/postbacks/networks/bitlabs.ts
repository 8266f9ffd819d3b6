import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/**
 * BitLabs: `hash`, an HMAC-SHA1 of the whole URL before `&hash=`. Reconciliations come as
 * `TYPE=RECONCILIATION`, negative, with an `or` prefix on the id; with stateful callbacks, under
 * the same id with `offer_state=RECONCILED`, after a `PENDING` one that must not pay (nor a magic
 * receipt's pending, rejected or reviewing one). An offer's tasks are its goals (`task_id`).
 */
export const bitlabs = {
  fields: { transaction: 'TX', user: 'UID', amount: 'VAL', goal: 'task_id' },
  signature: { param: 'hash', algorithm: 'hmac-sha1', message: { url: true } },
  reversal: [{ param: 'TYPE', values: ['RECONCILIATION'] }, { param: 'offer_state', values: ['RECONCILED'] }, { prefix: 'or', original: 'o' }],
  negativeIsReversal: true,
  ignore: [
    { param: 'offer_state', values: ['PENDING'] },
    { param: 'magic_receipt_state', values: ['PENDING', 'REJECTED', 'REVIEWING'] },
  ],
  replies: STANDARD_REPLIES,
  source: 'https://developer.bitlabs.ai/docs/securing-callbacks-through-hashing, https://developer.bitlabs.ai/docs/offer-callbacks',
} as const satisfies PostbackProfile;
