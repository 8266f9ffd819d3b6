/**
 * The normalized shapes the view renders. Every upstream dialect is turned into these by its own
 * adapter (see `s2s.ts`, `appcharge.ts`); the element never looks at raw feed JSON.
 */

/** The payload dialects the wall can read. */
export type FeedFormat = 's2s' | 'appcharge';

/** What a user gets (or pays) for an offer, before it is formatted for a locale. */
export type WallReward =
  /** An s2s payout in US dollars, shown as money or converted to the publisher's virtual currency. */
  | { kind: 'payout'; usd: number }
  /** An appcharge price the user pays in US dollars, with an optional percentage discount. */
  | { kind: 'price'; usd: number; discountPercent: number | null }
  /** An appcharge offer without a price: what it gives. */
  | { kind: 'items'; items: WallItem[] };

/** Something an offer gives, such as 500 Gems. */
export interface WallItem {
  /** Empty for a product the feed does not name: its quantity and image then say what it is. */
  name: string;
  quantity: number | null;
  /** Written before and after the quantity (appcharge `prefix`, `suffix`: `$` 10 `M`); empty when none. */
  prefix: string;
  suffix: string;
  /** Appcharge `priority`: `main` products stand out, `sub` ones are smaller; empty otherwise. */
  rank: 'main' | 'sub' | '';
  /** Appcharge `textFontColorHex` (`#f60404`), shown only where it keeps its text readable; else null. */
  color: string | null;
  /** A safe image URL of the product, or null. */
  image: string | null;
}

/** What an appcharge store offer has beside what every offer has (see `WallOffer.store`). */
export interface StoreDetails {
  /** Its place in the feed's order (`priority`, 1 first); null when absent, or not a number of at least 1. */
  priority: number | null;
  /** The player segments it is for; empty: every player. */
  segments: string[];
  /** When the time frame it is shown in ends (ms since the epoch); null when it does not end. */
  endsAt: number | null;
  /** `offerUi.backgroundImage`, when it is a safe URL: the card's background. */
  background: string | null;
  /** `productSale`: how much more the products give, in percent (`100`: "+100% more"); else null. */
  sale: number | null;
  /** A PopUp's triggers of type `event`: the event's name and `every` (the Nth time it happens, 1 or more). */
  triggers: Array<{ eventName: string; every: number }>;
  /** A PopUp's `showAfter`: the only event after which it shows, or null. */
  showAfter: string | null;
}

/** One step of an offer's conversion flow. */
export interface WallStep {
  /** The step as plain text (for appcharge, its products written out in English). */
  text: string;
  /** The step's own price in US dollars, when it has one (0: free). */
  usd: number | null;
  /** What the step gives, when the feed lists it (appcharge); the view formats it for the locale. */
  items: WallItem[] | null;
}

/** One offer, normalized, as the wall renders it and as events carry it. */
export interface WallOffer {
  /** The offer's id as a string (feeds send numbers or strings). */
  id: string;
  /** The dialect it came from. */
  source: FeedFormat;
  name: string;
  /** Longer text, when the feed has one; empty otherwise. */
  description: string;
  /** The offer's type as the feed names it (`app`, `CPI`, `Bundle`, …); empty when absent. */
  type: string;
  /** An absolute http(s) icon URL, or `null` (the view shows a placeholder). */
  icon: string | null;
  reward: WallReward;
  /** The conversion flow, in order. */
  steps: WallStep[];
  /**
   * The tracking link as the feed sent it (absolute http(s), macros such as `{user_id}` still in
   * place), or `null` when the feed carries none (appcharge).
   */
  trackingUrl: string | null;
  /** A safe preview link (app store page and the like), or `null`. */
  previewUrl: string | null;
  /** Target platform, when the feed says. */
  os: string | null;
  /** Target countries (ISO codes), when the feed says. */
  countries: string[];
  /** The id that `click-url-template` puts in place of `{offer_id}`. */
  templateId: string;
  /**
   * What an appcharge offer has beside: its order, segments, schedule, looks and triggers. Its
   * `steps` are then its `productsSequence`, each with its price and products (a RollingOffer's
   * ladder). Absent on s2s offers.
   */
  store?: StoreDetails;
}

/** The platform the wall runs on, and its version when the user agent tells it (`13`, `17.2`). */
export interface Device {
  os: 'android' | 'ios' | null;
  version: string | null;
}

/** One page of a feed after parsing. */
export interface FeedPage {
  format: FeedFormat;
  /** Offers that passed validation, in feed order. */
  offers: WallOffer[];
  /** How many offers of this page were left out (invalid, unsafe, inactive, out of schedule). */
  rejected: number;
  /** How many offers the page carried, shown or not. */
  received: number;
  /** The upstream's total, or `null` when it does not say. */
  total: number | null;
}

/** What the element asks of a dialect when it builds a request. */
export interface WallQuery {
  /** 1-based page number. */
  page: number;
  pageSize: number;
  os: string | null;
  country: string | null;
  userId: string | null;
  gaid: string | null;
  andid: string | null;
  offerType: string | null;
  offerSubType: string | null;
}

export type WallErrorKind = 'config' | 'network' | 'timeout' | 'http' | 'payload' | 'rewards';

/** A failure the wall can show and report in `offer-wall-error`. */
export interface WallErrorInfo {
  kind: WallErrorKind;
  message: string;
}

/** The error the data layer rejects with; `kind` says which of the contract's failures it is. */
export class WallError extends Error implements WallErrorInfo {
  readonly kind: WallErrorKind;
  /** The HTTP status, for `http` errors. */
  readonly status: number | null;

  constructor(kind: WallErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'WallError';
    this.kind = kind;
    this.status = status;
  }
}

/** A failure of the rewards endpoint, for `offer-wall-error` (kind `rewards`). */
export const rewardsFailed = (reason: string): WallError => new WallError('rewards', `The rewards endpoint failed: ${reason}.`);
