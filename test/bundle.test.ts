/**
 * The script-tag file a publisher loads: dist/offer-wall.js (built by `npm test` first). This page
 * loads nothing from src/, only that file, the way a publisher's page does.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { s2sOffers, s2sPage } from './fixtures/feeds.js';
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
  it('upgrades an <offer-wall> already in the page and renders offers, with no imports of its own', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 3))));
    const wall = document.createElement('offer-wall');
    wall.setAttribute('endpoint', ENDPOINT);
    document.body.append(wall);
    const loaded = oneEvent(wall, 'offer-wall-load');
    await loadScript({ src: '/dist/offer-wall.js' });
    await loaded;
    expect(wall.shadowRoot!.querySelectorAll('[part~="card"]')).to.have.length(3);
    const source = await (await fetch('/dist/offer-wall.js')).text();
    expect(source).to.not.match(/^\s*import[\s{*]/m);
    expect(source).to.not.match(/\bimport\(/);
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
