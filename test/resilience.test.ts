/**
 * Failing networks, races and the element's lifecycle: every failure ends in a clear state with
 * `retry` and the right error kind; a change aborts what is in flight and an outdated answer is
 * never shown; a removed wall stops everything it was doing.
 */
import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { delay } from 'msw';
import type { OfferWallErrorEvent, OfferWallLoadEvent } from '../src/events.js';
import { s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { RETRY_DELAYS } from '../src/data/request.js';
import {
  ENDPOINT,
  HttpResponse,
  PAST_RETRIES,
  TEST_RETRY_DELAYS,
  failedWall,
  feed,
  frames,
  http,
  loadedWall,
  mock,
  mountWall,
  part,
  parts,
  sleep,
  spyFetch,
  texts,
  until,
} from './helpers.js';

/** Records the errors a wall reports. */
function errorsOf(wall: HTMLElement) {
  const errors: string[] = [];
  wall.addEventListener('offer-wall-error', (e) => errors.push(e.detail.error.kind));
  return errors;
}

describe('failing networks', () => {
  it('retries a network failure twice, then shows the error with retry (kind network)', async () => {
    let calls = 0;
    await mock(
      http.get(ENDPOINT, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const { wall, error } = await failedWall();
    expect(error.kind).to.equal('network');
    expect(calls).to.equal(3);
    expect(part(wall, 'retry')).to.not.equal(null);
  });

  it('calls truncated JSON a payload error and does not retry it', async () => {
    let calls = 0;
    await mock(
      http.get(ENDPOINT, () => {
        calls++;
        return new HttpResponse('{"c":0,"d":{"p":1,"tot":28,"n":1,"data":[{"id":2957231058,"countries": [', {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const { wall, error } = await failedWall();
    expect(error).to.deep.equal({ kind: 'payload', message: 'The offers endpoint did not answer with JSON.' });
    expect(calls).to.equal(1);
    expect(part(wall, 'error')).to.not.equal(null);
  });

  it('calls JSON of the wrong shape a payload error, naming what is missing', async () => {
    await mock(feed({ c: 0, d: { p: 1, list: [] } }));
    const { error } = await failedWall({ format: 's2s' });
    expect(error.kind).to.equal('payload');
    expect(error.message).to.contain('d.data');
  });

  it('reports an upstream error code inside a 200 answer as a payload error', async () => {
    await mock(feed({ c: 1001, msg: 'app_id is invalid', d: null }));
    const { error } = await failedWall({ format: 's2s' });
    expect(error).to.deep.equal({ kind: 'payload', message: 'The feed answered with error code 1001: app_id is invalid.' });
  });

  it('does not retry a 404 or a 429', async () => {
    for (const status of [404, 429]) {
      let calls = 0;
      await mock(
        http.get(ENDPOINT, () => {
          calls++;
          return new HttpResponse(null, { status });
        }),
      );
      const { error } = await failedWall();
      expect(error.kind).to.equal('http');
      expect(calls, String(status)).to.equal(1);
    }
  });
});

describe('races', () => {
  it('aborts the request in flight when a request attribute changes, without reporting an error', async () => {
    const spy = spyFetch();
    try {
      await mock(
        feed(async (url: URL) => {
          if (url.searchParams.get('country') === 'US') await delay(2000);
          return s2sPage(s2sOffers(1, 1));
        }),
      );
      const wall = mountWall({ country: 'US' });
      const errors = errorsOf(wall);
      await until(() => spy.calls.length > 0, 'the first request');
      expect(spy.calls).to.have.length(1);
      wall.setAttribute('country', 'GB');
      await oneEvent(wall, 'offer-wall-load');
      expect(spy.calls[0]!.signal!.aborted).to.equal(true);
      expect(spy.calls[1]!.url).to.contain('country=GB');
      expect(errors).to.deep.equal([]);
    } finally {
      spy.restore();
    }
  });

  it('never appends a late `more` page that belongs to the query before a change', async () => {
    let latePageAsked = false;
    let latePageAnswered = false;
    await mock(
      feed(async (url: URL) => {
        const country = url.searchParams.get('country');
        const page = Number(url.searchParams.get('page'));
        if (page === 2) {
          latePageAsked = true;
          await delay(200);
          latePageAnswered = true;
        }
        return s2sPage(
          s2sOffers(page * 100, 20).map((o) => ({ ...o, name: `${country} p${page} ${o['id']}` })),
          { total: 60, page },
        );
      }),
    );
    const { wall } = await loadedWall({ country: 'US' });
    const loads: OfferWallLoadEvent['detail'][] = [];
    wall.addEventListener('offer-wall-load', (e) => loads.push(e.detail));
    part(wall, 'more')!.click();
    await until(() => latePageAsked, 'page 2 asked');
    wall.country = 'FR';
    await until(() => loads.length > 0, 'the load for the new query');
    await until(() => latePageAnswered, 'the old query’s page 2 answered, late');
    await frames();
    expect(loads.map((d) => d.page)).to.deep.equal([1]);
    expect(texts(wall, 'title').every((t) => t.startsWith('FR p1'))).to.equal(true);
    expect(parts(wall, 'card')).to.have.length(20);
  });

  it('drops a retry in progress when the query changes', async () => {
    const spy = spyFetch();
    // A backoff long enough to change the query inside it.
    RETRY_DELAYS.splice(0, 2, 200, 200);
    try {
      let refused = 0;
      await mock(
        feed((url: URL) => {
          if (url.searchParams.get('country') !== 'US') return s2sPage(s2sOffers(1, 2));
          refused++;
          return new HttpResponse(null, { status: 503 });
        }),
      );
      const wall = mountWall({ country: 'US' });
      const errors = errorsOf(wall);
      await until(() => refused === 1, 'the first attempt, refused');
      await frames(); // the refusal has reached the wall, which waits 200 ms to retry
      wall.country = 'GB';
      await oneEvent(wall, 'offer-wall-load');
      await sleep(450); // past the whole backoff of the old query
      expect(spy.calls.filter((c) => c.url.includes('country=US'))).to.have.length(1);
      expect(errors).to.deep.equal([]);
      expect(parts(wall, 'card')).to.have.length(2);
    } finally {
      RETRY_DELAYS.splice(0, 2, ...TEST_RETRY_DELAYS);
      spy.restore();
    }
  });

  it('shows the latest answer when properties change several times in one task', async () => {
    const spy = spyFetch();
    try {
      await mock(feed((url: URL) => s2sPage([s2sOffer(1, { name: `for ${url.searchParams.get('country')}` })])));
      const wall = mountWall({ country: 'US' });
      wall.country = 'DE';
      wall.country = 'FR';
      wall.pageSize = 5;
      const { detail } = (await oneEvent(wall, 'offer-wall-load')) as OfferWallLoadEvent;
      expect(detail.offers[0]!.name).to.equal('for FR');
      // Changes made in one task are batched into a single request.
      expect(spy.calls).to.have.length(1);
    } finally {
      spy.restore();
    }
  });
});

describe('several walls on one page', () => {
  it('load, fail and reload independently of each other', async () => {
    await mock(
      http.get('/api/a', () => HttpResponse.json(s2sPage(s2sOffers(1, 2)))),
      http.get('/api/b', () => new HttpResponse(null, { status: 404 })),
    );
    const a = mountWall({ endpoint: '/api/a' });
    const b = mountWall({ endpoint: '/api/b' });
    const [aLoaded, bFailed] = await Promise.all([oneEvent(a, 'offer-wall-load'), oneEvent(b, 'offer-wall-error')]);
    expect((aLoaded as OfferWallLoadEvent).detail.offers).to.have.length(2);
    expect((bFailed as OfferWallErrorEvent).detail.error.kind).to.equal('http');
    await b.updateComplete;
    expect(parts(a, 'card')).to.have.length(2);
    expect(part(b, 'error')).to.not.equal(null);

    let aLoads = 0;
    a.addEventListener('offer-wall-load', () => aLoads++);
    b.endpoint = '/api/a';
    await oneEvent(b, 'offer-wall-load');
    expect(parts(b, 'card')).to.have.length(2);
    expect(aLoads).to.equal(0);
  });
});

describe('lifecycle', () => {
  it('aborts its request when removed, and nothing keeps running afterwards', async () => {
    const spy = spyFetch();
    try {
      await mock(
        feed(async () => {
          await delay(300);
          return new HttpResponse(null, { status: 503 });
        }),
      );
      const wall = mountWall();
      let events = 0;
      for (const type of ['offer-wall-load', 'offer-wall-error', 'offer-impression']) wall.addEventListener(type, () => events++);
      await until(() => spy.calls.length > 0, 'the first request');
      wall.remove();
      expect(spy.calls).to.have.length(1);
      expect(spy.calls[0]!.signal!.aborted).to.equal(true);
      await sleep(PAST_RETRIES); // longer than the whole retry schedule
      expect(spy.calls).to.have.length(1);
      expect(events).to.equal(0);
    } finally {
      spy.restore();
    }
  });

  it('asks for page 1 once when added, removed and added again in one task', async () => {
    const spy = spyFetch();
    try {
      await mock(feed(s2sPage(s2sOffers(1, 3))));
      const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
      const wall = document.createElement('offer-wall');
      wall.setAttribute('endpoint', ENDPOINT);
      container.append(wall);
      wall.remove();
      container.append(wall);
      await oneEvent(wall, 'offer-wall-load');
      await wall.updateComplete;
      expect(spy.calls.map((call) => call.url)).to.have.length(1);
      expect(spy.calls[0]!.signal!.aborted).to.equal(false);
      expect(parts(wall, 'card')).to.have.length(3);
    } finally {
      spy.restore();
    }
  });

  it('does not ask again for a next page it is still adapting when it is moved in the page', async () => {
    const spy = spyFetch();
    // Frames held back: the wall paints the first screen of page 2, then waits (up to 100 ms) for
    // the frame before adapting the rest, which leaves time to move it.
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      await mock(
        feed((url: URL) => {
          const page = Number(url.searchParams.get('page'));
          return s2sPage(s2sOffers(page * 1000, page === 1 ? 20 : 500), { total: 1000, page });
        }),
      );
      const { wall } = await loadedWall();
      const loads: OfferWallLoadEvent['detail'][] = [];
      wall.addEventListener('offer-wall-load', (e) => loads.push(e.detail));
      part(wall, 'more')!.click();
      await until(() => parts(wall, 'card').length > 20, 'the first screen of page 2');
      const parent = wall.parentElement!;
      parent.append(wall); // moved: disconnected, then connected again
      part(wall, 'more')?.click(); // the user (or the near-end watch) asks for more meanwhile
      await until(() => loads.length > 0, 'page 2 loaded');
      await wall.updateComplete;
      expect(loads.map((detail) => detail.page)).to.deep.equal([2]);
      expect(spy.calls.filter((call) => call.url.includes('page=2'))).to.have.length(1);
      // Every offer once: 20 of page 1, 500 of page 2.
      expect(loads[0]!.offers).to.have.length(520);
      expect(new Set(loads[0]!.offers.map((offer) => offer.id)).size).to.equal(520);
    } finally {
      window.requestAnimationFrame = raf;
      spy.restore();
    }
  });

  it('still loads the next page after being removed and put back', async () => {
    await mock(
      feed((url: URL) => {
        const page = Number(url.searchParams.get('page'));
        return s2sPage(s2sOffers(page * 100, 20), { total: 40, page });
      }),
    );
    const { wall } = await loadedWall();
    const parent = wall.parentElement!;
    wall.remove();
    parent.append(wall);
    await wall.updateComplete;
    const next = oneEvent(wall, 'offer-wall-load') as Promise<OfferWallLoadEvent>;
    part(wall, 'more')!.click();
    expect((await next).detail.page).to.equal(2);
    expect(parts(wall, 'card')).to.have.length(40);
  });

  it('removes its page listeners when removed, and adds them again when re-added', async () => {
    const live = new Map<string, number>();
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    const count = (type: string, by: number) => live.set(type, (live.get(type) ?? 0) + by);
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      count(type, 1);
      return (add as (...a: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      count(type, -1);
      return (remove as (...a: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.removeEventListener;
    try {
      await mock(feed(s2sPage(s2sOffers(1, 100), { total: 100 })));
      const { wall } = await loadedWall({ 'page-size': '100' });
      expect(live.get('scroll')).to.equal(1);
      expect(live.get('resize')).to.equal(1);
      const parent = wall.parentElement!;
      wall.remove();
      expect(live.get('scroll')).to.equal(0);
      expect(live.get('resize')).to.equal(0);
      parent.append(wall);
      expect(live.get('scroll')).to.equal(1);
    } finally {
      window.addEventListener = add;
      window.removeEventListener = remove;
    }
  });

  it('disconnects its observers when removed and observes again when re-added', async () => {
    // Watched through the prototype, which every observer shares: WebKit, deep into a full run,
    // went on building the wall's observers from the original class after a subclass replaced it.
    const live = new Set<IntersectionObserver>();
    const { observe, disconnect } = IntersectionObserver.prototype;
    IntersectionObserver.prototype.observe = function (this: IntersectionObserver, target: Element) {
      live.add(this);
      observe.call(this, target);
    };
    IntersectionObserver.prototype.disconnect = function (this: IntersectionObserver) {
      live.delete(this);
      disconnect.call(this);
    };
    try {
      await mock(feed(s2sPage(s2sOffers(1, 30), { total: 60 })));
      // Listening from the start: the first screen is painted, and may be seen, before the load
      // event (WebKit reports it first).
      const wall = mountWall();
      const before: string[] = [];
      wall.addEventListener('offer-impression', (e) => before.push(e.detail.offer.id));
      await oneEvent(wall, 'offer-wall-load');
      await until(() => before.includes('1001'), 'the first impression');
      // Between a render that lets go of its cards and the frame that draws the next ones, none
      // may be observed for a moment (WebKit, loaded): wait for observers, then take it out.
      await until(() => live.size > 0, 'observers attached');
      const parent = wall.parentElement!;
      wall.remove();
      expect(live.size).to.equal(0);

      const seen: string[] = [];
      wall.addEventListener('offer-impression', (e) => seen.push(e.detail.offer.id));
      parent.append(wall);
      await wall.updateComplete;
      await until(() => live.size > 0, 'observers again once re-added');
      await frames(3); // time for any impression the re-added wall would wrongly count again
      expect(parts(wall, 'card')).to.have.length(30);
      // Impressions were already counted for this load; re-adding does not count them again.
      expect(seen).to.deep.equal([]);
      parts(wall, 'card').at(-1)!.scrollIntoView();
      await until(() => seen.includes('1030'), 'an impression for the last card, scrolled to');
    } finally {
      Object.assign(IntersectionObserver.prototype, { observe, disconnect });
    }
  });
});
