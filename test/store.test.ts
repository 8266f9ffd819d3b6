/**
 * Appcharge's store as a player meets it: the feed's `priority` order, a RollingOffer's ladder and
 * the publisher's `progress`, products (quantities, Main and Sub, unnamed ones, feed colours that
 * keep their contrast), sales, backgrounds, countdowns, an offer whose time frame ends while it is
 * shown, and the player's `segments`. The store's pop-ups are test/popups.test.ts.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { APPCHARGE_SEED_ROLLING } from '../demo/mocks/seeds.js';
import type { OfferClickEvent } from '../src/events.js';
import type { OfferWall } from '../src/offer-wall.component.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, openDetail, part, parts, recorder, texts, until } from './helpers.js';

const words = (el: Element | null | undefined) => el?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
const image = (name: string) => [{ type: 'product', url: `https://cdn.example.com/${name}.png` }];
const card = (wall: OfferWall, title: string) => parts(wall, 'card').find((c) => words(c.querySelector('[part~="title"]')) === title)!;
const inCard = (el: Element, name: string) => el.querySelector<HTMLElement>(`[part~="${name}"]`);

/** A live frame around now, ending `ms` from now. */
const endsIn = (ms: number) => ({
  permanent: false,
  timeFrames: [{ startTime: new Date(Date.now() - 3600e3).toISOString(), endTime: new Date(Date.now() + ms).toISOString() }],
});

/** A RollingOffer of three steps: $1.99 (gems and gold), free (energy), $4.99 (a sword). */
const LADDER = appchargeOffer(1, {
  publisherOfferId: 'ladder',
  displayName: 'Weekend Ladder',
  type: 'RollingOffer',
  productsSequence: [
    { index: 1, products: [{ quantity: 500, product: { name: 'Gems', priority: 'Main', images: image('gems') } }, { quantity: 1000, product: { name: 'Gold', priority: 'Sub' } }], priceInUsdCents: 199 },
    { index: 2, products: [{ quantity: 50, product: { name: 'Energy', images: image('energy') } }], priceInUsdCents: 0 },
    { index: 3, products: [{ name: 'Sword', images: image('sword') }], priceInUsdCents: 499 },
  ],
});

/**
 * A clock the test moves: `Date.now()`, and the timers of a second or more (the wall's countdowns
 * and the end of a time frame); shorter ones (rendering, the network) run in real time.
 */
function fakeClock() {
  const real = { now: Date.now, setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
  let now = Date.now();
  let next = 1e9;
  const timers = new Map<number, { at: number; run: () => void }>();
  Date.now = () => now;
  window.setTimeout = ((run: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    if (ms < 1000) return real.setTimeout.call(window, () => run(...args), ms);
    timers.set(++next, { at: now + ms, run: () => run(...args) });
    return next;
  }) as typeof setTimeout;
  window.clearTimeout = ((id: number) => void (timers.delete(id) || real.clearTimeout.call(window, id))) as typeof clearTimeout;
  return {
    /** Moves the clock on, running the timers that are due (in their order). */
    tick(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && timers.delete(id)) timer.run();
      }
    },
    restore() {
      Object.assign(window, { setTimeout: real.setTimeout, clearTimeout: real.clearTimeout });
      Date.now = real.now;
    },
  };
}

describe('<offer-wall> appcharge store: order and segments', () => {
  it('orders by priority, 1 first, then the feed’s order; a missing, zero, negative or unreadable priority after', async () => {
    await mock(
      feed(
        appchargePage([
          appchargeOffer(1, { priority: -1 }),
          appchargeOffer(2, { priority: 3 }),
          appchargeOffer(3),
          appchargeOffer(4, { priority: 1 }),
          appchargeOffer(5, { priority: 'first' }),
          appchargeOffer(6, { priority: 3 }),
          appchargeOffer(7, { priority: 0 }),
        ]),
      ),
    );
    const { wall, detail } = await loadedWall({ format: 'appcharge' });
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 4', 'Bundle 2', 'Bundle 6', 'Bundle 1', 'Bundle 3', 'Bundle 5', 'Bundle 7']);
    // offer-wall-load keeps the feed's order; the lowest price first is still the price's.
    expect(detail.offers.map((o) => o.name)).to.deep.equal(['Bundle 1', 'Bundle 2', 'Bundle 3', 'Bundle 4', 'Bundle 5', 'Bundle 6', 'Bundle 7']);
    wall.sort = 'reward';
    await wall.updateComplete;
    expect(texts(wall, 'title')[0]).to.equal('Bundle 1');
  });

  it('shows an offer that names segments only to a player in one of them; without the attribute, not at all', async () => {
    const rec = recorder();
    await mock(
      feed((url: URL) => {
        rec.record(url);
        return appchargePage([appchargeOffer(1), appchargeOffer(2, { segments: ['New User'] }), appchargeOffer(3, { segments: ['VIP', 'Whale'] })]);
      }),
    );
    const { wall } = await loadedWall({ format: 'appcharge' });
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 1']);
    wall.setAttribute('segments', 'new user');
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 1', 'Bundle 2']);
    wall.segments = ' whale , casual';
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 1', 'Bundle 3']);
    // The player's segments change what shows, not what is asked.
    expect(rec.queries).to.have.length(1);
    wall.removeAttribute('segments');
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 1']);
  });

  it('says there are no offers, not that filters hide them, when none is for this player', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { segments: ['VIP'] }), appchargeOffer(2, { type: 'PopUp' })])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    expect(part(wall, 'card')).to.equal(null);
    expect(words(part(wall, 'empty'))).to.equal('No offers are available right now. Please check back later.');
    expect(part(wall, 'empty')!.querySelector('button')).to.equal(null);
  });
});

describe('<offer-wall> appcharge store: a rolling offer', () => {
  it('shows the current step large with its products, the next ones locked with their prices, and says so to a screen reader', async () => {
    await mock(feed(appchargePage([LADDER])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    const ladder = part(wall, 'card')!.querySelector('.ladder')!;
    const [now, ...locked] = [...ladder.children];
    expect([...now!.querySelectorAll('.item')].map(words)).to.deep.equal(['500 Gems', '1,000 Gold']);
    expect(locked.map(words)).to.deep.equal(['Locked Free', 'Locked $4.99']);
    for (const tile of locked) {
      expect(tile.querySelector('.visually-hidden')!.textContent).to.equal('Locked');
      expect(tile.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    }
    // Large: the current step takes more room than a locked one.
    expect(now!.getBoundingClientRect().width).to.be.greaterThan(locked[0]!.getBoundingClientRect().width);
    expect(texts(wall, 'payout')).to.deep.equal(['$1.99']);
    await expect(wall).to.be.accessible();
  });

  it('follows progress: a free step says “Free” and its call to action “Claim”; the last step shows no locked one; past it, the offer goes', async () => {
    await mock(feed(appchargePage([LADDER, appchargeOffer(2)])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    wall.progress = { ladder: 1 };
    await wall.updateComplete;
    const cta = inCard(card(wall, 'Weekend Ladder'), 'cta')!;
    expect(words(cta)).to.equal('Claim');
    expect(cta.getAttribute('aria-label')).to.equal('Claim Weekend Ladder, Free');
    expect(words(card(wall, 'Weekend Ladder').querySelector('.now'))).to.equal('50 Energy Free');
    await expect(wall).to.be.accessible();

    wall.progress = { ladder: 2 };
    await wall.updateComplete;
    expect(card(wall, 'Weekend Ladder').querySelectorAll('.locked')).to.have.length(0);
    expect(texts(wall, 'payout')[0]).to.equal('$4.99');

    wall.progress = { ladder: 3 };
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 2']);
  });

  it('reads a bad progress as no step done: negative, fractional, text or another offer’s', async () => {
    await mock(feed(appchargePage([LADDER])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    for (const progress of [{ ladder: -2 }, { ladder: 'two' }, { ladder: 0.5 }, { other: 2 }, null, [] as unknown]) {
      wall.progress = progress as Record<string, number>;
      await wall.updateComplete;
      expect(texts(wall, 'payout'), JSON.stringify(progress)).to.deep.equal(['$1.99']);
    }
    wall.progress = { ladder: 1.9 };
    await wall.updateComplete;
    expect(words(part(wall, 'cta'))).to.equal('Claim');
  });

  it('tells offer-click the productsSequence step activated: the rolling offer’s current one, 0 for a bundle, null for s2s', async () => {
    window.addEventListener('offer-click', (e) => e.preventDefault());
    await mock(feed(appchargePage([LADDER, appchargeOffer(2)])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    wall.progress = { ladder: 2 };
    await wall.updateComplete;
    const steps: Array<number | null> = [];
    wall.addEventListener('offer-click', (e) => steps.push((e as OfferClickEvent).detail.step));
    for (const cta of parts(wall, 'cta')) cta.click();
    // And from the detail's call to action.
    const dialog = await openDetail(wall, 0);
    dialog.querySelector<HTMLElement>('[part~="cta"]')!.click();
    expect(steps).to.deep.equal([2, 0, 2]);

    await mock(feed(s2sPage([s2sOffer(1)])));
    const s2s = await loadedWall({ 'currency-rate': '1' });
    const clicked = oneEvent(s2s.wall, 'offer-click') as Promise<OfferClickEvent>;
    part(s2s.wall, 'cta')!.click();
    expect((await clicked).detail.step).to.equal(null);
  });

  it('lists every step in its detail as the steps list, the current one first and the rest locked', async () => {
    await mock(feed(appchargePage([LADDER])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    const dialog = await openDetail(wall);
    expect([...dialog.querySelectorAll('[part~="step"]')].map(words)).to.deep.equal(['500 Gems 1,000 Gold', 'Locked Free', 'Locked $4.99']);
    await expect(wall).to.be.accessible();
  });
});

describe('<offer-wall> appcharge store: products, sales, looks', () => {
  it('says “Free” on the ribbon of an offer that costs nothing, and “Claim” on its call to action', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { productsSequence: [{ index: 1, products: [{ name: 'Gems', quantity: 5 }], priceInUsdCents: 0 }] })])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    expect(words(part(wall, 'card')!.querySelector('.ribbon'))).to.equal('Free');
    expect(words(part(wall, 'cta'))).to.equal('Claim');
    expect(part(wall, 'cta')!.getAttribute('aria-label')).to.equal('Claim Bundle 1, Free');
    await expect(wall).to.be.accessible();
  });

  it('writes each quantity from the product or its wrapper with prefix and suffix; Main stands out, Sub is smaller; an unnamed product by its quantity and image', async () => {
    await mock(
      feed(
        appchargePage([
          appchargeOffer(1, {
            productsSequence: [
              {
                index: 1,
                products: [
                  { quantity: '5', product: { name: 'Coins', prefix: '$', suffix: 'M', priority: 'Main', images: image('coins') } },
                  { name: 'Boost', quantity: 3, prefix: '+', priority: 'Sub' },
                  { quantity: 2500, product: { images: image('gold') } },
                ],
                priceInUsdCents: 299,
              },
            ],
          }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    const dialog = await openDetail(wall);
    const items = [...dialog.querySelectorAll('.item')];
    expect(items.map(words)).to.deep.equal(['$5M Coins', '+3 Boost', '2,500']);
    expect(items[2]!.querySelector('img')!.getAttribute('src')).to.equal('https://cdn.example.com/gold.png');
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    expect(size(items[0]!)).to.be.greaterThan(size(items[2]!));
    expect(size(items[1]!)).to.be.lessThan(size(items[2]!));
  });

  it('colours an item with textFontColorHex only where it keeps 4.5:1: #fff is ignored on a light card and kept on a dark one', async () => {
    const colored = (color: string) => ({ quantity: 1, product: { name: color, textFontColorHex: color } });
    await mock(
      feed(appchargePage([appchargeOffer(1, { productsSequence: [{ index: 1, products: [colored('#fff'), colored('#1d4ed8'), colored('#f60404')], priceInUsdCents: 99 }] })])),
    );
    const { wall } = await loadedWall({ format: 'appcharge', theme: 'light' });
    let dialog = await openDetail(wall);
    const colors = () => [...dialog.querySelectorAll<HTMLElement>('.item')].map((item) => item.style.color);
    // On white: blue keeps 6.7:1; white none, and the seed's red only 4.3:1.
    expect(colors()).to.deep.equal(['', 'rgb(29, 78, 216)', '']);
    part(wall, 'close')!.click();
    wall.theme = 'dark';
    await wall.updateComplete;
    dialog = await openDetail(wall);
    expect(colors()).to.deep.equal(['rgb(255, 255, 255)', '', '']);
    await expect(wall).to.be.accessible();
  });

  it('shows productSale as a ribbon, and the price before a discount struck through beside the price', async () => {
    await mock(
      feed(appchargePage([appchargeOffer(1, { productSale: { type: 'percentage', sale: 100 }, priceDiscount: { type: 'percentage', discount: 20 }, productsSequence: [{ index: 1, products: [{ name: 'Gems', quantity: 5 }], priceInUsdCents: 4000 }] })])),
    );
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    expect(words(part(wall, 'card')!.querySelector('.ribbon'))).to.equal('+100% more');
    const cta = part(wall, 'cta')!;
    const before = getComputedStyle(cta, '::before');
    expect(cta.dataset['was']).to.equal('$50.00');
    // Firefox gives the declared value, the others the one it computes to.
    expect(['"$50.00"', 'attr(data-was)']).to.include(before.content);
    expect(before.textDecorationLine).to.equal('line-through');
    expect(texts(wall, 'payout')).to.deep.equal(['$40.00 · 20% off']);
    expect(cta.getAttribute('aria-label')).to.equal('Buy Bundle 1, $40.00 · 20% off');
    await expect(wall).to.be.accessible();
  });

  it('lays a safe offerUi.backgroundImage under a scrim as the card’s background, and ignores javascript:', async () => {
    await mock(
      feed(
        appchargePage([
          appchargeOffer(1, { offerUi: { backgroundImage: 'https://cdn.example.com/bg.png' } }),
          appchargeOffer(2, { offerUi: { backgroundImage: 'javascript:alert(1)' } }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge' });
    const [art, plain] = parts(wall, 'card');
    expect(art!.style.getPropertyValue('--art')).to.equal('url("https://cdn.example.com/bg.png")');
    const background = getComputedStyle(art!).backgroundImage;
    expect(background).to.match(/^linear-gradient\(.*\), url\("https:\/\/cdn\.example\.com\/bg\.png"\)$/);
    expect(plain!.style.getPropertyValue('--art')).to.equal('');
    expect(getComputedStyle(plain!).backgroundImage).to.equal('none');
    await expect(wall).to.be.accessible();
  });
});

describe('<offer-wall> appcharge store: time', () => {
  let clock: ReturnType<typeof fakeClock> | undefined;
  afterEach(() => clock?.restore());

  it('counts down the last day of a time frame, and takes the offer away when the frame ends while it is shown', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { schedule: endsIn((2 * 60 + 14) * 60e3) }), appchargeOffer(2, { schedule: endsIn(3 * 86400e3) }), appchargeOffer(3)])));
    clock = fakeClock();
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    const ends = () => parts(wall, 'card').map((c) => words(c.querySelector('.ends')));
    expect(ends()).to.deep.equal(['Ends in 2 h 14 min', '', '']);
    clock.tick(60e3);
    await wall.updateComplete;
    expect(ends()).to.deep.equal(['Ends in 2 h 13 min', '', '']);
    clock.tick((2 * 60 + 4) * 60e3);
    await wall.updateComplete;
    expect(ends()[0]).to.equal('Ends in 9 min');
    clock.tick(9 * 60e3);
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 2', 'Bundle 3']);
    // The second offer's last day has come (three days from the start).
    clock.tick(2 * 86400e3);
    await wall.updateComplete;
    expect(ends()).to.deep.equal(['Ends in 21 h 46 min', '']);
  });

  it('writes the countdown for the locale', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { schedule: endsIn(75 * 60e3 - 30e3) })])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'de-DE' });
    await until(() => part(wall, 'card'), 'German cards');
    expect(words(part(wall, 'card')!.querySelector('.ends'))).to.equal('Endet in 1 Std. 15 Min.');
  });

  it('a frame that ends while no card shows it (a page not scrolled to) still takes it away', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { schedule: endsIn(30 * 60e3) }), ...Array.from({ length: 3 }, (_, i) => appchargeOffer(i + 2))])));
    clock = fakeClock();
    const { wall } = await loadedWall({ format: 'appcharge', search: 'Bundle 2' });
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 2']);
    clock.tick(31 * 60e3);
    await wall.updateComplete;
    wall.search = '';
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 2', 'Bundle 3', 'Bundle 4']);
  });
});

describe('<offer-wall> appcharge store: the seed', () => {
  it('shows the seed’s rolling offer to a “New User” while its frame is open, its products in their colours only where they keep contrast', async () => {
    const live = { ...APPCHARGE_SEED_ROLLING, schedule: endsIn(86400e3 * 2) };
    await mock(feed(appchargePage([live])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US', segments: 'New User', theme: 'dark' });
    const cardEl = part(wall, 'card')!;
    expect(words(cardEl.querySelector('.ribbon'))).to.equal('+100% more');
    expect(words(cardEl.querySelector('.now'))).to.equal('Sword');
    expect(words(cardEl.querySelector('.locked'))).to.equal('Locked $30.00');
    // #f60404 on the dark surface is 3.6:1: not used.
    expect(cardEl.querySelector<HTMLElement>('.item')!.style.color).to.equal('');
    await expect(wall).to.be.accessible();
  });
});
