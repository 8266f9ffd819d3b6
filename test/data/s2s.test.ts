import { expect } from '@open-wc/testing';
import { adaptS2sOffer, s2s, splitConversionFlow } from '../../src/data/s2s.js';
import { parseFeed } from '../../src/data/dialects.js';
import { WallError } from '../../src/data/types.js';
import { S2S_SEED, S2S_SEED_OFFER } from '../../demo/mocks/seeds.js';
import { s2sOffer, s2sPage } from '../fixtures/feeds.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('s2s adapter', () => {
  it('reads the seed offer as it is sent: numeric id, string payout, empty icon', () => {
    const offer = adaptS2sOffer({ ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c?o=2957231058' });
    expect(offer).to.deep.include({
      id: '2957231058',
      source: 's2s',
      name: 'Plus500: CFD Online Trading on Forex and Stocks',
      type: 'app',
      icon: null,
      previewUrl: 'https://play.google.com/store/apps/details?id=com.Plus500',
      os: 'android',
      trackingUrl: 'https://track.example.com/c?o=2957231058',
    });
    expect(offer?.reward).to.deep.equal({ kind: 'payout', usd: 3.6 });
    expect(offer?.countries).to.deep.equal(['US', 'GB']);
    expect(offer?.steps.map((s) => s.text)).to.deep.equal([
      'Download and open the app',
      'Sign up for the app and try for a loan',
      'Redeem your points! Attention: New Users Only!',
    ]);
  });

  it('leaves out the seed offer itself, whose tracking link is empty, and counts it', () => {
    const page = parseFeed(S2S_SEED, 's2s', NOW);
    expect(page).to.deep.include({ format: 's2s', received: 1, rejected: 1, total: 28 });
    expect(page.offers).to.have.length(0);
  });

  it('tolerates string ids, numeric payouts, unknown offer types and extra fields', () => {
    const offer = adaptS2sOffer(s2sOffer(1, { id: 'abc', payout: 2, offer_type: 'CPE', surprise: { nested: true } }));
    expect(offer).to.deep.include({ id: 'abc', type: 'CPE' });
    expect(offer?.reward).to.deep.equal({ kind: 'payout', usd: 2 });
  });

  it('refuses offers without an id, with a non-string name or a non-numeric payout', () => {
    for (const overrides of [
      { id: undefined },
      { id: '' },
      { id: null },
      { name: 42 },
      { name: ['x'] },
      { name: '   ' },
      { payout: 'free' },
      { payout: null },
      { payout: -1 },
      { tracking_link: 'javascript:alert(1)' },
      { tracking_link: '/relative/click' },
    ]) {
      expect(adaptS2sOffer(s2sOffer(1, overrides)), JSON.stringify(overrides)).to.equal(null);
    }
    for (const raw of [null, 'offer', 7, [], true]) expect(adaptS2sOffer(raw)).to.equal(null);
  });

  it('links an offer without a usable preview to its store page: Google Play for an Android package, the App Store for a numeric iOS id', () => {
    // The seed's own sample: `preview_url: ""` and `package: "com.Plus500"`.
    const seed = adaptS2sOffer({ ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c' });
    expect(seed?.previewUrl).to.equal('https://play.google.com/store/apps/details?id=com.Plus500');
    const link = (overrides: Record<string, unknown>) => adaptS2sOffer(s2sOffer(1, { preview_url: '', ...overrides }))?.previewUrl;
    expect(link({ os: 'ios', package: '1234567890' })).to.equal('https://apps.apple.com/app/id1234567890');
    expect(link({ os: 'ios', package: 'id987' })).to.equal('https://apps.apple.com/app/id987');
    expect(link({ os: '', package: 'com.example.game' })).to.equal('https://play.google.com/store/apps/details?id=com.example.game');
    // A bundle id is no App Store address, a number no Android package; nothing else is a package.
    expect(link({ os: 'ios', package: 'com.example.game' })).to.equal(null);
    expect(link({ os: 'android', package: '1234567890' })).to.equal(null);
    expect(link({ package: 'javascript:alert(1)' })).to.equal(null);
    expect(link({ package: 'com.example/../x' })).to.equal(null);
    expect(link({ package: '' })).to.equal(null);
    expect(link({ package: 42 })).to.equal(null);
    // A usable preview stays the link.
    expect(adaptS2sOffer(s2sOffer(1))?.previewUrl).to.equal('https://play.example.com/store/apps/details?id=com.example.app1');
    expect(link({ preview_url: 'javascript:alert(1)' })).to.equal('https://play.google.com/store/apps/details?id=com.example.app1');
  });

  it('leaves out an offer whose os_version is above the device\'s, when the user agent tells it, and counts it', () => {
    const needs = (version: unknown, os = 'android') => s2sOffer(1, { os_version: version, os });
    const android13 = { os: 'android', version: '13' } as const;
    expect(adaptS2sOffer(needs('14'), NOW, android13)).to.equal(null);
    expect(adaptS2sOffer(needs('13.1'), NOW, android13)).to.equal(null);
    expect(adaptS2sOffer(needs('13'), NOW, android13)).to.not.equal(null);
    expect(adaptS2sOffer(needs('13.0'), NOW, android13)).to.not.equal(null);
    expect(adaptS2sOffer(needs('5.0'), NOW, android13)).to.not.equal(null);
    expect(adaptS2sOffer(needs('10.2', 'ios'), NOW, { os: 'ios', version: '10.15' })).to.not.equal(null);
    expect(adaptS2sOffer(needs('10.15', 'ios'), NOW, { os: 'ios', version: '10.2' })).to.equal(null);
    expect(adaptS2sOffer(needs('17.2', 'ios'), NOW, { os: 'ios', version: '17.2.1' })).to.not.equal(null);
    // No version known, none asked, or another platform's version: shown.
    expect(adaptS2sOffer(needs('14'), NOW, { os: 'android', version: null })).to.not.equal(null);
    expect(adaptS2sOffer(needs('14'), NOW)).to.not.equal(null);
    expect(adaptS2sOffer(needs(''), NOW, android13)).to.not.equal(null);
    expect(adaptS2sOffer(needs('18', 'ios'), NOW, android13)).to.not.equal(null);
    const page = parseFeed(s2sPage([needs('14'), s2sOffer(2)]), 's2s', NOW, android13);
    expect(page).to.deep.include({ received: 2, rejected: 1 });
  });

  it('takes the category from payout_type where offer_type is not one the wall knows', () => {
    const type = (offer_type: unknown, payout_type: unknown) => adaptS2sOffer(s2sOffer(1, { offer_type, payout_type }))?.type;
    expect(type('app', 'CPA')).to.equal('app');
    expect(type('CPL', 'CPA')).to.equal('CPL');
    expect(type('', 'CPA')).to.equal('CPA');
    expect(type('game', 'CPI')).to.equal('CPI');
    expect(type(undefined, 'cpl')).to.equal('cpl');
    // The seed's `payout_type: "fixed"` is no category: the offer type stays.
    expect(type('survey', 'fixed')).to.equal('survey');
  });

  it('reads countries sent as one comma-separated string', () => {
    expect(adaptS2sOffer(s2sOffer(1, { countries: 'US, DE,' }))?.countries).to.deep.equal(['US', 'DE']);
  });

  it('splits the conversion flow on any line break and drops the feed’s numbering', () => {
    expect(splitConversionFlow('1.Install\r\n2) Open it\r3. Play 3.5 hours\n\n 4 . Done')).to.deep.equal([
      { text: 'Install', usd: null, items: null },
      { text: 'Open it', usd: null, items: null },
      { text: 'Play 3.5 hours', usd: null, items: null },
      { text: 'Done', usd: null, items: null },
    ]);
    expect(splitConversionFlow('3.5 million players wait')[0]?.text).to.equal('3.5 million players wait');
    expect(splitConversionFlow(undefined)).to.deep.equal([]);
  });

  it('counts every offer received as shown or rejected', () => {
    const page = parseFeed(s2sPage([s2sOffer(1), { name: 'no id' }, s2sOffer(2), 'junk'], { total: 40 }), 's2s', NOW);
    expect(page.offers.map((o) => o.id)).to.deep.equal(['1001', '1002']);
    expect(page).to.deep.include({ received: 4, rejected: 2, total: 40 });
  });

  it('reports an upstream error code and a body that is not a feed as payload errors', () => {
    expect(() => parseFeed({ c: 1003, msg: 'invalid app_id', d: null }, 's2s', NOW)).to.throw(WallError, /1003: invalid app_id/);
    expect(() => parseFeed({ hello: 'world' }, 's2s', NOW)).to.throw(WallError, /not an s2s feed/);
  });

  it('asks with the upstream’s parameter names, only those that have a value', () => {
    const q = { page: 2, pageSize: 50, os: 'android', country: 'DE', userId: 'u1', gaid: 'g', andid: 'a', offerType: 'Bundle', offerSubType: null };
    expect(s2s.query(q)).to.deep.equal([
      ['os', 'android'],
      ['page', '2'],
      ['page_size', '50'],
      ['country', 'DE'],
      ['thirdparty_id', 'u1'],
      ['gaid', 'g'],
      ['andid', 'a'],
    ]);
    expect(s2s.query({ ...q, os: null, country: null, userId: null, gaid: null, andid: null })).to.deep.equal([
      ['page', '2'],
      ['page_size', '50'],
    ]);
  });
});
