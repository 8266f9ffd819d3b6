/**
 * The events `<offer-wall>` fires, their detail types, and their entries in the global event
 * map, so `wall.addEventListener('offer-click', (e) => e.detail.url)` type-checks.
 */
import type { RewardEntry } from './data/rewards.js';
import type { WallErrorInfo, WallOffer } from './data/types.js';

/** `offer-click`: the user activated an offer's call to action. Cancelable. */
export interface OfferClickDetail {
  offer: WallOffer;
  /** The link the wall opens unless the event is canceled, macros filled; `null` when none. */
  url: string | null;
  /**
   * The appcharge `productsSequence` step the user activated (from 0, in the order of its
   * `index`): a RollingOffer's current step (its `progress`), 0 for other store offers; `null`
   * for s2s offers.
   */
  step: number | null;
}

/** `offer-impression`: an offer's card was at least half visible for the first time this load. */
export interface OfferImpressionDetail {
  offer: WallOffer;
}

/** `offer-wall-load`: a page of offers was received and shown. */
export interface OfferWallLoadDetail {
  /** Every offer shown so far, in order. */
  offers: WallOffer[];
  /** The upstream's total, or `null` when the feed does not say. */
  total: number | null;
  /** The 1-based page that was loaded. */
  page: number;
  /** How many offers of this page were left out (invalid, unsafe, inactive, out of schedule). */
  rejected: number;
}

/** `offer-wall-error`: loading failed after retries, or the configuration is unusable. */
export interface OfferWallErrorDetail {
  error: WallErrorInfo;
}

/**
 * `offer-support`: the user asked for help with a reward still pending after a day ("Report a
 * problem"). Cancelable; by default the wall opens `support-url` for it in a new tab.
 */
export interface OfferSupportDetail {
  reward: RewardEntry;
}

export type OfferClickEvent = CustomEvent<OfferClickDetail>;
export type OfferSupportEvent = CustomEvent<OfferSupportDetail>;
export type OfferImpressionEvent = CustomEvent<OfferImpressionDetail>;
export type OfferWallLoadEvent = CustomEvent<OfferWallLoadDetail>;
export type OfferWallErrorEvent = CustomEvent<OfferWallErrorDetail>;

/** Every event of `<offer-wall>` by name: what `addEventListener` and the element's own dispatch are typed against. */
export interface OfferWallEventMap {
  'offer-click': OfferClickEvent;
  'offer-impression': OfferImpressionEvent;
  'offer-wall-load': OfferWallLoadEvent;
  'offer-wall-error': OfferWallErrorEvent;
  'offer-support': OfferSupportEvent;
}

/**
 * Fires one of the wall's events from `target`, bubbling and composed; the detail must be the one
 * the event map declares for that name, so a wrong detail does not compile. Returns `false` when a
 * listener canceled a cancelable event.
 */
export function fire<K extends keyof OfferWallEventMap>(
  target: EventTarget,
  type: K,
  detail: OfferWallEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

// The events bubble and are composed, so listeners on the document see them too.
declare global {
  interface HTMLElementEventMap extends OfferWallEventMap {}
  interface DocumentEventMap extends OfferWallEventMap {}
}
