/**
 * Appcharge's prices and products, and any offer's reward, formatted for a locale. Pure. Apart from
 * `format.ts` because an s2s wall's first screen needs none of it: in the script-tag build it is
 * part of the store chunk.
 */
import { formatCount, formatPayout, formatUsd, numberFormat, type RewardSettings } from './format.js';
import type { WallItem, WallReward } from './types.js';

/** `20` → `20%` in the locale's way of writing percentages. */
export function formatPercent(value: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

const defaultDiscount = (percent: string) => `${percent} off`;

/** An appcharge price with its discount beside it: `$4.99 · 20% off`. */
export function formatPrice(usd: number, discountPercent: number | null, settings: RewardSettings): string {
  const price = formatUsd(usd, settings.locale);
  return discountPercent ? `${price} · ${(settings.discount ?? defaultDiscount)(formatPercent(discountPercent, settings.locale))}` : price;
}

/**
 * The reward line of a card: `3,600 Coins` with a virtual currency, else money (`$1.80`, the users'
 * share of a $3.60 payout at `currency-rate="0.5"`); an appcharge price with its discount
 * (`$4.99 · 20% off`); or what an unpriced offer gives.
 */
export function formatReward(reward: WallReward, settings: RewardSettings): string {
  switch (reward.kind) {
    case 'payout':
      return formatPayout(reward.usd, settings);
    case 'price':
      return formatPrice(reward.usd, reward.discountPercent, settings);
    case 'items':
      return formatItems(reward.items, settings.locale);
  }
}

/** A product's amount as the store writes it: `$` + `10,000` + `M`; empty without a quantity. */
export const formatQuantity = ({ quantity, prefix, suffix }: WallItem, locale: string): string =>
  quantity === null ? '' : prefix + formatCount(quantity, locale) + suffix;

/** What an offer gives, for the locale: `10,000 Gold + Gems`. */
export function formatItems(items: readonly WallItem[], locale: string): string {
  return items.map((item) => `${formatQuantity(item, locale)} ${item.name}`.trim()).join(' + ');
}
