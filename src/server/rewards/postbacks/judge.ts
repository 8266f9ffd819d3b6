/**
 * Reads a network's postback by its profile (`profile.ts`): checks the sender's address and the
 * signature, then reads the fields into a record for the ledger, or says why not: a forbidden
 * sender or signature (403), a malformed field (400, naming it), or a notice to acknowledge
 * without crediting. Runtime-neutral; nothing of it touches the ledger.
 *
 * Money is only what the network signed: every value that decides it (user, amount, transaction,
 * status, reversal) is read from the part of the call the signature covers (`signedPart`), and
 * for a profile whose signature proves the call by itself, only from the fields it signs. For a
 * weak profile (`weakness`), the sender's address, which must then be on the allow-list, is what
 * proves the call, and its values are read as sent.
 */
import type { AddressList } from '../../core/address.js';
import { MAX_ID, MAX_PARAM, readAmount, textProblem } from '../values.js';
import { signs, weakness, type PostbackProfile, type Rule } from './profile.js';
import { givenSignature, signedPart, verifySignature, type IncomingPostback, type Params } from './signature.js';
import type { ProfileName } from './profiles.js';

export type { IncomingPostback } from './signature.js';

/** A conversion or chargeback to record. */
export interface PostbackRecord {
  profile: ProfileName;
  transactionId: string;
  kind: 'credit' | 'reversal';
  userId: string;
  /** The amount of virtual currency, an exact decimal text, more than 0. */
  amount: string;
  offerId: string | null;
  clickId: string | null;
  /** The goal (event, task) of a multi-goal offer, or null; and its name when the network gives one. */
  goal: string | null;
  goalName: string | null;
  /** The parameters the signature covers, for support. */
  params: Params;
  /** The sender's address. */
  address: string | null;
}

/** What a refused postback said it was about (unproven: for the audit trail only). */
export interface Claimed {
  transactionId: string | null;
  userId: string | null;
  amount: string | null;
  goal: string | null;
}

export type Verdict =
  | { kind: 'record'; record: PostbackRecord }
  | { kind: 'ignore'; claimed: Claimed }
  | { kind: 'malformed'; field: string; message: string; claimed: Claimed }
  | { kind: 'forbidden'; reason: 'bad signature' | 'address not allowed'; message: string; claimed: Claimed };

/** The settings of the receiver: the network's profile, its key, and the allowed senders. */
export interface PostbackSettings {
  name: ProfileName;
  profile: PostbackProfile;
  secret: string | null;
  senders: AddressList | null;
}

export async function judgePostback(incoming: IncomingPostback, settings: PostbackSettings): Promise<Verdict> {
  const { profile, secret } = settings;
  const spec = profile.signature;
  const weak = weakness(profile) !== null;
  const { fields } = profile;
  const params = signedPart(spec, incoming);
  const claimed: Claimed = {
    transactionId: params[fields.transaction] ?? null,
    userId: params[fields.user] ?? null,
    amount: params[fields.amount] ?? null,
    goal: (fields.goal && params[fields.goal]) || null,
  };
  if (settings.senders ? !(incoming.address && settings.senders.has(incoming.address)) : weak) {
    return { kind: 'forbidden', reason: 'address not allowed', message: 'This address may not send postbacks.', claimed };
  }
  const malformed = (field: string, what: string): Verdict => ({ kind: 'malformed', field, message: `${field} ${what}`, claimed });
  // Nothing reaches the database (or a signature's encoding) that it cannot hold.
  for (const [name, value] of Object.entries(params)) {
    const problem = textProblem(name, MAX_PARAM) ?? textProblem(value, MAX_PARAM);
    if (problem) return malformed(name, problem);
  }
  if (spec) {
    const given = givenSignature(spec, incoming);
    if (!given || !secret) return { kind: 'forbidden', reason: 'bad signature', message: 'The postback is not signed.', claimed };
    if (!(await verifySignature(spec, given, params, incoming, secret))) return { kind: 'forbidden', reason: 'bad signature', message: 'The postback’s signature is wrong.', claimed };
  }

  /** A value that may decide money: signed, or proven by the sender's address. */
  const money = (name: string | undefined): string => (name !== undefined && (weak || signs(spec, name)) ? (params[name] ?? '') : '');
  // Unencoded values joined by a separator: one holding the separator could have come from the next field.
  const message = spec?.message;
  if (!weak && message && 'parts' in message && !message.encode && message.separator) {
    for (const part of message.parts) {
      if (params[part]?.includes(message.separator)) return malformed(part, `must not hold "${message.separator}", which separates the signed values`);
    }
  }

  let transaction = money(fields.transaction);
  const userId = money(fields.user);
  // The goal decides money (each goal credits once): read only where it is proven, as the rest.
  const goal = money(fields.goal) || null;
  if (!transaction) return malformed(fields.transaction, 'must be given');
  if (!userId) return malformed(fields.user, 'must be given');
  for (const [field, value] of [
    [fields.transaction, transaction],
    [fields.user, userId],
    [fields.goal ?? 'goal', goal ?? ''],
  ] as const) {
    const problem = textProblem(value, MAX_ID);
    if (problem) return malformed(field, problem);
  }
  const amount = readAmount(money(fields.amount).trim());
  if (typeof amount === 'string') return malformed(fields.amount, amount);
  const hint = (name: string | undefined) => {
    const value = name ? params[name]?.trim() : undefined;
    return value ? value.slice(0, MAX_ID) : null;
  };

  const matches = (rule: Rule) =>
    'param' in rule ? rule.values.some((value) => value.toLowerCase() === money(rule.param).toLowerCase()) : transaction.startsWith(rule.prefix);
  if (profile.ignore?.some(matches)) return { kind: 'ignore', claimed };
  let reversal = false;
  if (profile.status) {
    const status = money(profile.status.param).trim().toLowerCase();
    if (status && !profile.status.credit.includes(status) && !profile.status.reversal.includes(status)) {
      return malformed(profile.status.param, `must be one of ${[...profile.status.credit, ...profile.status.reversal].join(', ')}`);
    }
    reversal = profile.status.reversal.includes(status);
  }
  for (const rule of profile.reversal) {
    if (!matches(rule)) continue;
    reversal = true;
    // A reversal named after its transaction (`r-123`) takes back that transaction.
    if ('prefix' in rule) transaction = rule.original + transaction.slice(rule.prefix.length);
  }
  if (amount.negative) {
    // Only where the network documents it is a negative amount a chargeback; never a credit.
    if (!profile.negativeIsReversal) return malformed(fields.amount, 'must be more than 0');
    reversal = true;
  }
  if (!transaction) return malformed(fields.transaction, 'must name the transaction it reverses');
  return {
    kind: 'record',
    record: {
      profile: settings.name,
      transactionId: transaction,
      kind: reversal ? 'reversal' : 'credit',
      userId,
      amount: amount.value,
      offerId: hint(fields.offer),
      clickId: hint('click' in fields ? fields.click : undefined),
      goal,
      goalName: goal ? (fields.goalName ? params[fields.goalName]?.trim().slice(0, 256) || null : null) : null,
      params,
      address: incoming.address,
    },
  };
}
