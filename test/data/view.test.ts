// What the wall shows of the offers it has: pure filter, search and sort, without rendering.
import { expect } from '@open-wc/testing';
import { fold, offerTypes, viewOf } from '../../src/data/view.js';
import type { WallOffer } from '../../src/data/types.js';

function offer(id: string, extra: Partial<WallOffer> = {}): WallOffer {
  return {
    id, source: 's2s', name: `Offer ${id}`, description: '', type: '', icon: null,
    reward: { kind: 'payout', usd: 1 }, steps: [], trackingUrl: 'https://t.example/', previewUrl: null,
    os: null, countries: [], templateId: id, ...extra,
  };
}

const all = { filter: '', search: '', sort: 'feed' } as const;

describe('filter, search and sort of loaded offers', () => {
  it('folds case and accents, so Éclair, ÉCLAIR and eclair match', () => {
    expect(fold('Éclair ÇA Ñandú')).to.equal('eclair ca nandu');
  });

  it('lists each offer type once, first spelling first, in the order met', () => {
    const offers = [offer('1', { type: 'CPI' }), offer('2', { type: '' }), offer('3', { type: 'cpa' }), offer('4', { type: 'cpi' })];
    expect(offerTypes(offers)).to.deep.equal(['CPI', 'cpa']);
  });

  it('keeps the feed order and every offer when nothing is asked', () => {
    const offers = [offer('a'), offer('b'), offer('c')];
    expect(viewOf(offers, all)).to.deep.equal([0, 1, 2]);
  });

  it('sorts payouts highest first, ties in feed order', () => {
    const offers = [
      offer('low', { reward: { kind: 'payout', usd: 1 } }),
      offer('high', { reward: { kind: 'payout', usd: 9 } }),
      offer('low-too', { reward: { kind: 'payout', usd: 1 } }),
    ];
    expect(viewOf(offers, { ...all, sort: 'reward' }).map((i) => offers[i]!.id)).to.deep.equal(['high', 'low', 'low-too']);
  });

  it('sorts prices lowest first (what the user pays), offers without a price last', () => {
    const offers = [
      offer('items', { source: 'appcharge', reward: { kind: 'items', items: [] } }),
      offer('dear', { source: 'appcharge', reward: { kind: 'price', usd: 9.99, discountPercent: null } }),
      offer('cheap', { source: 'appcharge', reward: { kind: 'price', usd: 0.99, discountPercent: 20 } }),
    ];
    expect(viewOf(offers, { ...all, sort: 'reward' }).map((i) => offers[i]!.id)).to.deep.equal(['cheap', 'dear', 'items']);
  });

  it('combines type, search and sort', () => {
    const offers = [
      offer('1', { type: 'CPI', name: 'Café Run', reward: { kind: 'payout', usd: 1 } }),
      offer('2', { type: 'CPI', name: 'Tea', description: 'Not a cafe', reward: { kind: 'payout', usd: 5 } }),
      offer('3', { type: 'CPA', name: 'Cafe Survey', reward: { kind: 'payout', usd: 9 } }),
    ];
    expect(viewOf(offers, { filter: ' cpi ', search: 'CAFÉ', sort: 'reward' })).to.deep.equal([1, 0]);
  });

  it('filters and sorts 10,000 offers in one pass each, remembering what it folded', () => {
    const offers = Array.from({ length: 10_000 }, (_, i) =>
      offer(String(i), { name: `Offer ${i}`, type: i % 3 ? 'CPI' : 'CPA', reward: { kind: 'payout', usd: i % 97 } }),
    );
    const shown = viewOf(offers, { filter: 'CPA', search: 'offer 99', sort: 'reward' });
    expect(shown.every((i) => offers[i]!.type === 'CPA' && offers[i]!.name.includes('Offer 99'))).to.equal(true);
    expect(shown).to.have.length(offers.filter((o) => o.type === 'CPA' && o.name.includes('Offer 99')).length);
  });
});
