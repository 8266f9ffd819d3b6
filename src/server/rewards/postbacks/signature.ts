/**
 * A postback's signature, as its profile declares it: the part of the call it covers (a URL up to
 * the signature, every query parameter, or named fields), the text computed over it, and the
 * check, in constant time. The reader (`judge.ts`) takes its values from `signedPart` only, so
 * nothing outside what the network signed can decide money.
 */
import { digestHex, hmacHex, timingSafeEqual } from '../../core/crypto.js';
import { SECRET, type SignatureSpec } from './profile.js';

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

/** Parameters by name, the first of each name (as the signature was checked over). */
export type Params = Record<string, string>;

function addAll(params: Params, pairs: Iterable<[string, string]>): void {
  for (const [name, value] of pairs) if (!Object.hasOwn(params, name)) params[name] = value;
}

/** The body's parameters: a form, or a JSON object's plain values. */
function bodyParams(incoming: Pick<IncomingPostback, 'body' | 'contentType'>): Array<[string, string]> {
  if (!incoming.body) return [];
  if (!(incoming.contentType ?? '').toLowerCase().includes('json')) return [...new URLSearchParams(incoming.body)];
  let json: unknown;
  try {
    json = JSON.parse(incoming.body);
  } catch {
    return [];
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  return Object.entries(json).flatMap(([name, value]) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [[name, String(value)] as [string, string]] : [],
  );
}

/** Every parameter of the call: the query's, then the body's where the query has none of that name. */
export function allParams(incoming: Pick<IncomingPostback, 'query' | 'body' | 'contentType'>): Params {
  const params: Params = {};
  addAll(params, new URLSearchParams(incoming.query));
  addAll(params, bodyParams(incoming));
  return params;
}

/** Where the signature parameter starts in a URL, or -1. */
const signatureAt = (url: string, param: string) => url.search(new RegExp(`[?&]${param.replace(/\W/g, '\\$&')}=`));

/**
 * The parameters the signature covers, as the reader may use them:
 * - a signed URL: those of the URL before the signature, nothing after it and nothing of a body;
 * - a signed sorted query: the query's, nothing of a body;
 * - signed fields, or no signature (its senders' addresses prove the call): every parameter of the
 *   call (the fields' values are in the signed text wherever they travelled).
 */
export function signedPart(spec: SignatureSpec | null, incoming: IncomingPostback): Params {
  if (!spec || 'parts' in spec.message) return allParams(incoming);
  if ('sortedQuery' in spec.message) return allParams({ query: incoming.query, body: '', contentType: null });
  const url = incoming.urls[0] ?? '';
  const at = signatureAt(url, spec.param!);
  const signed = at < 0 ? url : url.slice(0, at);
  const q = signed.indexOf('?');
  return allParams({ query: q < 0 ? '' : signed.slice(q + 1), body: '', contentType: null });
}

/** PHP's `http_build_query`: form encoding, where only `A-Za-z0-9._-` stay as they are. */
const phpEncode = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** Byte order, as PHP's `ksort(SORT_STRING)` sorts keys. */
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The texts a signature may have been computed over (several when the URL's scheme is in doubt). */
function signedTexts(spec: SignatureSpec, params: Params, incoming: IncomingPostback, secret: string): string[] {
  const { message } = spec;
  if ('parts' in message) {
    const value = (part: string) => (part === SECRET ? secret : message.encode === 'uri' ? encodeURIComponent(params[part] ?? '') : (params[part] ?? ''));
    return [message.parts.map(value).join(message.separator)];
  }
  if ('url' in message) {
    // The URL exactly as sent, up to the signature parameter, which the network appends last.
    return incoming.urls.map((url) => {
      const at = signatureAt(url, spec.param!);
      return at < 0 ? url : url.slice(0, at);
    });
  }
  const pairs = [...new URLSearchParams(incoming.query)].filter(([name]) => name !== spec.param).sort(([a], [b]) => byBytes(a, b));
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

/** The signature of a call as its network would make it (the first text it could be over). */
export async function signatureFor(spec: SignatureSpec, params: Params, incoming: IncomingPostback, secret: string): Promise<string> {
  return signatureOf(spec, signedTexts(spec, params, incoming, secret)[0]!, secret);
}

/** The signature the call carries (in its parameter or header), or null. */
export function givenSignature(spec: SignatureSpec, incoming: IncomingPostback): string | null {
  const inParam = spec.param ? allParams(incoming)[spec.param] : undefined;
  return inParam ?? (spec.header ? incoming.header(spec.header) : null);
}

/** Whether `given` is the signature of the call under `secret`; every candidate is compared, in constant time. */
export async function verifySignature(spec: SignatureSpec, given: string, params: Params, incoming: IncomingPostback, secret: string): Promise<boolean> {
  let valid = false;
  for (const text of signedTexts(spec, params, incoming, secret)) {
    valid = timingSafeEqual(given.trim().toLowerCase(), await signatureOf(spec, text, secret)) || valid;
  }
  return valid;
}
