/** Filter, search and sort: by attribute and by the toolbar, over every page loaded. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OfferImpressionEvent } from '../src/events.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, part, parts, texts, frames, spyFetch, until } from './helpers.js';

const MIXED = [
  s2sOffer(1, { name: 'Crème Brûlée Café', offer_type: 'CPI', payout: '1.00' }),
  s2sOffer(2, { name: 'Survey Sprint', offer_type: 'CPA', payout: '3.00', description: 'A quick survey about cafés.' }),
  s2sOffer(3, { name: 'Dragon Kingdom', offer_type: 'cpi', payout: '2.00' }),
  s2sOffer(4, { name: 'Newsletter', offer_type: 'CPL', payout: '0.50' }),
];

const titles = (wall: Element) => texts(wall, 'title');

describe('<offer-wall> filter, search and sort', () => {
  it('shows only the offers of the filter attribute’s type, matched case-insensitively', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ filter: 'CPI' });
    expect(titles(wall)).to.deep.equal(['Crème Brûlée Café', 'Dragon Kingdom']);
  });

  it('searches names and descriptions, ignoring case and accents', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ search: 'CAFE' });
    expect(titles(wall)).to.deep.equal(['Crème Brûlée Café', 'Survey Sprint']);
  });

  it('sorts by reward, highest first, and back to the feed’s order', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ sort: 'reward' });
    expect(titles(wall)).to.deep.equal(['Survey Sprint', 'Dragon Kingdom', 'Crème Brûlée Café', 'Newsletter']);
    wall.sort = 'feed';
    await wall.updateComplete;
    expect(titles(wall)).to.deep.equal(MIXED.map((offer) => offer.name));
  });

  it('sorts appcharge offers by price, lowest first', async () => {
    const priced = (n: number, cents: number) =>
      appchargeOffer(n, { productsSequence: [{ index: 1, products: [{ product: { name: 'Gems', quantity: 1 } }], priceInUsdCents: cents }] });
    await mock(feed(appchargePage([priced(1, 999), priced(2, 199), priced(3, 499)])));
    const { wall } = await loadedWall({ sort: 'reward' });
    expect(titles(wall)).to.deep.equal(['Bundle 2', 'Bundle 3', 'Bundle 1']);
    expect(part(wall, 'sort')!.textContent).to.contain('Lowest price');
  });

  it('changes no request: filtering, searching and sorting stay in the page', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall();
    const spy = spyFetch();
    try {
      wall.filter = 'cpa';
      wall.search = 'survey';
      wall.sort = 'reward';
      await wall.updateComplete;
      await frames();
      expect(spy.calls).to.deep.equal([]);
    } finally {
      spy.restore();
    }
    expect(titles(wall)).to.deep.equal(['Survey Sprint']);
  });

  it('shows in the sort control the sort set from code, after the user has picked one', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall();
    const sort = part(wall, 'sort') as HTMLSelectElement;
    sort.value = 'reward';
    sort.dispatchEvent(new Event('change'));
    await wall.updateComplete;
    wall.sort = 'feed';
    await wall.updateComplete;
    expect(sort.value).to.equal('feed');
    wall.setAttribute('sort', 'reward');
    await wall.updateComplete;
    expect(sort.value).to.equal('reward');
  });

  it('builds "All" and one toggle button per offer type present, in the user’s words; pressing one filters and sets the attribute', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ locale: 'en' });
    const chips = parts(wall, 'filter');
    // CPI and cpi are one type; the feed's words become the user's.
    expect(chips.map((chip) => chip.textContent!.trim())).to.deep.equal(['All', 'Apps', 'Tasks', 'Sign-ups']);
    expect(chips.map((chip) => chip.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false', 'false']);

    chips[2]!.click();
    await wall.updateComplete;
    expect(wall.getAttribute('filter')).to.equal('CPA');
    expect(parts(wall, 'filter').map((chip) => chip.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true', 'false']);
    expect(titles(wall)).to.deep.equal(['Survey Sprint']);

    parts(wall, 'filter')[2]!.click();
    await wall.updateComplete;
    expect(wall.getAttribute('filter')).to.equal('');
    expect(titles(wall)).to.have.length(4);

    parts(wall, 'filter')[1]!.click();
    await wall.updateComplete;
    expect(titles(wall)).to.deep.equal(['Crème Brûlée Café', 'Dragon Kingdom']);
    parts(wall, 'filter')[0]!.click();
    await wall.updateComplete;
    expect(wall.getAttribute('filter')).to.equal('');
    expect(parts(wall, 'filter')[0]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('the search box and the sort control set their attributes, and the attributes preset them', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ search: 'dragon', sort: 'reward' });
    const search = part(wall, 'search') as HTMLInputElement;
    const sort = part(wall, 'sort') as HTMLSelectElement;
    expect(search.value).to.equal('dragon');
    expect(sort.value).to.equal('reward');

    search.focus();
    search.select();
    await sendKeys({ type: 'news' });
    await wall.updateComplete;
    expect(wall.getAttribute('search')).to.equal('news');
    expect(titles(wall)).to.deep.equal(['Newsletter']);

    sort.value = 'feed';
    sort.dispatchEvent(new Event('change'));
    await wall.updateComplete;
    expect(wall.getAttribute('sort')).to.equal('feed');
  });

  it('applies to pages loaded later', async () => {
    const pages = [s2sPage(s2sOffers(1, 3), { total: 6 }), s2sPage([s2sOffer(4, { offer_type: 'CPA' }), ...s2sOffers(5, 2)], { page: 2, total: 6 })];
    await mock(feed((url: URL) => pages[Number(url.searchParams.get('page')) - 1]));
    const { wall } = await loadedWall({ filter: 'cpa', 'page-size': '3' });
    const next = oneEvent(wall, 'offer-wall-load');
    part(wall, 'more')!.click();
    await next;
    await wall.updateComplete;
    expect(titles(wall)).to.deep.equal(['Offer 4']);
  });

  it('says when nothing matches, and offers to clear the filters', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ search: 'zzz', filter: 'cpl' });
    expect(parts(wall, 'card')).to.have.length(0);
    const empty = part(wall, 'empty')!;
    expect(empty.textContent).to.contain('No offers match');
    await expect(wall).to.be.accessible();
    empty.querySelector('button')!.click();
    await wall.updateComplete;
    expect(wall.getAttribute('search')).to.equal('');
    expect(wall.getAttribute('filter')).to.equal('');
    expect(titles(wall)).to.have.length(4);
  });

  it('announces how many offers are shown', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ filter: 'cpa', locale: 'en' });
    const status = part(wall, 'toolbar')!.querySelector('[role="status"]')!;
    expect(status.textContent!.trim()).to.equal('1 offer');
    wall.filter = '';
    await wall.updateComplete;
    expect(status.textContent!.trim()).to.equal('4 offers');
  });

  it('hides the toolbar with toolbar="off", while the attributes still apply', async () => {
    await mock(feed(s2sPage(MIXED)));
    const { wall } = await loadedWall({ toolbar: 'off', filter: 'cpl' });
    expect(part(wall, 'toolbar')).to.equal(null);
    expect(titles(wall)).to.deep.equal(['Newsletter']);
  });

  it('numbers the cards in the order shown and reports impressions for the offers shown', async () => {
    await mock(feed(s2sPage(MIXED)));
    const seen: string[] = [];
    document.addEventListener('offer-impression', (e) => seen.push((e as OfferImpressionEvent).detail.offer.name));
    const { wall } = await loadedWall({ filter: 'cpi', sort: 'reward' });
    await until(() => seen.length >= 2, 'the impressions of the two offers shown');
    await frames(3); // and no others
    const cards = parts(wall, 'card');
    expect(cards.map((card) => card.getAttribute('aria-posinset'))).to.deep.equal(['1', '2']);
    expect(cards.map((card) => card.getAttribute('aria-setsize'))).to.deep.equal(['2', '2']);
    expect(seen).to.have.members(['Dragon Kingdom', 'Crème Brûlée Café']);
  });

  it('keeps 10,000 offers windowed when filtered and sorted, and reaches the last one shown', async function () {
    this.timeout(60_000);
    const many = s2sOffers(1, 10_000).map((offer, i) => ({ ...offer, offer_type: i % 2 ? 'CPA' : 'CPI' }));
    await mock(feed(s2sPage(many, { total: 10_000 })));
    const { wall } = await loadedWall({ 'page-size': '10000', filter: 'cpa', sort: 'reward' });
    const keys = () => parts(wall, 'card').map((card) => Number(card.getAttribute('data-index')));
    expect(parts(wall, 'card').length).to.be.within(1, 60);
    // The highest CPA payout first: offer 10,000 (feed position 9,999).
    expect(keys()[0]).to.equal(9_999);
    for (let i = 0; i < 8 && !keys().includes(1); i++) {
      window.scrollTo(0, document.documentElement.scrollHeight);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The lowest CPA payout: offer 2 (feed position 1), last of the 5,000 shown.
    expect(keys()).to.include(1);
    expect(parts(wall, 'card').length).to.be.at.most(60);
    window.scrollTo(0, 0);
  });
});
