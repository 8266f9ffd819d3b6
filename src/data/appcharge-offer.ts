/**
 * The Appcharge reader: one raw `GET /v2/offer` offer into a `WallOffer`, with what a store shows
 * beside the rest (`store`): its order, the segments it is for, when its time frame ends, its
 * background, sale and PopUp triggers, and every `productsSequence` step with its price and
 * products (a RollingOffer's ladder). Products come wrapped (`{ quantity, product: {…} }`) and
 * bare, their quantity inside or beside them. Pure; in the script-tag build it is part of the
 * store chunk, which the wall loads with an appcharge feed (see `appcharge.ts`).
 */
import { isIdLike, isRecord, prop, readAmount, readCodes, readId, readNumber, readText } from './fields.js';
import { formatItems } from './store-format.js';
import { safeHttpUrl } from './urls.js';
import type { StoreDetails, WallItem, WallOffer, WallReward, WallStep } from './types.js';

/** What an offer or a product is called: its display name, else its name. */
const nameOf = (record: Record<string, unknown>): string => readText(record['displayName']) || readText(record['name']);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A product image with a usable URL. */
const isImage = (entry: unknown): boolean => readText(prop(entry, 'type')) === 'product' && !!safeHttpUrl(prop(entry, 'url'));

/** `#f60404` or `#f00`; anything else is no colour. */
const COLOR = /^#(?:[\da-f]{3}){1,2}$/i;

/** A product, or null when it says nothing (no name, quantity or image). */
export function readProduct(raw: unknown): WallItem | null {
  const wrapped = prop(raw, 'product');
  const product = isRecord(wrapped) ? wrapped : raw;
  if (!isRecord(product)) return null;
  const name = nameOf(product);
  // Appcharge documents the quantity beside the product (`{ quantity, product }`); feeds also send it inside.
  const quantity = readAmount(product['quantity']) ?? readAmount(prop(raw, 'quantity'));
  const image = safeHttpUrl(prop(list(product['images']).find(isImage), 'url'));
  const rank = readText(product['priority']).toLowerCase();
  const color = readText(product['textFontColorHex']);
  return name || quantity !== null || image
    ? {
        name,
        quantity,
        prefix: readText(product['prefix']),
        suffix: readText(product['suffix']),
        rank: rank === 'main' || rank === 'sub' ? rank : '',
        color: COLOR.test(color) ? color : null,
        image,
      }
    : null;
}

/** The sequence in its `index` order: each step's products and price (`null` when it has none). */
function readSequence(value: unknown): WallStep[] {
  return list(value)
    .filter(isRecord)
    .map((step, position) => ({ step, order: readNumber(step['index']) ?? position }))
    .sort((a, b) => a.order - b.order)
    .map(({ step }) => {
      const items = list(step['products']).map(readProduct).filter((item) => item !== null);
      const cents = readAmount(step['priceInUsdCents']);
      return { text: formatItems(items, 'en'), usd: cents === null ? null : cents / 100, items };
    })
    .filter((step) => step.items.length || step.usd !== null);
}

/**
 * When a schedule lets the offer show at `now` (ms since the epoch): `Infinity` while it does not
 * end (no schedule, or a permanent one), else the end of the latest time frame open now; 0 when
 * none is.
 */
export function scheduledUntil(schedule: unknown, now: number): number {
  if (!isRecord(schedule) || schedule['permanent'] !== false) return Infinity;
  let end = 0;
  for (const frame of list(schedule['timeFrames'])) {
    const start = Date.parse(readText(prop(frame, 'startTime')));
    const stop = Date.parse(readText(prop(frame, 'endTime')));
    // A frame with a date that does not parse is no frame (NaN compares false).
    if (start <= now && now < stop && stop > end) end = stop;
  }
  return end;
}

/** A percentage above 0 when `value` is `{ type: "percentage", [key]: n }`, else null. */
function percentage(value: unknown, key: string): number | null {
  const n = readNumber(prop(value, key));
  return readText(prop(value, 'type')).toLowerCase() === 'percentage' && n !== null && n > 0 ? n : null;
}

/** The triggers of type `event` that name an event; `every` a whole number from 1 (anything else: 1). */
function readTriggers(value: unknown): StoreDetails['triggers'] {
  return list(value).flatMap((trigger) => {
    const eventName = readText(prop(trigger, 'eventName'));
    const every = readNumber(prop(trigger, 'every'));
    return readText(prop(trigger, 'type')) === 'event' && eventName
      ? [{ eventName, every: every !== null && every >= 1 ? Math.floor(every) : 1 }]
      : [];
  });
}

/** A PopUp, which only an event opens (`trigger()`), and a RollingOffer, a ladder of steps. */
export const isPopup = (offer: WallOffer): boolean => /^popup$/i.test(offer.type);
export const isRolling = (offer: WallOffer): boolean => /^rollingoffer$/i.test(offer.type);

function sentAsWrongType(value: unknown, expected: (value: unknown) => boolean): boolean {
  return value !== undefined && !expected(value);
}

/** Normalizes one appcharge offer, or returns `null` when it cannot or must not be shown at `now`. */
export function adaptAppchargeOffer(offer: unknown, now: number): WallOffer | null {
  if (!isRecord(offer)) return null;
  // The fields an offer is known by may be left out, but one sent as the wrong type (an object
  // for an id, a number for a name) means the offer is not what it claims: it is left out.
  if (sentAsWrongType(offer['publisherOfferId'], isIdLike) || sentAsWrongType(offer['offerId'], isIdLike)) return null;
  if (sentAsWrongType(offer['name'], (name) => typeof name === 'string')) return null;
  const publisherOfferId = readId(offer['publisherOfferId']);
  const id = publisherOfferId ?? readId(offer['offerId']);
  const name = nameOf(offer);
  const until = scheduledUntil(offer['schedule'], now);
  if (!id || !name || offer['active'] === false || offer['active'] === 'false' || !until) return null;

  const steps = readSequence(offer['productsSequence']);
  const first = steps[0];
  const discount = percentage(offer['priceDiscount'], 'discount');
  const reward: WallReward =
    first && first.usd !== null
      ? { kind: 'price', usd: first.usd, discountPercent: discount !== null && discount < 100 ? discount : null }
      : { kind: 'items', items: first?.items ?? [] };
  const priority = readNumber(offer['priority']);
  return {
    id,
    source: 'appcharge',
    name,
    description: readText(offer['description']),
    type: readText(offer['type']),
    icon: steps.flatMap((step) => step.items!).find((item) => item.image)?.image ?? null,
    reward,
    steps,
    trackingUrl: null,
    previewUrl: null,
    os: null,
    countries: [],
    templateId: publisherOfferId ?? id,
    store: {
      priority: priority !== null && priority >= 1 ? priority : null,
      segments: readCodes(offer['segments']),
      endsAt: until < Infinity ? until : null,
      background: safeHttpUrl(prop(offer['offerUi'], 'backgroundImage')),
      sale: percentage(offer['productSale'], 'sale'),
      triggers: readTriggers(offer['triggers']),
      showAfter: readText(offer['showAfter']) || null,
    },
  };
}
