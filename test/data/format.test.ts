import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatCount, formatUsd, toVirtualCurrency, userAmount } from '../../src/data/format.js';
import { formatReward } from '../../src/data/reward-format.js';
import { formatItems } from '../../src/data/store-format.js';

const money = { currencyName: null, currencyRate: null };
/** Intl separates with no-break spaces; the expectations are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('reward formatting', () => {
  it('shows an s2s payout as US dollars in the locale', () => {
    expect(plain(formatReward({ kind: 'payout', usd: 3.6 }, { ...money, locale: 'en-US' }))).to.equal('$3.60');
    expect(plain(formatReward({ kind: 'payout', usd: 3.6 }, { ...money, locale: 'de-DE' }))).to.equal('3,60 $');
  });

  it('converts a payout to the virtual currency, rounded, with grouping for the locale', () => {
    const coins = { currencyName: 'Coins', currencyRate: 1000 };
    expect(plain(formatReward({ kind: 'payout', usd: 3.6 }, { ...coins, locale: 'en-US' }))).to.equal('3,600 Coins');
    expect(plain(formatReward({ kind: 'payout', usd: 3.6 }, { ...coins, locale: 'de-DE' }))).to.equal('3.600 Coins');
    expect(toVirtualCurrency(0.0125, 100)).to.equal(1);
    expect(toVirtualCurrency(0.29, 100)).to.equal(29);
  });

  it('shows the users\' share of a payout as money with currency-rate alone, and the payout itself without a rate', () => {
    expect(formatReward({ kind: 'payout', usd: 3.6 }, { currencyName: null, currencyRate: 0.5, locale: 'en-US' })).to.equal('$1.80');
    // A currency named without a rate cannot be shown: money, the payout itself.
    expect(formatReward({ kind: 'payout', usd: 3.6 }, { currencyName: 'Coins', currencyRate: null, locale: 'en-US' })).to.equal('$3.60');
    expect(userAmount(3.6, { currencyName: null, currencyRate: 0.5, locale: 'en' })).to.be.closeTo(1.8, 1e-9);
    expect(userAmount(3.6, { currencyName: 'Coins', currencyRate: 1000, locale: 'en' })).to.equal(3600);
    expect(userAmount(3.6, { currencyName: 'Coins', currencyRate: null, locale: 'en' })).to.equal(3.6);
  });

  it('shows an appcharge price with its discount beside it', () => {
    const price = { kind: 'price', usd: 4.99, discountPercent: 20 } as const;
    expect(plain(formatReward(price, { ...money, locale: 'en-US' }))).to.equal('$4.99 · 20% off');
    expect(plain(formatReward(price, { ...money, locale: 'de-DE', discount: (p) => `${p} Rabatt` }))).to.equal('4,99 $ · 20 % Rabatt');
    expect(plain(formatReward({ kind: 'price', usd: 50, discountPercent: null }, { ...money, locale: 'en-US' }))).to.equal('$50.00');
  });

  it('keeps appcharge prices as money even when a virtual currency is set', () => {
    const coins = { currencyName: 'Coins', currencyRate: 1000, locale: 'en-US' };
    expect(formatReward({ kind: 'price', usd: 4.99, discountPercent: null }, coins)).to.equal('$4.99');
  });

  it('shows what an unpriced offer gives: each quantity with its prefix and suffix, then the name', () => {
    const product = { prefix: '', suffix: '', rank: '', color: null, image: null } as const;
    const items = [
      { ...product, name: 'Treasure Chest', quantity: null, prefix: '$' },
      { ...product, name: 'Gems', quantity: 10000 },
      { ...product, name: 'Coins', quantity: 5, prefix: '$', suffix: 'M' },
      { ...product, name: '', quantity: 2500 },
    ];
    expect(formatReward({ kind: 'items', items }, { ...money, locale: 'en' })).to.equal('Treasure Chest + 10,000 Gems + $5M Coins + 2,500');
    expect(plain(formatItems(items.slice(0, 2), 'fr-FR'))).to.equal('Treasure Chest + 10 000 Gems');
  });

  it('writes whole amounts in US English exactly as Intl does, without building a NumberFormat', () => {
    const intl = (value: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    // No NumberFormat is made for US English (locales this file uses nowhere else, so none is kept yet).
    const made: string[] = [];
    const Real = Intl.NumberFormat;
    Intl.NumberFormat = new Proxy(Real, { construct: (target, args: [string]) => (made.push(args[0]), new target(...args)) });
    try {
      expect(formatCount(1234.5, 'EN-us')).to.equal('1,235');
      expect(formatCount(1234.5, 'en-NZ')).to.equal('1,235');
    } finally {
      Intl.NumberFormat = Real;
    }
    expect(made).to.deep.equal(['en-NZ']);
    // Rounding ties, group edges, and numbers past 2^53 that String still writes in full.
    for (const value of [0, 0.5, 1.5, 2.5, 999.4, 999.5, 1000, 99_999.5, 123_456_789, 2 ** 53 + 2, 1e20, 999_999_999_999_999_999_999]) {
      for (const locale of ['en', 'en-US', 'EN-us']) expect(formatCount(value, locale), `${value} in ${locale}`).to.equal(intl(value, locale));
    }
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e22, noNaN: true }), fc.integer({ min: 0, max: 1_000_000 }).map((n) => n + 0.5)), (value) => {
        expect(formatCount(value, 'en')).to.equal(intl(value, 'en'));
      }),
      { numRuns: 2000 },
    );
    // Everything else goes through Intl: negative amounts, other English locales, other numerals.
    expect(formatCount(-1234.5, 'en')).to.equal(intl(-1234.5, 'en'));
    expect(formatCount(1e21, 'en')).to.equal('1,000,000,000,000,000,000,000');
    expect(formatCount(NaN, 'en')).to.equal('NaN');
    expect(formatCount(1234567, 'en-IN')).to.equal('12,34,567');
    expect(formatCount(1234567, 'en-u-nu-arab')).to.equal(intl(1234567, 'en-u-nu-arab'));
  });

  it('formats plain dollar amounts', () => {
    expect(formatUsd(1234.5, 'en-US')).to.equal('$1,234.50');
  });
});
