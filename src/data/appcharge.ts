/**
 * The Appcharge `GET /v2/offer` dialect: `{ totalCount, offers: [...] }`. Products arrive either
 * wrapped (`{ product: {…} }`) or bare; offers can be inactive or scheduled. The price a user
 * pays is the first `productsSequence` step's `priceInUsdCents`.
 */
import { isIdLike, isRecord, prop, readAmount, readId, readNumber, readText } from './fields.js';
import { formatItems } from './format.js';
import { APPCHARGE_MAX_RECORDS, OFFER_SUB_TYPE_RULE, OFFER_TYPE_RULE, wholeNumber, type Rule } from './rules.js';
import { safeHttpUrl } from './urls.js';
import { present, type Dialect } from './dialect.js';
import type { WallItem, WallOffer, WallQuery, WallReward, WallStep } from './types.js';
import { WallError } from './types.js';

interface Product extends WallItem {
  image: string | null;
}

/** What an offer or a product is called: its display name, else its name. */
const nameOf = (record: Record<string, unknown>): string => readText(record['displayName']) || readText(record['name']);

/** A product image with a usable URL. */
const isImage = (entry: unknown): boolean => readText(prop(entry, 'type')) === 'product' && !!safeHttpUrl(prop(entry, 'url'));

function readProduct(raw: unknown): Product | null {
  // Products come both wrapped in `{ product: {…} }` and bare.
  const wrapped = prop(raw, 'product');
  const product = isRecord(wrapped) ? wrapped : raw;
  if (!isRecord(product)) return null;
  const name = nameOf(product);
  const images = product['images'];
  return name
    ? {
        name,
        quantity: readNumber(product['quantity']),
        image: safeHttpUrl(prop(Array.isArray(images) ? images.find(isImage) : null, 'url')),
      }
    : null;
}

interface SequenceStep {
  products: Product[];
  usd: number | null;
}

function readSequence(value: unknown): SequenceStep[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((step, position) => ({ step, order: readNumber(step['index']) ?? position }))
    .sort((a, b) => a.order - b.order)
    .map(({ step }) => {
      const products = step['products'];
      const cents = readAmount(step['priceInUsdCents']);
      return {
        products: Array.isArray(products) ? products.map(readProduct).filter((product) => product !== null) : [],
        usd: cents === null ? null : cents / 100,
      };
    });
}

const toItem = ({ name, quantity }: Product): WallItem => ({ name, quantity });

/** Whether a schedule lets the offer show at `now` (ms since the epoch). No schedule: always. */
export function isScheduledNow(schedule: unknown, now: number): boolean {
  if (!isRecord(schedule)) return true;
  if (schedule['permanent'] !== false) return true;
  const frames = schedule['timeFrames'];
  if (!Array.isArray(frames)) return false;
  return frames.some((frame) => {
    const start = Date.parse(readText(prop(frame, 'startTime')));
    const end = Date.parse(readText(prop(frame, 'endTime')));
    return Number.isFinite(start) && Number.isFinite(end) && start <= now && now < end;
  });
}

function readDiscount(value: unknown): number | null {
  if (!isRecord(value) || readText(value['type']).toLowerCase() !== 'percentage') return null;
  const discount = readNumber(value['discount']);
  return discount !== null && discount > 0 && discount <= 100 ? discount : null;
}

function sentAsWrongType(value: unknown, expected: (value: unknown) => boolean): boolean {
  return value !== undefined && !expected(value);
}

/** Normalizes one appcharge offer, or returns `null` when it cannot or must not be shown. */
export function adaptAppchargeOffer(offer: unknown, now: number): WallOffer | null {
  if (!isRecord(offer)) return null;
  // The fields an offer is known by may be left out, but one sent as the wrong type (an object
  // for an id, a number for a name) means the offer is not what it claims: it is left out.
  if (sentAsWrongType(offer['publisherOfferId'], isIdLike) || sentAsWrongType(offer['offerId'], isIdLike)) return null;
  if (sentAsWrongType(offer['name'], (name) => typeof name === 'string')) return null;
  const publisherOfferId = readId(offer['publisherOfferId']);
  const id = publisherOfferId ?? readId(offer['offerId']);
  const name = nameOf(offer);
  if (!id || !name) return null;
  if (offer['active'] === false || offer['active'] === 'false') return null;
  if (!isScheduledNow(offer['schedule'], now)) return null;

  const sequence = readSequence(offer['productsSequence']);
  const first = sequence[0];
  const reward: WallReward =
    first && first.usd !== null
      ? { kind: 'price', usd: first.usd, discountPercent: readDiscount(offer['priceDiscount']) }
      : { kind: 'items', items: (first?.products ?? []).map(toItem) };
  const steps: WallStep[] = sequence
    .filter((step) => step.products.length > 0)
    .map((step) => {
      const items = step.products.map(toItem);
      return { text: formatItems(items, 'en'), usd: step.usd, items };
    });
  // A one-step offer's step says again what its reward line says: what it gives, and its price.
  if (steps.length === 1) {
    if (reward.kind === 'items') steps.length = 0;
    else steps[0]!.usd = null;
  }
  const icon =
    sequence.flatMap((step) => step.products).find((p) => p.image)?.image ??
    safeHttpUrl(prop(offer['offerUi'], 'backgroundImage'));

  return {
    id,
    source: 'appcharge',
    name,
    description: readText(offer['description']),
    type: readText(offer['type']),
    icon,
    reward,
    steps,
    trackingUrl: null,
    previewUrl: null,
    os: null,
    countries: [],
    templateId: publisherOfferId ?? id,
  };
}

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

  adapt: adaptAppchargeOffer,
};
