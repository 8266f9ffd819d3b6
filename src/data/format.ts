/**
 * Locale-aware formatting of rewards and prices. Pure: the element passes its settings in.
 * `Intl` formatters are costly to build, so they are kept per locale and options.
 */

/** How the publisher wants s2s payouts shown. */
export interface RewardSettings {
  locale: string;
  /** The virtual currency's name (`Coins`), or `null` to show payouts as money. */
  currencyName: string | null;
  /** Units of virtual currency per US dollar of payout. */
  currencyRate: number | null;
  /** The currency's icon (a safe URL), shown beside reward amounts. */
  icon?: string | null;
  /** Writes a discount beside a price: `20%` → `20% off`. */
  discount?: (percent: string) => string;
}

const cache = new Map<string, Intl.NumberFormat>();

/** An `Intl.NumberFormat`, kept per locale and options. */

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
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

/**
 * `3600` → `3,600` (en-US), `3.600` (de-DE). US English is written without `Intl`: a page's first
 * NumberFormat has Chromium load its number data (30 ms and more), on the first screen's path.
 */
export function formatCount(value: number, locale: string): string {
  return /^en(-us)?$/i.test(locale) && value >= 0 && value < 1e21
    ? `${Math.round(value)}`.replace(/\B(?=(\d{3})+$)/g, ',')
    : numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** An s2s payout as the user sees it (see `userAmount`): `3,600 Coins`, else money. */
export function formatPayout(usd: number, settings: RewardSettings): string {
  // A currency without a rate cannot be shown: money then.
  const amount = userAmount(usd, settings);
  return settings.currencyRate === null ? formatUsd(amount, settings.locale) : formatAmount(amount, settings);
}

