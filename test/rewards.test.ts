/**
 * The user's rewards in the wall (CONTRACT.md section 9.2): taps recorded, the tabs, the rewards
 * view and its states, "Report a problem". msw plays the reference backend's /rewards.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OfferClickEvent, OfferSupportEvent, OfferWallErrorEvent } from '../src/events.js';
// An entry of GET /rewards is typed as the server's ledger answers it.
import type { RewardEntryJson as Entry } from '../src/data/wire.js';
import { s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, http, HttpResponse, loadedWall, mock, part, parts, sleep, until } from './helpers.js';

const REWARDS = '/api/rewards';
const TOKEN = 'token-of-user-7';
const HOUR = 3_600_000;

function entry(n: number, status: Entry['status'], hoursAgo: number, overrides: Partial<Entry> = {}): Entry {
  const at = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  return { id: String(n), status, offer_id: `o${n}`, name: `Reward ${n}`, icon: null, amount: 100 * n, click_id: `c${n}`, goal: null, goal_name: null, clicked_at: at, updated_at: at, ...overrides };
}

/**
 * A tap's record, as the wall hands it to fetch. Firefox sends a `keepalive` request past the
 * page's service worker (msw never sees it), so the records are taken at fetch, in every engine.
 */
interface Post {
  body: Record<string, unknown>;
  authorization: string | null;
  type: string | null;
  keepalive: boolean;
}
const posts: Post[] = [];
let failPosts = false;
const pageFetch = window.fetch;
beforeEach(() => {
  posts.length = 0;
  failPosts = false;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method !== 'POST' || new URL(String(input), location.href).pathname !== REWARDS) return pageFetch(input, init);
    const headers = new Headers(init.headers);
    posts.push({ body: JSON.parse(String(init.body)), authorization: headers.get('Authorization'), type: headers.get('Content-Type'), keepalive: !!init.keepalive });
    return Promise.resolve(new Response(null, { status: failPosts ? 401 : 204 }));
  };
});
afterEach(() => (window.fetch = pageFetch));

/** A stand-in for GET /rewards: pages by cursor, records what the wall asks. */
function rewardsServer(pages: Record<string, { balance: number | null; entries: Entry[]; next: string | null }>) {
  const gets: Array<{ cursor: string | null; authorization: string | null }> = [];
  let failGets = 0;
  const handlers = [
    http.get(REWARDS, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      gets.push({ cursor, authorization: request.headers.get('Authorization') });
      if (failGets > 0) {
        failGets--;
        return new HttpResponse(null, { status: 503 });
      }
      return HttpResponse.json(pages[cursor ?? ''] ?? { balance: 0, entries: [], next: null });
    }),
  ];
  return {
    handlers,
    posts,
    gets,
    failNextGets: (count: number) => (failGets = count),
    failPosts: () => (failPosts = true),
  };
}

const ON = { 'rewards-endpoint': REWARDS, 'user-token': TOKEN, 'currency-name': 'Coins', 'currency-rate': '1000' };

function stubOpen() {
  const calls: unknown[][] = [];
  const original = window.open;
  window.open = ((...args: unknown[]) => (calls.push(args), null)) as typeof window.open;
  return { calls, restore: () => (window.open = original) };
}

async function openRewards(wall: HTMLElement) {
  parts(wall, 'tab')[1]!.click();
  await until(() => part(wall, 'rewards') && !part(wall, 'rewards')!.querySelector('[part~="loading"]'), 'the rewards view loaded');
}

describe('<offer-wall> rewards', () => {
  let open: ReturnType<typeof stubOpen>;
  beforeEach(() => (open = stubOpen()));
  afterEach(() => open.restore());

  it('records a tap that is not cancelled: a keepalive POST with the token, the offer, its link’s click id and the reward in the publisher’s currency', async () => {
    const server = rewardsServer({});
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(3)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    parts(wall, 'cta')[1]!.click();
    const { url } = (await clicked).detail;
    await until(() => server.posts.length === 1, 'the click recorded');
    const [post] = server.posts;
    expect(post!.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(post!.type).to.equal('application/json');
    expect(post!.keepalive).to.equal(true);
    expect(post!.body).to.deep.equal({
      offer_id: '1003',
      click_id: new URL(url!).searchParams.get('cid'),
      name: 'Offer 3',
      icon: 'https://cdn.example.com/icons/3.png',
      reward: 3500,
    });
    expect(open.calls).to.have.length(1);
  });

  it('records nothing for a tap a listener cancels, and nothing without a token', async () => {
    const server = rewardsServer({});
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    wall.addEventListener('offer-click', (event) => event.preventDefault(), { once: true });
    parts(wall, 'cta')[0]!.click();
    const { wall: anonymous } = await loadedWall({ 'rewards-endpoint': REWARDS });
    parts(anonymous, 'cta')[0]!.click();
    expect(part(anonymous, 'tab'), 'no tabs without a token').to.equal(null);
    await sleep(150);
    expect(server.posts).to.have.length(0);
    expect(server.gets.every((get) => get.authorization === `Bearer ${TOKEN}`)).to.equal(true);
  });

  it('opens the offer even when its record fails, and reports an offer-wall-error of kind rewards', async () => {
    const server = rewardsServer({});
    server.failPosts();
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    const failed = oneEvent(wall, 'offer-wall-error') as Promise<OfferWallErrorEvent>;
    parts(wall, 'cta')[0]!.click();
    expect(open.calls).to.have.length(1);
    const { error } = (await failed).detail;
    expect(error.kind).to.equal('rewards');
    expect(error.message).to.contain('401');
  });

  it('switches between offers and rewards with accessible tabs: the selected one in the Tab order, arrow keys, Home and End', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 0, entries: [entry(1, 'pending', 1), entry(2, 'pending', 2), entry(3, 'credited', 3)], next: null } }).handlers);
    const { wall } = await loadedWall(ON);
    const list = wall.shadowRoot!.querySelector('[role="tablist"]')!;
    const tabs = parts(wall, 'tab');
    expect(tabs.map((tab) => tab.getAttribute('role'))).to.deep.equal(['tab', 'tab']);
    expect(list.contains(tabs[0]!)).to.equal(true);
    await until(() => tabs[1]!.textContent!.includes('2'), 'the pending count on the tab');
    expect(tabs[1]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('My rewards 2 Pending');
    expect(tabs.map((tab) => [tab.getAttribute('aria-selected'), tab.tabIndex])).to.deep.equal([['true', 0], ['false', -1]]);
    const offersPanel = wall.shadowRoot!.getElementById(tabs[0]!.getAttribute('aria-controls')!)!;
    expect(offersPanel.getAttribute('role')).to.equal('tabpanel');

    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => part(wall, 'rewards'), 'the rewards view');
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    expect(wall.shadowRoot!.activeElement).to.equal(tabs[1]);
    expect(offersPanel.hidden).to.equal(true);
    expect(part(wall, 'rewards')!.getAttribute('aria-labelledby')).to.equal(tabs[1]!.id);
    await sendKeys({ press: 'Home' });
    await until(() => !part(wall, 'rewards'), 'back on the offers');
    expect(wall.shadowRoot!.activeElement).to.equal(tabs[0]);
    expect(offersPanel.hidden).to.equal(false);
    await sendKeys({ press: 'End' });
    await until(() => part(wall, 'rewards'), 'the rewards view by End');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => !part(wall, 'rewards'), 'the offers by ArrowLeft');
  });

  it('lists each reward with its name, status in words, amount in the currency, when, and the balance on top', async () => {
    const entries = [entry(3, 'pending', 0.5), entry(2, 'credited', 26), entry(1, 'reversed', 24 * 40, { name: null, amount: null })];
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 3600, entries, next: null } }).handlers);
    const { wall } = await loadedWall(ON);
    await openRewards(wall);
    const view = part(wall, 'rewards')!;
    expect(view.querySelector('.balance')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Balance 3,600 Coins Pending 300 Coins');
    const rows = parts(wall, 'reward').map((row) => [
      row.querySelector('.name')!.textContent!.trim(),
      row.querySelector('.status')!.textContent!.trim(),
      row.querySelector('.amount')?.textContent!.trim() ?? null,
      row.querySelector('.when')!.textContent!.trim(),
    ]);
    expect(rows).to.deep.equal([
      ['Reward 3', 'Pending', '300 Coins', '30 minutes ago'],
      ['Reward 2', 'Credited', '200 Coins', 'yesterday'],
      ['Offer o1', 'Reversed', null, 'last month'],
    ]);
    // The status's colour differs with the status; the text says it too.
    const colours = parts(wall, 'reward').map((row) => getComputedStyle(row.querySelector('.status')!).borderTopColor);
    expect(new Set(colours).size).to.equal(3);
  });

  it('shows rewards as money when the wall has no currency name', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 1.5, entries: [entry(1, 'credited', 1, { amount: 1.5 })], next: null } }).handlers);
    const { wall } = await loadedWall({ 'rewards-endpoint': REWARDS, 'user-token': TOKEN });
    await openRewards(wall);
    expect(part(wall, 'reward')!.querySelector('.amount')!.textContent!.trim()).to.equal('$1.50');
  });

  it('pages on with next, keeping what is shown', async () => {
    const server = rewardsServer({
      '': { balance: 0, entries: [entry(4, 'pending', 1), entry(3, 'pending', 2)], next: 'after-3' },
      'after-3': { balance: 0, entries: [entry(2, 'credited', 3), entry(1, 'credited', 4)], next: null },
    });
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    await openRewards(wall);
    expect(parts(wall, 'reward')).to.have.length(2);
    part(wall, 'rewards')!.querySelector<HTMLElement>('[part~="more"]')!.click();
    await until(() => parts(wall, 'reward').length === 4, 'the next page');
    expect(server.gets.map((get) => get.cursor)).to.include('after-3');
    expect(parts(wall, 'reward').map((row) => row.querySelector('.name')!.textContent!.trim())).to.deep.equal(['Reward 4', 'Reward 3', 'Reward 2', 'Reward 1']);
    expect(part(wall, 'rewards')!.querySelector('[part~="more"]')).to.equal(null);
  });

  it('pages on from the new first page when next is tapped while the rewards load again', async () => {
    // A tap earned reward 5 meanwhile: the first page loaded again starts with it, and its
    // cursor differs from the one of the list still shown.
    const page = (entries: Entry[], next: string | null) => ({ balance: 0, entries, next });
    const before: Record<string, ReturnType<typeof page>> = {
      '': page([entry(4, 'pending', 1), entry(3, 'pending', 2)], 'after-3'),
      'after-3': page([entry(2, 'credited', 3), entry(1, 'credited', 4)], null),
    };
    const after: Record<string, ReturnType<typeof page>> = {
      '': page([entry(5, 'pending', 0), entry(4, 'pending', 1)], 'after-4'),
      'after-4': page([entry(3, 'pending', 2), entry(2, 'credited', 3), entry(1, 'credited', 4)], null),
    };
    let firstPages = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await mock(
      feed(s2sPage([s2sOffer(1)])),
      http.get(REWARDS, async ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        if (cursor) return HttpResponse.json({ ...before, ...after }[cursor]);
        if (++firstPages > 1) await held;
        return HttpResponse.json(firstPages > 1 ? after[''] : before['']);
      }),
    );
    const asked: string[] = [];
    const fetchOnPage = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), location.href);
      if (url.pathname === REWARDS && init?.method !== 'POST') asked.push(url.searchParams.get('cursor') ?? '');
      return fetchOnPage(input, init);
    };
    const { wall } = await loadedWall(ON);
    await until(() => parts(wall, 'tab')[1]!.textContent!.includes('2'), 'the first load (for the tab’s count)');
    // Opened: the list loaded at first shows, and loads again (held here).
    await openRewards(wall);
    await until(() => firstPages === 2, 'the rewards loading again');
    expect(parts(wall, 'reward')).to.have.length(2);
    part(wall, 'rewards')!.querySelector<HTMLElement>('[part~="more"]')!.click();
    // A next page asked at once from the list shown comes in before the first page does.
    await until(() => !asked.includes('after-3') || parts(wall, 'reward').length === 4, 'the next page of the list shown, if asked');
    release();
    const view = () => part(wall, 'rewards')!;
    await until(
      () => view().textContent!.includes('Reward 5') && view().querySelector('[part~="more"]')?.getAttribute('aria-disabled') !== 'true',
      'the new first page in, and nothing on its way',
    );
    expect(parts(wall, 'reward').map((row) => row.querySelector('.name')!.textContent!.trim())).to.deep.equal(['Reward 5', 'Reward 4', 'Reward 3', 'Reward 2', 'Reward 1']);
    expect(view().querySelector('[part~="more"]')).to.equal(null);
  });

  it('keeps paging usable when the rewards load again while their next page is on its way', async () => {
    let holdNext = true;
    const gets: Array<string | null> = [];
    await mock(
      feed(s2sPage([s2sOffer(1)])),
      http.get(REWARDS, async ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        gets.push(cursor);
        if (cursor && holdNext) await new Promise(() => {}); // never answers: the refresh aborts it
        return HttpResponse.json(cursor ? { balance: 0, entries: [entry(1, 'credited', 4)], next: null } : { balance: 0, entries: [entry(2, 'pending', 1)], next: 'after-2' });
      }),
    );
    const { wall } = await loadedWall(ON);
    await openRewards(wall);
    const more = () => part(wall, 'rewards')!.querySelector<HTMLElement>('[part~="more"]')!;
    more().click();
    await until(() => gets.includes('after-2'), 'the next page asked for');
    holdNext = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => gets.filter((cursor) => cursor === null).length >= 3 && more().getAttribute('aria-disabled') === 'false', 'the first page again, paging free');
    more().click();
    await until(() => parts(wall, 'reward').length === 2, 'the next page after the refresh');
  });

  it('says when there is nothing yet, and offers a retry when the rewards cannot load', async () => {
    const server = rewardsServer({ '': { balance: 0, entries: [], next: null } });
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    await openRewards(wall);
    expect(part(wall, 'rewards')!.querySelector('[part~="empty"]')!.textContent!.trim()).to.equal('Nothing yet: start an offer.');
    await expect(wall).to.be.accessible();

    parts(wall, 'tab')[0]!.click();
    server.failNextGets(1);
    const failed = oneEvent(wall, 'offer-wall-error') as Promise<OfferWallErrorEvent>;
    parts(wall, 'tab')[1]!.click();
    expect((await failed).detail.error.kind).to.equal('rewards');
    await until(() => part(wall, 'rewards')!.querySelector('[part~="error"]'), 'the error panel');
    await wall.updateComplete;
    expect(part(wall, 'rewards')!.querySelector('[part~="error"]')!.textContent).to.contain('Your rewards can’t load right now.');
    await expect(wall).to.be.accessible();
    part(wall, 'rewards')!.querySelector<HTMLElement>('[part~="retry"]')!.click();
    await until(() => part(wall, 'rewards')!.querySelector('[part~="empty"]'), 'loaded after the retry');
  });

  it('shows the loading state while the rewards are on their way', async () => {
    let answer!: () => void;
    await mock(
      feed(s2sPage([s2sOffer(1)])),
      http.get(REWARDS, async () => {
        await new Promise<void>((resolve) => (answer = resolve));
        return HttpResponse.json({ balance: 0, entries: [], next: null });
      }),
    );
    const { wall } = await loadedWall(ON);
    parts(wall, 'tab')[1]!.click();
    await until(() => part(wall, 'rewards')?.querySelector('[part~="loading"]'), 'the loading state');
    expect(part(wall, 'rewards')!.textContent!.trim()).to.equal('Loading…');
    await until(() => answer, 'the request');
    answer();
  });

  it('loads the rewards again when opened and when the page becomes visible again', async () => {
    const server = rewardsServer({ '': { balance: 0, entries: [entry(1, 'pending', 1)], next: null } });
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    await until(() => server.gets.length >= 1, 'the first load (for the tab’s count)');
    await until(() => parts(wall, 'tab')[1]!.textContent!.includes('1'), 'the pending count');
    let before = server.gets.length;
    await openRewards(wall);
    await until(() => server.gets.length > before, 'loaded when opened');
    before = server.gets.length;
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => server.gets.length > before, 'loaded when the page is visible again');
  });

  it('a tap recorded shows as pending at once: the rewards load again after the record', async () => {
    const server = rewardsServer({});
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const { wall } = await loadedWall(ON);
    await until(() => server.gets.length >= 1, 'the first load');
    await wall.updateComplete;
    const before = server.gets.length;
    parts(wall, 'cta')[0]!.click();
    await until(() => server.gets.length > before, 'loaded again after the record');
    expect(server.posts).to.have.length(1);
  });

  it('offers "Report a problem" on a reward pending for over a day: a cancelable offer-support, then support-url with its macros encoded', async () => {
    const entries = [entry(3, 'pending', 2), entry(2, 'pending', 30, { click_id: 'c 2&x' }), entry(1, 'credited', 50)];
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 100, entries, next: null } }).handlers);
    const { wall } = await loadedWall({ ...ON, 'user-id': 'user 7', 'support-url': 'https://help.example/missing?click={click_id}&offer={offer_id}&user={user_id}' });
    await openRewards(wall);
    const buttons = parts(wall, 'support');
    expect(buttons).to.have.length(1);
    expect(buttons[0]!.closest('[part~="reward"]')!.querySelector('.name')!.textContent!.trim()).to.equal('Reward 2');
    expect(buttons[0]!.textContent!.trim()).to.equal('Report a problem');
    await expect(wall).to.be.accessible();

    const asked = oneEvent(wall, 'offer-support') as Promise<OfferSupportEvent>;
    buttons[0]!.click();
    const event = await asked;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    expect(event.detail.reward).to.deep.include({ id: '2', status: 'pending', clickId: 'c 2&x', offerId: 'o2' });
    expect(open.calls).to.deep.equal([['https://help.example/missing?click=c%202%26x&offer=o2&user=user%207', '_blank', 'noopener,noreferrer']]);

    wall.addEventListener('offer-support', (e) => e.preventDefault(), { once: true });
    buttons[0]!.click();
    expect(open.calls).to.have.length(1);
  });

  it('offers no "Report a problem" without a support-url', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 0, entries: [entry(1, 'pending', 48)], next: null } }).handlers);
    const { wall } = await loadedWall(ON);
    await openRewards(wall);
    expect(parts(wall, 'reward')).to.have.length(1);
    expect(parts(wall, 'support')).to.have.length(0);
  });

  it('speaks the user’s language, right to left in Arabic, and stays accessible in the dark theme', async () => {
    const entries = [entry(2, 'pending', 30), entry(1, 'credited', 3)];
    await mock(feed(s2sPage([s2sOffer(1)])), ...rewardsServer({ '': { balance: 100, entries, next: null } }).handlers);
    const { wall } = await loadedWall({ ...ON, locale: 'ar-EG', theme: 'dark', 'support-url': 'https://help.example/?c={click_id}' });
    await openRewards(wall);
    expect(part(wall, 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(parts(wall, 'tab').map((tab) => tab.textContent!.trim().split(/\s/)[0])).to.deep.equal(['العروض', 'مكافآتي']);
    expect(parts(wall, 'reward').map((row) => row.querySelector('.status')!.textContent!.trim())).to.deep.equal(['قيد الانتظار', 'تمت الإضافة']);
    expect(part(wall, 'support')!.textContent!.trim()).to.equal('الإبلاغ عن مشكلة');
    await expect(wall).to.be.accessible();
  });

  it('loads the new user’s rewards when the token changes, and never shows the old user’s', async () => {
    let slowFirst = true;
    await mock(
      feed(s2sPage([s2sOffer(1)])),
      http.get(REWARDS, async ({ request }) => {
        const user = request.headers.get('Authorization');
        if (user === 'Bearer old' && slowFirst) {
          slowFirst = false;
          await sleep(300);
        }
        return HttpResponse.json({ balance: 0, entries: [entry(1, 'pending', 1, { name: user === 'Bearer old' ? 'Old user' : 'New user' })], next: null });
      }),
    );
    const { wall } = await loadedWall({ ...ON, 'user-token': 'old' });
    wall.setAttribute('user-token', 'new');
    await openRewards(wall);
    await until(() => parts(wall, 'reward').length === 1, 'the new user’s rewards');
    await sleep(400);
    expect(parts(wall, 'reward').map((row) => row.querySelector('.name')!.textContent!.trim())).to.deep.equal(['New user']);
  });

  it('names a bad rewards-endpoint or support-url in a warning, and keeps the offers', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await mock(feed(s2sPage([s2sOffer(1)])));
      const { wall } = await loadedWall({ 'rewards-endpoint': 'javascript:alert(1)', 'user-token': TOKEN, 'support-url': 'ftp://help' });
      expect(parts(wall, 'card')).to.have.length(1);
      expect(part(wall, 'tab')).to.equal(null);
      expect(warnings.some((w) => w.includes('rewards-endpoint="javascript:alert(1)"'))).to.equal(true);
      expect(warnings.some((w) => w.includes('support-url="ftp://help"'))).to.equal(true);
    } finally {
      console.warn = original;
    }
  });

  it('takes reload() and the page turning visible before its first update without an error', async () => {
    const server = rewardsServer({ '': { balance: 0, entries: [entry(1, 'pending', 1)], next: null } });
    await mock(feed(s2sPage([s2sOffer(1)])), ...server.handlers);
    const wall = document.createElement('offer-wall');
    for (const [name, value] of Object.entries(ON)) wall.setAttribute(name, value);
    wall.setAttribute('endpoint', '/api/offers');
    wall.reload();
    document.body.append(wall);
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      await until(() => parts(wall, 'tab')[1]?.textContent!.includes('1'), 'the rewards loaded');
    } finally {
      wall.remove();
    }
  });
});
