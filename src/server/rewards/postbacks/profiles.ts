/**
 * How each offerwall network reports a conversion, as data: where each field is, how the
 * signature is made and where it travels, how a reversal is recognised, and what the network
 * expects to hear back. A new network is one entry here. The facts and their sources are in the
 * README's "Postback profiles" table (details the networks' documentation leaves open are marked
 * there); `generic` is the contract's own (CONTRACT.md section 9.1).
 */

/** What a signature is computed over. */
export type SignedMessage =
  /** The parameters' values put into a pattern: `{name}` is a parameter, `{secret}` the key. */
  | { template: string }
  /** The whole URL as the network called it, up to the signature parameter (which comes last). */
  | { url: true }
  /** Every query parameter but the signature, sorted by name, form-encoded (PHP's `http_build_query`). */
  | { sortedQuery: true };

export interface SignatureSpec {
  /** Where the signature travels: a parameter, a header, or either (the first found). */
  param?: string;
  header?: string;
  /** HMACs take the secret as their key; plain digests have `{secret}` in their template. */
  algorithm: 'hmac-sha256' | 'hmac-sha1' | 'sha256' | 'sha1' | 'md5';
  message: SignedMessage;
}

/** A rule that makes a postback a reversal, or one to acknowledge and keep nothing of. */
export type Rule =
  /** The parameter has one of these values (any case). */
  | { param: string; values: readonly string[] }
  /** The amount is negative. */
  | { negativeAmount: true }
  /** The transaction id starts with this; the reversed transaction's id is `original` + the rest. */
  | { prefix: string; original: string };

export interface PostbackProfile {
  /** The parameters that carry each field. */
  fields: { transaction: string; user: string; amount: string; offer?: string; click?: string };
  /** null: the network does not sign (its senders must then be listed in OFFER_WALL_POSTBACK_IPS). */
  signature: SignatureSpec | null;
  /** Any of these makes the postback a reversal. */
  reversal: readonly Rule[];
  /** Any of these makes it a notice to acknowledge without crediting (a conversion still pending review). */
  ignore?: readonly Rule[];
  /** A status parameter and the values it takes; others are refused as malformed (generic). */
  status?: { param: string; credit: readonly string[]; reversal: readonly string[] };
  /** The replies: status and body for each outcome. */
  replies: { ok: Reply; malformed: Reply; forbidden: Reply; failed: Reply };
  /** The sender addresses the network publishes, for the README. */
  senders?: readonly string[];
}

export type Reply = readonly [status: number, body: string];

const OK: Reply = [200, 'OK'];
const STANDARD_REPLIES = { ok: OK, malformed: [400, ''], forbidden: [403, ''], failed: [500, ''] } as const;

export const PROFILES = {
  generic: {
    fields: { transaction: 'transaction_id', user: 'user_id', amount: 'amount', offer: 'offer_id', click: 'click_id' },
    signature: {
      param: 'signature',
      header: 'X-Signature',
      algorithm: 'hmac-sha256',
      message: { template: '{transaction_id}:{user_id}:{offer_id}:{amount}:{status}' },
    },
    reversal: [],
    status: { param: 'status', credit: ['credit', '1'], reversal: ['reversal', '2'] },
    replies: STANDARD_REPLIES,
  },
  ayet: {
    fields: { transaction: 'transaction_id', user: 'external_identifier', amount: 'currency_amount', offer: 'offer_id' },
    signature: { header: 'X-Ayetstudios-Security-Hash', algorithm: 'hmac-sha256', message: { sortedQuery: true } },
    reversal: [{ prefix: 'r-', original: '' }, { param: 'is_chargeback', values: ['1'] }, { negativeAmount: true }],
    replies: STANDARD_REPLIES,
    senders: ['51.79.101.241', '158.69.185.134', '158.69.185.154', '35.165.166.40', '35.166.159.131', '52.40.3.140'],
  },
  adgem: {
    fields: { transaction: 'transaction_id', user: 'player_id', amount: 'amount', offer: 'campaign_id' },
    signature: { param: 'verifier', algorithm: 'hmac-sha256', message: { url: true } },
    reversal: [],
    replies: STANDARD_REPLIES,
  },
  lootably: {
    fields: { transaction: 'transactionID', user: 'userID', amount: 'currencyReward', offer: 'offerID' },
    signature: { param: 'hash', algorithm: 'sha256', message: { template: '{userID}{ip}{revenue}{currencyReward}{secret}' } },
    reversal: [],
    replies: STANDARD_REPLIES,
  },
  tapjoy: {
    fields: { transaction: 'id', user: 'snuid', amount: 'currency' },
    signature: { param: 'verifier', algorithm: 'md5', message: { template: '{id}:{snuid}:{currency}:{secret}' } },
    reversal: [],
    // Tapjoy retries anything but 200 and 403 every five minutes for four days: 403 says "stop".
    replies: { ok: [200, ''], malformed: [403, ''], forbidden: [403, ''], failed: [500, ''] },
  },
  fyber: {
    fields: { transaction: '_trans_id_', user: 'uid', amount: 'amount' },
    signature: {
      param: 'sid',
      algorithm: 'sha1',
      message: { template: '{secret}{uid}{amount}{_trans_id_}{pub0}{pub1}{pub2}{pub3}{pub4}{pub5}{pub6}{pub7}{pub8}{pub9}' },
    },
    reversal: [],
    replies: { ...STANDARD_REPLIES, ok: [200, ''] },
  },
  bitlabs: {
    fields: { transaction: 'TX', user: 'UID', amount: 'VAL' },
    signature: { param: 'hash', algorithm: 'hmac-sha1', message: { url: true } },
    reversal: [{ param: 'TYPE', values: ['RECONCILIATION'] }, { prefix: 'or', original: 'o' }, { negativeAmount: true }],
    replies: STANDARD_REPLIES,
  },
  adgate: {
    fields: { transaction: 'conversion_id', user: 's1', amount: 'points', offer: 'offer_id' },
    signature: null,
    reversal: [{ param: 'state', values: ['rejected'] }],
    ignore: [{ param: 'state', values: ['pending'] }],
    replies: STANDARD_REPLIES,
    senders: ['52.42.57.125'],
  },
  torox: {
    fields: { transaction: 'id', user: 'user_id', amount: 'amount', offer: 'oid' },
    signature: { param: 'sig', algorithm: 'md5', message: { template: '{oid}-{user_id}-{secret}' } },
    reversal: [{ negativeAmount: true }],
    replies: { ok: [200, '1'], malformed: [400, '0'], forbidden: [403, '0'], failed: [500, '0'] },
  },
  kiwiwall: {
    fields: { transaction: 'trans_id', user: 'sub_id', amount: 'amount', offer: 'offer_id' },
    signature: { param: 'signature', algorithm: 'md5', message: { template: '{sub_id}:{amount}:{secret}' } },
    reversal: [{ param: 'status', values: ['2'] }, { negativeAmount: true }],
    replies: { ok: [200, '1'], malformed: [400, '0'], forbidden: [403, '0'], failed: [500, '0'] },
    senders: ['34.193.235.172'],
  },
} as const satisfies Record<string, PostbackProfile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
