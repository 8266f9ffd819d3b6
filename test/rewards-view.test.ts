/**
 * What the "My rewards" view tells the user about each reward (CONTRACT.md section 9.2): a reward
 * taken back reads as taken back, the pending total and when it usually comes, an offer the ledger
 * cannot name, the ledger's adjustments and expired taps, a multi-goal offer's step, and the same
 * digits and the same order of number and currency name as the cards, in every language. msw plays
 * the reference backend's GET /rewards.
 */
import { expect } from '@open-wc/testing';
import type { OfferWall } from '../src/offer-wall.component.js';
// An entry of GET /rewards is typed as the server's ledger answers it.
import type { RewardEntryJson as Entry, RewardsPageJson } from '../src/data/wire.js';
import { s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, http, HttpResponse, loadedWall, mock, part, parts, until } from './helpers.js';

const REWARDS = '/api/rewards';
const HOUR = 3_600_000;
const ON = { 'rewards-endpoint': REWARDS, 'user-token': 'token-of-user-7', 'currency-name': 'Coins', 'currency-rate': '1000' };

function entry(n: number, status: Entry['status'], hoursAgo: number, overrides: Partial<Entry> = {}): Entry {
  const at = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  return { id: String(n), status, offer_id: `o${n}`, name: `Reward ${n}`, icon: null, amount: 100 * n, click_id: `c${n}`, goal: null, goal_name: null, clicked_at: at, updated_at: at, ...overrides };
}

/** A wall on the rewards view, GET /rewards answering `page`. */
async function rewardsView(page: RewardsPageJson, attributes: Record<string, string> = {}) {
  await mock(feed(s2sPage([s2sOffer(1)])), http.get(REWARDS, () => HttpResponse.json(page)));
  const { wall } = await loadedWall({ ...ON, ...attributes });
  parts(wall, 'tab')[1]!.click();
  await until(() => parts(wall, 'reward').length === page.entries.length && part(wall, 'rewards')!.querySelector('.balance'), 'the rewards view loaded');
  return wall as OfferWall;
}

/** A reward's row: its name, goal, amount as drawn (the sign is the styles'), weight, and status word. */
function row(reward: HTMLElement) {
  const amount = reward.querySelector<HTMLElement>('.amount');
  const sign = amount ? getComputedStyle(amount, '::before').content.replace(/^none$|"/g, '') : '';
  return {
    name: reward.querySelector('.name')!.textContent!.trim(),
    goal: reward.querySelector('.goal')?.textContent!.trim() ?? null,
    amount: amount ? sign + amount.textContent!.trim() : null,
    weight: amount ? Number(getComputedStyle(amount).fontWeight) : null,
    status: reward.querySelector('.status')?.textContent!.trim() ?? null,
  };
}

/** The balance and the pending total, as read: `[label, amount]` pairs, then the hint. */
function summary(wall: Element) {
  const balance = part(wall, 'rewards')!.querySelector('.balance')!;
  return {
    rows: [...balance.querySelectorAll('dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.querySelector('.amount')?.textContent!.trim() ?? null]),
    hint: balance.querySelector('small')?.textContent!.trim() ?? null,
  };
}

/** Whether the first character of an element's text is drawn left of its last (the number left of the currency's name). */
function numberFirstOnTheLeft(element: Element): boolean {
  const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
  const value = text.textContent!;
  const at = (index: number) => {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    return range.getBoundingClientRect().left;
  };
  const first = value.search(/\S/);
  return at(first) < at(value.trimEnd().length - 1);
}

describe('<offer-wall> "My rewards" view', () => {
  it('shows a reversed reward as taken back: a minus before its amount, at the weight of the text, its status in words', async () => {
    const wall = await rewardsView({ balance: 300, entries: [entry(3, 'credited', 1), entry(2, 'reversed', 2)], next: null });
    const [credited, reversed] = parts(wall, 'reward').map(row);
    expect(credited).to.deep.include({ amount: '+300 Coins', status: 'Credited' });
    expect(reversed).to.deep.include({ amount: '−200 Coins', status: 'Reversed' });
    // A gain is the bold thing on its row; what was taken back is not.
    expect(reversed!.weight).to.be.below(credited!.weight!);
    expect(reversed!.weight).to.be.at.most(400);
    // What a screen reader is given, in order: the amount with its minus, then the status.
    const end = parts(wall, 'reward')[1]!.querySelector('.end')!;
    expect(end.querySelector('.amount')!.compareDocumentPosition(end.querySelector('.status')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.above(0);
    await expect(wall).to.be.accessible();
  });

  it('shows the pending total beside the balance, and when pending rewards usually come with credit-hint', async () => {
    const entries = [entry(5, 'pending', 1), entry(3, 'pending', 30), entry(4, 'pending', 2, { amount: null }), entry(9, 'credited', 40), entry(8, 'expired', 800)];
    const wall = await rewardsView({ balance: 1250, entries, next: null }, { 'credit-hint': 'usually within 24 hours' });
    expect(summary(wall)).to.deep.equal({ rows: [['Balance', '1,250 Coins'], ['Pending', '800 Coins']], hint: 'usually within 24 hours' });
    // Each pending reward says what it will bring, but not in the bold of what the balance holds.
    const rows = parts(wall, 'reward').map(row);
    expect(rows[0]).to.deep.include({ amount: '+500 Coins', status: 'Pending' });
    expect(rows[0]!.weight).to.be.below(rows[3]!.weight!);
    await expect(wall).to.be.accessible();

    // messages.creditHint, the same text per language, wins over the attribute.
    wall.messages = { creditHint: 'in der Regel binnen 24 Stunden' };
    await wall.updateComplete;
    expect(summary(wall).hint).to.equal('in der Regel binnen 24 Stunden');
    wall.messages = {};
    wall.removeAttribute('credit-hint');
    await wall.updateComplete;
    expect(summary(wall)).to.deep.equal({ rows: [['Balance', '1,250 Coins'], ['Pending', '800 Coins']], hint: null });
  });

  it('shows no pending total when nothing is pending', async () => {
    const wall = await rewardsView({ balance: 900, entries: [entry(9, 'credited', 40)], next: null }, { 'credit-hint': 'usually within 24 hours' });
    expect(summary(wall)).to.deep.equal({ rows: [['Balance', '900 Coins']], hint: null });
  });

  it('names a reward whose offer the ledger cannot name "Offer <id>", on the placeholder tile, never a blank name or a bare number', async () => {
    const entries = [entry(1, 'credited', 3, { offer_id: '999', name: null, icon: null }), entry(2, 'credited', 4, { offer_id: '7', name: '', icon: 'javascript:alert(1)' })];
    const wall = await rewardsView({ balance: 300, entries, next: null });
    const rewards = parts(wall, 'reward');
    expect(rewards.map((reward) => row(reward).name)).to.deep.equal(['Offer 999', 'Offer 7']);
    for (const reward of rewards) {
      const icon = reward.querySelector('[part~="icon"]')!;
      expect(icon.classList.contains('placeholder')).to.equal(true);
      expect(icon.textContent!.trim()).to.equal('O');
    }
    wall.messages = { unknownOffer: (id) => `Game #${id}` };
    await wall.updateComplete;
    expect(row(parts(wall, 'reward')[0]!).name).to.equal('Game #999');
    await expect(wall).to.be.accessible();
  });

  it('lists support’s adjustments with their signed amounts, so that the entries add up to the balance', async () => {
    const entries = [entry(1, 'adjusted', 1, { offer_id: null, name: null, click_id: null, amount: 500 }), entry(2, 'adjusted', 2, { offer_id: null, name: null, click_id: null, amount: -200 }), entry(3, 'credited', 3)];
    const wall = await rewardsView({ balance: 600, entries, next: null });
    expect(parts(wall, 'reward').map(row)).to.deep.equal([
      { name: 'Adjusted', goal: null, amount: '+500 Coins', weight: 700, status: null },
      { name: 'Adjusted', goal: null, amount: '−200 Coins', weight: 400, status: null },
      { name: 'Reward 3', goal: null, amount: '+300 Coins', weight: 700, status: 'Credited' },
    ]);
    await expect(wall).to.be.accessible();
  });

  it('shows an expired tap muted, without a sign or "Report a problem"', async () => {
    const entries = [entry(1, 'expired', 24 * 31), entry(2, 'pending', 30)];
    const wall = await rewardsView({ balance: 0, entries, next: null }, { 'support-url': 'https://help.example/?c={click_id}' });
    const [expired, pending] = parts(wall, 'reward');
    expect(row(expired!)).to.deep.include({ amount: '100 Coins', weight: 400, status: 'Expired' });
    expect(getComputedStyle(expired!.querySelector('.name')!).color).to.equal(getComputedStyle(expired!.querySelector('.when')!).color);
    expect(getComputedStyle(expired!.querySelector('.name')!).color).not.to.equal(getComputedStyle(pending!.querySelector('.name')!).color);
    expect(parts(wall, 'support').map((button) => button.closest('[part~="reward"]'))).to.deep.equal([pending]);
    // Only the pending one counts on the tab.
    expect(parts(wall, 'tab')[1]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('My rewards 1 Pending');
    await expect(wall).to.be.accessible();
    wall.setAttribute('theme', 'dark');
    await wall.updateComplete;
    await expect(wall).to.be.accessible();
  });

  it('shows the step of a multi-goal offer under the offer’s name', async () => {
    const entries = [entry(2, 'credited', 1, { goal: 'g2', goal_name: 'Reach level 10' }), entry(1, 'credited', 2, { goal: 'g1' })];
    const wall = await rewardsView({ balance: 300, entries, next: null });
    expect(parts(wall, 'reward').map((reward) => [row(reward).name, row(reward).goal])).to.deep.equal([['Reward 2', 'Reach level 10'], ['Reward 1', null]]);
  });

  it('writes every number in the locale’s digits, and number and currency in the cards’ order, right to left included', async () => {
    for (const [locale, digits] of [['ar-EG', /^[^0-9]*$/], ['en-US', /^[^\u0660-\u0669]*$/]] as const) {
      const entries = [entry(3, 'pending', 3, { name: 'Dragon Realms' }), entry(2, 'pending', 30, { name: 'Gem Rush' }), entry(1, 'reversed', 50, { name: 'Space Trek' })];
      const wall = await rewardsView({ balance: 1250, entries, next: null }, { locale });
      await until(() => parts(wall, 'tab')[1]!.querySelector('.badge'), 'the pending count');
      const view = part(wall, 'rewards')!;
      // The view's numbers and the tab's count: balance, pending total, amounts, when.
      expect(view.textContent! + parts(wall, 'tab')[1]!.textContent!, locale).to.match(digits);
      const badge = [...parts(wall, 'tab')[1]!.querySelector('.badge')!.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
      expect(badge.map((node) => node.textContent).join('').trim(), locale).to.equal(locale === 'ar-EG' ? '٢' : '2');
      // The number on the left of the currency's name on the cards, in the balance and on each reward.
      parts(wall, 'tab')[0]!.click();
      await wall.updateComplete;
      expect(numberFirstOnTheLeft(part(wall, 'payout')!), `${locale} card`).to.equal(true);
      parts(wall, 'tab')[1]!.click();
      await until(() => part(wall, 'rewards')?.querySelector('.balance'), 'the rewards view again');
      // The balance, the pending total and each reward's amount.
      const amounts = part(wall, 'rewards')!.querySelectorAll('.amount');
      expect(amounts.length).to.equal(5);
      for (const amount of amounts) expect(numberFirstOnTheLeft(amount), `${locale} ${amount.textContent}`).to.equal(true);
      await expect(wall).to.be.accessible();
    }
  });

  it('speaks the new statuses in each language', async () => {
    const entries = [entry(1, 'adjusted', 1, { offer_id: null, name: null }), entry(2, 'expired', 800), entry(3, 'credited', 2, { name: null })];
    const wall = await rewardsView({ balance: 100, entries, next: null }, { locale: 'ar-EG', theme: 'dark' });
    expect(parts(wall, 'reward').map((reward) => [row(reward).name, row(reward).status])).to.deep.equal([
      ['تم التعديل', null],
      ['Reward 2', 'منتهية الصلاحية'],
      ['العرض o3', 'تمت الإضافة'],
    ]);
    await expect(wall).to.be.accessible();
  });
});
