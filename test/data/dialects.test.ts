import { expect } from '@open-wc/testing';
import '../fixtures/reader.js';
import { buildQuery, detectDialect, parseFeed } from '../../src/data/dialects.js';
import { WallError } from '../../src/data/types.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from '../fixtures/feeds.js';

const q = { page: 1, pageSize: 20, os: 'android', country: 'US', userId: 'u1', gaid: null, andid: null, offerType: 'Bundle', offerSubType: null };

describe('dialect registry and auto format', () => {
  it('asks with both dialects’ parameters when the format is auto', () => {
    expect(Object.fromEntries(buildQuery('auto', q))).to.deep.equal({
      os: 'android',
      page: '1',
      page_size: '20',
      country: 'US',
      thirdparty_id: 'u1',
      offerType: 'Bundle',
      recordLimit: '20',
      offset: '0',
    });
  });

  it('recognizes each dialect by the shape of its answer', () => {
    expect(detectDialect(s2sPage([s2sOffer(1)]))?.format).to.equal('s2s');
    expect(detectDialect({ data: [s2sOffer(1)] })?.format).to.equal('s2s');
    expect(detectDialect(appchargePage([appchargeOffer(1)]))?.format).to.equal('appcharge');
    expect(detectDialect([1, 2])).to.equal(null);
    expect(detectDialect('<html>')).to.equal(null);
  });

  it('parses in the detected dialect, and calls anything else a payload error', () => {
    expect(parseFeed(appchargePage([appchargeOffer(1)]), 'auto').format).to.equal('appcharge');
    expect(() => parseFeed({ items: [] }, 'auto')).to.throw(WallError, /not an offer feed/);
    expect(() => parseFeed(null, 'auto')).to.throw(WallError);
    expect(() => parseFeed(42, 's2s'))
      .to.throw(WallError)
      .with.property('kind', 'payload');
  });
});
