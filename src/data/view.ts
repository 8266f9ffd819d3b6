/**
 * What the wall shows of the offers it has: the publisher's or user's `filter` (an offer type),
 * `search` (name or description, case- and accent-insensitive) and `sort`, applied client-side.
 * Pure, and quick on big pages: each offer's searchable text is folded once and remembered, so a
 * keystroke over 10,000 offers is one pass of `includes`.
 */
import type { WallOffer } from './types.js';

export type SortOrder = 'feed' | 'reward';

export interface ViewQuery {
  /**
   * An offer type, matched case-insensitively, or several, comma-separated (the toolbar sets
   * `app,CPI` for "Apps" when the feed writes installs both ways); empty for every type.
   */
  filter: string;
  /** Text the name or description must contain; empty for every offer. */
  search: string;
  sort: SortOrder;
}

/** Lower case without accents: `Éclair` and `eclair` match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const searchable = new WeakMap<WallOffer, string>();

function searchText(offer: WallOffer): string {
  let text = searchable.get(offer);
  if (text === undefined) searchable.set(offer, (text = fold(`${offer.name}\n${offer.description}`)));
  return text;
}

/** The offer types present, each once (the first spelling met), in the order they first appear. */
export function offerTypes(offers: readonly WallOffer[]): string[] {
  const seen = new Map<string, string>();
  for (const { type } of offers) {
    const key = type.toLowerCase();
    if (key && !seen.has(key)) seen.set(key, type);
  }
  return [...seen.values()];
}

/**
 * The sort key of `reward` order, smaller first: the highest payout first, the lowest price first
 * (appcharge prices are what the user pays), and offers without an amount last.
 */
function rewardRank(offer: WallOffer): number {
  const { reward } = offer;
  return reward.kind === 'payout' ? -reward.usd : reward.kind === 'price' ? reward.usd : Infinity;
}

/**
 * What a store (appcharge's: see `controllers/store-view.ts`) says of its offers: which the list
 * shows at all (for this player, now), their `feed` order, and what that depends on.
 */
export interface ViewStore {
  _listed(offer: WallOffer): boolean;
  _rank(offer: WallOffer): number;
  _key(): string;
}

/** The feed positions of the offers to show, in the order to show them. */
export function viewOf(offers: readonly WallOffer[], query: ViewQuery, store?: ViewStore | null): number[] {
  const types = query.filter.toLowerCase().split(',').map((type) => type.trim()).filter(Boolean);
  const words = fold(query.search.trim());
  const shown: number[] = [];
  for (let i = 0; i < offers.length; i++) {
    const offer = offers[i]!;
    if (store && !store._listed(offer)) continue;
    if (types.length && !types.includes(offer.type.toLowerCase())) continue;
    if (words && !searchText(offer).includes(words)) continue;
    shown.push(i);
  }
  // The feed's order is its `priority` where a store gives one (stable: then the feed's own).
  if (query.sort === 'reward' || store) {
    const ranks = shown.map((i) => (query.sort === 'reward' ? rewardRank : store!._rank)(offers[i]!));
    const order = shown.map((_, j) => j).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    return order.map((j) => shown[j]!);
  }
  return shown;
}

/**
 * The shown order of the offers received, computed again only when the offers or the query
 * change (a render that changes neither, such as a scroll, costs nothing here).
 */
export class ShownOffers {
  /** Feed positions of the offers shown, in the order shown. */
  order: number[] = [];
  /** The offer types present, for the toolbar; while there are no offers (loading again), those last present. */
  types: string[] = [];
  private _offers: readonly WallOffer[] | null = null;
  private _query = '';

  /** Brings the order up to date; says whether the query changed (the list then starts over). */
  update(offers: readonly WallOffer[], query: ViewQuery, store?: ViewStore | null): boolean {
    const key = JSON.stringify(query) + store?._key();
    const requeried = key !== this._query && !!this._offers?.length;
    if (offers === this._offers && key === this._query) return false;
    // The types of the offers the list may show (not a PopUp's, which only an event shows).
    if (offers.length) this.types = offerTypes(store ? offers.filter(store._listed) : offers);
    this.order = viewOf(offers, query, store);
    this._offers = offers;
    this._query = key;
    return requeried;
  }
}
