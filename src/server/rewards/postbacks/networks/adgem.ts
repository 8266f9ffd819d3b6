import { STANDARD_REPLIES, type PostbackProfile } from '../profile.js';

/** AdGem (postback v2): `verifier`, an HMAC-SHA256 of the whole URL before it. */
export const adgem = {
  // A multi-reward offer sends one postback per goal, each with its goal_id (and goal_name).
  fields: { transaction: 'transaction_id', user: 'player_id', amount: 'amount', offer: 'campaign_id', goal: 'goal_id', goalName: 'goal_name' },
  signature: { param: 'verifier', algorithm: 'hmac-sha256', message: { url: true } },
  reversal: [],
  replies: STANDARD_REPLIES,
  source: 'https://docs.adgem.com/publisher-support/web-postback-setup/',
} as const satisfies PostbackProfile;
