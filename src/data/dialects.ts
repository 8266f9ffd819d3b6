/**
 * The registry of upstream dialects and the `auto` format: requests that carry every dialect's
 * parameters (their names do not collide) and answers recognized by shape.
 */
import { APPCHARGE_PARAMETERS, appcharge } from './appcharge.js';
import type { Dialect, OpenedFeed } from './dialect.js';
import type { Rule } from './rules.js';
import { S2S_PARAMETERS, s2s } from './s2s.js';
import type { Device, FeedFormat, FeedPage, WallOffer, WallQuery } from './types.js';
import { WallError } from './types.js';

/** Every dialect the wall speaks, in detection order. */
export const DIALECTS: readonly Dialect[] = [s2s, appcharge];

/**
 * The query parameters each dialect's endpoint takes, with the rule of each (the proxy validates
 * with them; the wall's settings check the same rules). Apart from the dialect objects, so that
 * the browser bundle does not carry the rules only the proxy applies.
 */
export const DIALECT_PARAMETERS: Readonly<Record<FeedFormat, Readonly<Record<string, Rule>>>> = {
  s2s: S2S_PARAMETERS,
  appcharge: APPCHARGE_PARAMETERS,
};

/** What the `format` attribute accepts. */
export type FormatSetting = FeedFormat | 'auto';

export const FORMAT_SETTINGS: readonly FormatSetting[] = ['auto', ...DIALECTS.map((d) => d.format)];

export function dialectFor(format: FeedFormat): Dialect {
  const dialect = DIALECTS.find((d) => d.format === format);
  if (!dialect) throw new WallError('config', `Unknown feed format "${format}".`);
  return dialect;
}

/** The dialect a decoded body looks like, or `null`. */
export function detectDialect(body: unknown): Dialect | null {
  return DIALECTS.find((d) => d.detect(body)) ?? null;
}

/** The query parameters for one page; with `auto`, every dialect's. */
export function buildQuery(format: FormatSetting, q: WallQuery): Array<[string, string]> {
  if (format !== 'auto') return dialectFor(format).query(q);
  const seen = new Set<string>();
  return DIALECTS.flatMap((dialect) => dialect.query(q)).filter(([name]) => !seen.has(name) && !!seen.add(name));
}

/** How many offers a full page holds for the query, in the given format. */
export function requestedPageSize(format: FormatSetting, q: WallQuery): number {
  return format === 'auto' ? q.pageSize : dialectFor(format).requestedPageSize(q);
}

/**
 * Opens a decoded body in the given format (or the one its shape shows, with `auto`): the dialect
 * that reads it, its raw offers and its total. Throws a `payload` `WallError` when it is not a feed.
 */
export function openFeed(body: unknown, format: FormatSetting): OpenedFeed & { dialect: Dialect } {
  const dialect = format === 'auto' ? detectDialect(body) : dialectFor(format);
  if (!dialect) {
    throw new WallError('payload', 'The response is not an offer feed: neither s2s nor appcharge.');
  }
  return { dialect, ...dialect.open(body) };
}

/**
 * Parses a decoded body offer by offer: a bad offer is left out and counted, never the page.
 * Throws a `payload` `WallError` when it is not a feed.
 */
export function parseFeed(body: unknown, format: FormatSetting, now = Date.now(), device?: Device): FeedPage {
  const { dialect, items, total } = openFeed(body, format);
  const offers: WallOffer[] = [];
  for (const item of items) {
    const offer = dialect.adapt(item, now, device);
    if (offer) offers.push(offer);
  }
  return { format: dialect.format, offers, rejected: items.length - offers.length, received: items.length, total };
}
