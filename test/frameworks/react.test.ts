/** `<offer-wall>` inside a React 19 app: attributes, the `messages` property and events through React props. */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { OfferWall } from '../../src/offer-wall.component.js';
import type { WallOffer } from '../../src/data/types.js';
import { s2sOffer, s2sPage } from '../fixtures/feeds.js';
import { ENDPOINT, feed, http, HttpResponse, mock, part, parts, recorder, until as untilFor } from '../helpers.js';
import type { RewardEntry } from '../../src/data/rewards.js';

/** Waits for `condition`, as the other tests do (the framework renders in its own time). */
const until = (condition: () => boolean) => untilFor(condition, 'the framework to render');
import { RewardsWall, type RewardsWallProps } from './RewardsWall.js';

describe('<offer-wall> in React 19', () => {
  let host: HTMLElement;
  let root: Root;
  let picked: Array<{ offer: WallOffer; url: string | null }>;

  function render(props: Partial<RewardsWallProps> = {}): OfferWall {
    flushSync(() =>
      root.render(
        createElement(RewardsWall, {
          endpoint: ENDPOINT,
          userId: 'react-user',
          onOfferPicked: (offer, url) => picked.push({ offer, url }),
          ...props,
        }),
      ),
    );
    return host.querySelector('offer-wall')!;
  }


  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    picked = [];
  });
  afterEach(() => {
    flushSync(() => root.unmount());
    host.remove();
    fixtureCleanup();
  });

  it('shows the offers of the endpoint it was given, with the user id and currency from JSX attributes', async () => {
    const requests = recorder();
    await mock(feed((url: URL) => (requests.record(url), s2sPage([s2sOffer(1), s2sOffer(2)]))));
    const wall = render();
    await until(() => parts(wall, 'card').length === 2);

    expect(requests.queries[0]!.get('thirdparty_id')).to.equal('react-user');
    expect(wall.getAttribute('user-id')).to.equal('react-user');
    expect(wall.endpoint).to.equal(ENDPOINT);
    expect(parts(wall, 'payout')[0]!.textContent).to.contain('1,500 Coins');
  });

  it('passes messages as a property, so a text override shows', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    const wall = render({ messages: { all: 'Every offer' } });
    await until(() => parts(wall, 'cta').length === 1);

    expect(wall.messages).to.deep.equal({ all: 'Every offer' });
    expect(wall.hasAttribute('messages')).to.equal(false);
    expect(parts(wall, 'filter')[0]!.textContent!.trim()).to.equal('Every offer');
  });

  it('hands offer-wall-load to React state and offer-click, prevented, to the app with the offer', async () => {
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(2), s2sOffer(3)])));
    const wall = render();
    await until(() => host.querySelector('[role=status]')!.textContent === '3 offers');

    const opened: unknown[] = [];
    const open = window.open;
    window.open = ((...args: unknown[]) => (opened.push(args), null)) as typeof window.open;
    try {
      parts(wall, 'cta')[1]!.click();
    } finally {
      window.open = open;
    }
    expect(picked).to.have.length(1);
    expect(picked[0]!.offer).to.deep.include({ id: '1002', name: 'Offer 2' });
    expect(picked[0]!.url).to.contain('sub=react-user');
    expect(opened, 'React prevented the default: the wall opened nothing').to.deep.equal([]);
  });

  it('requests again with the new query when a React prop changes or goes away, and keeps one listener', async () => {
    const requests = recorder();
    await mock(feed((url: URL) => (requests.record(url), s2sPage([s2sOffer(requests.queries.length)]))));
    const wall = render({ country: 'US' });
    await until(() => parts(wall, 'card').length === 1);
    expect(requests.queries.map((q) => q.get('country'))).to.deep.equal(['US']);

    const again = render({ country: 'DE' });
    expect(again, 'React updated the same element').to.equal(wall);
    await until(() => requests.queries.length === 2 && parts(wall, 'title')[0]?.textContent?.trim() === 'Offer 2');
    expect(requests.queries[1]!.get('country')).to.equal('DE');
    expect(requests.queries[1]!.get('page')).to.equal('1');

    // A re-render gives React a new handler function; the wall must still call exactly one.
    parts(wall, 'cta')[0]!.click();
    expect(picked).to.have.length(1);

    // Back to "any country": React sets the property to undefined; the wall sends none.
    render({});
    await until(() => requests.queries.length === 3);
    expect(requests.queries[2]!.has('country')).to.equal(false);
  });

  it('sets the rewards attributes from JSX and hands offer-support, prevented, to the app', async () => {
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000).toISOString();
    let authorization: string | null = null;
    await mock(
      feed(s2sPage([s2sOffer(1)])),
      http.get('/api/rewards', ({ request }) => {
        authorization = request.headers.get('Authorization');
        const entry = { id: '9', status: 'pending', offer_id: 'o9', name: 'Late reward', icon: null, amount: 50, click_id: 'c9', clicked_at: twoDaysAgo, updated_at: twoDaysAgo };
        return HttpResponse.json({ balance: 0, entries: [entry], next: null });
      }),
    );
    const asked: RewardEntry[] = [];
    const wall = render({ rewardsEndpoint: '/api/rewards', userToken: 'react-token', supportUrl: 'https://help.example/?c={click_id}', onSupport: (reward) => asked.push(reward) });
    expect(wall.getAttribute('user-token')).to.equal('react-token');
    await until(() => parts(wall, 'tab').length === 2);
    parts(wall, 'tab')[1]!.click();
    await until(() => part(wall, 'support') !== null);
    expect(authorization).to.equal('Bearer react-token');

    const opened: unknown[] = [];
    const open = window.open;
    window.open = ((...args: unknown[]) => (opened.push(args), null)) as typeof window.open;
    try {
      part(wall, 'support')!.click();
    } finally {
      window.open = open;
    }
    expect(asked.map((reward) => reward.clickId)).to.deep.equal(['c9']);
    expect(opened, 'the app handled it: no support page opened').to.deep.equal([]);
  });
});
