/**
 * A sample postback, made as the network would make it from its profile's declaration: its
 * parameters, and its signature where the network signs (in a parameter appended last, or a
 * header). `offer-wall-proxy postback test` sends one, so a publisher checks a setup before the
 * network goes live.
 */
import type { PostbackProfile } from './profile.js';
import { SECRET } from './profile.js';
import { signatureFor, type Params } from './signature.js';

export interface SamplePostback {
  url: string;
  headers: Record<string, string>;
}

/** Sample values for the parameters a signature covers beside the fields (Lootably's `ip`, `revenue`). */
const FILLERS: Record<string, string> = { ip: '127.0.0.1', revenue: '0.01' };

export async function samplePostback(
  profile: PostbackProfile,
  endpoint: string,
  values: { user: string; amount: string; transaction: string; secret: string | null; offer?: string },
): Promise<SamplePostback> {
  const { fields, signature } = profile;
  const params: Params = { [fields.transaction]: values.transaction, [fields.user]: values.user, [fields.amount]: values.amount };
  if (fields.offer) params[fields.offer] = values.offer ?? 'offer-wall-test';
  if (signature && 'parts' in signature.message) {
    for (const part of signature.message.parts) if (part !== SECRET && !(part in params) && part in FILLERS) params[part] = FILLERS[part]!;
  }
  const query = new URLSearchParams(params).toString();
  const url = `${endpoint}?${query}`;
  if (!signature || !values.secret) return { url, headers: {} };
  const value = await signatureFor(signature, params, { query, body: '', contentType: null, header: () => null, urls: [url], address: null }, values.secret);
  if (signature.param) return { url: `${url}&${encodeURIComponent(signature.param)}=${value}`, headers: {} };
  return { url, headers: { [signature.header!]: value } };
}
