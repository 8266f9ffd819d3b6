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
      previewUrl: null,
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
