/**
 * The two signed messages of the rewards (CONTRACT.md section 9): the user token, which the
 * publisher's own server makes and the wall shows the reference backend to say which user it
 * speaks for, and the `Offer-Wall-Signature` header of the publisher's webhook. Both are
 * HMAC-SHA256, checked in constant time; runtime-neutral (Web Crypto).
 */
import { base64url, fromBase64url, hmac, hmacHex, timingSafeEqual } from '../core/crypto.js';

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
 * to the wall's `user-token` attribute.
 */
export async function createUserToken(userId: string, secret: string, options: UserTokenOptions = {}): Promise<string> {
  if (!userId) throw new TypeError('createUserToken: the user id is empty');
  if (!secret) throw new TypeError('createUserToken: the secret is empty');
  const now = (options.now ?? Date.now)();
  const expires = options.expires ?? Math.floor(now / 1000) + (options.expiresIn ?? 86_400);
  const signed = `${base64url(userId)}.${expires}`;
  return `${signed}.${base64url(await hmac('sha256', secret, signed))}`;
}

/** The user a token speaks for, or null when it is malformed, forged or expired. */
export async function verifyUserToken(token: string, secret: string, now: number = Date.now()): Promise<string | null> {
  const match = /^([A-Za-z0-9_-]+)\.(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(token.trim());
  if (!match) return null;
  const [, user, expires, signature] = match;
  const expected = base64url(await hmac('sha256', secret, `${user}.${expires}`));
  if (!timingSafeEqual(signature!, expected)) return null;
  if (Number(expires) * 1000 <= now) return null;
  return fromBase64url(user!) || null;
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
