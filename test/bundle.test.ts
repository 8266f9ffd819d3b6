/**
 * The script-tag file a publisher loads: dist/offer-wall.js (built by `npm test` first), and the
 * chunks it loads from its own folder (dist/). This page loads nothing from src/, only those
 * files, the way a publisher's page does. msw sees the chunks' requests too (they pass through to
 * the test server unless a test answers them).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, passthrough } from 'msw';
import { appchargeOffer, appchargePage, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { feed, mock, ENDPOINT } from './helpers-bundle.js';

function loadScript(attributes: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${attributes['src']}`));
    document.head.append(script);
  });
}

describe('dist/offer-wall.js', () => {
  it('upgrades an <offer-wall> already in the page and renders offers, a classic script with no imports of its own', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 3))));
    const wall = document.createElement('offer-wall');
    wall.setAttribute('endpoint', ENDPOINT);
    document.body.append(wall);
    const loaded = oneEvent(wall, 'offer-wall-load');
    await loadScript({ src: '/dist/offer-wall.js' });
    await loaded;
    expect(wall.shadowRoot!.querySelectorAll('[part~="card"]')).to.have.length(3);
    const source = await (await fetch('/dist/offer-wall.js')).text();
    // Chunks are loaded with import() of a URL, which a classic script may do; nothing else.
    expect(source).to.not.match(/(?:^|[;}])\s*(?:import|export)\s*[\s{*]/);
    expect(source).to.not.match(/import\.meta/);
    expect([...source.matchAll(/\bimport\(/g)]).to.have.length(1);
    wall.remove();
  });

  it('pages, windows, clicks and reports errors from the built file as from the sources', async () => {
    await mock(
      feed((url: URL) => {
        const page = Number(url.searchParams.get('page'));
        return page === 3 ? new Response(null, { status: 404 }) : s2sPage(s2sOffers(page * 1000, 100), { total: 300, page });
      }),
    );
    const wall = document.createElement('offer-wall');
    wall.setAttribute('endpoint', ENDPOINT);
    wall.setAttribute('page-size', '100');
    const loaded = oneEvent(wall, 'offer-wall-load');
    document.body.append(wall);
    try {
      await loaded;
      const root = wall.shadowRoot!;
      expect(root.querySelectorAll('[part~="card"]').length).to.be.within(16, 60);
      wall.addEventListener('offer-click', (e) => e.preventDefault(), { once: true });
      const clicked = oneEvent(wall, 'offer-click');
      root.querySelector<HTMLElement>('[part~="cta"]')!.click();
      expect(((await clicked) as CustomEvent<{ offer: { id: string } }>).detail.offer.id).to.equal('2000');
      const second = oneEvent(wall, 'offer-wall-load');
      root.querySelector<HTMLElement>('[part~="more"]')!.click();
      expect(((await second) as CustomEvent<{ page: number; offers: unknown[] }>).detail.offers).to.have.length(200);
      const failed = oneEvent(wall, 'offer-wall-error');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      root.querySelector<HTMLElement>('[part~="more"]')!.click();
      expect(((await failed) as CustomEvent<{ error: { kind: string } }>).detail.error.kind).to.equal('http');
    } finally {
      wall.remove();
    }
  });

  it('can be loaded again, as a classic script or a module, without throwing', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const first = customElements.get('offer-wall');
      await loadScript({ src: '/dist/offer-wall.js?again' });
      await loadScript({ src: '/dist/offer-wall.js?as-module', type: 'module' });
      expect(errors).to.deep.equal([]);
      expect(customElements.get('offer-wall')).to.equal(first);
      expect(warnings.filter((w) => w.includes('already defined'))).to.have.length(2);
    } finally {
      console.warn = original;
      window.removeEventListener('error', onError);
    }
  });
});

// ---- chunks -----------------------------------------------------------------------------------

/** Requests for the chunk `name` (`de`, `rewards`, …) of dist/, whatever its hash. */
const chunk = (name: string) => new RegExp(`/dist/offer-wall\\.${name}\\.[0-9a-f]{8}\\.js(?:\\?.*)?$`);

/** A promise and what settles it: a request held until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Every word the wall has shown (its shadow root's text and labels), noted at each change. */
function wordsShown(wall: HTMLElement) {
  const seen = new Set<string>();
  const note = () => {
    const root = wall.shadowRoot;
    if (!root) return;
    seen.add(root.textContent!.replace(/\s+/g, ' ').trim());
    for (const el of root.querySelectorAll('[aria-label]')) seen.add(el.getAttribute('aria-label')!);
  };
  const observer = new MutationObserver(note);
  const watch = () => wall.shadowRoot && observer.observe(wall.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  return { seen, watch, note, stop: () => observer.disconnect() };
}

function mountWall(attributes: Record<string, string>): HTMLElement {
  const wall = document.createElement('offer-wall');
  for (const [name, value] of Object.entries({ endpoint: ENDPOINT, ...attributes })) wall.setAttribute(name, value);
  document.body.append(wall);
  return wall;
}

const ENGLISH = /Loading|\bStart\b|\bOffers\b|Show more|Search offers|Sort by|Try again/;

describe('the chunks of dist/offer-wall.js', () => {
  before(async () => {
    if (!customElements.get('offer-wall')) await loadScript({ src: '/dist/offer-wall.js' });
  });

  it('loads no chunk for an English wall without rewards', async () => {
    const asked: string[] = [];
    await mock(
      http.get(/\/dist\/offer-wall\.[a-z-]+\.[0-9a-f]{8}\.js/, ({ request }) => {
        asked.push(request.url);
        return passthrough();
      }),
      feed(s2sPage(s2sOffers(1, 3))),
    );
    const wall = mountWall({ locale: 'en-GB' });
    try {
      await oneEvent(wall, 'offer-wall-load');
      expect(wall.shadowRoot!.querySelectorAll('[part~="card"]')).to.have.length(3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(asked).to.deep.equal([]);
    } finally {
      wall.remove();
    }
  });

  it('asks for a language beside the first page of offers, and shows skeleton cards, never English, until it is here', async () => {
    const asked: string[] = [];
    const texts = gate();
    const offers = gate();
    await mock(
      http.get(chunk('de'), async () => {
        asked.push('texts');
        await texts.opened;
        return passthrough();
      }),
      feed(async () => {
        asked.push('offers');
        await offers.opened;
        return s2sPage(s2sOffers(1, 3));
      }),
    );
    const wall = mountWall({ locale: 'de-DE' });
    const words = wordsShown(wall);
    words.watch();
    let shownAtLoad = '';
    wall.addEventListener('offer-wall-load', () => (shownAtLoad = wall.shadowRoot!.querySelector('[part~="cta"]')?.getAttribute('aria-label') ?? ''), { once: true });
    const loaded = oneEvent(wall, 'offer-wall-load');
    try {
      // Both asked before either is answered: the texts cost no round trip of their own.
      await waitUntil(() => asked.length === 2, 'both the texts and the offers asked for', { timeout: 5000 });
      const root = wall.shadowRoot!;
      const loading = root.querySelector('[part~="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(loading.querySelectorAll('.bone').length).to.be.greaterThan(0);
      expect(root.textContent!.trim()).to.equal('');
      // The offers arrive first: still no words until the texts are here.
      offers.open();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(root.querySelectorAll('[part~="card"]')).to.have.length(0);
      expect(root.textContent!.trim()).to.equal('');
      texts.open();
      await loaded;
      // offer-wall-load told once the offers showed, in German.
      expect(shownAtLoad).to.match(/^Offer 1 starten, Belohnung: /);
      expect(root.querySelectorAll('[part~="card"]')).to.have.length(3);
      words.note();
      expect([...words.seen].filter((text) => ENGLISH.test(text))).to.deep.equal([]);
      expect([...words.seen].some((text) => text.includes('Angebote'))).to.equal(true);
    } finally {
      words.stop();
      texts.open();
      offers.open();
      wall.remove();
    }
  });

  it('goes on in English when a language cannot be loaded, names the file in offer-wall-error, and tries once more when the page is back online', async () => {
    const asked: string[] = [];
    let missing = true;
    await mock(
      http.get(chunk('fr'), ({ request }) => {
        asked.push(new URL(request.url).pathname + new URL(request.url).search);
        return missing ? new HttpResponse('not here', { status: 404 }) : passthrough();
      }),
      feed(s2sPage(s2sOffers(1, 3))),
    );
    const wall = mountWall({ locale: 'fr-FR' });
    const failed = oneEvent(wall, 'offer-wall-error');
    const loaded = oneEvent(wall, 'offer-wall-load');
    try {
      const { error } = ((await failed) as CustomEvent<{ error: { kind: string; message: string } }>).detail;
      expect(error.kind).to.equal('network');
      expect(error.message).to.match(/\/dist\/offer-wall\.fr\.[0-9a-f]{8}\.js/);
      await loaded;
      const root = wall.shadowRoot!;
      expect(root.querySelectorAll('[part~="card"]')).to.have.length(3);
      expect(root.querySelector('[part~="cta"]')!.getAttribute('aria-label')).to.match(/^Start Offer 1, reward /);
      // Back online: asked once more, under another URL (a module that failed stays failed at its own).
      missing = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => /^Commencer/.test(root.querySelector('[part~="cta"]')?.getAttribute('aria-label') ?? ''), 'the wall in French', { timeout: 5000 });
      expect(asked).to.have.length(2);
      expect(asked[1]).to.match(/\?retry=1$/);
      // Once: a second time back online asks nothing more.
      window.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(asked).to.have.length(2);
    } finally {
      wall.remove();
    }
  });

  it('draws the rewards tabs at once and the rewards view from its chunk; without the chunk, no view, the file named in offer-wall-error, and the offers stay', async () => {
    const view = gate();
    let missing = true;
    const entry = { id: '1', status: 'pending', offer_id: '1001', name: 'Offer 1', icon: null, amount: 900, click_id: 'c1', clicked_at: new Date().toISOString(), updated_at: new Date().toISOString() };
    await mock(
      http.get(chunk('rewards'), async () => {
        await view.opened;
        return missing ? new HttpResponse('not here', { status: 404 }) : passthrough();
      }),
      http.get('/api/rewards', () => HttpResponse.json({ balance: 900, entries: [entry], next: null })),
      feed(s2sPage(s2sOffers(1, 3))),
    );
    const wall = mountWall({ 'rewards-endpoint': '/api/rewards', 'user-token': 'token' });
    const root = () => wall.shadowRoot!;
    const tabs = () => [...root().querySelectorAll('[part~="tab"]')].map((tab) => tab.textContent!.replace(/\s+/g, ' ').trim());
    try {
      // The first screen does not wait for the view: offers and tabs while its chunk is held.
      await oneEvent(wall, 'offer-wall-load');
      expect(root().querySelectorAll('[part~="card"]')).to.have.length(3);
      expect(tabs()).to.deep.equal(['Offers', 'My rewards']);
      const failed = oneEvent(wall, 'offer-wall-error');
      view.open();
      const { error } = ((await failed) as CustomEvent<{ error: { kind: string; message: string } }>).detail;
      expect(error.kind).to.equal('network');
      expect(error.message).to.match(/\/dist\/offer-wall\.rewards\.[0-9a-f]{8}\.js/);
      await waitUntil(() => tabs().length === 0, 'the tabs gone with the view', { timeout: 5000 });
      expect(root().querySelectorAll('[part~="card"]')).to.have.length(3);
      // Back online: the view comes, the tab counts the pending reward, and opening it shows it.
      missing = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => tabs()[1] === 'My rewards 1 Pending', 'the rewards tab counting', { timeout: 5000 });
      root().querySelectorAll<HTMLElement>('[part~="tab"]')[1]!.click();
      await waitUntil(() => root().querySelector('[part~="reward"]'), 'the rewards view', { timeout: 5000 });
      expect(root().querySelector('[part~="reward"]')!.textContent).to.contain('Offer 1');
      // The view's English texts came with it (the script-tag file does not carry them).
      expect(root().querySelector('.balance dt')!.textContent!.trim()).to.equal('Balance');
      expect(getComputedStyle(root().querySelector('.status')!).borderTopStyle).to.equal('solid');
    } finally {
      view.open();
      wall.remove();
    }
  });

  it('asks for appcharge’s two chunks beside the first page of an appcharge feed, and shows its cards once all three are here', async () => {
    const asked: string[] = [];
    const reader = gate();
    const store = gate();
    const offers = gate();
    await mock(
      http.get(chunk('appcharge'), async () => {
        asked.push('appcharge');
        await reader.opened;
        return passthrough();
      }),
      http.get(chunk('store'), async () => {
        asked.push('store');
        await store.opened;
        return passthrough();
      }),
      feed(async () => {
        asked.push('offers');
        await offers.opened;
        return appchargePage([appchargeOffer(1, { type: 'RollingOffer', productsSequence: [{ index: 1, products: [{ name: 'Gems', quantity: 5 }], priceInUsdCents: 0 }, { index: 2, products: [{ name: 'Gold' }], priceInUsdCents: 99 }] })]);
      }),
    );
    const wall = mountWall({ format: 'appcharge', locale: 'en-US' });
    const loaded = oneEvent(wall, 'offer-wall-load');
    try {
      // All asked before any is answered: the store costs no round trip of its own.
      await waitUntil(() => asked.length === 3, 'the two chunks and the offers asked for', { timeout: 5000 });
      expect([...asked].sort()).to.deep.equal(['appcharge', 'offers', 'store']);
      offers.open();
      store.open();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(wall.shadowRoot!.querySelectorAll('[part~="card"]')).to.have.length(0);
      reader.open();
      await loaded;
      const card = wall.shadowRoot!.querySelector('[part~="card"]')!;
      expect(card.querySelector('[part~="cta"]')!.textContent!.trim()).to.equal('Claim');
      expect(card.querySelector('.locked')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Locked $0.99');
      // Its styles came with it.
      expect(getComputedStyle(card.querySelector('.now')!).borderTopStyle).to.equal('solid');
    } finally {
      reader.open();
      store.open();
      offers.open();
      wall.remove();
    }
  });

  it('loads the offer detail when the user reaches for a card, opens it once here, and leaves it closed with the file named when it cannot be loaded', async () => {
    const asked: string[] = [];
    let missing = true;
    let held = gate();
    await mock(
      http.get(chunk('detail'), async ({ request }) => {
        asked.push(new URL(request.url).search);
        await held.opened;
        return missing ? new HttpResponse('not here', { status: 404 }) : passthrough();
      }),
      feed(s2sPage(s2sOffers(1, 3))),
    );
    const wall = mountWall({ 'currency-rate': '1' }) as HTMLElement & { updateComplete: Promise<boolean> };
    const root = wall.shadowRoot!;
    const dialog = () => root.querySelector<HTMLDialogElement>('[part~="detail"]');
    try {
      await oneEvent(wall, 'offer-wall-load');
      // Nothing on the first screen needs it; a pointer reaching the list asks for it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(asked).to.deep.equal([]);
      root.querySelector('[part~="card"]')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await waitUntil(() => asked.length === 1, 'the detail asked for', { timeout: 5000 });
      // Opened while it cannot be loaded: no dialog, the file named, and the offer still starts.
      const failed = oneEvent(wall, 'offer-wall-error');
      root.querySelector<HTMLElement>('[part~="card"] .open')!.click();
      held.open();
      const { error } = ((await failed) as CustomEvent<{ error: { kind: string; message: string } }>).detail;
      expect(error.kind).to.equal('network');
      expect(error.message).to.match(/\/dist\/offer-wall\.detail\.[0-9a-f]{8}\.js/);
      await wall.updateComplete;
      expect(dialog()).to.equal(null);
      wall.addEventListener('offer-click', (event) => event.preventDefault(), { once: true });
      const clicked = oneEvent(wall, 'offer-click');
      root.querySelector<HTMLElement>('[part~="cta"]')!.click();
      expect(((await clicked) as CustomEvent<{ offer: { id: string } }>).detail.offer.id).to.equal('1001');
      // Not asked again for every pointer crossing the list, but for the next offer opened,
      // which opens once the file is here.
      missing = false;
      held = gate();
      root.querySelector('[part~="list"]')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(asked).to.have.length(1);
      root.querySelectorAll<HTMLElement>('[part~="card"] .open')[1]!.click();
      await waitUntil(() => asked.length === 2, 'the detail asked for again', { timeout: 5000 });
      expect(asked[1]).to.match(/^\?retry=\d$/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(dialog()).to.equal(null);
      held.open();
      await wall.updateComplete;
      expect(dialog()!.open).to.equal(true);
      expect(dialog()!.querySelector('#detail-title')!.textContent).to.equal('Offer 2');
      // Its styles came with it: the dialog's own padding, not the browser's.
      expect(getComputedStyle(dialog()!).paddingTop).to.equal('0px');
      root.querySelector<HTMLElement>('[part~="close"]')!.click();
      await wall.updateComplete;
      expect(dialog()).to.equal(null);
      expect(asked).to.have.length(2);
    } finally {
      held.open();
      wall.remove();
    }
  });
});
