// The wall's reading of GET /rewards, and what it writes: the click it records, the support link, the times and amounts it shows.
import { expect } from '@open-wc/testing';
import { formatAmount } from '../../src/data/format.js';
import { clickRecord, formatWhen, needsSupport, pendingTotal, readRewardsPage, supportUrl, type RewardEntry } from '../../src/data/rewards.js';
import { WallError, type WallOffer } from '../../src/data/types.js';

const AT = '2026-11-30T10:00:00.000Z';
const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 7, status: 'pending', offer_id: 'o1', name: 'Dragon Realms', icon: 'https://cdn.example/d.png', amount: '3600',
  click_id: 'c1', clicked_at: AT, updated_at: AT, ...overrides,
});

describe('rewards data', () => {
  it('reads a page leniently: numbers as text, any case of status, a bad entry left out, never the page', () => {
    const page = readRewardsPage({
      balance: '1250',
      entries: [
        entry({ status: 'CREDITED' }),
        entry({ id: null }),
        entry({ status: 'lost' }),
        entry({ clicked_at: 'yesterday' }),
        'not an entry',
        entry({ id: '8', icon: 'javascript:alert(1)', name: null, amount: null, updated_at: null }),
      ],
      next: 'cursor-2',
    });
    expect(page.balance).to.equal(1250);
    expect(page.next).to.equal('cursor-2');
    expect(page.entries.map((e) => [e.id, e.status])).to.deep.equal([['7', 'credited'], ['8', 'pending']]);
    expect(page.entries[0]).to.deep.include({ offerId: 'o1', amount: 3600, clickId: 'c1', clickedAt: Date.parse(AT) });
    // An unsafe icon is dropped, a missing time of change is the click's.
    expect(page.entries[1]).to.deep.include({ icon: null, name: '', amount: null, updatedAt: Date.parse(AT) });
  });

  it('reads every status the ledger lists (an adjustment’s amount may be negative) and a multi-goal offer’s goal and its name', () => {
    const page = readRewardsPage({
      balance: '900',
      entries: [
        entry({ id: 1, status: 'adjusted', offer_id: null, name: null, icon: null, amount: '-200', click_id: null }),
        entry({ id: 2, status: 'Expired' }),
        entry({ id: 3, status: 'credited', goal: 'g2', goal_name: '  Reach level 10 ' }),
        entry({ id: 4, status: 'credited', goal: 7, goal_name: '' }),
      ],
      next: null,
    });
    expect(page.entries.map((e) => [e.id, e.status, e.amount, e.goal, e.goalName])).to.deep.equal([
      ['1', 'adjusted', -200, null, null],
      ['2', 'expired', 3600, null, null],
      ['3', 'credited', 3600, 'g2', 'Reach level 10'],
      ['4', 'credited', 3600, '7', null],
    ]);
    expect(page.entries[0]).to.deep.include({ offerId: null, name: '' });
  });

  it('totals what the pending rewards would credit, of those whose reward is known, and says when none is pending', () => {
    const { entries } = readRewardsPage({
      entries: [entry({ amount: 300 }), entry({ amount: null }), entry({ amount: '500.5' }), entry({ status: 'credited' }), entry({ status: 'expired' })],
    });
    expect(pendingTotal(entries)).to.equal(800.5);
    expect(pendingTotal(entries.slice(1, 2))).to.equal(0);
    expect(pendingTotal(entries.slice(3))).to.equal(null);
  });

  it('refuses an answer that is not a page with a rewards error, and reads a missing next as the last page', () => {
    for (const body of [null, [], { entries: 'x' }, 'html']) {
      expect(() => readRewardsPage(body)).to.throw(WallError).with.property('kind', 'rewards');
    }
    expect(readRewardsPage({ entries: [] })).to.deep.equal({ balance: null, entries: [], next: null });
  });

  it('records a click with the offer, the click id of its link and the reward shown (none for a purchase)', () => {
    const offer = { templateId: '1003', name: 'Offer 3', icon: null } as unknown as WallOffer;
    expect(JSON.parse(clickRecord(offer, 'c-9', 3500))).to.deep.equal({ offer_id: '1003', click_id: 'c-9', name: 'Offer 3', icon: null, reward: 3500 });
    expect(JSON.parse(clickRecord(offer, 'c-9', null)).reward).to.equal(null);
  });

  it('offers support for a reward pending for more than a day, and fills the support link URL-encoded', () => {
    const [pending] = readRewardsPage({ entries: [entry({ click_id: 'c 1&x' })] }).entries as [RewardEntry];
    const clicked = Date.parse(AT);
    expect(needsSupport(pending, clicked + 86_400_000)).to.equal(false);
    expect(needsSupport(pending, clicked + 86_400_001)).to.equal(true);
    expect(needsSupport({ ...pending, status: 'credited' }, clicked + 10 * 86_400_000)).to.equal(false);
    // Left pending 30 days, it expired: a late credit still credits it, so nothing to report.
    expect(needsSupport({ ...pending, status: 'expired' }, clicked + 31 * 86_400_000)).to.equal(false);
    expect(supportUrl('https://help.example/?c={click_id}&o={offer_id}&u={user_id}', pending, 'user 7', 'https://app.example/')).to.equal(
      'https://help.example/?c=c%201%26x&o=o1&u=user%207',
    );
    expect(supportUrl(null, pending, 'u', 'https://app.example/')).to.equal(null);
  });

  it('says when in the user’s words, and the amount in the publisher’s currency or as money', () => {
    const now = Date.parse(AT);
    expect(formatWhen(now - 20_000, now, 'en')).to.equal('now');
    expect(formatWhen(now - 3 * 3_600_000, now, 'en')).to.equal('3 hours ago');
    expect(formatWhen(now - 30 * 3_600_000, now, 'en')).to.equal('yesterday');
    expect(formatWhen(now - 3 * 86_400_000, now, 'de')).to.equal('vor 3 Tagen');
    expect(formatAmount(3600, { locale: 'en', currencyName: 'Coins' })).to.equal('3,600 Coins');
    expect(formatAmount(1.5, { locale: 'en-US', currencyName: null })).to.equal('$1.50');
  });
});
