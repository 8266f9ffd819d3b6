/**
 * dist/offer-wall.js when appcharge's store chunk cannot be loaded (a page of its own: a module
 * that loaded once stays loaded for the page). The offers of an appcharge feed cannot be read
 * without it: the load is tried again with the feed's retries, then the error panel says so, with
 * its retry, and offer-wall-error names the file.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { http, HttpResponse, passthrough } from 'msw';
import { appchargeOffer, appchargePage } from './fixtures/feeds.js';
import { feed, mock, ENDPOINT } from './helpers-bundle.js';

describe('the store chunk of dist/offer-wall.js, missing', () => {
  it('retries it with the feed, then shows the error panel and names the file; its retry brings the store', async function () {
    this.timeout(15000); // the shipped retries, 0.5 s and 1.5 s
    const asked: string[] = [];
    let missing = true;
    await mock(
      http.get(/\/dist\/offer-wall\.store\.[0-9a-f]{8}\.js/, ({ request }) => {
        asked.push(new URL(request.url).search);
        return missing ? new HttpResponse('not here', { status: 404 }) : passthrough();
      }),
      feed(appchargePage([appchargeOffer(1)])),
    );
    await new Promise<void>((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: '/dist/offer-wall.js', onload: () => resolve(), onerror: reject });
      document.head.append(script);
    });
    const wall = document.createElement('offer-wall');
    Object.entries({ endpoint: ENDPOINT, format: 'appcharge', locale: 'en-US' }).forEach(([name, value]) => wall.setAttribute(name, value));
    const failed = oneEvent(wall, 'offer-wall-error');
    document.body.append(wall);
    try {
      const { error } = ((await failed) as CustomEvent<{ error: { kind: string; message: string } }>).detail;
      expect(error.kind).to.equal('network');
      expect(error.message).to.match(/\/dist\/offer-wall\.store\.[0-9a-f]{8}\.js/);
      // The first try and the feed's two retries, each under its own URL.
      expect(asked).to.deep.equal(['', '?retry=1', '?retry=2']);
      await (wall as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const root = wall.shadowRoot!;
      expect(root.querySelector('[part~="error"]')).to.not.equal(null);
      missing = false;
      const loaded = oneEvent(wall, 'offer-wall-load');
      root.querySelector<HTMLElement>('[part~="retry"]')!.click();
      await loaded;
      expect(root.querySelector('[part~="payout"]')!.textContent).to.equal('$4.99');
    } finally {
      wall.remove();
    }
  });
});
