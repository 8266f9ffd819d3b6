/**
 * `/postback`: a network reports a conversion or a chargeback. It is judged by the network's
 * profile (`postbacks/judge.ts`), recorded once in the ledger, and answered in the network's own
 * terms only after it is stored (on disk): 200 stored or a repeat, 400 malformed (the field
 * named), 403 a sender or signature not proven, 409 a transaction that belongs to another user,
 * 500 only when it could not be stored, so the network tries again, with the cause logged.
 */
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import type { Ledger } from './ledger/ledger.js';
import { judgePostback, type PostbackSettings } from './postbacks/judge.js';
import { describeError } from '../core/log.js';

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
}

const POSTBACK_BODY_LIMIT = 64 * 1024;
const TEXT = 'text/plain; charset=utf-8';

export interface PostbackStore {
  ledger: Ledger;
  /** Write a webhook event for every credit and reversal. */
  webhook: boolean;
  onStored?: () => void;
  logError: (message: string) => void;
}

export function postbackRoute(network: PostbackSettings, store: PostbackStore) {
  const { replies } = network.profile;
  /** The network's own reply when it has one for this outcome, else a JSON error. */
  const reply = ([status, body]: readonly [number, string], code: string | null, message: string, extra: Record<string, string> = {}): Answer =>
    body || status === 200 ? { ...answerOf(status, body, code), type: TEXT } : jsonError(status, code ?? 'error', message, extra);

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
        return reply(replies.forbidden, 'forbidden', verdict.message);
      case 'malformed':
        return reply(replies.malformed, 'bad_postback', verdict.message, { field: verdict.field });
      case 'ignore':
        return reply(replies.ok, null, '');
    }
    const { record } = verdict;
    let result;
    try {
      result = await store.ledger.apply(record, store.webhook);
    } catch (error) {
      // Not stored: the network must try again, and the operator must learn why.
      store.logError(`postback ${network.name} ${record.transactionId} not stored: ${describeError(error)}`);
      return reply(replies.failed, 'not_stored', 'The postback could not be stored; try again.');
    }
    if (result === 'conflict') {
      return reply(replies.conflict, 'conflict', 'This transaction belongs to another user: nothing was changed.', { field: network.profile.fields.user });
    }
    if (result === 'stored') store.onStored?.();
    return reply(replies.ok, null, '');
  };
}
