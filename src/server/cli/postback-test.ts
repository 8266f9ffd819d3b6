/**
 * `offer-wall-proxy postback test <profile> --user <id> --amount <n>`: signs a sample postback as
 * that network would (with the key the server has for it), sends it to the server, and says what
 * the server made of it, so a publisher checks a setup before the network goes live. The credit
 * is real: adjust it away afterwards, or try it on a test user.
 */
import { randomUUID } from 'node:crypto';
import type { Environment } from '../config.js';
import { describeError } from '../core/log.js';
import { PROFILES, PROFILE_NAMES, weakness, type ProfileName } from '../rewards/postbacks/profiles.js';
import { samplePostback } from '../rewards/postbacks/sample.js';
import { readAmount } from '../rewards/values.js';
import { UsageError } from './output.js';

export interface PostbackTestResult {
  profile: ProfileName;
  url: string;
  status: number;
  body: string;
  /** What the answer means, in words. */
  verdict: string;
}

export async function postbackTest(env: Environment, name: string, options: { user: string; amount: string; url?: string; transaction?: string }): Promise<PostbackTestResult> {
  const profile = name.toLowerCase() as ProfileName;
  if (!PROFILE_NAMES.includes(profile)) throw new UsageError(`"${name}" is no profile: ${PROFILE_NAMES.join(', ')}`);
  const amount = readAmount(options.amount.trim());
  if (typeof amount === 'string') throw new UsageError(`--amount ${amount}`);
  if (!options.user) throw new UsageError('--user is required');
  const declaration = PROFILES[profile];
  const secret = env[`OFFER_WALL_POSTBACK_SECRET_${profile.toUpperCase()}`]?.trim() || env['OFFER_WALL_POSTBACK_SECRET']?.trim() || null;
  if (declaration.signature && !secret) {
    throw new UsageError(`${profile} signs its postbacks: set OFFER_WALL_POSTBACK_SECRET_${profile.toUpperCase()} (or OFFER_WALL_POSTBACK_SECRET) as the server has it`);
  }
  const host = env['HOST']?.trim() || '127.0.0.1';
  const base = options.url ?? `http://${host.includes(':') ? `[${host}]` : host}:${env['PORT']?.trim() || '8787'}`;
  const endpoint = new URL(`/postback/${profile}`, base).href;
  const transaction = options.transaction ?? `offer-wall-test-${randomUUID()}`;
  const sample = await samplePostback(declaration, endpoint, { user: options.user, amount: amount.value, transaction, secret });
  let response: Response;
  try {
    response = await fetch(sample.url, { headers: sample.headers, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(`the server at ${base} did not answer (${describeError(error)}): is it running? (--url names another)`);
  }
  const body = await response.text();
  const status = response.status;
  const verdict =
    status === 200
      ? `accepted: ${amount.value} credited to ${options.user} (transaction ${transaction}); the setup works`
      : status === 403 && weakness(declaration)
        ? `refused (403): ${profile} is heard only from the addresses in OFFER_WALL_POSTBACK_IPS_${profile.toUpperCase()}, and this machine is not one of them: add 127.0.0.1 there to try it, or expect this from anyone but the network`
        : status === 403
          ? `refused (403): the signature did not match: the server's key for ${profile} is not the one this command signed with`
          : status === 404
            ? `not found (404): the server does not receive ${profile} postbacks: add it to OFFER_WALL_POSTBACK_PROFILE`
            : `refused (${status})`;
  return { profile, url: sample.url, status, body, verdict };
}
