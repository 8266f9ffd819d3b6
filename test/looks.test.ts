/** How the wall looks and reads: languages and direction, themes, layout, heading levels, accessibility in every state. */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { messagesFor } from '../src/i18n/index.js';
import { s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { failedWall, feed, loadedWall, mock, mountWall, openDetail, part, parts, texts, until } from './helpers.js';

const LANGUAGES = ['en', 'de', 'es', 'pt', 'fr', 'ja', 'ar'] as const;
const THEMES = ['light', 'dark'] as const;

function base(wall: Element): HTMLElement {
  return part(wall, 'base')!;
}

/** Every text the wall shows, without the offers' own. */
function ownText(wall: Element): string {
  const copy = base(wall).cloneNode(true) as HTMLElement;
  // The offers' own words: names, descriptions, steps, types, and the initial of an icon's placeholder.
  for (const offerText of copy.querySelectorAll('[part~="title"], [part~="description"], [part~="step"], [part~="filter"], .placeholder')) {
    offerText.remove();
  }
  // The call to action's name holds the offer's name.
  for (const cta of copy.querySelectorAll('[part~="cta"]')) cta.removeAttribute('aria-label');
  return [...copy.querySelectorAll('*')]
    .flatMap((el) => [
      ...[...el.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent!),
      el.getAttribute('aria-label') ?? '',
      el.getAttribute('placeholder') ?? '',
    ])
    .join(' ');
}

describe('<offer-wall> languages', () => {
  for (const language of LANGUAGES) {
    it(`speaks ${language}: its built-in texts come from that language`, async () => {
      await mock(feed(s2sPage(s2sOffers(1, 3), { total: 9 })));
      const { wall } = await loadedWall({ locale: language, 'page-size': '3' });
      const text = messagesFor(language);
      expect(texts(wall, 'more')).to.deep.equal([text.more]);
      expect(texts(wall, 'filter')[0]).to.equal(text.all);
      expect(parts(wall, 'cta')[0]!.getAttribute('aria-label')).to.equal(text.startLabel('Offer 1', parts(wall, 'payout')[0]!.textContent!));
      expect(part(wall, 'list')!.getAttribute('aria-label')).to.equal(text.listLabel);
      expect(part(wall, 'search')!.getAttribute('aria-label')).to.equal(text.searchLabel);
      expect(part(wall, 'sort')!.textContent).to.contain(text.sortFeed);
      expect(base(wall).getAttribute('lang')).to.equal(language);
    });
  }

  it('leaves no English in Arabic, and lays the wall out right to left', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 3), { total: 9 })));
    const { wall } = await loadedWall({ locale: 'ar-EG', 'page-size': '3', 'currency-name': 'نقاط', 'currency-rate': '100' });
    expect(base(wall).getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base(wall)).direction).to.equal('rtl');
    expect(ownText(wall)).not.to.match(/[A-Za-z]/);
    // Mirrored: the icon on the right, the call to action on the left.
    const card = parts(wall, 'card')[0]!.getBoundingClientRect();
    const icon = parts(wall, 'icon')[0]!.getBoundingClientRect();
    const cta = parts(wall, 'cta')[0]!.getBoundingClientRect();
    expect(icon.right).to.be.closeTo(card.right, 40);
    expect(cta.left).to.be.below(icon.left);
    await expect(wall).to.be.accessible();
  });

  it('writes numbers and money the language’s way', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '1234.5' })])));
    const { wall } = await loadedWall({ locale: 'de-DE' });
    expect(parts(wall, 'payout')[0]!.textContent!.trim()).to.equal('1.234,50\u00a0$');
  });

  it('still lets the messages property override any built-in text', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const wall = mountWall({ locale: 'fr' });
    wall.messages = { start: 'Go !', typeApps: 'Jeux' };
    await new Promise((resolve) => wall.addEventListener('offer-wall-load', resolve, { once: true }));
    await wall.updateComplete;
    expect(texts(wall, 'filter')).to.deep.equal([messagesFor('fr').all, 'Jeux']);
    expect(part(wall, 'sort')!.textContent).to.contain(messagesFor('fr').sortFeed);
    const detail = await openDetail(wall);
    expect(detail.querySelector('[part~="cta"]')!.textContent).to.contain('Go !');
  });
});

/**
 * The test runner can emulate the user's colour scheme and motion preference only in Chromium
 * (through CDP); Firefox's and WebKit's drivers have no such command. Tests that switch them say so
 * and skip elsewhere; what every engine can check, it checks.
 */
const EMULATES_MEDIA = /Chrome\//.test(navigator.userAgent);

/** The media conditions of the wall's style sheets, wherever Lit put them. */
function mediaRules(wall: Element): string[] {
  const root = wall.shadowRoot!;
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((style) => style.sheet!)];
  return sheets.flatMap((sheet) => [...sheet.cssRules].filter((rule) => rule instanceof CSSMediaRule).map((rule) => (rule as CSSMediaRule).conditionText));
}

describe('<offer-wall> themes and layout', () => {
  afterEach(async () => {
    if (EMULATES_MEDIA) await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  const cardBackground = (wall: Element) => getComputedStyle(parts(wall, 'card')[0]!).backgroundColor;

  it('has a dark palette for theme="dark", and auto follows the system’s colour scheme as it is', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const { wall: light } = await loadedWall({ theme: 'light' });
    const { wall: dark } = await loadedWall({ theme: 'dark' });
    const { wall: auto } = await loadedWall();
    expect(cardBackground(dark)).not.to.equal(cardBackground(light));
    const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(cardBackground(auto)).to.equal(cardBackground(systemDark ? dark : light));
    expect(mediaRules(auto).some((condition) => /prefers-color-scheme:\s*dark/.test(condition))).to.equal(true);
  });

  it('switches auto to dark when the system turns dark (Chromium only: media emulation)', async function () {
    if (!EMULATES_MEDIA) this.skip();
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const { wall: dark } = await loadedWall({ theme: 'dark' });
    const { wall: light } = await loadedWall({ theme: 'light' });
    const { wall: auto } = await loadedWall();
    await emulateMedia({ colorScheme: 'dark' });
    expect(cardBackground(auto)).to.equal(cardBackground(dark));
    expect(cardBackground(light)).not.to.equal(cardBackground(dark));
  });

  it('lays cards in columns of at least 240 px with layout="grid", one column at phone width', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 6))));
    const { wall } = await loadedWall({ layout: 'grid' });
    const tops = () => parts(wall, 'card').map((card) => Math.round(card.getBoundingClientRect().top));
    wall.style.width = '760px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const widths = parts(wall, 'card').map((card) => card.getBoundingClientRect().width);
    // 760 px holds three columns of at least 240 px (with their gaps): six cards in two rows.
    expect(new Set(tops()).size).to.equal(2);
    expect(Math.min(...widths)).to.be.at.least(240);
    wall.style.width = '300px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(new Set(tops()).size).to.equal(6);
    expect(wall.shadowRoot!.querySelector('.wall')!.scrollWidth).to.be.at.most(300);
  });

  it('has no animation under prefers-reduced-motion', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 1))));
    const { wall } = await loadedWall();
    expect(mediaRules(wall).some((condition) => /prefers-reduced-motion:\s*reduce/.test(condition))).to.equal(true);
  });

  it('turns the dialog’s animation off when the user prefers reduced motion (Chromium only: media emulation)', async function () {
    if (!EMULATES_MEDIA) this.skip();
    await mock(feed(s2sPage(s2sOffers(1, 1))));
    const { wall } = await loadedWall();
    await emulateMedia({ reducedMotion: 'reduce' });
    parts(wall, 'icon')[0]!.click();
    await wall.updateComplete;
    expect(getComputedStyle(part(wall, 'detail')!).animationName).to.equal('none');
  });

  for (const level of [2, 4, 6]) {
    it(`titles cards with h${level} for heading-level="${level}"`, async () => {
      await mock(feed(s2sPage(s2sOffers(1, 2))));
      const { wall } = await loadedWall({ 'heading-level': String(level) });
      expect(parts(wall, 'title').map((title) => title.tagName)).to.deep.equal([`H${level}`, `H${level}`]);
    });
  }

  it('keeps h3 titles, and names the attribute, for a heading level out of range', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await mock(feed(s2sPage(s2sOffers(1, 1))));
      const { wall } = await loadedWall({ 'heading-level': '9' });
      expect(parts(wall, 'title')[0]!.tagName).to.equal('H3');
      expect(warnings.join()).to.contain('heading-level="9"');
    } finally {
      console.warn = warn;
    }
  });
});

describe('<offer-wall> accessibility in every state of both themes', () => {
  for (const theme of THEMES) {
    it(`${theme}: loading, loaded, filtered to nothing and detail open`, async () => {
      await mock(feed(async () => (await new Promise((resolve) => setTimeout(resolve, 300)), s2sPage(s2sOffers(1, 3), { total: 6 }))));
      const wall = mountWall({ theme, 'page-size': '3' });
      await wall.updateComplete;
      expect(part(wall, 'loading')).to.not.equal(null);
      await expect(wall).to.be.accessible();
      await new Promise((resolve) => wall.addEventListener('offer-wall-load', resolve, { once: true }));
      await expect(wall).to.be.accessible();
      wall.search = 'nothing like this';
      // Said once no next page is on its way (it could still bring a match).
      await until(() => part(wall, 'empty'), 'the empty state');
      await expect(wall).to.be.accessible();
      wall.search = '';
      await wall.updateComplete;
      expect(await openDetail(wall)).to.not.equal(null);
      await expect(wall).to.be.accessible();
    });

    it(`${theme}: empty and error`, async () => {
      await mock(feed(s2sPage([])));
      const { wall: empty } = await loadedWall({ theme });
      expect(part(empty, 'empty')).to.not.equal(null);
      await expect(empty).to.be.accessible();
      await mock(feed(new Response('nope', { status: 404 })));
      const { wall: failed } = await failedWall({ theme });
      expect(part(failed, 'error')).to.not.equal(null);
      await expect(failed).to.be.accessible();
    });
  }
});
