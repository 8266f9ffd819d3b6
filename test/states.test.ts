/** Loading, empty and error states, retries, configuration errors, and the element's lifecycle. */
import { expect, oneEvent } from '@open-wc/testing';
import { delay, HttpResponse } from 'msw';
import type { OfferWallErrorEvent, OfferWallLoadEvent } from '../src/events.js';
import { messagesFor } from '../src/i18n/index.js';
import { s2sOffers, s2sPage } from './fixtures/feeds.js';
import { TEST_RETRY_DELAYS, failedWall, feed, frames, http, loadedWall, mock, mountWall, nextEvent, part, parts, spyFetch, until, ENDPOINT } from './helpers.js';

describe('<offer-wall> states', () => {
  it('shows a polite loading state while the first page is on its way', async () => {
    await mock(
      feed(async () => {
        await delay(300);
        return s2sPage(s2sOffers(1, 1));
      }),
    );
    const wall = mountWall();
    // Listening now: the accessibility audit below may outlast the 300 ms answer on a slow engine.
    const loaded = oneEvent(wall, 'offer-wall-load');
    await wall.updateComplete;
    const loading = part(wall, 'loading');
    expect(loading).to.not.equal(null);
    expect(loading!.getAttribute('role')).to.equal('status');
    await expect(wall).to.be.accessible();
    await loaded;
    expect(part(wall, 'loading')).to.equal(null);
  });

  it('shows the empty state for a feed with no offers', async () => {
    await mock(feed(s2sPage([], { total: 0 })));
    const { wall, detail } = await loadedWall();
    expect(detail.offers).to.deep.equal([]);
    expect(part(wall, 'empty')).to.not.equal(null);
    expect(parts(wall, 'card')).to.have.length(0);
    await expect(wall).to.be.accessible();
  });

  it('shows a configuration error, naming the attribute, when there is no endpoint', async () => {
    const wall = document.createElement('offer-wall');
    const errored = oneEvent(wall, 'offer-wall-error') as Promise<OfferWallErrorEvent>;
    document.body.append(wall);
    try {
      const { error } = (await errored).detail;
      expect(error.kind).to.equal('config');
      expect(error.message).to.contain('endpoint');
      await wall.updateComplete;
      // The panel speaks to the user; the attribute is named to the publisher, in the event.
      expect(part(wall, 'error')!.textContent).to.contain(messagesFor('en').errorTitle);
      await expect(wall).to.be.accessible();
    } finally {
      wall.remove();
    }
  });

  it('reports a 4xx at once, without retrying, and loads again on retry', async () => {
    let calls = 0;
    await mock(
      http.get(ENDPOINT, () => {
        calls++;
        return calls === 1 ? new HttpResponse('nope', { status: 403 }) : HttpResponse.json(s2sPage(s2sOffers(1, 2)));
      }),
    );
    const { wall, error } = await failedWall();
    expect(error).to.deep.equal({ kind: 'http', message: 'The offers endpoint answered HTTP 403.' });
    expect(calls).to.equal(1);
    expect(part(wall, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(wall).to.be.accessible();

    const loaded = nextEvent<OfferWallLoadEvent>(wall, 'offer-wall-load');
    part(wall, 'retry')!.click();
    await loaded;
    expect(part(wall, 'error')).to.equal(null);
    expect(parts(wall, 'card')).to.have.length(2);
  });

  it('retries a 5xx twice with backoff before it shows the error', async () => {
    const times: number[] = [];
    await mock(
      http.get(ENDPOINT, () => {
        times.push(performance.now());
        return new HttpResponse('busy', { status: 503 });
      }),
    );
    const { error } = await failedWall();
    expect(error.kind).to.equal('http');
    expect(times).to.have.length(3);
    // The pauses of the schedule (shortened for the tests; request.test.ts checks the real one).
    expect(times[1]! - times[0]!).to.be.at.least(TEST_RETRY_DELAYS[0]!);
    expect(times[2]! - times[1]!).to.be.at.least(TEST_RETRY_DELAYS[1]!);
  });

  it('recovers when a retry of a 5xx succeeds', async () => {
    let calls = 0;
    await mock(
      http.get(ENDPOINT, () =>
        ++calls < 3 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json(s2sPage(s2sOffers(1, 1))),
      ),
    );
    const { wall } = await loadedWall();
    expect(calls).to.equal(3);
    expect(parts(wall, 'card')).to.have.length(1);
  });

  it('gives up on a slow endpoint after the timeout, with retries, as a timeout error', async () => {
    await mock(
      feed(async () => {
        await delay(2000);
        return s2sPage(s2sOffers(1, 1));
      }),
    );
    // Attempts are counted as the wall makes them: on a loaded machine a 150 ms attempt can be
    // given up before the service worker has even handed it to the mock.
    const attempts: string[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes(ENDPOINT)) attempts.push(String(input));
      return original(input, init);
    };
    try {
      const { error } = await failedWall({ timeout: '150' });
      expect(error.kind).to.equal('timeout');
      expect(error.message).to.contain('150 ms');
      expect(attempts).to.have.length(3);
    } finally {
      window.fetch = original;
    }
  });

  it('reports an unreachable endpoint as a network error', async () => {
    await mock(http.get(ENDPOINT, () => HttpResponse.error()));
    const { error } = await failedWall();
    expect(error.kind).to.equal('network');
  });

  it('reports a body that is not JSON, or not a feed, as a payload error', async () => {
    await mock(http.get(ENDPOINT, () => new HttpResponse('<html>Maintenance</html>', { headers: { 'Content-Type': 'text/html' } })));
    expect((await failedWall()).error.kind).to.equal('payload');
    await mock(feed({ status: 'ok', items: [] }));
    expect((await failedWall()).error).to.deep.include({ kind: 'payload' });
  });

  it('keeps the offers already shown when a next page fails, with a retry for that page', async () => {
    let calls = 0;
    await mock(
      http.get(ENDPOINT, ({ request }) => {
        calls++;
        const page = new URL(request.url).searchParams.get('page');
        if (page === '2' && calls === 2) return new HttpResponse(null, { status: 404 });
        return HttpResponse.json(s2sPage(s2sOffers(page === '2' ? 21 : 1, 20), { total: 40 }));
      }),
    );
    const { wall } = await loadedWall();
    const errored = nextEvent<OfferWallErrorEvent>(wall, 'offer-wall-error');
    part(wall, 'more')!.click();
    expect((await errored).detail.error.kind).to.equal('http');
    await wall.updateComplete;
    expect(parts(wall, 'card')).to.have.length(20);
    const loaded = nextEvent<OfferWallLoadEvent>(wall, 'offer-wall-load');
    part(wall, 'retry')!.click();
    expect((await loaded).detail.page).to.equal(2);
    expect(parts(wall, 'card')).to.have.length(40);
  });

  it('warns once, naming the attribute, about a bad setting and still loads', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 1))));
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const { wall } = await loadedWall({ 'page-size': 'lots', format: 'xml' });
      wall.requestUpdate();
      await wall.updateComplete;
      expect(warnings.filter((w) => w.includes('page-size="lots"'))).to.have.length(1);
      expect(warnings.filter((w) => w.includes('format="xml"'))).to.have.length(1);
      expect(parts(wall, 'card')).to.have.length(1);
    } finally {
      console.warn = original;
    }
  });
});

describe('<offer-wall> lifecycle', () => {
  it('stops its request when removed and loads again when re-added', async () => {
    let calls = 0;
    let firstAnswered = false;
    await mock(
      http.get(ENDPOINT, async () => {
        const call = ++calls;
        await delay(call === 1 ? 300 : 10);
        if (call === 1) firstAnswered = true;
        return HttpResponse.json(s2sPage(s2sOffers(1, 1)));
      }),
    );
    const wall = mountWall();
    const parent = wall.parentElement!;
    let loads = 0;
    wall.addEventListener('offer-wall-load', () => loads++);
    // Removed while its request is in flight (a busy engine may take a while to send it).
    await until(() => calls === 1, 'the first request');
    wall.remove();
    // The answer to the request it dropped comes, and is not shown.
    await until(() => firstAnswered, 'the first answer');
    await frames();
    expect(loads).to.equal(0);
    expect(parts(wall, 'card')).to.have.length(0);

    const loaded = oneEvent(wall, 'offer-wall-load');
    parent.append(wall);
    await loaded;
    expect(calls).to.equal(2);
    expect(parts(wall, 'card')).to.have.length(1);
  });

  it('works as a property-configured element created from script', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const wall = document.createElement('offer-wall');
    wall.endpoint = ENDPOINT;
    wall.format = 's2s';
    const loaded = oneEvent(wall, 'offer-wall-load');
    document.body.append(wall);
    try {
      await loaded;
      expect(parts(wall, 'card')).to.have.length(2);
    } finally {
      wall.remove();
    }
  });

  it('keeps the offers shown when moved in the page while a next page loads, and still loads it', async () => {
    const pages: string[] = [];
    await mock(
      http.get(ENDPOINT, async ({ request }) => {
        const page = new URL(request.url).searchParams.get('page')!;
        pages.push(page);
        if (page === '2' && pages.filter((p) => p === '2').length === 1) await delay(500);
        return HttpResponse.json(s2sPage(s2sOffers(page === '1' ? 1 : 4, 3), { page: Number(page), total: 6 }));
      }),
    );
    const { wall } = await loadedWall({ 'page-size': '3' });
    part(wall, 'more')!.click();
    await until(() => pages.includes('2'), 'the second page asked');
    const parent = wall.parentElement!;
    wall.remove();
    parent.append(wall);
    await wall.updateComplete;
    // Page 1 stays on screen: no reload from the first page.
    expect(parts(wall, 'card').length).to.be.at.least(3);
    await until(() => parts(wall, 'card').length === 6, 'the second page shown');
    expect(pages.filter((p) => p === '1')).to.have.length(1);
  });

  it('reload() asks once, with the settings changed just before it', async () => {
    await mock(feed(s2sPage(s2sOffers(1, 2))));
    const { wall } = await loadedWall({ format: 's2s' });
    const spy = spyFetch();
    try {
      const reloaded = oneEvent(wall, 'offer-wall-load');
      wall.country = 'DE';
      wall.reload();
      await reloaded;
      await frames();
      expect(spy.calls.map((call) => new URL(call.url).searchParams.get('country'))).to.deep.equal(['DE']);
    } finally {
      spy.restore();
    }
  });
});
