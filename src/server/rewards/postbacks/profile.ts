/**
 * A network's postback, declared as data: where each field is read, what the signature covers
 * and how it is made, how a reversal is recognised, and what the network expects to hear back.
 * From the declaration alone the program knows whether a signature can prove a call by itself
 * (`weakness`): one that leaves the user, the amount or the transaction id out, or joins values
 * with nothing between them, cannot, and the network's sender addresses must then prove it.
 */

/** Stands for the key in a signed message's list of parts. */
export const SECRET = '$secret';

/** What a signature is computed over. */
export type SignedMessage =
  /**
   * These parameters' values (and the key, where `SECRET` stands), in this order, joined by
   * `separator`; `encode: 'uri'` writes each value as `encodeURIComponent` does first.
   */
  | { parts: readonly string[]; separator: string; encode?: 'uri' }
  /** The whole URL as the network called it, up to the signature parameter (which comes last). */
  | { url: true }
  /** Every query parameter but the signature, sorted by name, form-encoded (PHP's `http_build_query`). */
  | { sortedQuery: true };

export interface SignatureSpec {
  /** Where the signature travels: a parameter, a header, or either (the first found). */
  param?: string;
  header?: string;
  /** HMACs take the key as their key; plain digests have `SECRET` among their parts. */
  algorithm: 'hmac-sha256' | 'hmac-sha1' | 'sha256' | 'sha1' | 'md5';
  message: SignedMessage;
}

/** A rule that makes a postback a reversal, or one to acknowledge and keep nothing of. */
export type Rule =
  /** The parameter has one of these values (any case). */
  | { param: string; values: readonly string[] }
  /** The transaction id starts with this; the reversed transaction's id is `original` + the rest. */
  | { prefix: string; original: string };

export interface PostbackProfile {
  /**
   * The parameters that carry each field. `goal` is the goal (event, task) of a multi-goal offer:
   * each goal of one transaction credits once; `goalName` its name, when the network sends one.
   */
  fields: { transaction: string; user: string; amount: string; offer?: string; click?: string; goal?: string; goalName?: string };
  /** null: the network does not sign (its senders must then be listed). */
  signature: SignatureSpec | null;
  /** Any of these makes the postback a reversal. */
  reversal: readonly Rule[];
  /** The network documents a negative amount as a reversal; everywhere else a negative amount is refused. */
  negativeIsReversal?: boolean;
  /** Any of these makes it a notice to acknowledge without crediting (a conversion still pending review). */
  ignore?: readonly Rule[];
  /** A status parameter and the values it takes; others are refused as malformed (generic). */
  status?: { param: string; credit: readonly string[]; reversal: readonly string[] };
  /** The replies: status and body for each outcome. */
  replies: { ok: Reply; malformed: Reply; forbidden: Reply; conflict: Reply; failed: Reply };
  /** The sender addresses the network publishes. */
  senders?: readonly string[];
  /** Where the network documents its postback. */
  source: string;
}

export type Reply = readonly [status: number, body: string];

export const OK: Reply = [200, 'OK'];
export const STANDARD_REPLIES = { ok: OK, malformed: [400, ''], forbidden: [403, ''], conflict: [409, ''], failed: [500, ''] } as const;

/** Whether the signature covers a parameter: for a URL or a sorted query, every parameter it holds does. */
export function signs(spec: SignatureSpec | null, param: string | undefined): boolean {
  if (!spec || param === undefined) return false;
  return 'parts' in spec.message ? spec.message.parts.includes(param) : true;
}

/**
 * Why a profile's signature cannot prove a postback by itself, or null when it can: it must cover
 * the user, the amount and the transaction id, with something between each value and the next.
 */
export function weakness(profile: PostbackProfile): string | null {
  const { signature, fields } = profile;
  if (!signature) return 'it does not sign its postbacks';
  const left = (['user', 'amount', 'transaction'] as const).filter((field) => !signs(signature, fields[field]));
  if (left.length) return `its signature leaves out the ${left.map((field) => (field === 'transaction' ? 'transaction id' : field)).join(' and the ')}, so a genuine postback could be replayed with other values`;
  if ('parts' in signature.message && signature.message.separator === '') return 'its signature joins the values with nothing between them, so digits could move from one field to the next';
  return null;
}
