/**
 * `/postback` (and `/postback/<profile>`): a network reports a conversion or a chargeback. It is
 * judged by the network's profile (`postbacks/judge.ts`), recorded once in the ledger, and answered
 * in the network's own terms only after it is stored (on disk): 200 stored or a repeat, 400
 * malformed (the field named), 403 a sender or signature not proven, 409 a transaction that belongs
 * to another user, 500 only when it could not be stored, so the network tries again, with the
 * cause logged. Every postback received leaves a line in the audit trail, a count in the metrics
 * and its profile, transaction, user (as the log's setting shows users) and verdict in the log.
 */
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import { describeError } from '../core/log.js';
import { timed, type Metrics } from '../core/metrics.js';
import { recordRefusal, type RefusalReason } from './ledger/audit.js';
import type { Ledger } from './ledger/ledger.js';
import { judgePostback, type Claimed, type PostbackSettings } from './postbacks/judge.js';

/** What the rewards need of a request, beyond what the core reads. */
export interface RewardsRequest {
  method: string;
  /** The query string, without `?`. */
  search: string;
  header(name: string): string | null;
  /** The body's text, or null when it is larger than `limit` bytes. */
  body(limit: number): Promise<string | null>;
  /** The URLs the request may have been made to (the scheme behind a TLS terminator is in doubt). */
  urls(): string[];
  address: string | null;
  /** Adds to the request's log line. */
  note(detail: Record<string, string | null>): void;
}

const POSTBACK_BODY_LIMIT = 64 * 1024;
/**
 * Refused postbacks kept in the audit trail per second, at most: a flood of forged calls must not
 * fill the disk (each is still counted in the metrics, and the log says how many went unkept).
 */
export const REFUSALS_KEPT_PER_SECOND = 50;
const TEXT = 'text/plain; charset=utf-8';

/** At most `perSecond` a second: whether this one may pass, and whether it is the first of a second turned away. */
function allowance(perSecond: number, now: () => number = Date.now) {
  let second = 0;
  let used = 0;
  return (): { ok: boolean; firstTurnedAway: boolean } => {
    const at = Math.floor(now() / 1000);
    if (at !== second) {
      second = at;
      used = 0;
    }
    used++;
    return { ok: used <= perSecond, firstTurnedAway: used === perSecond + 1 };
  };
}

export interface PostbackStore {
  ledger: Ledger;
  /** Write a webhook event for every credit and reversal. */
  webhook: boolean;
  onStored?: () => void;
  logError: (message: string) => void;
  metrics: Metrics;
  /** A user id as the log shows it (hashed, plain, or not at all). */
  shownUser: (userId: string | null) => Promise<string | null>;
}

export function postbackRoute(network: PostbackSettings, store: PostbackStore) {
  const { replies } = network.profile;
  const profile = network.name;
  const keepRefusal = allowance(REFUSALS_KEPT_PER_SECOND);
  /** The network's own reply when it has one for this outcome, else a JSON error. */
  const reply = ([status, body]: readonly [number, string], code: string | null, message: string, extra: Record<string, string> = {}): Answer =>
    body || status === 200 ? { ...answerOf(status, body, code), type: TEXT } : jsonError(status, code ?? 'error', message, extra);

  /** Counts, logs and keeps (in the audit trail, when it says so) what became of a postback. */
  async function tell(request: RewardsRequest, verdict: string, reason: string | null, claimed: Claimed | null, audit: 'refused' | 'ignored' | null) {
    store.metrics.postback(profile, verdict, reason);
    request.note({ profile, transaction: claimed?.transactionId ?? null, user: await store.shownUser(claimed?.userId ?? null), verdict, reason });
    if (!audit) return;
    if (audit === 'refused') {
      const room = keepRefusal();
      if (room.firstTurnedAway) {
        store.logError(`postback ${profile}: refused postbacks over ${REFUSALS_KEPT_PER_SECOND} a second are not kept in the audit trail (a flood? each is still counted in /metrics)`);
      }
      if (!room.ok) return;
    }
    // Kept for support; a failure to keep it changes nothing of the answer.
    await recordRefusal(store.ledger, { profile, verdict: audit, reason, ...claimed, address: request.address }).catch((error: unknown) =>
      store.logError(`postback ${profile}: its audit line was not kept: ${describeError(error)}`),
    );
  }

  return async function receivePostback(request: RewardsRequest): Promise<Answer> {
    if (request.method !== 'GET' && request.method !== 'POST') return jsonError(405, 'method_not_allowed', 'Use GET or POST.');
    const body = request.method === 'POST' ? await request.body(POSTBACK_BODY_LIMIT) : '';
    if (body === null) return jsonError(413, 'too_large', `A postback is at most ${POSTBACK_BODY_LIMIT} bytes.`);
    const verdict = await judgePostback(
      { query: request.search, body, contentType: request.header('Content-Type'), header: request.header, urls: request.urls(), address: request.address },
      network,
    );
    switch (verdict.kind) {
      case 'forbidden':
        await tell(request, 'refused', verdict.reason, verdict.claimed, 'refused');
        return reply(replies.forbidden, 'forbidden', verdict.message);
      case 'malformed':
        await tell(request, 'refused', 'bad value' satisfies RefusalReason, verdict.claimed, 'refused');
        return reply(replies.malformed, 'bad_postback', verdict.message, { field: verdict.field });
      case 'ignore':
        await tell(request, 'ignored', null, verdict.claimed, 'ignored');
        return reply(replies.ok, null, '');
    }
    const { record } = verdict;
    const claimed: Claimed = { transactionId: record.transactionId, userId: record.userId, amount: record.amount, goal: record.goal };
    let result;
    try {
      result = await timed(() => store.ledger.apply(record, store.webhook), (seconds) => store.metrics.ledger('apply', seconds));
    } catch (error) {
      // Not stored: the network must try again, and the operator must learn why.
      store.logError(`postback ${profile} ${record.transactionId} not stored: ${describeError(error)}`);
      await tell(request, 'failed', 'not stored' satisfies RefusalReason, claimed, null);
      return reply(replies.failed, 'not_stored', 'The postback could not be stored; try again.');
    }
    if (result === 'conflict') {
      // Its audit line is the ledger's own (written with the check).
      await tell(request, 'refused', 'user mismatch' satisfies RefusalReason, claimed, null);
      return reply(replies.conflict, 'conflict', 'This transaction belongs to another user: nothing was changed.', { field: network.profile.fields.user });
    }
    await tell(request, result === 'repeat' ? 'repeat' : record.kind === 'reversal' ? 'reversed' : 'credited', null, claimed, null);
    if (result === 'stored') store.onStored?.();
    return reply(replies.ok, null, '');
  };
}
