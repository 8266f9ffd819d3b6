/**
 * Property-based tests of the data layer (fast-check): whatever JSON arrives where a feed is
 * expected, parsing never throws anything but a `payload` error, every offer it yields is a valid
 * `WallOffer`, and every offer received is either shown or counted as rejected.
 */
import { expect } from '@open-wc/testing';
import '../fixtures/reader.js';
import fc from 'fast-check';
import { parseFeed, type FormatSetting } from '../../src/data/dialects.js';
import { safeHttpUrl } from '../../src/data/urls.js';
import { WallError, type FeedPage, type WallItem, type WallOffer } from '../../src/data/types.js';
import { UNSAFE_URLS } from '../fixtures/xss-corpus.js';

const RUNS = 400;
const formats = fc.constantFrom<FormatSetting>('auto', 's2s', 'appcharge');

/** Any value, including prototype-less objects and odd numbers. */
const anything = fc.anything({ withNullPrototype: true, withBoxedValues: false, maxDepth: 3 });

/** A value that is sometimes right for the field, sometimes hostile, sometimes anything at all. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: good as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(...UNSAFE_URLS, '', null, -1, NaN, Infinity, '3,60', '1e400') },
    { weight: 1, arbitrary: anything },
  );

const url = fc.webUrl({ withQueryParameters: true });
const id = fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.double());
const money = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => n.toFixed(2)));

const s2sOffer = fc.record(
  {
    id: field(id),
    name: field(fc.string()),
    payout: field(money),
    icon: field(url),
    tracking_link: field(url),
    preview_url: field(url),
    conversion_flow: field(fc.array(fc.string(), { maxLength: 4 }).map((lines) => lines.join('\n'))),
    offer_type: field(fc.string()),
    countries: field(fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 })),
    os: field(fc.constantFrom('android', 'ios')),
  },
  { requiredKeys: [] },
);

const product = fc.record(
  {
    name: field(fc.string()),
    displayName: field(fc.string()),
    quantity: field(fc.oneof(fc.integer({ min: -5 }), fc.string())),
    images: field(fc.array(fc.record({ type: fc.constant('product'), url: field(url) }), { maxLength: 2 })),
    priority: field(fc.constantFrom('Main', 'Sub', 'main', 'Other', 3)),
    textFontColorHex: field(fc.oneof(fc.constantFrom('#f60404', '#fff', 'red', '#12', 'url(x)'), fc.string())),
  },
  { requiredKeys: [] },
);
const frame = fc.record({ startTime: field(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))), endTime: field(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))) });
const appchargeOffer = fc.record(
  {
    publisherOfferId: field(id),
    offerId: field(id),
    name: field(fc.string()),
    displayName: field(fc.string()),
    description: field(fc.string()),
    active: field(fc.boolean()),
    schedule: field(fc.record({ permanent: field(fc.boolean()), timeFrames: field(fc.array(frame, { maxLength: 2 })) }, { requiredKeys: [] })),
    productsSequence: field(
      fc.array(
        fc.record(
          {
            index: field(fc.integer()),
            products: field(fc.array(fc.oneof(product, fc.record({ product }), fc.record({ product, quantity: field(fc.integer({ min: -5 })) }, { requiredKeys: ['product'] })), { maxLength: 3 })),
            priceInUsdCents: field(fc.integer({ min: 0, max: 1e7 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    priceDiscount: field(fc.record({ type: fc.constantFrom('percentage', 'fixed'), discount: field(fc.integer({ min: -10, max: 200 })) })),
    productSale: field(fc.record({ type: fc.constantFrom('percentage', 'fixed'), sale: field(fc.oneof(fc.integer({ min: -10, max: 400 }), fc.string())) })),
    priority: field(fc.oneof(fc.integer({ min: -3, max: 9 }), fc.string(), fc.double())),
    segments: field(fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.string())),
    offerUi: field(fc.record({ backgroundImage: field(url) }, { requiredKeys: [] })),
    triggers: field(fc.array(fc.record({ type: fc.constantFrom('event', 'time', 7), eventName: field(fc.string()), every: field(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.string())) }, { requiredKeys: [] }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);

const offerList = (offer: fc.Arbitrary<unknown>) => fc.array(fc.oneof({ weight: 4, arbitrary: offer }, { weight: 1, arbitrary: anything }), { maxLength: 12 });
const s2sBody = offerList(s2sOffer).chain((data) =>
  fc.record({ c: field(fc.constant(0)), d: fc.record({ p: field(fc.nat()), tot: field(fc.nat()), n: field(fc.nat()), data: fc.constant(data) }) }),
);
const appchargeBody = offerList(appchargeOffer).chain((offers) => fc.record({ totalCount: field(fc.nat()), offers: fc.constant(offers) }));

function received(body: unknown): number {
  const b = body as { d?: { data?: unknown[] }; offers?: unknown[] };
  return (b.d?.data ?? b.offers ?? []).length;
}

/** Parses, and turns any failure that is not a payload WallError into a test failure. */
function parse(body: unknown, format: FormatSetting): FeedPage | null {
  try {
    return parseFeed(body, format);
  } catch (error) {
    if (error instanceof WallError && error.kind === 'payload') return null;
    throw new Error(`parseFeed threw ${String(error)} for ${format}`);
  }
}

function isFiniteNonNegative(n: unknown): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

function expectValidOffer(offer: WallOffer): void {
  expect(offer.id).to.be.a('string').and.not.equal('');
  expect(offer.name.trim()).to.not.equal('');
  for (const link of [offer.icon, offer.previewUrl, offer.trackingUrl]) {
    if (link !== null) expect(safeHttpUrl(link)).to.equal(link);
  }
  if (offer.source === 's2s') expect(offer.trackingUrl).to.not.equal(null);
  const r = offer.reward;
  if (r.kind === 'payout') expect(isFiniteNonNegative(r.usd)).to.equal(true);
  if (r.kind === 'price') {
    expect(isFiniteNonNegative(r.usd)).to.equal(true);
    if (r.discountPercent !== null) expect(r.discountPercent).to.be.within(0, 100);
  }
  // A product says something: a name, a quantity or an image (safe), and its colour is a hex colour.
  const expectValidItem = (item: WallItem) => {
    expect(item.name !== '' || item.quantity !== null || item.image !== null).to.equal(true);
    expect(item.quantity === null || isFiniteNonNegative(item.quantity)).to.equal(true);
    if (item.image !== null) expect(safeHttpUrl(item.image)).to.equal(item.image);
    if (item.color !== null) expect(item.color).to.match(/^#(?:[\da-f]{3}){1,2}$/i);
  };
  if (r.kind === 'items') r.items.forEach(expectValidItem);
  for (const step of offer.steps) {
    expect(step.text).to.be.a('string');
    expect(step.usd === null || isFiniteNonNegative(step.usd)).to.equal(true);
    // A step gives something or has a price.
    expect(!!step.items?.length || step.usd !== null || offer.source === 's2s').to.equal(true);
    step.items?.forEach(expectValidItem);
  }
  const store = offer.store;
  if (store) {
    expect(store.priority === null || store.priority >= 1).to.equal(true);
    if (store.background !== null) expect(safeHttpUrl(store.background)).to.equal(store.background);
    expect(store.sale === null || store.sale > 0).to.equal(true);
    expect(store.endsAt === null || Number.isFinite(store.endsAt)).to.equal(true);
    for (const trigger of store.triggers) expect(Number.isInteger(trigger.every) && trigger.every >= 1 && trigger.eventName !== '').to.equal(true);
  }
  expect(offer.countries.every((c) => typeof c === 'string' && c !== '')).to.equal(true);
}

describe('data layer properties', () => {
  it('never throws anything but a payload error for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), formats, (body, format) => {
        parse(body, format);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws anything but a payload error for arbitrary values, prototype-less objects included', () => {
    fc.assert(
      fc.property(anything, formats, (body, format) => {
        parse(body, format);
      }),
      { numRuns: RUNS },
    );
  });

  it('yields only valid offers from s2s-shaped feeds, and shown + rejected = received', () => {
    fc.assert(
      fc.property(s2sBody, fc.constantFrom<FormatSetting>('auto', 's2s'), (body, format) => {
        const page = parse(body, format);
        if (!page) return; // a non-zero `c` is an upstream error
        expect(page.offers.length + page.rejected).to.equal(received(body));
        expect(page.received).to.equal(received(body));
        page.offers.forEach(expectValidOffer);
      }),
      { numRuns: RUNS },
    );
  });

  it('yields only valid offers from appcharge-shaped feeds, and shown + rejected = received', () => {
    fc.assert(
      fc.property(appchargeBody, fc.constantFrom<FormatSetting>('auto', 'appcharge'), (body, format) => {
        const page = parse(body, format)!;
        expect(page).to.not.equal(null);
        expect(page.offers.length + page.rejected).to.equal(received(body));
        page.offers.forEach(expectValidOffer);
      }),
      { numRuns: RUNS },
    );
  });
});
