/**
 * The user's rewards as the wall reads and writes them (CONTRACT.md section 9.2): a lenient
 * reader of `GET /rewards` answers (an entry it cannot read is left out, never the page), the
 * click the wall records on a tap, and the support link it opens. Pure; no Lit, no DOM.
 */
import { isRecord, readId, readNumber, readText } from './fields.js';
import type { WallOffer } from './types.js';
import { WallError } from './types.js';
import { clickUrl, safeHttpUrl } from './urls.js';
import type { ClickJson, LedgerStatus, RewardEntryJson, RewardsPageJson } from './wire.js';

/**
 * A reward's status: `pending` (tapped, not confirmed yet), `credited`, `reversed` (taken back by
 * the network), `adjusted` (a manual credit or debit by the publisher's support, its amount
 * negative for a debit), `expired` (still pending 30 days after the tap; a late credit still
 * credits it).
 */
export type RewardStatus = LedgerStatus;

/** One of the user's rewards, as the wall shows it. */
export interface RewardEntry {
  id: string;
  status: RewardStatus;
  /** The offer's id; null for an adjustment. */
  offerId: string | null;
  /** The offer's name; empty when the ledger has none (a conversion with no click behind it, an adjustment). */
  name: string;
  icon: string | null;
  /**
   * In the publisher's currency: what was credited, taken back (a reversal's amount is what it
   * took back, positive) or adjusted (negative for a debit), else the reward shown at the tap;
   * null when unknown.
   */
  amount: number | null;
  clickId: string | null;
  /** The goal (event, task) of a multi-goal offer that this entry rewards, and its name; else null. */
  goal: string | null;
  goalName: string | null;
  /** When the user tapped the offer (ms since the epoch). */
  clickedAt: number;
  /** When its status last changed (ms since the epoch). */
  updatedAt: number;
}

export interface RewardsPage {
  /** The user's balance, or null when the answer has none. */
  balance: number | null;
  entries: RewardEntry[];
  /** The cursor of the next page, or null. */
  next: string | null;
}

const STATUSES: readonly RewardStatus[] = ['pending', 'credited', 'reversed', 'adjusted', 'expired'];

const time = (value: unknown): number | null => {
  const ms = Date.parse(readText(value));
  return Number.isFinite(ms) ? ms : null;
};

/** A wire entry's fields as they may come: any of them missing or of another type. */
type Loose<T> = { [K in keyof T]?: unknown };

function readEntry(item: unknown): RewardEntry | null {
  if (!isRecord(item)) return null;
  const value = item as Loose<RewardEntryJson>;
  const id = readId(value.id);
  const status = readText(value.status).toLowerCase() as RewardStatus;
  const clickedAt = time(value.clicked_at);
  if (!id || !STATUSES.includes(status) || clickedAt === null) return null;
  return {
    id,
    status,
    offerId: readId(value.offer_id),
    name: readText(value.name),
    icon: safeHttpUrl(value.icon),
    amount: readNumber(value.amount),
    clickId: readId(value.click_id),
    goal: readId(value.goal),
    goalName: readText(value.goal_name) || null,
    clickedAt,
    updatedAt: time(value.updated_at) ?? clickedAt,
  };
}

/** Reads a `GET /rewards` answer; throws a `rewards` WallError when it is not one at all. */
export function readRewardsPage(answer: unknown): RewardsPage {
  const body = answer as Loose<RewardsPageJson> | null;
  if (!isRecord(body) || !Array.isArray(body.entries)) throw new WallError('rewards', 'The rewards endpoint failed: no list of entries.');
  const entries: RewardEntry[] = [];
  for (const item of body.entries) {
    const entry = readEntry(item);
    if (entry) entries.push(entry);
  }
  const next = readText(body.next);
  return { balance: readNumber(body.balance), entries, next: next || null };
}

/**
 * The click the wall records when the user opens an offer: the offer, the click id put in its
 * link, and the reward shown (`reward`: a payout in the publisher's currency, dollars when it
 * shows money; null for what is a purchase).
 */
export function clickRecord(offer: WallOffer, clickId: string, reward: number | null): string {
  const click: ClickJson = { offer_id: offer.templateId, click_id: clickId, name: offer.name, icon: offer.icon, reward };
  return JSON.stringify(click);
}

/** What the pending entries would credit (those whose reward is known), or null when none is pending. */
export const pendingTotal = (entries: readonly RewardEntry[]): number | null =>
  entries.reduce<number | null>((total, { status, amount }) => (status === 'pending' ? (total ?? 0) + (amount ?? 0) : total), null);

/** A reward still pending this long may be reported as missing. */
export const SUPPORT_AFTER_MS = 86_400_000;

/** Whether "Report a problem" is offered for an entry: pending for more than a day. */
export const needsSupport = (entry: RewardEntry, now: number): boolean => entry.status === 'pending' && now - entry.clickedAt > SUPPORT_AFTER_MS;

/** The support link for an entry: `support-url` with `{click_id}`, `{offer_id}`, `{user_id}` put in, URL-encoded. */
export function supportUrl(template: string | null, entry: RewardEntry, userId: string | null, baseUrl: string): string | null {
  return clickUrl(null, template, { click_id: entry.clickId, offer_id: entry.offerId, user_id: userId }, baseUrl);
}


// The largest unit that fits, down to minutes; under a minute is "now".
const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536e6],
  ['month', 2_592e6],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
];
const relative = new Map<string, Intl.RelativeTimeFormat>();

/** When something happened, in the user's words: `2 hours ago`, `yesterday`, `now`. */
export function formatWhen(at: number, now: number, locale: string): string {
  let format = relative.get(locale);
  if (!format) relative.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const diff = at - now;
  for (const [unit, size] of UNITS) if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  return format.format(0, 'second');
}
