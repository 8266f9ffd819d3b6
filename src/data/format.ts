/**
 * Locale-aware formatting of rewards and prices. Pure: the element passes its settings in.
 * `Intl` formatters are costly to build, so they are kept per locale and options.
 */
import type { WallItem, WallReward } from './types.js';

/** How the publisher wants s2s payouts shown. */
export interface RewardSettings {
  locale: string;
  /** The virtual currency's name (`Coins`), or `null` to show payouts as money. */
  currencyName: string | null;
  /** Units of virtual currency per US dollar of payout. */
  currencyRate: number | null;
  /** Writes a discount beside a price: `20%` → `20% off`. */
  discount?: (percent: string) => string;
}

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** `3.6` → `$3.60` (en-US), `3,60 $` (de-DE). */
export function formatUsd(amount: number, locale: string): string {
  return numberFormat(locale, { style: 'currency', currency: 'USD' }).format(amount);
}

/** A payout converted to virtual currency: payout × rate, rounded to a whole amount. */
export function toVirtualCurrency(usd: number, rate: number): number {
  return Math.round(usd * rate);
}

/**
 * What the user gets of an s2s payout (the publisher's revenue): × `currency-rate`, the users'
 * share in dollars, or, with `currency-name`, the amount of virtual currency (rounded); the payout
 * itself when there is no rate.
 */
export const userAmount = (usd: number, { currencyName, currencyRate }: RewardSettings): number =>
  currencyRate === null ? usd : currencyName ? toVirtualCurrency(usd, currencyRate) : usd * currencyRate;

/**
 * An amount in the publisher's currency when it has a name (`3,600 Coins`), else as money: a
 * payout, or one of the user's rewards.
 */
export const formatAmount = (amount: number, { locale, currencyName }: Pick<RewardSettings, 'locale' | 'currencyName'>): string =>
  currencyName ? `${formatCount(amount, locale)} ${currencyName}` : formatUsd(amount, locale);

/** `3600` → `3,600` (en-US), `3.600` (de-DE). */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** `20` → `20%` in the locale's way of writing percentages. */
export function formatPercent(value: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

const defaultDiscount = (percent: string) => `${percent} off`;

/**
 * The reward line of a card: `3,600 Coins` with a virtual currency, else money (`$1.80`, the users'
 * share of a $3.60 payout at `currency-rate="0.5"`); an appcharge
 * price with its discount (`$4.99 · 20% off`); or what an unpriced offer gives.
 */
export function formatReward(reward: WallReward, settings: RewardSettings): string {
  const { locale } = settings;
  switch (reward.kind) {
    case 'payout': {
      // A currency without a rate cannot be shown: money then.
      const amount = userAmount(reward.usd, settings);
      return settings.currencyRate === null ? formatUsd(amount, locale) : formatAmount(amount, settings);
    }
    case 'price': {
      const price = formatUsd(reward.usd, locale);
      return reward.discountPercent
        ? `${price} · ${(settings.discount ?? defaultDiscount)(formatPercent(reward.discountPercent, locale))}`
        : price;
    }
    case 'items':
      return formatItems(reward.items, locale);
  }
}

/** What an offer gives, for the locale: `10,000 × Gold + Gems`. */
export function formatItems(items: readonly WallItem[], locale: string): string {
  return items
    .map((item) => (item.quantity !== null ? `${formatCount(item.quantity, locale)} × ${item.name}` : item.name))
    .join(' + ');
}
