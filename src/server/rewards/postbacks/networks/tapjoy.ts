import { SECRET, type PostbackProfile } from '../profile.js';

/** Tapjoy / Unity (self-managed currency): `verifier`, an MD5 of `id:snuid:currency:key`. */
export const tapjoy = {
  fields: { transaction: 'id', user: 'snuid', amount: 'currency' },
  signature: { param: 'verifier', algorithm: 'md5', message: { parts: ['id', 'snuid', 'currency', SECRET], separator: ':' } },
  reversal: [],
  // Tapjoy retries anything but 200 and 403 every five minutes for four days: 403 says "stop".
  replies: { ok: [200, ''], malformed: [403, ''], forbidden: [403, ''], conflict: [403, ''], failed: [500, ''] },
  source: 'docs.unity.com, Tapjoy: self-managed currency',
} as const satisfies PostbackProfile;
