/**
 * Large pages: with thousands of offers only the cards near the viewport are in the DOM, the page's
 * own scrolling reaches the last offer, and impressions, clicks, keyboard and focus keep working
 * as cards come and go. Only the tests about the largest page load 10,000 offers: through msw,
 * WebKit on a loaded machine took 4 to 8 s to load them, and the tests that scrolled such a page
 * outran their 15 s; 3,000 offers (some 240,000 px) are as many windows to recycle.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OfferClickEvent } from '../src/events.js';
import { s2sOffers, s2sPage } from './fixtures/feeds.js';
import type { OfferWallLoadEvent } from '../src/events.js';
import { feed, loadedWall, mock, mountWall, parts, until, frames } from './helpers.js';

/** Resolves when the wall's first card is in its shadow root. */
function firstCard(wall: Element): Promise<number> {
  return new Promise((resolve) => {
    const check = () => (wall.shadowRoot?.querySelector('[part~="card"]') ? resolve(performance.now()) : requestAnimationFrame(check));
    check();
  });
}

/** Waits for the window to follow a scroll (one frame to notice, one to render). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

function indices(wall: Element): number[] {
  return parts(wall, 'card').map((card) => Number(card.getAttribute('data-index')));
}

async function bigWall(count: number) {
  await mock(feed(s2sPage(s2sOffers(1, count), { total: count })));
  const loaded = await loadedWall({ 'page-size': String(count) });
  await settle();
  return loaded;
}

describe('<offer-wall> with thousands of offers', () => {
  afterEach(() => window.scrollTo(0, 0));

  it('keeps at most 60 cards in the DOM for 10,000 offers, the first ones first', async () => {
    const { wall, detail } = await bigWall(10_000);
    expect(detail.offers).to.have.length(10_000);
    const cards = parts(wall, 'card');
    expect(cards.length).to.be.within(1, 60);
    expect(indices(wall)[0]).to.equal(0);
    expect(cards[0]!.getAttribute('aria-setsize')).to.equal('10000');
    expect(cards[0]!.getAttribute('aria-posinset')).to.equal('1');
    // The list is as tall as every offer would make it, so the page's scrollbar is honest.
    expect(document.documentElement.scrollHeight).to.be.greaterThan(10_000 * 60);
  });

  it('shows the first cards of a 10,000-offer page before the rest is read, then reports the page exactly', async () => {
    const offers = s2sOffers(1, 10_000).map((offer, i) => (i % 100 === 99 ? { ...offer, id: undefined } : offer));
    await mock(feed(s2sPage(offers, { total: 10_000 })));
    const wall = mountWall({ 'page-size': '10000' });
    const [shownAt, loaded] = await Promise.all([
      firstCard(wall),
      (oneEvent(wall, 'offer-wall-load') as Promise<OfferWallLoadEvent>).then((e) => ({ at: performance.now(), detail: e.detail })),
    ]);
    expect(shownAt).to.be.lessThan(loaded.at);
    expect(loaded.detail.offers).to.have.length(9_900);
    expect(loaded.detail.rejected).to.equal(100);
    expect(parts(wall, 'card')[0]!.getAttribute('aria-setsize')).to.equal('9900');
  });

  it('drops the rest of a page being read when the query changes', async () => {
    await mock(
      feed((url: URL) =>
        url.searchParams.get('country') === 'US'
          ? s2sPage(s2sOffers(1, 10_000), { total: 10_000 })
          : s2sPage(s2sOffers(50_001, 3), { total: 3 }),
      ),
    );
    const wall = mountWall({ 'page-size': '10000', country: 'US' });
    const loads: number[] = [];
    wall.addEventListener('offer-wall-load', (e) => loads.push(e.detail.offers.length));
    await firstCard(wall);
    wall.country = 'FR';
    await oneEvent(wall, 'offer-wall-load');
    await frames(3); // the slices of the dropped page would have gone on task by task
    expect(loads).to.deep.equal([3]);
    expect(parts(wall, 'title').map((t) => t.textContent)).to.deep.equal(['Offer 50001', 'Offer 50002', 'Offer 50003']);
  });

  it('reaches the last offer by scrolling the page', async () => {
    const { wall } = await bigWall(3_000);
    const lastCard = () => parts(wall, 'card').find((card) => card.getAttribute('data-index') === '2999');
    // As a user does: to the bottom again while the list's estimated height settles to the
    // measured one, until the last offer is on the screen.
    for (let i = 0; i < 8 && !((lastCard()?.getBoundingClientRect().top ?? Infinity) < innerHeight); i++) {
      window.scrollTo(0, document.documentElement.scrollHeight);
      await settle();
    }
    expect(indices(wall)).to.include(2_999);
    const last = lastCard()!;
    expect(last.querySelector('[part~="title"]')!.textContent).to.equal('Offer 3000');
    expect(last.getBoundingClientRect().top).to.be.lessThan(innerHeight);
    expect(parts(wall, 'card').length).to.be.at.most(60);
  });

  it('reaches the last offer inside an app’s own scrolling container', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 3_000), { total: 3_000 })));
    const box = document.createElement('div');
    box.style.cssText = 'height: 400px; overflow: auto';
    document.body.append(box);
    try {
      const wall = document.createElement('offer-wall');
      wall.setAttribute('endpoint', '/api/offers');
      wall.setAttribute('page-size', '3000');
      const loaded = oneEvent(wall, 'offer-wall-load');
      box.append(wall);
      await loaded;
      for (let i = 0; i < 6 && !indices(wall).includes(2_999); i++) {
        box.scrollTop = box.scrollHeight;
        await settle();
      }
      expect(indices(wall)).to.include(2_999);
      expect(parts(wall, 'card').length).to.be.at.most(60);
    } finally {
      box.remove();
    }
  });

  it('shows the offers at the scroll position when jumping to the middle', async () => {
    const { wall } = await bigWall(3_000);
    const list = wall.shadowRoot!.querySelector('[part~="list"]')!;
    const listTop = list.getBoundingClientRect().top + scrollY;
    window.scrollTo(0, listTop + (list.getBoundingClientRect().height / 2));
    await settle();
    await settle();
    const visible = parts(wall, 'card').filter((card) => {
      const r = card.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
    expect(visible.length).to.be.greaterThan(0);
    const index = Number(visible[0]!.getAttribute('data-index'));
    expect(index).to.be.within(900, 2_100);
    expect(visible[0]!.querySelector('[part~="title"]')!.textContent).to.equal(`Offer ${index + 1}`);
  });

  it('fires impressions for offers scrolled to, once each, as cards are recycled', async function () {
    this.timeout(60000); // up to 60 scroll steps of four frames each, slow on a loaded machine
    const seen: string[] = [];
    await mock(feed(s2sPage(s2sOffers(1, 2_000), { total: 2_000 })));
    const record = (e: Event) => seen.push((e as CustomEvent<{ offer: { id: string } }>).detail.offer.id);
    document.addEventListener('offer-impression', record);
    try {
      const { wall } = await loadedWall({ 'page-size': '2000' });
      await until(() => seen.includes('1001'), 'the first impression');
      const card500 = () => parts(wall, 'card').find((c) => c.getAttribute('data-index') === '500');
      // Seek the card: down while the window is before it, up once past it.
      for (let i = 0; i < 60 && !card500(); i++) {
        window.scrollBy(0, (indices(wall)[0] ?? 0) > 500 ? -3_000 : 3_000);
        await settle();
      }
      card500()!.scrollIntoView();
      await until(() => seen.includes('1501'), 'an impression for card 500, scrolled to');
      window.scrollTo(0, 0);
      await settle();
      await frames(3);
      expect(new Set(seen).size).to.equal(seen.length);
    } finally {
      document.removeEventListener('offer-impression', record);
    }
  });

  it('clicks on a recycled card report that card’s offer', async () => {
    const { wall } = await bigWall(3_000);
    window.scrollBy(0, 50_000);
    await settle();
    await settle();
    const card = parts(wall, 'card')[5]!;
    const index = Number(card.getAttribute('data-index'));
    expect(index).to.be.greaterThan(60);
    wall.addEventListener('offer-click', (e) => e.preventDefault(), { once: true });
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    card.querySelector<HTMLElement>('[part~="cta"]')!.click();
    expect((await clicked).detail.offer.id).to.equal(String(1001 + index));
  });

  it('lets the keyboard walk through offers beyond the first window, in order, keeping focus', async function () {
    // 180 real key presses, each a round trip through the test runner to the browser's driver.
    this.timeout(120_000);
    const { wall } = await bigWall(300);
    parts(wall, 'cta')[0]!.focus();
    // Each card has two stops: its title (which opens the detail) and its call to action.
    for (let i = 0; i < 180; i++) {
      await sendKeys({ press: 'Tab' });
      if (i % 20 === 19) await settle();
    }
    await settle();
    const focused = wall.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.getAttribute('part')).to.equal('cta');
    expect(focused!.closest('[part~="card"]')!.getAttribute('data-index')).to.equal('90');
    expect(indices(wall)[0]).to.be.greaterThan(0);
    expect(parts(wall, 'card').length).to.be.at.most(60);
  });

  it('lets go of the cards that leave the window, so scrolling far holds on to nothing', async function () {
    this.timeout(60_000);
    // Counts, per observer, the cards it still watches.
    const watched = new Map<IntersectionObserver, Set<Element>>();
    const { observe, unobserve, disconnect } = IntersectionObserver.prototype;
    IntersectionObserver.prototype.observe = function (target) {
      (watched.get(this) ?? watched.set(this, new Set()).get(this)!).add(target);
      return observe.call(this, target);
    };
    IntersectionObserver.prototype.unobserve = function (target) {
      watched.get(this)?.delete(target);
      return unobserve.call(this, target);
    };
    IntersectionObserver.prototype.disconnect = function () {
      watched.get(this)?.clear();
      return disconnect.call(this);
    };
    try {
      const { wall } = await bigWall(3_000);
      for (let i = 0; i < 12; i++) {
        window.scrollBy(0, 4_000);
        await settle();
      }
      await until(() => indices(wall).some((index) => index > 300), 'the window far down the list');
      const cards = Math.max(...[...watched.values()].map((set) => set.size));
      expect(cards).to.be.at.most(60);
    } finally {
      Object.assign(IntersectionObserver.prototype, { observe, unobserve, disconnect });
    }
  });
});
