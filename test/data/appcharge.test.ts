import { expect } from '@open-wc/testing';
import { adaptAppchargeOffer, readProduct, scheduledUntil } from '../../src/data/appcharge-offer.js';
import { appcharge, useAppchargeReader } from '../../src/data/appcharge.js';
import { parseFeed } from '../../src/data/dialects.js';
import { WallError } from '../../src/data/types.js';
import { APPCHARGE_SEED, APPCHARGE_SEED_POPUP, APPCHARGE_SEED_ROLLING } from '../../demo/mocks/seeds.js';
import { appchargeOffer } from '../fixtures/feeds.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const frame = (start: string, end: string) => ({ startTime: start, endTime: end });
/** A product as the reader gives it, with what the feed left out. */
const item = (fields: Record<string, unknown>) => ({ name: '', quantity: null, prefix: '', suffix: '', rank: '', color: null, image: null, ...fields });

// The wall hands the reader over when its store chunk arrives; code that reads feeds does it itself.
before(() => useAppchargeReader(adaptAppchargeOffer));

describe('appcharge adapter', () => {
  it('reads the seed popup, whose product is wrapped, with its background and its purchase trigger', () => {
    const offer = adaptAppchargeOffer(APPCHARGE_SEED_POPUP, NOW);
    expect(offer).to.deep.include({
      id: 'post-purchase-1',
      templateId: 'post-purchase-1',
      source: 'appcharge',
      name: 'Purchase Reward Offer',
      description: 'Post purchase offer for VIP players.',
      type: 'PopUp',
      trackingUrl: null,
      icon: 'https://media.appcharge.com/media/35nb7861ec9924a6b69a0fe59/2208472.png',
    });
    const chest = item({ name: 'Treasure Chest', prefix: '$', suffix: 'M', rank: 'main', image: offer!.icon });
    expect(offer?.reward).to.deep.equal({ kind: 'items', items: [chest] });
    expect(offer?.steps).to.deep.equal([{ text: 'Treasure Chest', usd: null, items: [chest] }]);
    expect(offer?.store).to.deep.equal({
      priority: 1,
      segments: [],
      endsAt: null,
      background: 'https://media.appcharge.com/media/35nb7861ec9924a6b69a0fe59/2755379465856__fa883338-5790-47c8-a6a0-23cb43db58844',
      sale: null,
      triggers: [{ eventName: 'purchase', every: 1 }],
      showAfter: 'purchase',
    });
  });

  it('reads the seed rolling offer as a ladder: every step with its price and products, bare and wrapped', () => {
    const inFrame = Date.parse('2025-06-22T12:07:00Z');
    const offer = adaptAppchargeOffer(APPCHARGE_SEED_ROLLING, inFrame);
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 50, discountPercent: 20 });
    expect(offer?.steps.map((step) => [step.usd, step.items!.map((i) => [i.name, i.rank, i.color, i.prefix, i.suffix])])).to.deep.equal([
      [50, [['Sword', 'main', '#f60404', '$', 'M']]],
      [30, [['Boost', 'sub', '#bfc6e8', '+', '🎉']]],
    ]);
    expect(offer?.store).to.deep.include({ priority: 1, segments: ['New User'], sale: 100, endsAt: Date.parse('2025-06-22T12:10:00.000Z') });
    expect(offer?.icon).to.equal('https://media.appcharge.com/media/25cb7861ec8924a6b69a0f59/408472.png');
  });

  it('leaves out the seed rolling offer once its time frame has passed', () => {
    const page = parseFeed(APPCHARGE_SEED, 'appcharge', NOW);
    expect(page.offers.map((o) => o.id)).to.deep.equal(['post-purchase-1']);
    expect(page).to.deep.include({ format: 'appcharge', received: 2, rejected: 1, total: 2 });
  });

  it('reads a quantity inside the product or beside it (as Appcharge documents), written with prefix and suffix', () => {
    const offer = adaptAppchargeOffer(
      appchargeOffer(1, {
        productsSequence: [
          { index: 2, products: [{ name: 'Second', quantity: '5' }], priceInUsdCents: 300 },
          { index: 1, products: [{ quantity: '100', product: { name: 'Coins', prefix: '$', suffix: 'K' } }, { product: { name: 'Gems', quantity: 10 } }], priceInUsdCents: '199' },
        ],
      }),
      NOW,
    );
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 1.99, discountPercent: null });
    expect(offer?.steps.map((s) => s.text)).to.deep.equal(['$100K Coins + 10 Gems', '5 Second']);
  });

  it('keeps a product without a name by its quantity and image, and drops one that says nothing', () => {
    const image = [{ type: 'productPrefix', url: '' }, { type: 'product', url: 'https://cdn.example.com/gold.png' }];
    expect(readProduct({ quantity: 2500, product: { publisherProductId: 'gold', images: image } })).to.deep.equal(
      item({ quantity: 2500, image: 'https://cdn.example.com/gold.png' }),
    );
    expect(readProduct({ product: { images: [{ type: 'product', url: 'javascript:alert(1)' }] } })).to.equal(null);
    expect(readProduct({ publisherProductId: 'x' })).to.equal(null);
    expect(readProduct('Gems')).to.equal(null);
    // A step of unnamed products is still a step.
    const offer = adaptAppchargeOffer(appchargeOffer(1, { productsSequence: [{ index: 1, products: [{ quantity: 3, product: { images: image } }] }] }), NOW);
    expect(offer?.reward).to.deep.equal({ kind: 'items', items: [item({ quantity: 3, image: 'https://cdn.example.com/gold.png' })] });
  });

  it('reads Main and Sub in any case, and a text colour only when it is a hex colour', () => {
    const product = (fields: Record<string, unknown>) => readProduct({ name: 'Gems', ...fields });
    expect(product({ priority: 'MAIN' })?.rank).to.equal('main');
    expect(product({ priority: 'sub' })?.rank).to.equal('sub');
    expect(product({ priority: 'Other' })?.rank).to.equal('');
    expect(product({ textFontColorHex: '#F60' })?.color).to.equal('#F60');
    for (const color of ['red', '#12345', 'url(javascript:x)', '#fff;background:red', 12]) expect(product({ textFontColorHex: color })?.color, String(color)).to.equal(null);
  });

  it('keeps a step priced 0 as free, and leaves out steps that give nothing and cost nothing stated', () => {
    const offer = adaptAppchargeOffer(
      appchargeOffer(1, {
        type: 'RollingOffer',
        productsSequence: [
          { index: 1, products: [{ name: 'Gems', quantity: 5 }], priceInUsdCents: 0 },
          { index: 2, products: [] },
          { index: 3, products: [{ name: 'Gold' }], priceInUsdCents: 499 },
        ],
      }),
      NOW,
    );
    expect(offer?.steps.map((s) => s.usd)).to.deep.equal([0, 4.99]);
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 0, discountPercent: null });
  });

  it('reads priority 1 first; a missing, zero, negative or non-numeric one as none', () => {
    const priority = (value: unknown) => adaptAppchargeOffer(appchargeOffer(1, { priority: value }), NOW)?.store?.priority;
    expect(priority(1)).to.equal(1);
    expect(priority('3')).to.equal(3);
    for (const value of [undefined, 0, -2, 'high', null, Infinity]) expect(priority(value), String(value)).to.equal(null);
  });

  it('reads segments sent as a list or a comma string', () => {
    expect(adaptAppchargeOffer(appchargeOffer(1, { segments: ['New User', 'VIP'] }), NOW)?.store?.segments).to.deep.equal(['New User', 'VIP']);
    expect(adaptAppchargeOffer(appchargeOffer(1, { segments: 'whales, dolphins' }), NOW)?.store?.segments).to.deep.equal(['whales', 'dolphins']);
    expect(adaptAppchargeOffer(appchargeOffer(1, { segments: null }), NOW)?.store?.segments).to.deep.equal([]);
  });

  it('reads a sale and a discount as percentages, and nothing else as one', () => {
    const store = (overrides: Record<string, unknown>) => adaptAppchargeOffer(appchargeOffer(1, overrides), NOW);
    expect(store({ productSale: { type: 'percentage', sale: 150 } })?.store?.sale).to.equal(150);
    expect(store({ productSale: { type: 'Percentage', sale: '25' } })?.store?.sale).to.equal(25);
    for (const productSale of [{ type: 'fixed', sale: 100 }, { type: 'percentage', sale: 0 }, { type: 'percentage', sale: -5 }, { sale: 100 }, 100]) {
      expect(store({ productSale })?.store?.sale, JSON.stringify(productSale)).to.equal(null);
    }
    expect(store({ priceDiscount: { type: 'percentage', discount: 20 } })?.reward).to.deep.include({ discountPercent: 20 });
    // All of a price off is no price before: the offer is free, or the feed is wrong.
    expect(store({ priceDiscount: { type: 'percentage', discount: 100 } })?.reward).to.deep.include({ discountPercent: null });
  });

  it('uses only a safe background image', () => {
    const background = (url: unknown) => adaptAppchargeOffer(appchargeOffer(1, { offerUi: { backgroundImage: url } }), NOW)?.store?.background;
    expect(background('https://cdn.example.com/bg.png')).to.equal('https://cdn.example.com/bg.png');
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '//cdn.example.com/bg.png', '', 7]) expect(background(url), String(url)).to.equal(null);
    // No longer an icon: the products' images are.
    expect(adaptAppchargeOffer(appchargeOffer(1, { offerUi: { backgroundImage: 'https://cdn.example.com/bg.png' } }), NOW)?.icon).to.equal(null);
  });

  it('reads event triggers with every (a whole number from 1), and drops unknown trigger types', () => {
    const triggers = (value: unknown) => adaptAppchargeOffer(appchargeOffer(1, { type: 'PopUp', triggers: value }), NOW)?.store?.triggers;
    expect(triggers([{ type: 'event', eventName: 'purchase', every: 3 }])).to.deep.equal([{ eventName: 'purchase', every: 3 }]);
    for (const every of [0, -1, 'often', undefined, null]) {
      expect(triggers([{ type: 'event', eventName: 'purchase', every }]), String(every)).to.deep.equal([{ eventName: 'purchase', every: 1 }]);
    }
    expect(triggers([{ type: 'event', eventName: 'level', every: 2.7 }])).to.deep.equal([{ eventName: 'level', every: 2 }]);
    expect(triggers([{ type: 'time', eventName: 'purchase' }, { type: 'event' }, { type: 'event', eventName: '' }, 'purchase'])).to.deep.equal([]);
    expect(triggers('purchase')).to.deep.equal([]);
  });

  it('leaves out inactive offers and those without an id or a name', () => {
    expect(adaptAppchargeOffer(appchargeOffer(1, { active: false }), NOW)).to.equal(null);
    expect(adaptAppchargeOffer(appchargeOffer(1, { publisherOfferId: undefined, offerId: undefined }), NOW)).to.equal(null);
    expect(adaptAppchargeOffer(appchargeOffer(1, { name: 7, displayName: undefined }), NOW)).to.equal(null);
    expect(adaptAppchargeOffer(appchargeOffer(1, { name: undefined, displayName: '' }), NOW)).to.equal(null);
  });

  it('uses the offerId when there is no publisherOfferId, and a numeric id as a string', () => {
    expect(adaptAppchargeOffer(appchargeOffer(1, { publisherOfferId: undefined }), NOW)?.id).to.equal('ac1');
    expect(adaptAppchargeOffer(appchargeOffer(1, { publisherOfferId: 77 }), NOW)?.templateId).to.equal('77');
  });

  it('shows offers by schedule: none or permanent always, else only inside a time frame, until its end', () => {
    const until = (timeFrames: unknown, permanent = false) => scheduledUntil({ permanent, timeFrames }, NOW);
    expect(scheduledUntil(undefined, NOW)).to.equal(Infinity);
    expect(scheduledUntil(null, NOW)).to.equal(Infinity);
    expect(until([], true)).to.equal(Infinity);
    expect(scheduledUntil({ permanent: false }, NOW)).to.equal(0);
    expect(until([])).to.equal(0);
    expect(until([frame('2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z')])).to.equal(Date.parse('2026-11-23T00:00:00Z'));
    expect(until([frame('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z')])).to.equal(0);
    expect(until([frame('not a date', '2027-01-01T00:00:00Z')])).to.equal(0);
    // Two frames open now: it shows until the later one ends.
    expect(until([frame('2026-11-22T00:00:00Z', '2026-11-22T13:00:00Z'), frame('2026-11-21T00:00:00Z', '2026-11-22T18:00:00Z')])).to.equal(Date.parse('2026-11-22T18:00:00Z'));
    expect(adaptAppchargeOffer(appchargeOffer(1, { schedule: { permanent: false, timeFrames: [frame('2026-11-22T00:00:00Z', '2026-11-22T14:14:00Z')] } }), NOW)?.store?.endsAt).to.equal(
      Date.parse('2026-11-22T14:14:00Z'),
    );
  });

  it('reports a body without an offers list as a payload error', () => {
    expect(() => parseFeed({ totalCount: 3 }, 'appcharge', NOW)).to.throw(WallError, /not an appcharge feed/);
  });

  it('asks with offerType, offerSubType, recordLimit (at most 500) and a stepping offset', () => {
    const q = { page: 3, pageSize: 20, os: 'ios', country: 'US', userId: 'u', gaid: null, andid: null, offerType: 'Bundle', offerSubType: 'DailyBonus' };
    expect(appcharge.query(q)).to.deep.equal([
      ['offerType', 'Bundle'],
      ['offerSubType', 'DailyBonus'],
      ['recordLimit', '20'],
      ['offset', '40'],
    ]);
    expect(appcharge.query({ ...q, page: 2, pageSize: 2000, offerType: null, offerSubType: null })).to.deep.equal([
      ['recordLimit', '500'],
      ['offset', '500'],
    ]);
  });
});
