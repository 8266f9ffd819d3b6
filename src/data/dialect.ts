/**
 * The seam between the wall and its upstream dialects. A dialect is one object: how to ask
 * (query parameters), how to recognize an answer, and how to turn it into a `FeedPage`.
 * Adding a dialect means writing one file and listing it in `dialects.ts`.
 */
import type { Device, FeedFormat, WallOffer, WallQuery } from './types.js';

/** A feed's envelope, opened: its raw offers and the upstream's total. */
export interface OpenedFeed {
  items: unknown[];
  /** The upstream's total, or `null` when it does not say. */
  total: number | null;
}

export interface Dialect {
  readonly format: FeedFormat;
  /**
   * Where its answer keeps the list of offers, as dotted paths (`d.data`): the wall reads the
   * items of that list one by one as they arrive (`json-stream.ts`).
   */
  readonly lists: readonly string[];
  /** Whether a decoded JSON body has this dialect's shape. */
  detect(body: unknown): boolean;
  /** The query parameters for one page, with the upstream's own names. */
  query(q: WallQuery): Array<[string, string]>;
  /** How many offers a full page of this dialect holds for the query (paging without a total). */
  requestedPageSize(q: WallQuery): number;
  /**
   * Opens a decoded body: its raw offers, not yet looked at, and the total. Throws a `payload`
   * `WallError` when the body is not this dialect's feed at all.
   */
  open(body: unknown): OpenedFeed;
  /**
   * Normalizes one raw offer, or returns `null` when it cannot or must not be shown (at `now`, ms
   * since the epoch, on `device` when it is known).
   */
  adapt(raw: unknown, now: number, device?: Device): WallOffer | null;
}

/** A dialect's query parameters without those that have no value. */
export const present = (params: Array<[string, string | null]>): Array<[string, string]> =>
  params.filter((param): param is [string, string] => !!param[1]);
