/**
 * The Appcharge `GET /v2/offer` dialect: `{ totalCount, offers: [...] }`. How to ask and how to
 * recognize an answer are here; reading each offer is `appcharge-offer.ts`, which the wall loads
 * with the rest of appcharge's store (a chunk of the script-tag file, asked for as soon as a feed
 * is known to be appcharge's) and hands over with `useAppchargeReader` before the first offer is
 * read. Code that reads feeds itself (`parseFeed`) hands it over first:
 * `useAppchargeReader(adaptAppchargeOffer)`.
 */
import { isRecord, readNumber } from './fields.js';
import { APPCHARGE_MAX_RECORDS, OFFER_SUB_TYPE_RULE, OFFER_TYPE_RULE, wholeNumber, type Rule } from './rules.js';
import { present, type Dialect } from './dialect.js';
import type { WallQuery } from './types.js';
import { WallError } from './types.js';

/** The reader of one offer, once handed over. */
let reader: Dialect['adapt'] | undefined;

/** Hands over the reader of appcharge offers (`adaptAppchargeOffer`). */
export const useAppchargeReader = (read: Dialect['adapt']): void => void (reader = read);

function recordLimit(q: WallQuery): number {
  return Math.min(q.pageSize, APPCHARGE_MAX_RECORDS);
}

/** The query parameters an appcharge endpoint takes, each with its rule (see `S2S_PARAMETERS`). */
export const APPCHARGE_PARAMETERS: Readonly<Record<string, Rule>> = {
  offerType: OFFER_TYPE_RULE,
  offerSubType: OFFER_SUB_TYPE_RULE,
  recordLimit: wholeNumber(0, APPCHARGE_MAX_RECORDS),
  offset: wholeNumber(0),
};

export const appcharge: Dialect = {
  format: 'appcharge',
  lists: ['offers'],

  detect(body) {
    return isRecord(body) && Array.isArray(body['offers']);
  },

  query(q: WallQuery) {
    const limit = recordLimit(q);
    return present([
      ['offerType', q.offerType],
      ['offerSubType', q.offerSubType],
      ['recordLimit', String(limit)],
      ['offset', String((q.page - 1) * limit)],
    ]);
  },

  requestedPageSize: recordLimit,

  open(body) {
    if (!isRecord(body) || !Array.isArray(body['offers'])) {
      throw new WallError('payload', 'The response is not an appcharge feed: it has no offers list.');
    }
    return { items: body['offers'], total: readNumber(body['totalCount']) };
  },

  // Without a reader handed over, a TypeError: the caller (the wall, `parseFeed`) reports it.
  adapt: (raw, now) => reader!(raw, now),
};
