/**
 * Appcharge's PopUps as a player meets them: never in the list, opened by the game through
 * `wall.trigger(eventName)` (the publisher's "purchase", …) as a focused dialog with one call to
 * action, on the Nth event when `every` says so, only after `showAfter`, and only while it is for
 * this player; dismissed as the detail is, and never a trap for the keyboard.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { APPCHARGE_SEED_POPUP } from '../demo/mocks/seeds.js';
import type { OfferClickEvent, OfferImpressionEvent } from '../src/events.js';
import type { OfferWall } from '../src/offer-wall.component.js';
import { appchargeOffer, appchargePage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, mountWall, part, parts, texts, until } from './helpers.js';

const popup = (n: number, triggers: unknown, overrides: Record<string, unknown> = {}) =>
  appchargeOffer(n, { type: 'PopUp', displayName: `Pop-up ${n}`, triggers, ...overrides });
const onPurchase = (every?: unknown) => [{ type: 'event', eventName: 'purchase', ...(every === undefined ? {} : { every }), rules: [] }];

/** The dialog, once open and at rest. */
async function opened(wall: OfferWall): Promise<HTMLDialogElement> {
  await wall.updateComplete;
  const dialog = part(wall, 'detail') as HTMLDialogElement;
  await Promise.all(dialog.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  return dialog;
}

describe('<offer-wall> appcharge pop-ups', () => {
  it('lists no PopUp; trigger() opens the seed’s on a purchase, as a modal dialog with one call to action, and says it was shown', async () => {
    await mock(feed(appchargePage([APPCHARGE_SEED_POPUP, appchargeOffer(2)])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    expect(texts(wall, 'title')).to.deep.equal(['Bundle 2']);

    const impression = oneEvent(wall, 'offer-impression') as Promise<OfferImpressionEvent>;
    expect(wall.trigger('purchase')).to.equal(true);
    expect((await impression).detail.offer.id).to.equal('post-purchase-1');
    const dialog = await opened(wall);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.classList.contains('popup')).to.equal(true);
    expect(dialog.querySelector('h2')!.textContent).to.equal('Purchase Reward Offer');
    expect([...dialog.querySelectorAll('[part~="cta"]')]).to.have.length(1);
    expect(dialog.querySelector('[part~="cta"]')!.textContent!.trim()).to.equal('Claim');
    expect(dialog.querySelector('.item')!.textContent!.trim().replace(/\s+/g, ' ')).to.equal('Treasure Chest');
    // Its background is art above it, its product's picture over that.
    expect(dialog.querySelector<HTMLElement>('.banner')!.style.getPropertyValue('--art')).to.contain('media.appcharge.com');
    await expect(wall).to.be.accessible();
  });

  it('is dismissed by Escape, its close button or a click outside, and gives the focus back to what had it', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase())])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    const buy = document.createElement('button');
    buy.textContent = 'Buy';
    wall.before(buy);
    try {
      for (const dismiss of ['escape', 'close', 'outside'] as const) {
        buy.focus();
        expect(wall.trigger('purchase')).to.equal(true);
        const dialog = await opened(wall);
        expect(wall.shadowRoot!.activeElement && dialog.contains(wall.shadowRoot!.activeElement)).to.equal(true);
        if (dismiss === 'escape') await sendKeys({ press: 'Escape' });
        else if (dismiss === 'close') part(wall, 'close')!.click();
        else dialog.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        await until(() => !part(wall, 'detail'), `closed by ${dismiss}`);
        await until(() => document.activeElement === buy, `the focus back after ${dismiss}`);
      }
    } finally {
      buy.remove();
    }
  });

  it('lets the keyboard reach its call to action and leave it: Tab moves between its controls, never stuck', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase(), { productsSequence: [{ index: 1, products: [{ name: 'Gems', quantity: 5 }], priceInUsdCents: 299 }] })])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    wall.trigger('purchase');
    const dialog = await opened(wall);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      seen.add((wall.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('part') ?? 'outside');
      await sendKeys({ press: 'Tab' });
    }
    expect([...seen]).to.include.members(['close', 'cta']);
    expect(dialog.querySelector('[part~="cta"]')!.getAttribute('aria-label')).to.equal('Buy Pop-up 1, $2.99');
  });

  it('fires offer-click from its call to action with step 0, and closes once it is used', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase())])));
    const { wall } = await loadedWall({ format: 'appcharge', 'click-url-template': 'https://store.example.com/buy?offer={offer_id}' });
    wall.addEventListener('offer-click', (e) => e.preventDefault());
    wall.trigger('purchase');
    const dialog = await opened(wall);
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    dialog.querySelector<HTMLElement>('[part~="cta"]')!.click();
    const { detail } = await clicked;
    expect(detail).to.deep.include({ step: 0, url: 'https://store.example.com/buy?offer=bundle-1' });
    await until(() => !part(wall, 'detail'), 'the pop-up closed');
  });

  it('honours every: the Nth call for that event name on this page; every 0, missing or unreadable means each call', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase(3)), popup(2, [{ type: 'event', eventName: 'level-up', every: 0 }]), popup(3, [{ type: 'event', eventName: 'login', every: 'often' }])])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    const calls = async (name: string, n: number) => {
      const results: boolean[] = [];
      for (let i = 0; i < n; i++) {
        results.push(wall.trigger(name));
        // Closed at once, so that the next call may open one.
        await wall.updateComplete;
        part(wall, 'close')?.click();
        await wall.updateComplete;
      }
      return results;
    };
    expect(await calls('purchase', 7)).to.deep.equal([false, false, true, false, false, true, false]);
    expect(await calls('level-up', 2)).to.deep.equal([true, true]);
    expect(await calls('login', 2)).to.deep.equal([true, true]);
  });

  it('opens nothing for an unknown trigger type, another event, a showAfter that is another event, or before the offers are in', async () => {
    await mock(
      feed(
        appchargePage([
          popup(1, [{ type: 'time', eventName: 'purchase', every: 1 }]),
          popup(2, onPurchase(), { showAfter: 'login' }),
          popup(3, 'purchase'),
          popup(4, [{ type: 'event', eventName: 'purchase' }], { showAfter: 'purchase', active: false }),
        ]),
      ),
    );
    const early = mountWall({ format: 'appcharge' });
    expect(early.trigger('purchase')).to.equal(false);
    const { wall } = await loadedWall({ format: 'appcharge' });
    expect(wall.trigger('purchase')).to.equal(false);
    expect(wall.trigger('login')).to.equal(false);
    expect(wall.trigger('')).to.equal(false);
    expect(part(wall, 'detail')).to.equal(null);
  });

  it('opens the first PopUp for this player now, in priority order: not one for another segment or out of its frame', async () => {
    const past = { permanent: false, timeFrames: [{ startTime: '2020-01-01T00:00:00Z', endTime: '2020-01-02T00:00:00Z' }] };
    await mock(
      feed(
        appchargePage([
          popup(1, onPurchase(), { priority: 5 }),
          popup(2, onPurchase(), { priority: 1, segments: ['VIP'] }),
          popup(3, onPurchase(), { priority: 2 }),
          popup(4, onPurchase(), { priority: 1, schedule: past }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge' });
    const shown: string[] = [];
    wall.addEventListener('offer-impression', (e) => shown.push((e as OfferImpressionEvent).detail.offer.name));
    wall.trigger('purchase');
    await wall.updateComplete;
    part(wall, 'close')!.click();
    await wall.updateComplete;
    wall.segments = 'vip';
    await wall.updateComplete;
    wall.trigger('purchase');
    expect(shown).to.deep.equal(['Pop-up 3', 'Pop-up 2']);
  });

  it('never opens over another dialog, and the call still counts', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase(2)), appchargeOffer(2)])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    parts(wall, 'title')[0]!.querySelector('button')!.click();
    await wall.updateComplete;
    expect(wall.trigger('purchase')).to.equal(false);
    expect(wall.trigger('purchase')).to.equal(false);
    part(wall, 'close')!.click();
    await wall.updateComplete;
    expect(wall.trigger('purchase')).to.equal(false);
    expect(wall.trigger('purchase')).to.equal(true);
  });

  it('is a centred box on a phone too, not a sheet, and right to left in Arabic', async () => {
    await mock(feed(appchargePage([popup(1, onPurchase(), { productsSequence: [{ index: 1, products: [{ name: 'Gems', quantity: 5 }] }] })])));
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'ar' });
    await until(() => part(wall, 'card') === null && part(wall, 'empty'), 'the Arabic wall');
    wall.trigger('purchase');
    const dialog = await opened(wall);
    const box = dialog.getBoundingClientRect();
    // Centred: as much room above it as below it.
    expect(Math.abs(box.top - (innerHeight - box.bottom))).to.be.lessThan(2);
    expect(getComputedStyle(dialog).direction).to.equal('rtl');
    expect(dialog.querySelector('[part~="cta"]')!.textContent!.trim()).to.equal('استلم');
  });
});
