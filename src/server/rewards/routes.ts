/**
 * The rewards' two endpoints (CONTRACT.md section 9), as the core routes them:
 * - `/postback` (GET or POST): a network reports a conversion or a chargeback; it is judged by
 *   the network's profile (`postbacks/judge.ts`), recorded once in the ledger, and answered in the
 *   network's own terms only after it is stored;
 * - `/rewards` (GET, POST), for the wall, with a user token: POST records a click (a pending
 *   reward), GET lists the user's rewards with the balance.
 * Runtime-neutral; the ledger is given (`ledger/open-node.ts` opens one on Node).
 */
import { parseAddressList, type AddressList } from '../core/address.js';
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import type { ClickJson } from '../../data/wire.js';
import type { Exchange, ProxyResponse, Routes } from '../core/http.js';
import type { Ledger } from './ledger/ledger.js';
import { judgePostback, type IncomingPostback } from './postbacks/judge.js';
import { PROFILES, type ProfileName } from './postbacks/profiles.js';
import { verifyUserToken } from './tokens.js';

export interface RewardsOptions {
  /** The network's postback format (OFFER_WALL_POSTBACK_PROFILE): `generic` or a built-in profile. */
  profile: ProfileName;
  /** The key the network signs postbacks with (OFFER_WALL_POSTBACK_SECRET); required for a profile that signs. */
  postbackSecret?: string;
  /** Addresses and CIDR ranges allowed to send postbacks (OFFER_WALL_POSTBACK_IPS); none: any. */
  postbackIps?: AddressList | string;
  /** The key of the user tokens (OFFER_WALL_USER_SECRET). */
  userSecret: string;
  ledger: Ledger;
  /** Write a webhook event for every credit and reversal (OFFER_WALL_WEBHOOK_URL is set). */
  webhook?: boolean;
  /** Called after a postback was stored (the webhook worker then delivers at once). */
  onStored?: () => void;
}

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
const CLICK_BODY_LIMIT = 16 * 1024;
const TEXT = 'text/plain; charset=utf-8';

/** Checks the options as the program's environment check does, naming the first problem. */
export function checkRewardsOptions(options: RewardsOptions): void {
  const profile = PROFILES[options.profile];
  if (!profile) throw new TypeError(`rewards.profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  if (profile.signature && !options.postbackSecret) throw new TypeError(`rewards.postbackSecret is required: ${options.profile} signs its postbacks`);
  if (!profile.signature && !options.postbackIps) {
    throw new TypeError(`rewards.postbackIps is required: ${options.profile} does not sign its postbacks, so only its senders' addresses prove them`);
  }
  if (!options.userSecret) throw new TypeError('rewards.userSecret is required');
}

/** The facts of a request the rewards read, from the exchange. */
function rewardsRequest(exchange: Exchange, search: string): RewardsRequest {
  const { request } = exchange;
  return {
    method: request.method,
    search,
    header: request.header ?? (() => null),
    body: request.body ?? (async () => ''),
    urls: request.urls ?? (() => []),
    address: request.clientAddress() ?? null,
  };
}

/** Runs a rewards endpoint; a failure of its own (a database down) is a 500, never a thrown error. */
function routed(handle: (request: RewardsRequest) => Promise<Answer>, headers: readonly string[] = []) {
  return (exchange: Exchange, search: string): Promise<ProxyResponse> => {
    exchange.extra.push(...headers);
    return handle(rewardsRequest(exchange, search)).then(
      (answer) => exchange.finish(answer),
      () => exchange.finish(jsonError(500, 'internal', 'The request could not be handled; try again.')),
    );
  };
}

export function rewardsRoutes(options: RewardsOptions, now: () => number): Routes {
  checkRewardsOptions(options);
  const { postback, rewards } = createRewardsHandlers(options, now);
  return {
    '/postback': { answer: routed(postback) },
    // A user's own rewards: never kept by any cache, and they vary by the token too.
    '/rewards': {
      cors: { methods: 'GET, POST, OPTIONS', headers: 'Authorization, Content-Type', vary: 'Origin, Authorization' },
      answer: routed(rewards, ['Cache-Control', 'no-store']),
    },
  };
}

function createRewardsHandlers(options: RewardsOptions, now: () => number) {
  const profile = PROFILES[options.profile];
  const senders = typeof options.postbackIps === 'string' ? parseAddressList(options.postbackIps) : (options.postbackIps ?? null);
  const settings = { name: options.profile, profile, secret: options.postbackSecret ?? null, senders };
  const { ledger } = options;

  const reply = ([status, body]: readonly [number, string], code: string | null = null): Answer => ({
    ...answerOf(status, body, code),
    type: TEXT,
  });

  async function postback(request: RewardsRequest): Promise<Answer> {
    if (request.method !== 'GET' && request.method !== 'POST') return jsonError(405, 'method_not_allowed', 'Use GET or POST.');
    const body = request.method === 'POST' ? await request.body(POSTBACK_BODY_LIMIT) : '';
    if (body === null) return jsonError(413, 'too_large', `A postback is at most ${POSTBACK_BODY_LIMIT} bytes.`);
    const incoming: IncomingPostback = {
      query: request.search,
      body,
      contentType: request.header('Content-Type'),
      header: request.header,
      urls: request.urls(),
      address: request.address,
    };
    const verdict = await judgePostback(incoming, settings);
    const { replies } = profile;
    switch (verdict.kind) {
      case 'forbidden':
        return replies.forbidden[1] ? reply(replies.forbidden, 'bad_signature') : jsonError(replies.forbidden[0], 'forbidden', verdict.message);
      case 'malformed':
        return replies.malformed[1]
          ? reply(replies.malformed, 'bad_postback')
          : jsonError(replies.malformed[0], 'bad_postback', verdict.message, { field: verdict.field });
      case 'ignore':
        return reply(replies.ok);
    }
    try {
      if ((await ledger.apply(verdict.record, options.webhook === true)) === 'stored') options.onStored?.();
    } catch {
      // Not stored: the network must try again.
      return replies.failed[1] ? reply(replies.failed, 'not_stored') : jsonError(replies.failed[0], 'not_stored', 'The postback could not be stored; try again.');
    }
    return reply(replies.ok);
  }

  /** The user a request's bearer token speaks for, or null. */
  async function userOf(request: RewardsRequest): Promise<string | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.header('Authorization') ?? '')?.[1];
    return token ? verifyUserToken(token, options.userSecret, now()) : null;
  }

  async function rewards(request: RewardsRequest): Promise<Answer> {
    if (request.method !== 'GET' && request.method !== 'POST') return jsonError(405, 'method_not_allowed', 'Use GET or POST.');
    const userId = await userOf(request);
    if (!userId) return jsonError(401, 'bad_token', 'The user token is missing, expired or not valid.');
    if (request.method === 'GET') {
      const query = new URLSearchParams(request.search);
      const cursor = query.get('cursor');
      const limit = query.get('limit');
      if (cursor !== null && cursor.length > 100) return jsonError(400, 'bad_parameter', 'cursor is not one this endpoint gave', { parameter: 'cursor' });
      if (limit !== null && !(/^\d{1,3}$/.test(limit) && +limit >= 1 && +limit <= 100)) {
        return jsonError(400, 'bad_parameter', 'limit must be a whole number from 1 to 100', { parameter: 'limit' });
      }
      const page = await ledger.rewards(userId, cursor, limit === null ? 20 : Number(limit));
      return answerOf(200, JSON.stringify(page));
    }
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
    const bad = (field: keyof ClickJson | 'body', rule: string) => jsonError(400, 'bad_click', `${field} must be ${rule}`, { field });
    const text_ = (field: keyof ClickJson, max: number, required = false): string | null | Answer => {
      const value = body[field];
      if (value === undefined || value === null || value === '') return required ? bad(field, `text of 1 to ${max} characters`) : null;
      const written = typeof value === 'number' ? String(value) : value;
      if (typeof written !== 'string' || written.length > max) return bad(field, `text of 1 to ${max} characters`);
      return written;
    };
    const offerId = text_('offer_id', 256, true);
    const clickId = text_('click_id', 128);
    const name = text_('name', 512);
    const icon = text_('icon', 2048);
    for (const value of [offerId, clickId, name, icon]) if (value && typeof value === 'object') return value;
    if (typeof icon === 'string' && !/^https?:\/\//i.test(icon)) return bad('icon', 'an http(s) URL');
    const rawReward = body.reward;
    const reward = rawReward === undefined || rawReward === null || rawReward === '' ? null : Number(rawReward);
    if (reward !== null && !(Number.isFinite(reward) && reward >= 0)) return bad('reward', 'a number ≥ 0 (the reward shown, in your currency)');
    await ledger.recordClick({
      userId,
      offerId: offerId as string,
      clickId: clickId as string | null,
      name: name as string | null,
      icon: icon as string | null,
      reward,
    });
    return { status: 204, bytes: new Uint8Array(0), code: null, upstream: null };
  }

  return { postback, rewards };
}
