/**
 * Appcharge's prices and products, and any offer's reward, formatted for a locale. Pure. Apart from
 * `format.ts` because an s2s wall's first screen needs none of it: in the script-tag build it is
 * part of the store chunk.
 */
import { formatCount, formatUsd, numberFormat, type RewardSettings } from './format.js';
import type { WallItem } from './types.js';

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

/** A product's amount as the store writes it: `$` + `10,000` + `M`; empty without a quantity. */
export const formatQuantity = ({ quantity, prefix, suffix }: WallItem, locale: string): string =>
  quantity === null ? '' : prefix + formatCount(quantity, locale) + suffix;

/** What an offer gives, for the locale: `10,000 Gold + Gems`. */
export function formatItems(items: readonly WallItem[], locale: string): string {
  return items.map((item) => `${formatQuantity(item, locale)} ${item.name}`.trim()).join(' + ');
}
