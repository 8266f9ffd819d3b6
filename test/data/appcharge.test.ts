import { expect } from '@open-wc/testing';
import { adaptAppchargeOffer, appcharge, isScheduledNow } from '../../src/data/appcharge.js';
import { parseFeed } from '../../src/data/dialects.js';
import { WallError } from '../../src/data/types.js';
import { APPCHARGE_SEED, APPCHARGE_SEED_POPUP, APPCHARGE_SEED_ROLLING } from '../../demo/mocks/seeds.js';
import { appchargeOffer } from '../fixtures/feeds.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const frame = (start: string, end: string) => ({ startTime: start, endTime: end });

describe('appcharge adapter', () => {
  it('reads the seed popup, whose products are wrapped, as what it gives', () => {
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
    expect(offer?.reward).to.deep.equal({ kind: 'items', items: [{ name: 'Treasure Chest', quantity: null }] });
    // One step that gives what the reward line already says is not listed again.
    expect(offer?.steps).to.deep.equal([]);
  });

  it('reads the seed rolling offer, bare and wrapped products, price and discount, when in schedule', () => {
    const inFrame = Date.parse('2025-06-22T12:07:00Z');
    const offer = adaptAppchargeOffer(APPCHARGE_SEED_ROLLING, inFrame);
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 50, discountPercent: 20 });
    expect(offer?.steps).to.deep.equal([
      { text: 'Sword', usd: 50, items: [{ name: 'Sword', quantity: null }] },
      { text: 'Boost', usd: 30, items: [{ name: 'Boost', quantity: null }] },
    ]);
    expect(offer?.icon).to.equal('https://media.appcharge.com/media/25cb7861ec8924a6b69a0f59/408472.png');
  });

  it('leaves out the seed rolling offer once its time frame has passed', () => {
    const page = parseFeed(APPCHARGE_SEED, 'appcharge', NOW);
    expect(page.offers.map((o) => o.id)).to.deep.equal(['post-purchase-1']);
    expect(page).to.deep.include({ format: 'appcharge', received: 2, rejected: 1, total: 2 });
  });

  it('orders sequence steps by their index and shows quantities', () => {
    const offer = adaptAppchargeOffer(
      appchargeOffer(1, {
        productsSequence: [
          { index: 2, products: [{ name: 'Second', quantity: '5' }], priceInUsdCents: 300 },
          { index: 1, products: [{ product: { name: 'First', quantity: 10 } }], priceInUsdCents: '199' },
        ],
      }),
      NOW,
    );
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 1.99, discountPercent: null });
    expect(offer?.steps.map((s) => s.text)).to.deep.equal(['10 × First', '5 × Second']);
  });

  it('lists a priced one-step offer’s contents without repeating its price', () => {
    const offer = adaptAppchargeOffer(appchargeOffer(2), NOW);
    expect(offer?.reward).to.deep.equal({ kind: 'price', usd: 4.99, discountPercent: null });
    expect(offer?.steps).to.deep.equal([{ text: '200 × Gems', usd: null, items: [{ name: 'Gems', quantity: 200 }] }]);
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

  it('shows offers by schedule: none or permanent always, else only inside a time frame', () => {
    expect(isScheduledNow(undefined, NOW)).to.equal(true);
    expect(isScheduledNow(null, NOW)).to.equal(true);
    expect(isScheduledNow({ permanent: true, timeFrames: [] }, NOW)).to.equal(true);
    expect(isScheduledNow({ permanent: false }, NOW)).to.equal(false);
    expect(isScheduledNow({ permanent: false, timeFrames: [] }, NOW)).to.equal(false);
    expect(isScheduledNow({ permanent: false, timeFrames: [frame('2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z')] }, NOW)).to.equal(true);
    expect(isScheduledNow({ permanent: false, timeFrames: [frame('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z')] }, NOW)).to.equal(false);
    expect(isScheduledNow({ permanent: false, timeFrames: [frame('not a date', '2027-01-01T00:00:00Z')] }, NOW)).to.equal(false);
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
