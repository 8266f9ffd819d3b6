import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/** AdGate Media: unsigned; only its senders' addresses prove a postback. */
export const adgate = {
  fields: { transaction: 'conversion_id', user: 's1', amount: 'points', offer: 'offer_id', goal: 'event_id' },
  signature: null,
  reversal: [{ param: 'state', values: ['rejected'] }],
  ignore: [{ param: 'state', values: ['pending'] }],
  replies: STANDARD_REPLIES,
  senders: ['52.42.57.125'],
  source: 'AdGate Media publisher documentation, postbacks (unsigned; sender address)',
} as const satisfies PostbackProfile;
