/**
 * The two signed messages of the rewards (CONTRACT.md section 9): the user token, which the
 * publisher's own server makes and the wall shows the reference backend to say which user it
 * speaks for, and the `Offer-Wall-Signature` header of the publisher's webhook. Both are
 * HMAC-SHA256, checked in constant time; runtime-neutral (Web Crypto).
 */
import { base64url, fromBase64url, hmac, hmacHex, timingSafeEqual } from '../core/crypto.js';
import { MAX_ID, textProblem } from './values.js';

/** The longest a token may live: one that expires further ahead is refused (a leaked one cannot last). */
export const MAX_TOKEN_LIFETIME_S = 30 * 86_400;

/**
 * The user-token keys of a setting: one key, or during a rotation the new key then the old one,
 * comma-separated (tokens are made with the first, accepted with either). Throws a `TypeError`
 * when it is none of these.
 */
export function userKeys(secret: string): string[] {
  const keys = secret.split(',').map((key) => key.trim());
  if (keys.length > 2 || keys.some((key) => !key)) throw new TypeError('the user secret must be one key, or the new key and the old one separated by a comma');
  return keys;
}

export interface UserTokenOptions {
  /** When the token stops working, in Unix seconds; or `expiresIn` seconds from now (default one day). */
  expires?: number;
  expiresIn?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * A user token: `b64u(user_id) + "." + expires + "." + b64u(HMAC-SHA256(secret, b64u(user_id) + "." + expires))`.
 * Make it on your server (never in the page: the secret is `OFFER_WALL_USER_SECRET`) and give it
 * to the wall's `user-token` attribute. During a key rotation pass the setting as it is (new key,
 * old key): the token is made with the new one. It lives at most 30 days; the user id is at most
 * 128 characters.
 */
export async function createUserToken(userId: string, secret: string, options: UserTokenOptions = {}): Promise<string> {
  if (!userId) throw new TypeError('createUserToken: the user id is empty');
  const problem = textProblem(userId, MAX_ID);
  if (problem) throw new TypeError(`createUserToken: the user id ${problem}`);
  if (!secret) throw new TypeError('createUserToken: the secret is empty');
  const [key] = userKeys(secret);
  const seconds = Math.floor((options.now ?? Date.now)() / 1000);
  const expires = options.expires ?? seconds + (options.expiresIn ?? 86_400);
  if (expires > seconds + MAX_TOKEN_LIFETIME_S) throw new TypeError('createUserToken: a token lives at most 30 days (it would be refused)');
  const signed = `${base64url(userId)}.${expires}`;
  return `${signed}.${base64url(await hmac('sha256', key!, signed))}`;
}

/**
 * The user a token speaks for, or null when it is malformed, forged, expired, or lives further
 * ahead than 30 days, or names a user id longer than 128 characters. `secret` may hold two keys
 * (new, old) during a rotation: a token signed with either is accepted.
 */
export async function verifyUserToken(token: string, secret: string, now: number = Date.now()): Promise<string | null> {
  const match = /^([A-Za-z0-9_-]+)\.(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(token.trim());
  if (!match) return null;
  const [, user, expires, signature] = match;
  let keys: string[];
  try {
    keys = userKeys(secret);
  } catch {
    return null;
  }
  // Every key is tried, so the time taken says nothing of which one signed it.
  let valid = false;
  for (const key of keys) valid = timingSafeEqual(signature!, base64url(await hmac('sha256', key, `${user}.${expires}`))) || valid;
  if (!valid) return null;
  const at = Number(expires) * 1000;
  if (at <= now || at > now + MAX_TOKEN_LIFETIME_S * 1000) return null;
  const userId = fromBase64url(user!);
  return userId && !textProblem(userId, MAX_ID) ? userId : null;
}

/** The `Offer-Wall-Signature` header for a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export async function signWebhook(body: string, secret: string, seconds: number = Math.floor(Date.now() / 1000)): Promise<string> {
  return `t=${seconds},v1=${await hmacHex('sha256', secret, `${seconds}.${body}`)}`;
}

export interface VerifyWebhookOptions {
  /** How old a signature may be, in seconds (replays of older ones are refused). Default 300. */
  toleranceSeconds?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Whether a webhook request is genuine: its `Offer-Wall-Signature` header signs this exact raw
 * body with your `OFFER_WALL_WEBHOOK_SECRET`, and was made within the tolerance. Pass the body as
 * the bytes' text, before any JSON parsing.
 */
export async function verifyWebhookSignature(header: string | null | undefined, rawBody: string, secret: string, options: VerifyWebhookOptions = {}): Promise<boolean> {
  if (!header || !secret) return false;
  let seconds: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value ?? '')) seconds = Number(value);
    else if (name === 'v1' && value) signatures.push(value.toLowerCase());
  }
  if (seconds === null || !signatures.length) return false;
  const now = (options.now ?? Date.now)() / 1000;
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return false;
  const expected = await hmacHex('sha256', secret, `${seconds}.${rawBody}`);
  // Every candidate is compared, so the time taken says nothing of which one was close.
  let valid = false;
  for (const signature of signatures) valid = timingSafeEqual(signature, expected) || valid;
  return valid;
}
