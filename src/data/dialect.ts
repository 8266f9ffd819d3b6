/**
 * The seam between the wall and its upstream dialects. A dialect is one object: how to ask
 * (query parameters), how to recognize an answer, and how to turn it into a `FeedPage`.
 * Adding a dialect means writing one file and listing it in `dialects.ts`.
 */
import type { FeedFormat, FeedPage, WallQuery } from './types.js';

export interface Dialect {
  readonly format: FeedFormat;
  /** Whether a decoded JSON body has this dialect's shape. */
  detect(body: unknown): boolean;
  /** The query parameters for one page, with the upstream's own names. */
  query(q: WallQuery): Array<[string, string]>;
  /** How many offers a full page of this dialect holds for the query (paging without a total). */
  requestedPageSize(q: WallQuery): number;
  /**
   * Parses a decoded body offer by offer. Throws a `payload` `WallError` only when the body is not
   * this dialect's feed at all; a bad offer is left out and counted in `rejected`.
   */
  parse(body: unknown, now: number): FeedPage;
}
