/** What happens when a user picks an offer, and what the wall reports about what was seen. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OfferClickEvent, OfferImpressionEvent } from '../src/events.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, parts, until, frames } from './helpers.js';

/** Replaces window.open for one test, recording its calls. */
function stubOpen() {
  const calls: unknown[][] = [];
  const original = window.open;
  window.open = ((...args: unknown[]) => {
    calls.push(args);
    return null;
  }) as typeof window.open;
  return { calls, restore: () => (window.open = original) };
}

describe('<offer-wall> clicks', () => {
  let open: ReturnType<typeof stubOpen>;
  beforeEach(() => (open = stubOpen()));
  afterEach(() => open.restore());

  it('fires a cancelable offer-click with the offer and its link, user and click ids filled and encoded', async () => {
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(2)])));
    const { wall } = await loadedWall({ 'user-id': 'user 1&x' });
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    parts(wall, 'cta')[1]!.click();
    const event = await clicked;

    expect(event.cancelable).to.equal(true);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.offer).to.deep.include({ id: '1002', name: 'Offer 2', source: 's2s' });
    const url = new URL(event.detail.url!);
    expect(url.origin + url.pathname).to.equal('https://track.example.com/click');
    expect(url.searchParams.get('offer')).to.equal('1002');
    expect(url.searchParams.get('sub')).to.equal('user 1&x');
    expect(event.detail.url).to.contain('sub=user%201%26x');
    expect(url.searchParams.get('cid')).to.match(/^[0-9a-f-]{16,}$/);
  });

  it('opens the link in a new tab with noopener,noreferrer unless a listener prevents it', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    const { wall } = await loadedWall({ 'user-id': 'u1' });
    let url: string | null = null;
    wall.addEventListener('offer-click', (e) => (url = e.detail.url), { once: true });
    parts(wall, 'cta')[0]!.click();
    expect(open.calls).to.deep.equal([[url, '_blank', 'noopener,noreferrer']]);

    document.addEventListener('offer-click', (e) => e.preventDefault(), { once: true });
    parts(wall, 'cta')[0]!.click();
    expect(open.calls).to.have.length(1);
  });

  it('opens the offer that was clicked even when a load listener reorders the offers it was given', async () => {
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(2)])));
    const wall = document.createElement('offer-wall');
    wall.setAttribute('endpoint', '/api/offers');
    wall.addEventListener('offer-wall-load', (e) => e.detail.offers.reverse());
    const loaded = oneEvent(wall, 'offer-wall-load');
    document.body.append(wall);
    try {
      await loaded;
      const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
      parts(wall, 'cta')[0]!.click();
      expect((await clicked).detail.offer.id).to.equal('1001');
    } finally {
      wall.remove();
    }
  });

  it('gives every click its own click id', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    const { wall } = await loadedWall();
    const ids: string[] = [];
    wall.addEventListener('offer-click', (e) => ids.push(new URL(e.detail.url!).searchParams.get('cid')!));
    parts(wall, 'cta')[0]!.click();
    parts(wall, 'cta')[0]!.click();
    expect(ids).to.have.length(2);
    expect(ids[0]).to.not.equal(ids[1]);
  });

  it('activates an offer from the keyboard with Enter and with Space', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const { wall } = await loadedWall();
    const ids: string[] = [];
    wall.addEventListener('offer-click', (e) => ids.push(e.detail.offer.id));
    // The card's title comes first in the tab order (it opens the detail), then its call to action.
    parts(wall, 'title')[0]!.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(wall.shadowRoot!.activeElement === parts(wall, 'cta')[0]).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(wall.shadowRoot!.activeElement === parts(wall, 'cta')[1]).to.equal(true);
    await sendKeys({ press: ' ' }); // the space key: every engine's driver knows ' ', not all know 'Space'
    expect(ids).to.deep.equal(['1001', '1002']);
  });

  it('uses click-url-template for appcharge offers, which carry no tracking link', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { publisherOfferId: 'special/1' })])));
    const { wall } = await loadedWall({
      'click-url-template': 'https://store.example.com/buy?offer={offer_id}&player={user_id}',
      'user-id': 'p 9',
    });
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    parts(wall, 'cta')[0]!.click();
    expect((await clicked).detail.url).to.equal('https://store.example.com/buy?offer=special%2F1&player=p%209');
    expect(open.calls[0]?.[0]).to.equal('https://store.example.com/buy?offer=special%2F1&player=p%209');
  });

  it('fires offer-click with a null url and opens nothing when an offer has no link and no template is set', async () => {
    await mock(feed(appchargePage([appchargeOffer(1)])));
    const { wall } = await loadedWall();
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    parts(wall, 'cta')[0]!.click();
    expect((await clicked).detail.url).to.equal(null);
    expect(open.calls).to.have.length(0);
  });

  it('names the offer and its reward in the call to action’s accessible name', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '2' })])));
    const { wall } = await loadedWall({ locale: 'en-US' });
    expect(parts(wall, 'cta')[0]!.getAttribute('aria-label')).to.equal('Start Offer 1, reward $2.00');
  });
});

describe('<offer-wall> impressions', () => {
  it('fires offer-impression once per offer when its card is at least half visible', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 20), { total: 20 })));
    const seen: string[] = [];
    const record = (e: OfferImpressionEvent) => seen.push(e.detail.offer.id);
    document.addEventListener('offer-impression', record);
    const { wall } = await loadedWall();
    document.removeEventListener('offer-impression', record);
    wall.addEventListener('offer-impression', record);
    await until(() => seen.length > 0, 'an impression for the first screen');
    await frames(3); // and no more than the first screen
    const firstScreen = [...seen];
    expect(firstScreen[0]).to.equal('1001');
    expect(firstScreen).to.not.include('1020'); // far below the viewport

    parts(wall, 'card').at(-1)!.scrollIntoView();
    await until(() => seen.includes('1020'), 'an impression for the last card, scrolled to');
    window.scrollTo(0, 0);
    await frames(3);
    expect(new Set(seen).size).to.equal(seen.length);
  });
});
