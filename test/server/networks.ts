/**
 * Each network's postback as the network itself would send it, signed with its documented
 * formula (computed here with Node's own crypto, not the receiver's code): the oracle the money
 * tests start from. A test changes one thing of a genuine call and keeps its signature, as an
 * attacker who saw it would.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ProfileName } from '../../src/server/index.js';

export const SECRET = 'network-secret-0123456789';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');
const hmac = (algorithm: string, text: string, key: string) => createHmac(algorithm, key).update(text).digest('hex');

/** PHP's `http_build_query`: form encoding, `A-Za-z0-9._-` kept. */
const php = (text: string) => encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');

export type Pairs = Array<[string, string]>;

/** Where a network's signature travels, and its value. */
export interface Signature {
  param?: string;
  header?: string;
  value: string;
}

export interface Network {
  /** The parameters that carry the user, the amount and the transaction id. */
  fields: { user: string; amount: string; transaction: string };
  /** A typical postback's parameters, in the order the network sends them. */
  pairs(user: string, tx: string, amount: string): Pairs;
  /** The signature of a call with these parameters (the URL's, for a URL-signed network). */
  sign(pairs: Pairs, secret: string): Signature | null;
  /** Whether it documents a negative amount as a chargeback. */
  negativeIsReversal: boolean;
}

export const BASE = 'https://pub.example/postback';
const query = (pairs: Pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
const get = (pairs: Pairs, name: string) => pairs.find(([key]) => key === name)?.[1] ?? '';

export const NETWORKS: Record<ProfileName, Network> = {
  generic: {
    fields: { user: 'user_id', amount: 'amount', transaction: 'transaction_id' },
    pairs: (user, tx, amount) => [['transaction_id', tx], ['user_id', user], ['amount', amount], ['offer_id', 'offer-9'], ['status', 'credit']],
    sign: (pairs, secret) => ({
      param: 'signature',
      value: hmac('sha256', ['transaction_id', 'user_id', 'offer_id', 'amount', 'status'].map((name) => encodeURIComponent(get(pairs, name))).join(':'), secret),
    }),
    negativeIsReversal: false,
  },
  ayet: {
    fields: { user: 'external_identifier', amount: 'currency_amount', transaction: 'transaction_id' },
    pairs: (user, tx, amount) => [['external_identifier', user], ['currency_amount', amount], ['payout_usd', '0.12'], ['transaction_id', tx], ['offer_id', '77']],
    sign: (pairs, secret) => ({
      header: 'X-Ayetstudios-Security-Hash',
      value: hmac('sha256', [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${php(k)}=${php(v)}`).join('&'), secret),
    }),
    negativeIsReversal: true,
  },
  adgem: {
    fields: { user: 'player_id', amount: 'amount', transaction: 'transaction_id' },
    pairs: (user, tx, amount) => [['amount', amount], ['campaign_id', '5'], ['player_id', user], ['request_id', '9f0c'], ['transaction_id', tx]],
    sign: (pairs, secret) => ({ param: 'verifier', value: hmac('sha256', `${BASE}?${query(pairs)}`, secret) }),
    negativeIsReversal: false,
  },
  lootably: {
    fields: { user: 'userID', amount: 'currencyReward', transaction: 'transactionID' },
    pairs: (user, tx, amount) => [['userID', user], ['transactionID', tx], ['ip', '203.0.113.4'], ['offerID', '3'], ['revenue', '0.55'], ['currencyReward', amount]],
    sign: (pairs, secret) => ({ param: 'hash', value: hex('sha256', `${get(pairs, 'userID')}${get(pairs, 'ip')}${get(pairs, 'revenue')}${get(pairs, 'currencyReward')}${secret}`) }),
    negativeIsReversal: false,
  },
  tapjoy: {
    fields: { user: 'snuid', amount: 'currency', transaction: 'id' },
    pairs: (user, tx, amount) => [['snuid', user], ['currency', amount], ['id', tx], ['mac_address', '']],
    sign: (pairs, secret) => ({ param: 'verifier', value: hex('md5', `${get(pairs, 'id')}:${get(pairs, 'snuid')}:${get(pairs, 'currency')}:${secret}`) }),
    negativeIsReversal: false,
  },
  fyber: {
    fields: { user: 'uid', amount: 'amount', transaction: '_trans_id_' },
    pairs: (user, tx, amount) => [['uid', user], ['amount', amount], ['currency_name', 'Coins'], ['_trans_id_', tx], ['pub0', 'campaign-a']],
    sign: (pairs, secret) => ({
      param: 'sid',
      value: hex('sha1', `${secret}${['uid', 'amount', '_trans_id_', ...Array.from({ length: 10 }, (_, i) => `pub${i}`)].map((name) => get(pairs, name)).join('')}`),
    }),
    negativeIsReversal: false,
  },
  bitlabs: {
    fields: { user: 'UID', amount: 'VAL', transaction: 'TX' },
    pairs: (user, tx, amount) => [['UID', user], ['TX', tx], ['VAL', amount], ['RAW', '0.12']],
    sign: (pairs, secret) => ({ param: 'hash', value: hmac('sha1', `${BASE}?${query(pairs)}`, secret) }),
    negativeIsReversal: true,
  },
  adgate: {
    fields: { user: 's1', amount: 'points', transaction: 'conversion_id' },
    pairs: (user, tx, amount) => [['s1', user], ['points', amount], ['payout', '0.12'], ['conversion_id', tx], ['state', 'approved']],
    sign: () => null,
    negativeIsReversal: false,
  },
  torox: {
    fields: { user: 'user_id', amount: 'amount', transaction: 'id' },
    pairs: (user, tx, amount) => [['id', tx], ['oid', '4242'], ['amount', amount], ['currency_name', 'Coins'], ['user_id', user]],
    sign: (pairs, secret) => ({ param: 'sig', value: hex('md5', `${get(pairs, 'oid')}-${get(pairs, 'user_id')}-${secret}`) }),
    negativeIsReversal: false,
  },
  kiwiwall: {
    fields: { user: 'sub_id', amount: 'amount', transaction: 'trans_id' },
    pairs: (user, tx, amount) => [['status', '1'], ['trans_id', tx], ['sub_id', user], ['amount', amount], ['gross', '0.12'], ['offer_id', '8']],
    sign: (pairs, secret) => ({ param: 'signature', value: hex('md5', `${get(pairs, 'sub_id')}:${get(pairs, 'amount')}:${secret}`) }),
    negativeIsReversal: true,
  },
};

/** A call as sent: the parameters, then the signature (in its parameter, last, or its header), then `after`. */
export function request(pairs: Pairs, signature: Signature | null, options: { after?: Pairs; body?: Pairs } = {}): { url: string; init: RequestInit } {
  const all: Pairs = [...pairs, ...(signature?.param ? [[signature.param, signature.value] as [string, string]] : []), ...(options.after ?? [])];
  const headers: Record<string, string> = signature?.header ? { [signature.header]: signature.value } : {};
  const init: RequestInit = { headers };
  if (options.body) {
    init.method = 'POST';
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    init.body = query(options.body);
  }
  return { url: `${BASE}?${query(all)}`, init };
}

/** The pairs with one parameter's value set (added when absent). */
export function withValue(pairs: Pairs, name: string, value: string): Pairs {
  return pairs.some(([key]) => key === name) ? pairs.map(([key, old]) => [key, key === name ? value : old]) : [...pairs, [name, value]];
}
