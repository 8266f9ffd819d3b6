/**
 * Hostile feeds: markup, script, event handlers and template injection in text; script, data and
 * relative URLs in every disguise. Nothing may run, text shows as text, unsafe links are never
 * rendered nor opened, and offers that depend on them are counted in `rejected`.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { safeHttpUrl } from '../src/data/urls.js';
import type { OfferClickEvent } from '../src/events.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from './fixtures/feeds.js';
import { SAFE_LOOKALIKES, TEXT_VECTORS, UNSAFE_URLS } from './fixtures/xss-corpus.js';
import { feed, loadedWall, mock, part, parts, imagesSettled } from './helpers.js';

/** The only elements the wall itself ever creates in its shadow root. */
// The wall's own elements: cards, the toolbar's controls and the detail dialog.
const OWN_TAGS = new Set(['DIV', 'SLOT', 'UL', 'LI', 'OL', 'IMG', 'SPAN', 'SMALL', 'H2', 'H3', 'P', 'BUTTON', 'INPUT', 'SELECT', 'OPTION', 'DIALOG', 'DL', 'DT', 'DD', 'A']);

function xssRan(): boolean {
  return (window as { __xss?: unknown }).__xss !== undefined;
}

/** Fails if the shadow root holds an element or attribute a feed could have injected. */
function expectOnlyOwnMarkup(wall: Element): void {
  for (const el of wall.shadowRoot!.querySelectorAll('*')) {
    // And the platform's mark the wall draws on a second line: one <svg class="os"> holding one <path>.
    const mark = (el.tagName === 'svg' && el.classList.contains('os') && el.parentElement!.matches('[part~="description"]')) || (el.tagName === 'path' && el.parentElement!.matches('svg.os'));
    expect(OWN_TAGS.has(el.tagName) || mark, `unexpected <${el.tagName.toLowerCase()}>`).to.equal(true);
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `unexpected ${attr.name} on <${el.tagName.toLowerCase()}>`).to.equal(false);
      expect(attr.value.trim().toLowerCase().startsWith('javascript:'), `${attr.name}="${attr.value}"`).to.equal(false);
    }
  }
}

describe('hostile feed content', () => {
  afterEach(() => delete (window as { __xss?: unknown }).__xss);

  it(`never accepts any of the ${UNSAFE_URLS.length} unsafe URLs of the corpus`, () => {
    for (const url of UNSAFE_URLS) expect(safeHttpUrl(url), JSON.stringify(url)).to.equal(null);
  });

  it('accepts http(s) lookalikes only in their normalized, encoded form', () => {
    for (const url of SAFE_LOOKALIKES) {
      const safe = safeHttpUrl(url);
      expect(safe, url).to.match(/^https?:\/\//);
      // A quote may stay (it is legal in a path); Lit sets attributes through the DOM, never by parsing.
      expect(safe).to.not.match(/["<> ]/);
    }
  });

  it(`shows each of the ${TEXT_VECTORS.length} markup and injection vectors in names, steps and descriptions as text`, async function () {
    this.timeout(30000); // a detail opened and closed per vector, then every icon in view settled
    await mock(
      feed(
        s2sPage(
          TEXT_VECTORS.map((vector, i) =>
            s2sOffer(i, { name: vector, conversion_flow: vector, description: vector }),
          ),
        ),
      ),
    );
    const { wall, detail } = await loadedWall({ 'page-size': String(TEXT_VECTORS.length) });
    expect(detail.rejected).to.equal(TEXT_VECTORS.length - detail.offers.length);
    // Only names that are blank once trimmed may be refused.
    expect(detail.offers).to.have.length(TEXT_VECTORS.filter((v) => v.trim()).length);

    const titles = parts(wall, 'title').map((el) => el.textContent);
    const descriptions = parts(wall, 'description').map((el) => el.textContent);
    const expected = TEXT_VECTORS.map((v) => v.trim()).filter(Boolean);
    expect(titles).to.deep.equal(expected);
    expect(descriptions).to.deep.equal(expected);
    expectOnlyOwnMarkup(wall);
    // The steps are in each offer's detail, and so is every vector once more, as a heading.
    const steps: (string | null)[] = [];
    for (let i = 0; i < titles.length; i++) {
      parts(wall, 'title')[i]!.querySelector('button')!.click();
      await wall.updateComplete;
      const dialog = part(wall, 'detail')!;
      steps.push(...[...dialog.querySelectorAll('[part~="step"]')].map((el) => el.textContent));
      expectOnlyOwnMarkup(wall);
      const closed = oneEvent(dialog, 'close');
      part(wall, 'close')!.click();
      await closed;
    }
    expect(steps).to.deep.equal(expected.map((v) => v.replace(/^\s*(?:step\s*)?\d{1,3}\s*[.)．）、](?!\d)\s*/i, '')));
    await imagesSettled(wall); // let any injected onerror/onload fire, if one had got in
    expect(xssRan()).to.equal(false);
  });

  it('shows hostile appcharge names, descriptions and product names as text', async () => {
    await mock(
      feed(
        appchargePage(
          TEXT_VECTORS.slice(0, 30).map((vector, i) =>
            appchargeOffer(i, {
              displayName: vector,
              description: vector,
              productsSequence: [
                { index: 1, products: [{ product: { name: vector, quantity: 1 } }], priceInUsdCents: 100 },
                { index: 2, products: [{ name: vector }], priceInUsdCents: 200 },
              ],
            }),
          ),
        ),
      ),
    );
    const { wall } = await loadedWall({ format: 'appcharge', 'page-size': '30' });
    expect(parts(wall, 'title').map((el) => el.textContent)).to.deep.equal(TEXT_VECTORS.slice(0, 30).map((v) => v.trim()));
    expectOnlyOwnMarkup(wall);
    await imagesSettled(wall);
    expect(xssRan()).to.equal(false);
  });

  it('leaves out every s2s offer whose tracking link is unsafe, and counts them', async () => {
    await mock(feed(s2sPage([s2sOffer(0), ...UNSAFE_URLS.map((url, i) => s2sOffer(i + 1, { tracking_link: url }))])));
    const { wall, detail } = await loadedWall({ 'page-size': '100' });
    expect(detail.offers.map((o) => o.id)).to.deep.equal(['1000']);
    expect(detail.rejected).to.equal(UNSAFE_URLS.length);
    expect(parts(wall, 'card')).to.have.length(1);
  });

  it('shows a placeholder for every unsafe icon and drops every unsafe preview link', async () => {
    // No package either: an offer without a usable preview links to its store page from it.
    await mock(feed(s2sPage(UNSAFE_URLS.map((url, i) => s2sOffer(i, { icon: url, preview_url: url, package: '' })))));
    const { wall, detail } = await loadedWall({ 'page-size': '100' });
    expect(detail.rejected).to.equal(0);
    expect(parts(wall, 'icon').every((icon) => icon.tagName === 'SPAN')).to.equal(true);
    expect(detail.offers.every((o) => o.icon === null && o.previewUrl === null)).to.equal(true);
    expectOnlyOwnMarkup(wall);
  });

  it('keeps icons that try to break out of their attribute inside it, encoded', async function () {
    this.timeout(20000); // every icon in view settled
    await mock(feed(s2sPage(SAFE_LOOKALIKES.map((url, i) => s2sOffer(i, { icon: url })))));
    const { wall } = await loadedWall();
    const icons = parts(wall, 'icon').filter((el) => el.tagName === 'IMG');
    expect(icons.map((img) => img.getAttribute('src'))).to.deep.equal(SAFE_LOOKALIKES.map((url) => safeHttpUrl(url)));
    expectOnlyOwnMarkup(wall);
    await imagesSettled(wall);
    expect(xssRan()).to.equal(false);
  });

  it('never opens an unsafe click-url-template, and says which setting was refused', async () => {
    const opened: unknown[] = [];
    const originalOpen = window.open;
    const originalWarn = console.warn;
    const warnings: string[] = [];
    window.open = ((...args: unknown[]) => opened.push(args)) as unknown as typeof window.open;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await mock(feed(appchargePage([appchargeOffer(1)])));
      for (const template of [`javascript:window.__xss=1//{offer_id}`, 'data:text/html,{offer_id}', ' JaVa\tScRiPt:{offer_id}']) {
        const { wall } = await loadedWall({ 'click-url-template': template });
        const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
        part(wall, 'cta')!.click();
        expect((await clicked).detail.url).to.equal(null);
      }
      expect(opened).to.deep.equal([]);
      expect(warnings.filter((w) => w.includes('click-url-template='))).to.have.length(3);
      expect(xssRan()).to.equal(false);
    } finally {
      window.open = originalOpen;
      console.warn = originalWarn;
    }
  });

  it('fills macros so that a user id cannot change the link’s scheme, host or parameters', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { tracking_link: 'https://track.example.com/c?sub={user_id}' })])));
    const { wall } = await loadedWall({ 'user-id': '"&redirect=javascript:alert(1)#' });
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    wall.addEventListener('offer-click', (e) => e.preventDefault());
    part(wall, 'cta')!.click();
    const url = new URL((await clicked).detail.url!);
    expect(url.host).to.equal('track.example.com');
    expect([...url.searchParams.keys()]).to.deep.equal(['sub']);
    expect(url.searchParams.get('sub')).to.equal('"&redirect=javascript:alert(1)#');
  });
});
