/**
 * The wall's design rules (issue 19): the reward and the next tap first. Compact cards that put
 * several offers on a phone's first screen, the reward on the call to action, a store offer's
 * price as its button, type filters in the user's words on one steady line, errors in the user's
 * language, visible boundaries, hover and press on every control, the detail as a sheet on phones.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import { S2S_SEED_OFFER } from '../demo/mocks/seeds.js';
import type { WallErrorInfo } from '../src/data/types.js';
import { viewOf } from '../src/data/view.js';
import { formatCount } from '../src/data/format.js';
import { messagesFor } from '../src/i18n/index.js';
import { errorText } from '../src/templates/states.js';
import { typeChips, typeLabel } from '../src/templates/toolbar.js';
import { backgroundBehind, contrast, rgba } from './colours.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import {
  ENDPOINT,
  HttpResponse,
  failedWall,
  feed,
  frames,
  http,
  loadedWall,
  mock,
  mountWall,
  openDetail,
  part,
  parts,
  streamedFetch,
  texts,
  until,
  widthOf,
} from './helpers.js';

const EN = messagesFor('en');

/** Offers as a real feed names them: long names, several steps, a missing icon. */
const REALISTIC = [
  { ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c?o=seed' },
  s2sOffer(1, { name: 'Dragon Realms: Idle RPG – Build Your Castle and Conquer the Seven Kingdoms of the North', offer_type: 'CPI' }),
  s2sOffer(2, { name: 'Budget Buddy – Money Tracker', offer_type: 'CPA', description: 'Track every expense, link your bank account and stay on budget.' }),
  s2sOffer(3, { name: 'Opinion Pulse: Paid Surveys', offer_type: 'CPL', icon: '' }),
  s2sOffer(4, { name: 'Word Crush Deluxe', payout: '12.40' }),
  s2sOffer(5, { name: 'Solitaire Journey' }),
  s2sOffer(6, { name: 'Tower Siege 3D' }),
  s2sOffer(7, { name: 'StreamMax Video' }),
];

/** Page 1 of a longer feed, the next pages never coming: `more` stays in view. */
const firstPageOnly = (url: URL) =>
  url.searchParams.get('page') === '1' ? s2sPage(REALISTIC, { total: 20 }) : new Promise<never>(() => undefined);

/** The style rules of the wall's shadow root, media and container rules opened. */
function styleRules(wall: Element): CSSStyleRule[] {
  const root = wall.shadowRoot!;
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((style) => style.sheet!)];
  const flatten = (rules: CSSRuleList): CSSStyleRule[] =>
    [...rules].flatMap((rule) =>
      rule instanceof CSSStyleRule ? [rule] : rule instanceof CSSGroupingRule ? flatten(rule.cssRules) : [],
    );
  return sheets.flatMap((sheet) => flatten(sheet.cssRules));
}

/** Whether a rule for `state` (`:hover`, `:active`) applies to `el` once in that state, and changes something. */
function hasStateRule(wall: Element, el: Element, state: string): boolean {
  return styleRules(wall).some((rule) => {
    if (!rule.selectorText.includes(state) || rule.style.length === 0) return false;
    const at = rule.selectorText.replaceAll(state, '');
    try {
      return el.matches(at);
    } catch {
      return false;
    }
  });
}

describe('design: the reward is what the eye finds first', () => {
  it('puts the reward on each card’s call to action, as a gain, and its name still names the offer and the reward', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '3.60' })])));
    const { wall } = await loadedWall({ locale: 'en-US', 'currency-name': 'Coins', 'currency-rate': '1000' });
    const cta = parts(wall, 'cta')[0]!;
    const payout = parts(wall, 'payout')[0]!;
    expect(cta.contains(payout)).to.equal(true);
    expect(payout.textContent).to.equal('3,600 Coins');
    expect(getComputedStyle(payout, '::before').content).to.equal('"+"');
    expect(cta.getAttribute('aria-label')).to.equal('Start Offer 1, reward 3,600 Coins');
    // The largest text of the card.
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize) * (getComputedStyle(el).fontWeight === '700' ? 1.01 : 1);
    expect(size(payout)).to.be.at.least(size(parts(wall, 'title')[0]!));
    await expect(wall).to.be.accessible();
  });

  it('shows at least four whole offers under the toolbar on a 375 × 812 phone, names in two lines at most', async () => {
    await mock(feed(s2sPage(REALISTIC)));
    for (const locale of ['en-US', 'de-DE', 'ar-EG']) {
      for (const width of [375, 351, 320]) {
        const { wall } = await loadedWall({ locale, 'currency-name': 'Coins', 'currency-rate': '1000' });
        await widthOf(wall, width);
        const top = wall.getBoundingClientRect().top;
        const whole = parts(wall, 'card').filter((card) => card.getBoundingClientRect().bottom - top <= 812);
        expect(whole.length, `${locale} at ${width} px`).to.be.at.least(4);
        for (const title of parts(wall, 'title')) {
          const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
          expect(title.getBoundingClientRect().height, `${locale} at ${width} px: ${title.textContent}`).to.be.at.most(2 * lineHeight + 1);
        }
        wall.remove();
      }
    }
  });

  it('keeps each call to action near its offer’s name in a list on a wide screen', async () => {
    await mock(feed(s2sPage(REALISTIC)));
    const { wall } = await loadedWall({ layout: 'list' });
    await widthOf(wall, 1400);
    for (const card of parts(wall, 'card')) {
      const title = card.querySelector('[part~="title"]')!.getBoundingClientRect();
      const cta = card.querySelector('[part~="cta"]')!.getBoundingClientRect();
      expect(cta.right - title.left).to.be.at.most(800);
    }
  });

  it('makes a store offer’s price its call to action, the discount beside it, and lists “What you get” in its detail', async () => {
    await mock(
      feed(
        appchargePage([
          appchargeOffer(1, {
            displayName: 'Starter Pack',
            priceDiscount: { type: 'percentage', discount: 20 },
            productsSequence: [
              { index: 1, products: [{ product: { name: 'Gems', quantity: 500 } }, { name: 'Gold', quantity: 10000 }], priceInUsdCents: 499 },
            ],
          }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'en-US' });
    const cta = parts(wall, 'cta')[0]!;
    expect(texts(wall, 'payout')).to.deep.equal(['$4.99 · 20% off']);
    expect(cta.contains(parts(wall, 'payout')[0]!)).to.equal(true);
    const price = [...parts(wall, 'payout')[0]!.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
    expect(price.map((node) => node.textContent).join('')).to.equal('$4.99');
    // A purchase, not a reward: no gain sign, and a name that says so.
    expect(getComputedStyle(parts(wall, 'payout')[0]!, '::before').content).to.equal('none');
    expect(cta.getAttribute('aria-label')).to.equal('Buy Starter Pack, $4.99 · 20% off');

    const detail = await openDetail(wall);
    expect(detail.querySelector('h3')!.textContent).to.equal(EN.whatYouGet);
    expect(detail.textContent).not.to.contain(EN.stepsLabel);
    expect([...detail.querySelectorAll('.items li')].map((li) => li.textContent!.trim().replace(/\s+/g, ' '))).to.deep.equal(['500 Gems', '10,000 Gold']);
    expect(detail.querySelector('[part~="cta"]')!.textContent).to.contain('$4.99');
    await expect(wall).to.be.accessible();
  });
});

describe('design: type filters in the user’s words', () => {
  const TYPED = [
    s2sOffer(1, { offer_type: 'app' }),
    s2sOffer(2, { offer_type: 'CPI' }),
    s2sOffer(3, { offer_type: 'CPA' }),
    s2sOffer(4, { offer_type: 'CPL' }),
    s2sOffer(5, { offer_type: 'brand-new-type' }),
  ];

  it('names the types in every language, "All" first, and a type it does not know as the feed writes it', async () => {
    await mock(feed(s2sPage(TYPED)));
    const expected: Record<string, string[]> = {
      en: ['All', 'Apps', 'Tasks', 'Sign-ups', 'brand-new-type'],
      de: ['Alle', 'Apps', 'Aufgaben', 'Anmeldungen', 'brand-new-type'],
      ja: ['すべて', 'アプリ', 'タスク', '会員登録', 'brand-new-type'],
      ar: ['الكل', 'تطبيقات', 'مهام', 'تسجيلات', 'brand-new-type'],
    };
    for (const [locale, labels] of Object.entries(expected)) {
      const { wall } = await loadedWall({ locale });
      expect(texts(wall, 'filter'), locale).to.deep.equal(labels);
    }
    for (const locale of ['es', 'pt', 'fr']) {
      const { wall } = await loadedWall({ locale });
      const text = messagesFor(locale);
      expect(texts(wall, 'filter'), locale).to.deep.equal([text.all, text.typeApps, text.typeTasks, text.typeSignups, 'brand-new-type']);
    }
  });

  it('lets the publisher rename a type through messages', async () => {
    await mock(feed(s2sPage(TYPED)));
    const wall = mountWall({ locale: 'en' });
    wall.messages = { typeTasks: 'Quests', all: 'Everything' };
    await oneEvent(wall, 'offer-wall-load');
    await wall.updateComplete;
    expect(texts(wall, 'filter')).to.deep.equal(['Everything', 'Apps', 'Quests', 'Sign-ups', 'brand-new-type']);
  });

  it('gives types that mean the same one filter, which shows them all and sets the attribute to the feed’s own types', async () => {
    await mock(feed(s2sPage(TYPED)));
    const { wall } = await loadedWall({ locale: 'en' });
    parts(wall, 'filter')[1]!.click();
    await wall.updateComplete;
    expect(wall.getAttribute('filter')).to.equal('app,CPI');
    expect(texts(wall, 'title')).to.deep.equal(['Offer 1', 'Offer 2']);
    expect(parts(wall, 'filter').map((chip) => chip.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false', 'false', 'false']);
    // The attribute still takes one feed type, in any case.
    wall.filter = 'cpi';
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Offer 2']);
    expect(parts(wall, 'filter')[1]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('names appcharge’s store offer types as a buyer would', async () => {
    await mock(
      feed(
        appchargePage([
          appchargeOffer(1, { type: 'Bundle' }),
          appchargeOffer(2, { type: 'SpecialOffer' }),
          appchargeOffer(3, { type: 'PopUp' }),
          appchargeOffer(4, { type: 'RollingOffer' }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge', locale: 'de' });
    expect(texts(wall, 'filter')).to.deep.equal(['Alle', 'Pakete', 'Sonderangebote']);
    parts(wall, 'filter')[2]!.click();
    await wall.updateComplete;
    // A PopUp is not listed (an event opens it): its type is no filter of its own.
    expect(wall.getAttribute('filter')).to.equal('SpecialOffer,RollingOffer');
    expect(parts(wall, 'card')).to.have.length(2);
  });

  it('keeps the toolbar’s height when a later page brings new types', async () => {
    const pages = [
      s2sPage(s2sOffers(1, 3).map((offer) => ({ ...offer, offer_type: 'CPI' })), { total: 9 }),
      s2sPage(
        [4, 5, 6].map((n, i) => s2sOffer(n, { offer_type: ['CPA', 'CPL', 'a-very-long-offer-type-from-the-feed'][i] })),
        { page: 2, total: 9 },
      ),
    ];
    // Page 2 waits for the test: with three offers the end of the list is in view, and the wall
    // asks for the next page by itself, maybe before the test has looked at the first.
    let release: (() => void) | null = null;
    await mock(
      feed(async (url: URL) => {
        const page = Number(url.searchParams.get('page'));
        if (page === 2) await new Promise<void>((resolve) => (release = resolve));
        return pages[page - 1] ?? s2sPage([], { page: 3, total: 9 });
      }),
    );
    for (const width of [320, 800]) {
      const { wall } = await loadedWall({ 'page-size': '3' });
      await widthOf(wall, width);
      const before = part(wall, 'toolbar')!.getBoundingClientRect().height;
      const listTop = part(wall, 'list')!.getBoundingClientRect().top;
      expect(texts(wall, 'filter')).to.have.length(2);
      const next = oneEvent(wall, 'offer-wall-load');
      part(wall, 'more')!.click();
      await until(() => release, 'the wall asked for page 2');
      release!();
      release = null;
      await next;
      await wall.updateComplete;
      expect(texts(wall, 'filter')).to.have.length(5);
      expect(part(wall, 'toolbar')!.getBoundingClientRect().height, `at ${width} px`).to.equal(before);
      expect(part(wall, 'list')!.getBoundingClientRect().top, `at ${width} px`).to.equal(listTop);
      wall.remove();
    }
  });
});

describe('design: errors a user understands', () => {
  it('says in the user’s language that offers cannot load, with what to do, and keeps the technical reason for the publisher', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(String(message));
    try {
      const cases: Array<[string, () => Response, (t: ReturnType<typeof messagesFor>) => string[]]> = [
        ['503', () => new HttpResponse('busy', { status: 503 }), (t) => [t.errorTitle]],
        ['404', () => new HttpResponse('nope', { status: 404 }), (t) => [t.errorTitle]],
        ['network', () => HttpResponse.error(), (t) => [t.errorTitle, t.errorOffline]],
        ['payload', () => HttpResponse.json({ not: 'a feed' }), (t) => [t.errorTitle]],
      ];
      for (const [name, answer, lines] of cases) {
        await mock(http.get(ENDPOINT, answer));
        for (const locale of ['de', 'ja', 'ar']) {
          warnings.length = 0;
          const { wall, error } = await failedWall({ locale });
          const panel = part(wall, 'error')!;
          expect([...panel.querySelectorAll('p')].map((p) => p.textContent), `${name} in ${locale}`).to.deep.equal(lines(messagesFor(locale)));
          expect(part(wall, 'retry')!.textContent!.trim()).to.equal(messagesFor(locale).retry);
          // No status code, no endpoint in the panel (no English at all in Japanese and Arabic):
          // the technical reason is in the event and, once, in the console.
          expect(panel.textContent, `${name} in ${locale}`).not.to.match(locale === 'de' ? /HTTP|endpoint|offers/ : /[A-Za-z]/);
          expect(warnings.filter((warning) => warning === `<offer-wall>: ${error.message}`), `${name} in ${locale}`).to.have.length(1);
          wall.remove();
        }
      }
    } finally {
      console.warn = warn;
    }
  });

  it('tells an unreachable endpoint (check the connection) from every other failure (pure)', () => {
    const at = (kind: WallErrorInfo['kind'], message = '') => errorText({ kind, message }, EN);
    // The retry is the button: no "try again later" right above it.
    expect(at('http', 'The offers endpoint answered HTTP 503.')).to.deep.equal([EN.errorTitle]);
    expect(at('http', 'The offers endpoint answered HTTP 403.')).to.deep.equal([EN.errorTitle]);
    expect(at('network')).to.deep.equal([EN.errorTitle, EN.errorOffline]);
    expect(at('timeout')).to.deep.equal([EN.errorTitle, EN.errorOffline]);
    expect(at('payload')).to.deep.equal([EN.errorTitle]);
    expect(at('config', 'The endpoint attribute is missing.')).to.deep.equal([EN.errorTitle]);
  });
});

describe('design: controls that show what they are and what they do', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: the boundaries of search, sort, type filters and buttons are at least 3:1 against their surface and the background`, async () => {
      await mock(feed(firstPageOnly));
      const { wall } = await loadedWall({ theme, locale: 'en', 'page-size': '8' });
      const controls = [part(wall, 'search')!, part(wall, 'sort')!, ...parts(wall, 'filter').filter((chip) => chip.getAttribute('aria-pressed') === 'false'), part(wall, 'more')!];
      expect(controls).to.have.length(6);
      for (const control of controls) {
        const style = getComputedStyle(control);
        expect(parseFloat(style.borderTopWidth), control.getAttribute('part')!).to.be.at.least(1);
        const border = rgba(style.borderTopColor);
        const inside = rgba(style.backgroundColor);
        const behind = backgroundBehind(control);
        const surface = inside[3] === 255 ? inside : behind;
        expect(contrast(border, surface), `${control.getAttribute('part')} against its surface`).to.be.at.least(3);
        expect(contrast(border, behind), `${control.getAttribute('part')} against the background`).to.be.at.least(3);
      }
      await expect(wall).to.be.accessible();
    });
  }

  it('has a hover and a pressed state for every control, and the focus ring', async () => {
    await mock(feed(firstPageOnly));
    const { wall } = await loadedWall({ 'page-size': '8' });
    const controls = ['cta', 'filter', 'sort', 'search', 'more', 'card'].map((name) => part(wall, name)!);
    const detail = await openDetail(wall, 1);
    controls.push(part(wall, 'close')!, detail.querySelector('[part~="cta"]')!, detail.querySelector('a')!);
    for (const control of controls) {
      expect(hasStateRule(wall, control, ':hover'), `${control.getAttribute('part') ?? control.className} :hover`).to.equal(true);
    }
    for (const button of controls.filter((control) => control.localName === 'button')) {
      expect(hasStateRule(wall, button, ':active'), `${button.getAttribute('part')} :active`).to.equal(true);
    }
    expect(styleRules(wall).some((rule) => rule.selectorText === ':focus-visible' && /outline: 3px solid/.test(rule.cssText))).to.equal(true);
  });

  it('tints a call to action under the mouse', async () => {
    await mock(feed(s2sPage(REALISTIC)));
    const { wall } = await loadedWall();
    const cta = parts(wall, 'cta')[0]!;
    const resting = getComputedStyle(cta).boxShadow;
    const box = cta.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    try {
      await until(() => getComputedStyle(cta).boxShadow !== resting, 'the hover tint');
      expect(cta.matches(':hover')).to.equal(true);
    } finally {
      await resetMouse();
    }
  });

  it('shows a designed placeholder, not a grey letter, for a missing or broken icon', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { icon: '' }), s2sOffer(2, { icon: 'https://broken.invalid/icon.png' })])));
    const { wall } = await loadedWall({ theme: 'light' });
    await until(() => parts(wall, 'icon').every((icon) => icon.tagName === 'SPAN'), 'the broken icon replaced');
    for (const icon of parts(wall, 'icon')) {
      const style = getComputedStyle(icon);
      expect(contrast(rgba(style.color), rgba(style.backgroundColor))).to.be.at.least(3);
      expect(rgba(style.color)).to.deep.equal(rgba(getComputedStyle(parts(wall, 'cta')[0]!).backgroundColor));
    }
  });
});

describe('design: cards that say what to do', () => {
  it('puts on every card’s second line its first step, and how many there are, else its description', async () => {
    await mock(
      feed(
        s2sPage([
          { ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c?o=seed' },
          s2sOffer(1, { conversion_flow: 'Play to level 10' }),
          s2sOffer(2, { conversion_flow: '', description: 'Answer a short survey.' }),
        ]),
      ),
    );
    const { wall } = await loadedWall();
    expect(texts(wall, 'description')).to.deep.equal(['Download and open the app · 3 steps', 'Play to level 10', 'Answer a short survey.']);
    // One line, clamped, on the card: the detail has every step.
    const line = parts(wall, 'description')[0]!;
    expect(getComputedStyle(line).webkitLineClamp).to.equal('1');
    await expect(wall).to.be.accessible();
  });

  it('marks the second line with the platform the feed names, Android, iOS or the web, named for assistive technology, and no mark for another', async () => {
    await mock(
      feed(
        s2sPage([
          s2sOffer(1, { os: 'android' }),
          s2sOffer(2, { os: 'ios' }),
          s2sOffer(3, { os: 'web' }),
          s2sOffer(4, { os: '' }),
          s2sOffer(5, { os: 'constructor' }),
          s2sOffer(6, { os: 'Android' }),
        ]),
      ),
    );
    const { wall } = await loadedWall({ theme: 'dark' });
    const lines = parts(wall, 'description');
    const marks = lines.map((line) => line.querySelector('svg'));
    expect(marks.map((mark) => mark?.getAttribute('aria-label') ?? null)).to.deep.equal(['Android', 'iOS', 'Web', null, null, 'Android']);
    for (const mark of marks.slice(0, 3)) {
      expect(mark!.getAttribute('role')).to.equal('img');
      // Drawn at the text's size, in its colour, before its words.
      const box = mark!.getBoundingClientRect();
      const line = mark!.parentElement!;
      expect(box.height).to.be.within(parseFloat(getComputedStyle(line).fontSize) * 0.9, parseFloat(getComputedStyle(line).fontSize) * 1.4);
      expect(rgba(getComputedStyle(mark!).stroke)).to.deep.equal(rgba(getComputedStyle(line).color));
      expect(box.left).to.be.below(line.getBoundingClientRect().left + 2);
    }
    // The steps still say what to do, after the mark.
    expect(texts(wall, 'description')[0]).to.equal('Install offer 1 · 2 steps');
    await expect(wall).to.be.accessible();
  });

  it('runs the second line across a phone-wide card, under the call to action, so that it says the whole step', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { name: 'Plus500: CFD Online Trading on Forex and Stocks', conversion_flow: '1.Install and open the app\n2.Sign up' })])));
    const { wall } = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000' });
    await widthOf(wall, 366);
    const line = parts(wall, 'description')[0]!;
    const cta = parts(wall, 'cta')[0]!.getBoundingClientRect();
    const name = part(wall, 'title')!.getBoundingClientRect();
    expect(line.getBoundingClientRect().right).to.be.above(cta.left + cta.width / 2);
    expect(line.getBoundingClientRect().top).to.be.at.least(Math.max(name.bottom, cta.bottom) - 1);
    // The whole step and its count fit: nothing cut.
    expect(line.scrollWidth).to.be.at.most(line.clientWidth);
    expect(line.scrollHeight).to.be.at.most(line.clientHeight + 1);
    // On a wide wall it stays under the name, beside the call to action.
    await widthOf(wall, 760);
    expect(parts(wall, 'description')[0]!.getBoundingClientRect().right).to.be.at.most(parts(wall, 'cta')[0]!.getBoundingClientRect().left);
  });

  it('runs a store card’s description across a phone-wide card too', async () => {
    await mock(feed(appchargePage([appchargeOffer(1, { name: 'Weekend Rolling Offer Deluxe Edition', description: 'Buy a step to unlock the next one.' })])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    await until(() => texts(wall, 'description').length === 1, 'the store card');
    await widthOf(wall, 366);
    const line = parts(wall, 'description')[0]!;
    const cta = parts(wall, 'cta')[0]!.getBoundingClientRect();
    expect(line.getBoundingClientRect().right).to.be.above(cta.left + cta.width / 2);
    expect(line.scrollHeight).to.be.at.most(line.clientHeight + 1);
  });

  it('counts the steps in the user’s language, with its digits and plural forms', async () => {
    await mock(feed(s2sPage([{ ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c?o=seed' }])));
    const { wall } = await loadedWall({ locale: 'ar' });
    const ar = messagesFor('ar');
    expect(texts(wall, 'description')).to.deep.equal([`Download and open the app · ${ar.steps(3, formatCount(3, 'ar'))}`]);
    expect(texts(wall, 'description')[0]).to.include('خطوات');
  });

  it('gives an appcharge card its description as its second line', async () => {
    await mock(feed(appchargePage([appchargeOffer(1)])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    await until(() => texts(wall, 'description').length === 1, 'the store card');
    expect(texts(wall, 'description')).to.deep.equal(['Bundle number 1.']);
  });
});

describe('design: states', () => {
  it('shows skeleton cards, busy and without words, where the cards will be, until the first page comes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await mock(
      feed(async () => {
        await gate;
        return s2sPage(REALISTIC);
      }),
    );
    const wall = mountWall({ theme: 'dark', toolbar: 'off' });
    await wall.updateComplete;
    const loading = part(wall, 'loading')!;
    expect(loading.getAttribute('aria-busy')).to.equal('true');
    expect(loading.getAttribute('role')).to.equal('status');
    // Named for assistive technology, without a word on the screen.
    expect(loading.getAttribute('aria-label')).to.equal(EN.loading);
    expect(loading.textContent!.trim()).to.equal('');
    const bones = [...loading.querySelectorAll<HTMLElement>('.bone')];
    expect(bones.length).to.be.at.least(3);
    const boneTop = bones[0]!.getBoundingClientRect().top;
    const boneHeight = bones[0]!.getBoundingClientRect().height;
    await expect(wall).to.be.accessible();
    const loaded = oneEvent(wall, 'offer-wall-load');
    release();
    await loaded;
    expect(part(wall, 'loading')).to.equal(null);
    const card = parts(wall, 'card')[0]!.getBoundingClientRect();
    expect(card.top).to.equal(boneTop);
    // A card of the real ones' height, give or take the second line's rounding.
    expect(card.height).to.be.closeTo(boneHeight, 8);
  });

  for (const [width, names, lines] of [
    [366, ['Plus500: CFD Online Trading on Forex and Stocks', 'Dragon Realms: Idle RPG – Build Your Castle'], 2],
    [760, ['Word Crush Deluxe', 'Solitaire Journey'], 1],
  ] as const) {
    it(`keeps the list from jumping when the offers replace the skeleton cards, on a ${width} px wall (names on ${lines} line${lines > 1 ? 's' : ''})`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await mock(
        feed(async () => {
          await gate;
          return s2sPage(names.map((name, i) => s2sOffer(i + 1, { name })));
        }),
      );
      const wall = mountWall({ toolbar: 'off' });
      await widthOf(wall, width);
      const bone = part(wall, 'loading')!.querySelector('.bone')!.getBoundingClientRect();
      const loaded = oneEvent(wall, 'offer-wall-load');
      release();
      await loaded;
      const cards = parts(wall, 'card');
      for (const card of cards) {
        const name = card.querySelector<HTMLElement>('.name')!;
        expect(Math.round(name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight))).to.equal(lines);
        expect(card.getBoundingClientRect().height).to.be.closeTo(bone.height, 3);
      }
    });
  }

  it('shows an icon and one “Try again” in the error panel, and an icon in the empty state', async () => {
    /** The drawing above a state's words: its pseudo-element, drawn, and silent (no alternative text of its own). */
    const icon = (state: Element) => {
      const style = getComputedStyle(state, '::before');
      expect(style.display).to.equal('block');
      expect(parseFloat(style.borderBottomWidth)).to.be.at.least(2);
      return style;
    };
    await mock(http.get(ENDPOINT, () => new HttpResponse(null, { status: 503 })));
    const { wall } = await failedWall({ theme: 'light' });
    const panel = part(wall, 'error')!;
    expect(rgba(icon(panel).borderTopColor)).to.deep.equal(rgba(getComputedStyle(panel.querySelector('p')!).color));
    expect(panel.querySelectorAll('button')).to.have.length(1);
    expect(panel.textContent).not.to.match(/try again later/i);
    await expect(wall).to.be.accessible();
    wall.remove();
    await mock(feed(s2sPage([], { total: 0 })));
    const empty = (await loadedWall({ theme: 'dark' })).wall;
    expect(icon(part(empty, 'empty')!).borderTopStyle).to.equal('dashed');
    await expect(empty).to.be.accessible();
  });

  it('keeps the toolbar while the offers load again and when that load fails', async () => {
    let release!: () => void;
    let gate = Promise.resolve();
    await mock(
      feed(async (url: URL) => {
        if (url.searchParams.get('country') === 'DE') {
          await gate;
          return new HttpResponse(null, { status: 404 });
        }
        return s2sPage(REALISTIC);
      }),
    );
    const { wall } = await loadedWall();
    const chips = texts(wall, 'filter');
    const toolbarHeight = part(wall, 'toolbar')!.getBoundingClientRect().height;
    gate = new Promise<void>((resolve) => (release = resolve));
    wall.country = 'DE';
    await wall.updateComplete;
    expect(part(wall, 'loading')).to.not.equal(null);
    expect(texts(wall, 'filter')).to.deep.equal(chips);
    const errored = oneEvent(wall, 'offer-wall-error');
    release();
    await errored;
    await wall.updateComplete;
    expect(part(wall, 'error')).to.not.equal(null);
    expect(texts(wall, 'filter')).to.deep.equal(chips);
    expect(part(wall, 'toolbar')!.getBoundingClientRect().height).to.equal(toolbarHeight);
    await expect(wall).to.be.accessible();
  });

  it('says at once when the filters match none of the pages loaded, and loads more only when asked', async () => {
    const pages: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await mock(
      feed(async (url: URL) => {
        const page = url.searchParams.get('page')!;
        pages.push(page);
        if (page === '1') return s2sPage(s2sOffers(1, 3).map((o) => ({ ...o, offer_type: 'CPI' })), { total: 9 });
        await gate;
        return s2sPage([s2sOffer(4, { offer_type: 'CPL' }), ...s2sOffers(5, 2)], { page: Number(page), total: 9 });
      }),
    );
    const { wall } = await loadedWall({ filter: 'cpl', 'page-size': '3' });
    await wall.updateComplete;
    expect(part(wall, 'empty')!.textContent).to.contain(EN.noMatches);
    expect(part(wall, 'loading')).to.equal(null);
    const more = part(wall, 'more')!;
    expect(more.getAttribute('aria-disabled')).to.equal('false');
    // The end of the list is in view, and yet the wall does not page the feed by itself.
    await frames(6);
    expect(pages).to.deep.equal(['1']);
    await expect(wall).to.be.accessible();
    more.click();
    await wall.updateComplete;
    // While the next page loads, what was said stays said.
    expect(part(wall, 'more')!.getAttribute('aria-disabled')).to.equal('true');
    expect(part(wall, 'empty')!.textContent).to.contain(EN.noMatches);
    const loaded = oneEvent(wall, 'offer-wall-load');
    release();
    await loaded;
    await wall.updateComplete;
    expect(texts(wall, 'title')).to.deep.equal(['Offer 4']);
    expect(pages).to.deep.equal(['1', '2']);
  });

  it('shows the loading state, not “no matches”, while the first page’s matches are still on their way', async () => {
    const stream = streamedFetch();
    try {
      const wall = mountWall({ filter: 'cpl', format: 's2s' });
      await until(() => stream.answers.length === 1, 'the first page asked');
      const answer = stream.answers[0]!;
      const body = JSON.stringify(s2sPage([...s2sOffers(1, 3), s2sOffer(4, { offer_type: 'CPL' })]));
      // The first three offers (none a sign-up) are in; the fourth is not.
      const cut = body.indexOf('{"id":1004');
      answer.write(body.slice(0, cut));
      await until(() => wall._feed.offers.length === 3, 'the first offers read');
      await wall.updateComplete;
      expect(part(wall, 'empty')).to.equal(null);
      expect(part(wall, 'loading')).to.not.equal(null);
      const loaded = oneEvent(wall, 'offer-wall-load');
      answer.write(body.slice(cut));
      answer.end();
      await loaded;
      expect(texts(wall, 'title')).to.deep.equal(['Offer 4']);
    } finally {
      stream.restore();
    }
  });

  it('opens the detail as a sheet from the bottom of a phone’s screen (not in WebKit: no viewport command)', async function () {
    if (!/Chrome\/|Firefox\//.test(navigator.userAgent)) this.skip();
    await mock(feed(s2sPage(REALISTIC)));
    const { wall } = await loadedWall();
    await setViewport({ width: 375, height: 812 });
    try {
      const detail = await openDetail(wall);
      const box = detail.getBoundingClientRect();
      expect(box.bottom).to.be.closeTo(innerHeight, 1);
      // The width the page lays out in: a desktop engine's scrollbar (the cards, each with its second
      // line, make this page scroll) is not the sheet's to cover.
      expect(box.width).to.be.closeTo(document.documentElement.clientWidth, 1);
      await expect(wall).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('design: pure helpers', () => {
  it('typeLabel names the known types in the user’s words, in any case', () => {
    expect(['app', 'CPI', 'cpa', 'CPL', 'Bundle', 'specialoffer', 'PopUp', 'RollingOffer', 'CheckoutLink', 'ProgressBar', 'Quiz'].map((type) => typeLabel(type, EN))).to.deep.equal([
      'Apps',
      'Apps',
      'Tasks',
      'Sign-ups',
      'Bundles',
      'Special offers',
      'Special offers',
      'Special offers',
      'Special offers',
      'Special offers',
      'Quiz',
    ]);
  });

  it('typeChips: "All", then one filter per label, pressed as the filter says', () => {
    expect(typeChips(['app', 'CPA', 'CPI'], '', EN)).to.deep.equal([
      { label: 'All', value: '', pressed: true },
      { label: 'Apps', value: 'app,CPI', pressed: false },
      { label: 'Tasks', value: 'CPA', pressed: false },
    ]);
    expect(typeChips(['app', 'CPA', 'CPI'], 'cpi', EN).map((chip) => chip.pressed)).to.deep.equal([false, true, false]);
    expect(typeChips(['app', 'CPA', 'CPI'], 'App, cpi', EN).map((chip) => chip.pressed)).to.deep.equal([false, true, false]);
    expect(typeChips([], 'CPL', EN)).to.deep.equal([{ label: 'All', value: '', pressed: false }]);
  });

  it('viewOf filters by one type or by several, comma-separated, in any case', () => {
    const offers = ['app', 'CPI', 'CPA'].map((type, i) => ({ type, name: `O${i}`, description: '', reward: { kind: 'payout', usd: i } })) as never[];
    expect(viewOf(offers, { filter: 'cpi', search: '', sort: 'feed' })).to.deep.equal([1]);
    expect(viewOf(offers, { filter: 'APP, cpi', search: '', sort: 'feed' })).to.deep.equal([0, 1]);
    expect(viewOf(offers, { filter: '', search: '', sort: 'feed' })).to.deep.equal([0, 1, 2]);
  });
});
