/**
 * Reads a network's postback by its profile (`profiles.ts`): checks the sender's address and the
 * signature (in constant time), then reads the fields into a record for the ledger, or says why
 * not: a forbidden sender or signature (403), a malformed field (400, naming it), or a notice to
 * acknowledge without crediting. Nothing of it touches the ledger; runtime-neutral.
 */
import type { AddressList } from '../../core/address.js';
import { digestHex, hmacHex, timingSafeEqual } from '../../core/crypto.js';
import type { PostbackProfile, ProfileName, Rule, SignatureSpec } from './profiles.js';

/** A postback as it arrived. */
export interface IncomingPostback {
  /** The query string as received, without `?`. */
  query: string;
  /** The request body's text ('' for none) and its type. */
  body: string;
  contentType: string | null;
  header(name: string): string | null;
  /** The URLs the network may have called: the public one behind a TLS terminator, and the one seen here. */
  urls: readonly string[];
  /** The sender's address, as far as trusted proxies say (null when unknown). */
  address: string | null;
}

/** A conversion or chargeback to record. */
export interface PostbackRecord {
  profile: ProfileName;
  transactionId: string;
  kind: 'credit' | 'reversal';
  userId: string;
  /** The amount of virtual currency, as a decimal text, never negative. */
  amount: string;
  offerId: string | null;
  clickId: string | null;
  /** Every parameter received, for support. */
  params: Record<string, string>;
}

export type Verdict =
  | { kind: 'record'; record: PostbackRecord }
  | { kind: 'ignore' }
  | { kind: 'malformed'; field: string; message: string }
  | { kind: 'forbidden'; message: string };

/** The settings of the receiver: the network's profile, its key, and the allowed senders. */
export interface PostbackSettings {
  name: ProfileName;
  profile: PostbackProfile;
  secret: string | null;
  senders: AddressList | null;
}

const MAX_FIELD = 256;
const DECIMAL = /^-?\d{1,15}(\.\d{1,12})?$/;

/** The parameters of a postback: the query's, then the body's (form or JSON) where the query has none. */
export function parameters(incoming: Pick<IncomingPostback, 'query' | 'body' | 'contentType'>): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (name: string, value: string) => {
    if (!Object.hasOwn(params, name)) params[name] = value;
  };
  for (const [name, value] of new URLSearchParams(incoming.query)) add(name, value);
  const type = incoming.contentType?.toLowerCase() ?? '';
  if (incoming.body) {
    if (type.includes('json')) {
      let json: unknown;
      try {
        json = JSON.parse(incoming.body);
      } catch {
        json = null;
      }
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        for (const [name, value] of Object.entries(json)) {
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') add(name, String(value));
        }
      }
    } else {
      for (const [name, value] of new URLSearchParams(incoming.body)) add(name, value);
    }
  }
  return params;
}

/** PHP's `http_build_query`: form encoding, where only `A-Za-z0-9._-` stay as they are. */
const phpEncode = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** Byte order, as PHP's `ksort(SORT_STRING)` sorts keys. */
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The texts a signature may have been computed over (several when the URL's scheme is in doubt). */
function signedTexts(spec: SignatureSpec, params: Record<string, string>, incoming: IncomingPostback, secret: string): string[] {
  const { message } = spec;
  if ('template' in message) {
    return [message.template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'secret' ? secret : (params[name] ?? '')))];
  }
  if ('url' in message) {
    // The URL exactly as sent, up to the signature parameter, which the network appends last.
    const name = spec.param!;
    return incoming.urls.map((url) => {
      const at = url.search(new RegExp(`[?&]${name.replace(/\W/g, '\\$&')}=`));
      return at < 0 ? url : url.slice(0, at);
    });
  }
  const query = new URLSearchParams(incoming.query);
  const pairs = [...query].filter(([name]) => name !== spec.param).sort(([a], [b]) => byBytes(a, b));
  return [pairs.map(([name, value]) => `${phpEncode(name)}=${phpEncode(value)}`).join('&')];
}

async function signatureOf(spec: SignatureSpec, text: string, secret: string): Promise<string> {
  switch (spec.algorithm) {
    case 'hmac-sha256':
      return hmacHex('sha256', secret, text);
    case 'hmac-sha1':
      return hmacHex('sha1', secret, text);
    default:
      return digestHex(spec.algorithm, text);
  }
}

function matches(rule: Rule, params: Record<string, string>, amount: string, transaction: string): boolean {
  if ('param' in rule) return rule.values.some((value) => value.toLowerCase() === (params[rule.param] ?? '').toLowerCase());
  if ('negativeAmount' in rule) return amount.startsWith('-');
  return transaction.startsWith(rule.prefix);
}

/** Judges a postback by its profile. */
export async function judgePostback(incoming: IncomingPostback, settings: PostbackSettings): Promise<Verdict> {
  const { profile, secret } = settings;
  if (settings.senders && !(incoming.address && settings.senders.has(incoming.address))) {
    return { kind: 'forbidden', message: 'This address may not send postbacks.' };
  }
  const params = parameters(incoming);
  const spec = profile.signature;
  if (spec) {
    const given = (spec.param ? params[spec.param] : undefined) ?? (spec.header ? incoming.header(spec.header) : null);
    if (!given || !secret) return { kind: 'forbidden', message: 'The postback is not signed.' };
    let valid = false;
    // Every candidate is computed and compared, so the time taken says nothing of which was close.
    for (const text of signedTexts(spec, params, incoming, secret)) {
      valid = timingSafeEqual(given.trim().toLowerCase(), await signatureOf(spec, text, secret)) || valid;
    }
    if (!valid) return { kind: 'forbidden', message: 'The postback’s signature is wrong.' };
  }

  const { fields } = profile;
  const malformed = (field: string, what: string): Verdict => ({ kind: 'malformed', field, message: `${field} ${what}` });
  let transaction = params[fields.transaction]?.trim() ?? '';
  const userId = params[fields.user]?.trim() ?? '';
  const amount = params[fields.amount]?.trim() ?? '';
  if (!transaction || transaction.length > MAX_FIELD) return malformed(fields.transaction, `must be given, at most ${MAX_FIELD} characters`);
  if (!userId || userId.length > MAX_FIELD) return malformed(fields.user, `must be given, at most ${MAX_FIELD} characters`);
  if (!DECIMAL.test(amount)) return malformed(fields.amount, 'must be a decimal number');
  const optional = (name: string | undefined) => {
    const value = name ? params[name]?.trim() : undefined;
    return value ? value.slice(0, MAX_FIELD) : null;
  };

  if (profile.ignore?.some((rule) => matches(rule, params, amount, transaction))) return { kind: 'ignore' };
  let reversal = false;
  if (profile.status) {
    const status = (params[profile.status.param] ?? '').trim().toLowerCase();
    if (status && !profile.status.credit.includes(status) && !profile.status.reversal.includes(status)) {
      return malformed(profile.status.param, `must be one of ${[...profile.status.credit, ...profile.status.reversal].join(', ')}`);
    }
    reversal = profile.status.reversal.includes(status);
  }
  for (const rule of profile.reversal) {
    if (!matches(rule, params, amount, transaction)) continue;
    reversal = true;
    // A reversal named after its transaction (`r-123`) takes back that transaction.
    if ('prefix' in rule) transaction = rule.original + transaction.slice(rule.prefix.length);
  }
  return {
    kind: 'record',
    record: {
      profile: settings.name,
      transactionId: transaction,
      kind: reversal ? 'reversal' : 'credit',
      userId,
      amount: amount.replace(/^-/, ''),
      offerId: optional(fields.offer),
      clickId: optional('click' in fields ? fields.click : undefined),
      params,
    },
  };
}
