/** What the wall asks the publisher's endpoint, and how it pages. */
import { expect, oneEvent } from '@open-wc/testing';
import { delay } from 'msw';
import type { OfferWallLoadEvent } from '../src/events.js';
import { appchargeOffer, appchargePage, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { ENDPOINT, feed, loadedWall, mock, mountWall, nextEvent, part, parts, recorder, texts, frames, until } from './helpers.js';

/** An s2s endpoint with `total` offers, answering the requested page. */
function s2sEndpoint(total: number, log = recorder()) {
  return {
    log,
    handler: feed((url: URL) => {
      log.record(url);
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('page_size') ?? 20);
      const from = (page - 1) * size;
      return s2sPage(s2sOffers(from + 1, Math.max(0, Math.min(size, total - from))), { page, total, size });
    }),
  };
}

describe('<offer-wall> requests', () => {
  it('sends the s2s parameters with the upstream’s names, only those that have a value', async () => {
    const { log, handler } = s2sEndpoint(3);
    await mock(handler);
    await loadedWall({ format: 's2s', os: 'android', country: 'de', 'page-size': '5', 'user-id': 'user 42', gaid: 'g-1', andid: 'a-1' });
    expect(Object.fromEntries(log.queries[0]!)).to.deep.equal({
      os: 'android',
      page: '1',
      page_size: '5',
      country: 'DE',
      thirdparty_id: 'user 42',
      gaid: 'g-1',
      andid: 'a-1',
    });

    await loadedWall({ format: 's2s', os: 'ios' });
    expect(Object.fromEntries(log.queries[1]!)).to.deep.equal({ os: 'ios', page: '1', page_size: '20' });
  });

  it('sends the appcharge parameters, with recordLimit capped at 500', async () => {
    const log = recorder();
    await mock(
      feed((url: URL) => {
        log.record(url);
        return appchargePage([appchargeOffer(1)]);
      }),
    );
    await loadedWall({ format: 'appcharge', 'offer-type': 'Bundle', 'offer-sub-type': 'DailyBonus', 'page-size': '800' });
    expect(Object.fromEntries(log.queries[0]!)).to.deep.equal({
      offerType: 'Bundle',
      offerSubType: 'DailyBonus',
      recordLimit: '500',
      offset: '0',
    });
  });

  it('asks with both dialects at first in auto format, then only with the one that answered', async () => {
    const log = recorder();
    await mock(
      feed((url: URL) => {
        log.record(url);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        return appchargePage([appchargeOffer(offset + 1), appchargeOffer(offset + 2)], 4);
      }),
    );
    const { wall } = await loadedWall({ os: 'android', 'offer-type': 'Bundle', 'page-size': '2' });
    expect([...log.queries[0]!.keys()].sort()).to.deep.equal(
      ['offerType', 'offset', 'os', 'page', 'page_size', 'recordLimit'].sort(),
    );
    const more = nextEvent<OfferWallLoadEvent>(wall, 'offer-wall-load');
    part(wall, 'more')!.click();
    expect((await more).detail.page).to.equal(2);
    expect(Object.fromEntries(log.queries[1]!)).to.deep.equal({ offerType: 'Bundle', recordLimit: '2', offset: '2' });
  });

  it('keeps query parameters that are part of the endpoint URL', async () => {
    const log = recorder();
    await mock(
      feed((url: URL) => {
        log.record(url);
        return s2sPage(s2sOffers(1, 1));
      }),
    );
    await loadedWall({ endpoint: `${ENDPOINT}?placement=home` });
    expect(log.queries[0]!.get('placement')).to.equal('home');
  });

  it('re-requests from the first page when a request attribute or property changes', async () => {
    const { log, handler } = s2sEndpoint(100);
    await mock(handler);
    const { wall } = await loadedWall({ country: 'US' });

    let reloaded = oneEvent(wall, 'offer-wall-load');
    wall.setAttribute('country', 'GB');
    await reloaded;
    expect(log.queries[1]!.get('country')).to.equal('GB');
    expect(log.queries[1]!.get('page')).to.equal('1');

    reloaded = oneEvent(wall, 'offer-wall-load');
    wall.userId = 'u-7';
    await reloaded;
    expect(log.queries[2]!.get('thirdparty_id')).to.equal('u-7');

    reloaded = oneEvent(wall, 'offer-wall-load');
    wall.pageSize = 3;
    await reloaded;
    expect(log.queries[3]!.get('page_size')).to.equal('3');
    expect(parts(wall, 'card')).to.have.length(3);
  });

  it('never shows the answer to a request made before a change', async () => {
    let usAsked = false;
    let usAnswered = false;
    await mock(
      feed(async (url: URL) => {
        if (url.searchParams.get('country') === 'US') {
          usAsked = true;
          await delay(200);
          usAnswered = true;
        }
        return s2sPage([{ ...s2sOffers(1, 1)[0], name: `From ${url.searchParams.get('country')}` }]);
      }),
    );
    const wall = mountWall({ country: 'US' });
    await until(() => usAsked, 'the request for US');
    wall.country = 'FR';
    const { detail } = (await oneEvent(wall, 'offer-wall-load')) as OfferWallLoadEvent;
    expect(detail.offers[0]!.name).to.equal('From FR');
    await until(() => usAnswered, 'the answer for US, late');
    await frames();
    expect(texts(wall, 'title')).to.deep.equal(['From FR']);
  });
});

describe('<offer-wall> paging', () => {
  it('appends the next page when `more` is activated, until every offer is shown', async () => {
    const { log, handler } = s2sEndpoint(25);
    await mock(handler);
    const { wall } = await loadedWall({ 'page-size': '20' });
    expect(parts(wall, 'card')).to.have.length(20);

    const next = nextEvent<OfferWallLoadEvent>(wall, 'offer-wall-load');
    part(wall, 'more')!.click();
    const { detail } = (await next);
    expect(detail).to.deep.include({ page: 2, total: 25, rejected: 0 });
    expect(detail.offers).to.have.length(25);
    expect(log.queries[1]!.get('page')).to.equal('2');
    expect(texts(wall, 'title').slice(19, 21)).to.deep.equal(['Offer 20', 'Offer 21']);
    expect(part(wall, 'more')).to.equal(null);
  });

  it('steps the appcharge offset by recordLimit', async () => {
    const log = recorder();
    await mock(
      feed((url: URL) => {
        log.record(url);
        const offset = Number(url.searchParams.get('offset'));
        return appchargePage([appchargeOffer(offset + 1), appchargeOffer(offset + 2), appchargeOffer(offset + 3)], 30);
      }),
    );
    const { wall } = await loadedWall({ format: 'appcharge', 'page-size': '3' });
    await new Promise<void>((resolve) => {
      wall.addEventListener('offer-wall-load', (e) => e.detail.page === 3 && resolve());
      part(wall, 'more')!.click();
    });
    expect(log.queries.slice(0, 3).map((q) => q.get('offset'))).to.deep.equal(['0', '3', '6']);
  });

  it('loads the next page by itself when the end of the list scrolls near', async () => {
    const { log, handler } = s2sEndpoint(90);
    await mock(handler);
    const { wall } = await loadedWall({ 'page-size': '30' });
    await frames(3);
    // The end of 30 compact cards is far below the 600 px viewport and the 600 px of reach below
    // it. (What asked early here was the wall acting on where its first screen had put the end:
    // test/streaming.test.ts shows it.)
    expect(log.queries).to.have.length(1);

    const next = nextEvent<OfferWallLoadEvent>(wall, 'offer-wall-load');
    parts(wall, 'card').at(-1)!.scrollIntoView();
    expect((await next).detail.page).to.equal(2);
    expect(parts(wall, 'card')).to.have.length(60);
  });

  it('stops asking when a page comes back short and the feed gives no total', async () => {
    const log = recorder();
    await mock(
      feed((url: URL) => {
        log.record(url);
        return { data: s2sOffers(1, 2) };
      }),
    );
    const { wall } = await loadedWall({ 'page-size': '5' });
    await frames(3);
    expect(part(wall, 'more')).to.equal(null);
    expect(log.queries).to.have.length(1);
  });
});
