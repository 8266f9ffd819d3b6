/**
 * `/rewards`, for the wall, with the user's token (`tokens.ts`): POST records a click (a pending
 * reward), GET lists the user's rewards, newest first, with the balance. A user only ever reaches
 * their own. Every value is checked before the ledger sees it (`values.ts`).
 */
import type { ClickJson } from '../../data/wire.js';
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import { timed, type Metrics } from '../core/metrics.js';
import { rewardsPageJson, type Ledger } from './ledger/ledger.js';
import type { RewardsRequest } from './postback-route.js';
import { verifyUserToken } from './tokens.js';
import { MAX_ID, MAX_NAME, textProblem } from './values.js';

const CLICK_BODY_LIMIT = 16 * 1024;
const MAX_URL = 2048;
/** The largest reward a click may say it showed (12 digits, as the ledger's amounts). */
const MAX_REWARD = 1e12;

export function userRoute(ledger: Ledger, userSecret: string, now: () => number, metrics: Metrics) {
  /** The user a request's bearer token speaks for, or null. */
  async function userOf(request: RewardsRequest): Promise<string | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.header('Authorization') ?? '')?.[1];
    return token ? verifyUserToken(token, userSecret, now()) : null;
  }

  async function list(userId: string, search: string): Promise<Answer> {
    const query = new URLSearchParams(search);
    const cursor = query.get('cursor');
    const limit = query.get('limit');
    if (cursor !== null && cursor.length > 100) return jsonError(400, 'bad_parameter', 'cursor is not one this endpoint gave', { parameter: 'cursor' });
    if (limit !== null && !(/^\d{1,3}$/.test(limit) && +limit >= 1 && +limit <= 100)) {
      return jsonError(400, 'bad_parameter', 'limit must be a whole number from 1 to 100', { parameter: 'limit' });
    }
    const page = await timed(() => ledger.rewards(userId, cursor, limit === null ? 20 : Number(limit)), (seconds) => metrics.ledger('rewards', seconds));
    return answerOf(200, rewardsPageJson(page));
  }

  async function click(userId: string, request: RewardsRequest): Promise<Answer> {
    const text = await request.body(CLICK_BODY_LIMIT);
    if (text === null) return jsonError(413, 'too_large', `A click is at most ${CLICK_BODY_LIMIT} bytes.`);
    // The wall's click (`ClickJson`), its fields as they may come: any missing or of another type.
    let body: { [K in keyof ClickJson]?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new TypeError();
    } catch {
      return jsonError(400, 'bad_click', 'The body must be a JSON object.', { field: 'body' });
    }
    const bad = (field: keyof ClickJson, rule: string) => jsonError(400, 'bad_click', `${field} ${rule}`, { field });
    /** A text field: absent (null), or text the ledger can hold; an Answer says why not. */
    const textOf = (field: keyof ClickJson, max: number, required = false): string | null | Answer => {
      const value = body[field];
      if (value === undefined || value === null || value === '') return required ? bad(field, `must be text of 1 to ${max} characters`) : null;
      const written = typeof value === 'number' ? String(value) : value;
      if (typeof written !== 'string') return bad(field, `must be text of 1 to ${max} characters`);
      const problem = textProblem(written, max);
      return problem ? bad(field, problem) : written;
    };
    const offerId = textOf('offer_id', MAX_ID, true);
    const clickId = textOf('click_id', MAX_ID);
    const name = textOf('name', MAX_NAME);
    const icon = textOf('icon', MAX_URL);
    for (const value of [offerId, clickId, name, icon]) if (value && typeof value === 'object') return value;
    if (typeof icon === 'string' && !/^https?:\/\//i.test(icon)) return bad('icon', 'must be an http(s) URL');
    const raw = body.reward;
    const reward = raw === undefined || raw === null || raw === '' ? null : Number(raw);
    if (reward !== null && !(Number.isFinite(reward) && reward >= 0 && reward < MAX_REWARD)) {
      return bad('reward', 'must be a number from 0 to 12 digits (the reward shown, in your currency)');
    }
    const record = { userId, offerId: offerId as string, clickId: clickId as string | null, name: name as string | null, icon: icon as string | null, reward };
    await timed(() => ledger.recordClick(record), (seconds) => metrics.ledger('click', seconds));
    return { status: 204, bytes: new Uint8Array(0), code: null, upstream: null };
  }

  return async function answerUser(request: RewardsRequest): Promise<Answer> {
    if (request.method !== 'GET' && request.method !== 'POST') return jsonError(405, 'method_not_allowed', 'Use GET or POST.');
    const userId = await userOf(request);
    if (!userId) return jsonError(401, 'bad_token', 'The user token is missing, expired or not valid.');
    return request.method === 'GET' ? list(userId, request.search) : click(userId, request);
  };
}
