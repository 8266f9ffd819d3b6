/**
 * The s2s seed's fields as a user and a publisher meet them on the wall: the store link built from
 * `package`, offers the device is too old for, the payout type as a category, the Android ids the
 * API asks for, and the payout shown as the user's share rather than as the publisher's revenue.
 */
import { expect } from '@open-wc/testing';
import { S2S_SEED_OFFER } from '../demo/mocks/seeds.js';
import { s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, openDetail, part, texts } from './helpers.js';

/** Records console.warn for one test. */
function recordWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

describe('<offer-wall> s2s fields', () => {
  let warn: ReturnType<typeof recordWarnings>;
  beforeEach(() => (warn = recordWarnings()));
  afterEach(() => warn.restore());

  it('links the seed offer, whose preview_url is empty, to its Google Play page from its package', async () => {
    await mock(feed(s2sPage([{ ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c' }])));
    const { wall } = await loadedWall({ 'currency-rate': '1' });
    const dialog = await openDetail(wall);
    const link = dialog.querySelector<HTMLAnchorElement>('a.preview')!;
    expect(link.href).to.equal('https://play.google.com/store/apps/details?id=com.Plus500');
    expect(link.rel).to.equal('noopener noreferrer');
  });

  it('shows the users\' share with currency-rate alone, as money', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '3.60' })])));
    const { wall } = await loadedWall({ 'currency-rate': '0.5' });
    expect(texts(wall, 'payout')).to.deep.equal(['$1.80']);
    expect(warn.warnings.filter((w) => w.includes('currency-rate'))).to.deep.equal([]);
  });

  it('without currency-rate, shows the payout as money and warns once that it is the publisher\'s revenue', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '3.60' })])));
    const { wall } = await loadedWall({ 'currency-name': 'Coins' });
    expect(texts(wall, 'payout')).to.deep.equal(['$3.60']);
    wall.reload();
    await new Promise((resolve) => wall.addEventListener('offer-wall-load', resolve, { once: true }));
    const revenue = warn.warnings.filter((w) => w.includes('currency-rate is not set'));
    expect(revenue).to.deep.equal(['<offer-wall>: currency-rate is not set: users see s2s payouts, your revenue, as rewards.']);
  });

  it('warns once that os android needs gaid or andid, and sends the request all the same', async () => {
    let asked: URLSearchParams | null = null;
    await mock(feed((url: URL) => ((asked = url.searchParams), s2sPage([s2sOffer(1)]))));
    const { wall } = await loadedWall({ os: 'android', 'currency-rate': '1' });
    expect(asked!.get('os')).to.equal('android');
    wall.setAttribute('page-size', '5');
    await new Promise((resolve) => wall.addEventListener('offer-wall-load', resolve, { once: true }));
    expect(warn.warnings.filter((w) => w.includes('gaid or andid'))).to.have.length(1);
    expect(part(wall, 'card')).to.not.equal(null);
  });

  it('leaves out an offer the device is too old for, when the user agent tells its version, and counts it in rejected', async () => {
    Object.defineProperty(navigator, 'userAgent', { value: 'Mozilla/5.0 (Linux; Android 12; SM-A515F) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36', configurable: true });
    try {
      await mock(feed(s2sPage([s2sOffer(1, { os_version: '13.0' }), s2sOffer(2, { os_version: '8.0' }), s2sOffer(3)])));
      const { wall, detail } = await loadedWall({ 'currency-rate': '1', gaid: 'g-1' });
      expect(detail.rejected).to.equal(1);
      expect(texts(wall, 'title')).to.deep.equal(['Offer 2', 'Offer 3']);
    } finally {
      delete (navigator as { userAgent?: string }).userAgent;
    }
  });
});
