/**
 * `/admin/ledger/…`: the command line's way to a ledger that a running server holds (the embedded
 * database serves one process). Answered only to the machine itself (a loopback address, never a
 * request a proxy forwarded) and, where `OFFER_WALL_ADMIN_TOKEN` is set, only with it.
 *   GET  /admin/ledger/user?user=…            the balance and entries
 *   POST /admin/ledger/adjust                 { user, amount, reason }
 *   GET  /admin/ledger/postbacks?user=&since=  the audit trail
 *   GET  /admin/ledger/parked                 parked webhook events
 *   POST /admin/ledger/resend                 { id } or { all: true }
 */
import { answerOf, jsonError, type Answer } from '../core/answer.js';
import { parseAddressList } from '../core/address.js';
import { timingSafeEqual } from '../core/crypto.js';
import { OperationError, type LedgerOperations } from './operations.js';
import type { RewardsRequest } from './postback-route.js';

const LOOPBACK = parseAddressList('127.0.0.0/8, ::1');
const BODY_LIMIT = 4096;

export const ADMIN_PATHS = ['user', 'adjust', 'postbacks', 'parked', 'resend'] as const;
export type AdminPath = (typeof ADMIN_PATHS)[number];

/** Whether a request may use the admin routes: from this machine, not forwarded, with the token when one is set. */
function allowed(request: RewardsRequest, token: string | null): boolean {
  if (!request.address || !LOOPBACK.has(request.address)) return false;
  // A local reverse proxy would make every remote client look local: a forwarded request is refused.
  if (request.header('X-Forwarded-For') !== null || request.header('Forwarded') !== null) return false;
  if (!token) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(request.header('Authorization') ?? '')?.[1] ?? '';
  return timingSafeEqual(given, token);
}

export function adminRoute(operations: LedgerOperations, token: string | null) {
  const json = (value: unknown) => answerOf(200, JSON.stringify(value));

  async function bodyOf(request: RewardsRequest): Promise<Record<string, unknown>> {
    const text = await request.body(BODY_LIMIT);
    try {
      const value = JSON.parse(text ?? '') as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // said below
    }
    throw new OperationError('the body must be a JSON object');
  }

  return (path: AdminPath) =>
    async function answerAdmin(request: RewardsRequest): Promise<Answer> {
      if (!allowed(request, token)) return jsonError(403, 'forbidden', 'The admin routes answer only on this machine (and with OFFER_WALL_ADMIN_TOKEN when it is set).');
      const post = path === 'adjust' || path === 'resend';
      if (request.method !== (post ? 'POST' : 'GET')) return jsonError(405, 'method_not_allowed', `Use ${post ? 'POST' : 'GET'}.`);
      const query = new URLSearchParams(request.search);
      try {
        switch (path) {
          case 'user':
            return json(await operations.user(query.get('user') ?? ''));
          case 'adjust': {
            const body = await bodyOf(request);
            return json(await operations.adjust(String(body['user'] ?? ''), String(body['amount'] ?? ''), String(body['reason'] ?? '')));
          }
          case 'postbacks':
            return json(await operations.postbacks({ user: query.get('user'), since: query.get('since'), limit: Math.min(1000, Number(query.get('limit')) || 100) }));
          case 'parked':
            return json(await operations.parked());
          case 'resend': {
            const body = await bodyOf(request);
            return json(await operations.resend(body['all'] === true ? null : String(body['id'] ?? '')));
          }
        }
      } catch (error) {
        if (error instanceof OperationError) return jsonError(400, 'bad_request', error.message);
        throw error;
      }
    };
}
