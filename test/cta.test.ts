/**
 * The call to action that carries the reward: vivid and readable in both themes, one width for
 * the rewards of a screen, the publisher's currency icon beside the amount, and a right-to-left
 * wall that keeps a clamped name's "…" and writes list numbers in the locale's digits.
 */
import { expect } from '@open-wc/testing';
import { backgroundBehind, contrast, rgba } from './colours.js';
import { s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, openDetail, parts, widthOf } from './helpers.js';

const COIN = 'https://cdn.example.com/coin.svg';
/** Rewards of one, three and four digits, as a screen of a real wall has them. */
const PAYOUTS = [s2sOffer(1, { payout: '0.25' }), s2sOffer(2, { payout: '3.6' }), s2sOffer(3, { payout: '0.62' }), s2sOffer(4, { payout: '0.005' })];

/** The wall's width on a 390 px phone, its page's margins aside. */
const PHONE = 366;

/** How many lines an element's text takes. */
const lines = (el: HTMLElement) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));

describe('the call to action', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: is a vivid reward colour, its words at least 4.5:1 on it and it at least 3:1 against the card`, async () => {
      await mock(feed(s2sPage(PAYOUTS)));
      const { wall } = await loadedWall({ theme, 'currency-name': 'Coins', 'currency-rate': '1000' });
      for (const cta of parts(wall, 'cta')) {
        const fill = rgba(getComputedStyle(cta).backgroundColor);
        expect(fill[3], 'an opaque pill').to.equal(255);
        expect(contrast(rgba(getComputedStyle(cta).color), fill), 'its words on it').to.be.at.least(4.5);
        expect(contrast(fill, backgroundBehind(cta)), 'against the card').to.be.at.least(3);
        // Vivid: a colour, not a grey slate (the largest channel well above the smallest).
        expect(Math.max(...fill.slice(0, 3)) - Math.min(...fill.slice(0, 3)), 'saturation').to.be.at.least(80);
      }
      await expect(wall).to.be.accessible();
    });
  }

  it('has one width for the usual rewards of a screen (up to four digits and a currency name), each on one line', async () => {
    await mock(feed(s2sPage(PAYOUTS)));
    const { wall } = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000' });
    await widthOf(wall, PHONE);
    const widths = parts(wall, 'cta').map((cta) => Math.round(cta.getBoundingClientRect().width));
    expect(new Set(widths).size, `widths ${widths.join(', ')}`).to.equal(1);
    for (const payout of parts(wall, 'payout')) expect(lines(payout)).to.equal(1);
  });

  it('grows for a longer reward, and never clips one', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '12.5' }), s2sOffer(2, { payout: '123.45' })])));
    const { wall } = await loadedWall({ 'currency-name': 'Treasure Chest Gems', 'currency-rate': '1000' });
    await widthOf(wall, PHONE);
    const ctas = parts(wall, 'cta');
    expect(ctas[0]!.getBoundingClientRect().width, 'grown past the minimum').to.be.greaterThan(9.5 * 16 + 1);
    for (const cta of ctas) {
      expect(cta.scrollWidth, 'nothing clipped').to.be.at.most(cta.clientWidth);
      const card = cta.closest('[part~="card"]')!.getBoundingClientRect();
      const box = cta.getBoundingClientRect();
      expect(box.left >= card.left && box.right <= card.right, 'inside its card').to.equal(true);
    }
  });
});

describe('currency-icon', () => {
  it('shows the icon beside every reward, on the cards and in the detail, as decoration beside the words', async () => {
    await mock(feed(s2sPage(PAYOUTS)));
    const { wall } = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000', 'currency-icon': COIN });
    for (const cta of parts(wall, 'cta')) {
      const icon = cta.querySelector('img')!;
      expect(icon.getAttribute('src')).to.equal(COIN);
      expect(icon.getAttribute('alt'), 'decorative: the reward is in words beside it').to.equal('');
      // The payout part still holds exactly the reward.
      expect(cta.querySelector('[part~="payout"]')!.textContent).to.match(/^\d/);
    }
    const detail = await openDetail(wall, 1);
    expect(detail.querySelector('.reward img')?.getAttribute('src')).to.equal(COIN);
  });

  for (const bad of ['javascript:alert(1)', '/coin.svg', 'data:image/svg+xml,<svg/>', '//cdn.example.com/coin.svg']) {
    it(`ignores ${bad}, names currency-icon in a warning, and shows the rewards without an icon`, async () => {
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
      try {
        await mock(feed(s2sPage(PAYOUTS)));
        const { wall } = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000', 'currency-icon': bad });
        expect(parts(wall, 'cta')).to.have.length(PAYOUTS.length);
        expect(wall.shadowRoot!.querySelector('.cta img')).to.equal(null);
        expect(warnings.some((w) => w.includes('currency-icon'))).to.equal(true);
      } finally {
        console.warn = warn;
      }
    });
  }

  it('is used as soon as the property changes, without a request', async () => {
    await mock(feed(s2sPage(PAYOUTS)));
    const { wall } = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000' });
    expect(wall.shadowRoot!.querySelector('.cta img')).to.equal(null);
    (wall as unknown as { currencyIcon: string }).currencyIcon = COIN;
    await wall.updateComplete;
    expect(parts(wall, 'cta').every((cta) => cta.querySelector('img')?.getAttribute('src') === COIN)).to.equal(true);
  });
});

describe('a right-to-left wall', () => {
  it('keeps the … of a clamped left-to-right name, the name in its own direction', async () => {
    const long = 'Plus500: CFD Online Trading on Forex and Stocks, the Markets in Your Pocket';
    await mock(feed(s2sPage([s2sOffer(1, { name: long })])));
    const { wall } = await loadedWall({ locale: 'ar-EG', 'currency-name': 'Coins', 'currency-rate': '1000' });
    await widthOf(wall, PHONE);
    const name = wall.shadowRoot!.querySelector<HTMLElement>('.card .name')!;
    const style = getComputedStyle(name);
    expect(style.direction).to.equal('ltr');
    // Aligned to its own start: the engine then draws the "…" at the end of the last line.
    expect(['start', 'left']).to.include(style.textAlign);
    expect(name.scrollHeight, 'clamped').to.be.greaterThan(name.clientHeight);
  });

  it('numbers the steps in the locale’s own digits, as its amounts are written', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    const { wall } = await loadedWall({ locale: 'ar-EG' });
    const detail = await openDetail(wall, 0);
    const digits = new Intl.NumberFormat('ar-EG').resolvedOptions().numberingSystem;
    const marker = getComputedStyle(detail.querySelector('[part~="steps"]')!).listStyleType;
    expect(marker).to.equal(digits === 'arab' ? 'arabic-indic' : 'decimal');
  });
});
