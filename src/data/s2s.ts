/**
 * The "Server To Server Offer API for publishers" dialect: `{ c, d: { p, n, tot, data: [...] } }`.
 * Real answers send ids as numbers, payouts as strings, empty icons and links, and offer types
 * outside the documented CPI/CPA/CPL; all of that is read, not refused.
 */
import { isRecord, prop, readAmount, readCodes, readId, readNumber, readString, readText } from './fields.js';
import { COUNTRY_RULE, DEVICE_ID_RULE, MAX_PAGE_SIZE, OS_RULE, USER_ID_RULE, wholeNumber, type Rule } from './rules.js';
import { safeHttpUrl } from './urls.js';
import { present, type Dialect } from './dialect.js';
import type { Device, WallOffer, WallQuery, WallStep } from './types.js';
import { WallError } from './types.js';

/** Splits a conversion flow into steps on line breaks, dropping the feed's own `1.` / `2)` numbers. */
export function splitConversionFlow(flow: unknown): WallStep[] {
  if (typeof flow !== 'string') return [];
  return flow
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\s*(?:step\s*)?\d{1,3}\s*[.)．）、](?!\d)\s*/i, '').trim())
    .filter(Boolean)
    .map((text) => ({ text, usd: null, items: null }));
}

/** The offer types the wall has a category for (installs, tasks, sign-ups). */
const CATEGORY = /^(app|cp[ail])$/i;

/** A version without its trailing zeros (`13.0` → `13`), for comparing. */
const version = (text: string): string => text.replace(/(\.0+)+$/, '');

/**
 * The store page of an app from its `package`: Google Play for an Android package name
 * (`com.example.app`), the App Store for a numeric iOS id (`id` before it allowed).
 */
export function storeLink(pkg: string, os: string | null): string | null {
  const apple = /^(?:id)?(\d+)$/.exec(pkg);
  if (apple) return os === 'android' ? null : `https://apps.apple.com/app/id${apple[1]}`;
  return os !== 'ios' && /^[a-z]\w*(\.\w+)+$/i.test(pkg) ? `https://play.google.com/store/apps/details?id=${pkg}` : null;
}

/**
 * Normalizes one s2s offer, or returns `null` when it cannot be shown: also when its `os_version`
 * (the lowest it runs on) is above the version of the `device` it would run on.
 */
export function adaptS2sOffer(offer: unknown, _now?: number, device?: Device): WallOffer | null {
  if (!isRecord(offer)) return null;
  // What it cannot do without: an id (string or number), a name that is text, a payout that is a
  // number or a numeric string.
  const id = readId(offer['id']);
  const name = readString(offer['name']);
  const payout = readAmount(offer['payout']);
  // An offer without a usable tracking link cannot earn anything for the user or the publisher.
  const trackingUrl = safeHttpUrl(offer['tracking_link']);
  if (!id || !name || payout === null || !trackingUrl) return null;
  // `android` / `ios` as documented, whatever the case a feed writes them in (`Android`, `iOS`).
  const os = readText(offer['os']).toLowerCase() || null;
  const lowest = readText(offer['os_version']);
  if (lowest && device?.version && (!os || os === device.os) && version(device.version).localeCompare(version(lowest), 'en', { numeric: true }) < 0) return null;
  // A feed's own offer type where the wall knows it as a category, else its payout type (CPI,
  // CPA, CPL) when that is one.
  const offerType = readText(offer['offer_type']);
  const payoutType = readText(offer['payout_type']);
  return {
    id,
    source: 's2s',
    name,
    description: readText(offer['description']),
    type: CATEGORY.test(offerType) || !CATEGORY.test(payoutType) ? offerType : payoutType,
    icon: safeHttpUrl(offer['icon']),
    reward: { kind: 'payout', usd: payout },
    steps: splitConversionFlow(offer['conversion_flow']),
    trackingUrl,
    previewUrl: safeHttpUrl(offer['preview_url']) ?? storeLink(readText(offer['package']), os),
    os,
    countries: readCodes(offer['countries']),
    templateId: id,
  };
}

function envelope(body: unknown): Record<string, unknown> | null {
  const d = prop(body, 'd');
  if (isRecord(d) && Array.isArray(d['data'])) return d;
  // Some deployments answer without the `{ c, d }` envelope.
  if (isRecord(body) && Array.isArray(body['data']) && !('offers' in body)) return body;
  return null;
}

/**
 * The query parameters an s2s endpoint takes, each with its rule (`rules.ts`): `query()` sends no
 * others, and the proxy passes no others upstream. Registered in `dialects.ts`.
 */
export const S2S_PARAMETERS: Readonly<Record<string, Rule>> = {
  os: OS_RULE,
  page: wholeNumber(1),
  page_size: wholeNumber(1, MAX_PAGE_SIZE),
  country: COUNTRY_RULE,
  thirdparty_id: USER_ID_RULE,
  gaid: DEVICE_ID_RULE,
  andid: DEVICE_ID_RULE,
};

export const s2s: Dialect = {
  format: 's2s',
  // `data` alone: the deployments that answer without the envelope.
  lists: ['d.data', 'data'],

  detect(body) {
    return envelope(body) !== null || (isRecord(body) && 'c' in body && 'd' in body);
  },

  query(q: WallQuery) {
    // Those the publisher left unset are not sent; the page's numbers always are.
    return present([
      ['os', q.os],
      ['page', String(q.page)],
      ['page_size', String(q.pageSize)],
      ['country', q.country],
      ['thirdparty_id', q.userId],
      ['gaid', q.gaid],
      ['andid', q.andid],
    ]);
  },

  requestedPageSize(q: WallQuery) {
    return q.pageSize;
  },

  open(body) {
    const code = readNumber(prop(body, 'c'));
    if (code !== null && code !== 0) {
      const message = readText(prop(body, 'msg')) || readText(prop(body, 'message'));
      throw new WallError('payload', `The feed answered with error code ${code}${message ? `: ${message}` : ''}.`);
    }
    const page = envelope(body);
    if (!page) throw new WallError('payload', 'The response is not an s2s feed: it has no d.data list of offers.');
    return { items: page['data'] as unknown[], total: readNumber(page['tot']) };
  },

  adapt: adaptS2sOffer,
};
