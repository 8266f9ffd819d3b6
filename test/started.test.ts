/**
 * The "Started" state (issue 27): a card says so once the user has tapped its offer, until the
 * offer is credited; the page session keeps it across reloads, and the rewards endpoint, when on,
 * knows it beyond that. Storage that throws costs nothing but the keeping.
 */
import { expect } from '@open-wc/testing';
import type { RewardEntryJson as Entry } from '../src/data/wire.js';
import { messagesFor } from '../src/i18n/index.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, http, HttpResponse, loadedWall, mock, parts, until } from './helpers.js';

const EN = messagesFor('en');
const REWARDS = '/api/rewards';
const ON = { 'rewards-endpoint': REWARDS, 'user-token': 'token-of-user-7' };
const KEY = 'offer-wall-started';

/** The text of each card's second line, in the order shown. */
const lines = (wall: HTMLElement) => parts(wall, 'description').map((line) => line.textContent);

function entry(offerId: string, status: Entry['status'], at: number): Entry {
  const time = new Date(at).toISOString();
  return { id: offerId, status, offer_id: offerId, name: offerId, icon: null, amount: 100, click_id: 'c', goal: null, goal_name: null, clicked_at: time, updated_at: time };
}

describe('<offer-wall> started offers', () => {
  const open = window.open;
  beforeEach(() => {
    sessionStorage.removeItem(KEY);
    window.open = () => null;
  });
  afterEach(() => {
    sessionStorage.removeItem(KEY);
    window.open = open;
  });

  it('says “Started” on a card once its offer is tapped, and again after the page reloads in the same session', async () => {
    await mock(feed(s2sPage([s2sOffer(1), s2sOffer(2)])));
    const { wall } = await loadedWall({ theme: 'dark' });
    expect(lines(wall).some((line) => line!.includes(EN.started))).to.equal(false);
    parts(wall, 'cta')[1]!.click();
    await wall.updateComplete;
    expect(lines(wall)).to.deep.equal(['Install offer 1 · 2 steps', `${EN.started} Install offer 2 · 2 steps`]);
    // Said inside the card, where a screen reader reads it with the offer, and by the call to
    // action, for a user who goes from button to button.
    expect(parts(wall, 'card')[1]!.querySelector('.started')!.textContent).to.equal(EN.started);
    expect(parts(wall, 'cta')[1]!.getAttribute('aria-label')).to.match(new RegExp(` \\(${EN.started}\\)$`));
    expect(parts(wall, 'cta')[0]!.getAttribute('aria-label')).not.to.include(EN.started);
    await expect(wall).to.be.accessible();
    wall.remove();
    // A new wall on the next page of the session (the same storage).
    const again = (await loadedWall({ theme: 'light' })).wall;
    expect(lines(again)[1]).to.match(new RegExp(`^${EN.started}`));
    expect(lines(again)[0]).not.to.include(EN.started);
    await expect(again).to.be.accessible();
  });

  it('says “Started” on an appcharge store card once it is bought, before its description', async () => {
    await mock(feed(appchargePage([appchargeOffer(1), appchargeOffer(2)])));
    const { wall } = await loadedWall({ format: 'appcharge' });
    expect(lines(wall)).to.deep.equal(['Bundle number 1.', 'Bundle number 2.']);
    parts(wall, 'cta')[1]!.click();
    await wall.updateComplete;
    expect(lines(wall)).to.deep.equal(['Bundle number 1.', `${EN.started} Bundle number 2.`]);
    expect(parts(wall, 'cta')[1]!.getAttribute('aria-label')).to.match(new RegExp(` \\(${EN.started}\\)$`));
    expect(parts(wall, 'cta')[0]!.getAttribute('aria-label')).not.to.include(EN.started);
    await expect(wall).to.be.accessible();
  });

  it('does not say “Started” when a listener cancels the tap', async () => {
    await mock(feed(s2sPage([s2sOffer(1)])));
    const { wall } = await loadedWall();
    wall.addEventListener('offer-click', (event) => event.preventDefault());
    parts(wall, 'cta')[0]!.click();
    await wall.updateComplete;
    expect(lines(wall)[0]).not.to.include(EN.started);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  it('still says “Started” for the page when storage throws, and reads nothing broken from it', async () => {
    sessionStorage.setItem(KEY, '{not json');
    const own = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('The storage is off.', 'SecurityError');
      },
    });
    try {
      await mock(feed(s2sPage([s2sOffer(1)])));
      const { wall } = await loadedWall();
      parts(wall, 'cta')[0]!.click();
      await wall.updateComplete;
      expect(lines(wall)[0]).to.match(new RegExp(`^${EN.started}`));
    } finally {
      if (own) Object.defineProperty(window, 'sessionStorage', own);
      else delete (window as { sessionStorage?: Storage }).sessionStorage;
    }
    // Unreadable storage is as good as empty.
    await mock(feed(s2sPage([s2sOffer(1)])));
    const { wall } = await loadedWall();
    expect(lines(wall)[0]).not.to.include(EN.started);
  });

  it('says “Started” for an offer pending in the user’s rewards, and no longer once it is credited', async () => {
    const now = Date.now();
    let entries = [entry('1001', 'pending', now - 60_000), entry('1002', 'credited', now - 60_000)];
    await mock(
      feed(s2sPage([s2sOffer(1), s2sOffer(2), s2sOffer(3)])),
      http.get(REWARDS, () => HttpResponse.json({ balance: 100, entries, next: null })),
      http.post(REWARDS, () => new HttpResponse(null, { status: 204 })),
    );
    const { wall } = await loadedWall(ON);
    await until(() => lines(wall)[0]!.startsWith(EN.started), 'the pending offer started');
    expect(lines(wall)[1]).not.to.include(EN.started);
    // Tapped again after its credit: started again, until its entry says otherwise.
    parts(wall, 'cta')[1]!.click();
    await wall.updateComplete;
    expect(lines(wall)[1]).to.match(new RegExp(`^${EN.started}`));
    // Credited since: the rewards say so when they load again (the user back from the offer).
    entries = [entry('1001', 'credited', Date.now() + 1000), entry('1002', 'credited', Date.now() + 1000)];
    wall.reload();
    await until(() => !lines(wall).some((line) => line!.includes(EN.started)), 'both credited');
  });
});
