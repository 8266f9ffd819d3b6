/**
 * `<offer-wall>` inside a Vue 3 app: with a render function on the runtime-only build, and from a
 * template compiled by Vue's full build, as an SFC's template would be.
 */
import { expect } from '@open-wc/testing';
import { createApp, h, nextTick, reactive, type App } from 'vue';
import * as VueFull from 'vue/dist/vue.esm-browser.js';
import type { OfferWall } from '../../src/offer-wall.component.js';
import type { WallOffer } from '../../src/data/types.js';
import type { OfferClickEvent, OfferWallLoadEvent } from '../../src/events.js';
import type { WallMessages } from '../../src/messages.js';
import { s2sOffer, s2sPage } from '../fixtures/feeds.js';
import { ENDPOINT, feed, http, HttpResponse, mock, part, parts, recorder, until as untilFor } from '../helpers.js';
import type { RewardEntry } from '../../src/data/rewards.js';

/** Waits for `condition`, as the other tests do (the framework renders in its own time). */
const until = (condition: () => boolean) => untilFor(condition, 'the framework to render');
import { RewardsWall } from './RewardsWallVue.js';


/** Replaces window.open while `action` runs; returns its calls. */
function withoutOpen(action: () => void): unknown[] {
  const calls: unknown[] = [];
  const open = window.open;
  window.open = ((...args: unknown[]) => (calls.push(args), null)) as typeof window.open;
  try {
    action();
  } finally {
    window.open = open;
  }
  return calls;
}

describe('<offer-wall> in Vue 3 (render function, runtime-only build)', () => {
  let host: HTMLElement;
  let app: App;
  let picked: Array<{ offer: WallOffer; url: string | null }>;
  let asked: RewardEntry[];
  let warnings: string[];
  let props: {
    endpoint: string;
    userId: string;
    country: string | null;
    messages: Partial<WallMessages>;
    rewardsEndpoint?: string;
    userToken?: string;
    supportUrl?: string;
  };

  function mount(): OfferWall {
    app = createApp({
      render: () =>
        h(RewardsWall, {
          ...props,
          onPicked: (offer: WallOffer, url: string | null) => picked.push({ offer, url }),
          onSupport: (reward: RewardEntry) => asked.push(reward),
        }),
    });
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(host);
    return host.querySelector('offer-wall')!;
  }

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    picked = [];
    asked = [];
    warnings = [];
    props = reactive({ endpoint: ENDPOINT, userId: 'vue-user', country: null, messages: {} });
  });
  afterEach(() => {
    app.unmount();
    host.remove();
    expect(warnings, 'Vue warned').to.deep.equal([]);
  });

  it('shows the offers of the endpoint it was given, with the user id and currency as attributes', async () => {
    const requests = recorder();
    await mock(feed((url: URL) => (requests.record(url), s2sPage([s2sOffer(1), s2sOffer(2)]))));
    const wall = mount();
    await until(() => parts(wall, 'card').length === 2);

    expect(requests.queries[0]!.get('thirdparty_id')).to.equal('vue-user');
    expect(wall.getAttribute('user-id')).to.equal('vue-user');
    expect(wall.endpoint).to.equal(ENDPOINT);
    expect(parts(wall, 'payout')[0]!.textContent).to.contain('1,500 Coins');
  });

  it('passes messages as a property, so a text override shows', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    props.messages = { all: 'Alle Angebote' };
    const wall = mount();
    await until(() => parts(wall, 'cta').length === 1);

    expect(wall.messages).to.deep.equal({ all: 'Alle Angebote' });
    expect(wall.hasAttribute('messages')).to.equal(false);
    expect(parts(wall, 'filter')[0]!.textContent!.trim()).to.equal('Alle Angebote');
  });

  it('hands offer-wall-load to component state and offer-click, prevented, to the app as an emitted event', async () => {
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(2), s2sOffer(3)])));
    const wall = mount();
    await until(() => host.querySelector('[role=status]')!.textContent === '3 offers');

    const opened = withoutOpen(() => parts(wall, 'cta')[2]!.click());
    expect(picked).to.have.length(1);
    expect(picked[0]!.offer).to.deep.include({ id: '1003', name: 'Offer 3' });
    expect(picked[0]!.url).to.contain('sub=vue-user');
    expect(opened, 'the component prevented the default: the wall opened nothing').to.deep.equal([]);
  });

  it('requests again with the new query when a reactive prop changes', async () => {
    const requests = recorder();
    await mock(feed((url: URL) => (requests.record(url), s2sPage([s2sOffer(requests.queries.length)]))));
    props.country = 'US';
    const wall = mount();
    await until(() => parts(wall, 'card').length === 1);

    props.country = 'DE';
    await nextTick();
    expect(host.querySelector('offer-wall'), 'Vue patched the same element').to.equal(wall);
    await until(() => requests.queries.length === 2 && parts(wall, 'title')[0]?.textContent?.trim() === 'Offer 2');
    expect(requests.queries.map((q) => q.get('country'))).to.deep.equal(['US', 'DE']);
    expect(requests.queries[1]!.get('page')).to.equal('1');

    // Back to "any country": Vue writes '' into a string property set to null; the wall sends none.
    props.country = null;
    await nextTick();
    await until(() => requests.queries.length === 3);
    expect(requests.queries[2]!.has('country')).to.equal(false);
  });

  it('sets the rewards attributes from props and hands offer-support, prevented, to the app as an emitted event', async () => {
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
    Object.assign(props, { rewardsEndpoint: '/api/rewards', userToken: 'vue-token', supportUrl: 'https://help.example/?c={click_id}' });
    const wall = mount();
    await until(() => parts(wall, 'tab').length === 2);
    parts(wall, 'tab')[1]!.click();
    await until(() => part(wall, 'support') !== null);
    expect(authorization).to.equal('Bearer vue-token');

    const opened = withoutOpen(() => part(wall, 'support')!.click());
    expect(asked.map((reward) => reward.clickId)).to.deep.equal(['c9']);
    expect(opened, 'the component handled it: no support page opened').to.deep.equal([]);
  });
});

describe('<offer-wall> in Vue 3 (template, compiled with isCustomElement)', () => {
  let host: HTMLElement;
  let app: ReturnType<typeof VueFull.createApp>;
  let warnings: string[];

  afterEach(() => {
    app.unmount();
    host.remove();
  });

  it('binds attributes, :messages.prop and @offer-click / @offer-wall-load as an SFC template does', async () => {
    const requests = recorder();
    await mock(feed((url: URL) => (requests.record(url), s2sPage([s2sOffer(1), s2sOffer(2)]))));
    host = document.createElement('div');
    document.body.append(host);
    warnings = [];
    const clicks: OfferClickEvent[] = [];
    const state = VueFull.reactive({ country: 'US', shown: 0 });
    app = VueFull.createApp({
      setup: () => ({
        state,
        endpoint: ENDPOINT,
        messages: { all: 'Go' },
        loaded: (event: OfferWallLoadEvent) => (state.shown = event.detail.offers.length),
        pick: (event: OfferClickEvent) => (event.preventDefault(), clicks.push(event)),
      }),
      template: `
        <p role="status">{{ state.shown }} offers</p>
        <offer-wall :endpoint="endpoint" format="s2s" user-id="tpl-user" :country="state.country"
          :messages.prop="messages" @offer-wall-load="loaded" @offer-click="pick"></offer-wall>`,
    });
    // What an SFC build needs (vite's vue plugin, compilerOptions). Vue's in-page compiler would
    // also treat the tag as an element because it is already defined, but a build-time one cannot.
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'offer-wall';
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(host);
    const wall = host.querySelector('offer-wall')!;

    await until(() => host.querySelector('[role=status]')!.textContent === '2 offers');
    expect(parts(wall, 'filter')[0]!.textContent!.trim()).to.equal('Go');
    expect(requests.queries[0]!.get('thirdparty_id')).to.equal('tpl-user');

    const opened = withoutOpen(() => parts(wall, 'cta')[0]!.click());
    expect(clicks.map((e) => e.detail.offer.id)).to.deep.equal(['1001']);
    expect(opened).to.deep.equal([]);

    state.country = 'FR';
    await until(() => requests.queries.length === 2);
    expect(requests.queries[1]!.get('country')).to.equal('FR');
    expect(warnings, 'Vue warned (an unresolved component would)').to.deep.equal([]);
  });
});
