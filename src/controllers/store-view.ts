/**
 * Appcharge's store on one wall, part of the store chunk (which a wall loads with an appcharge
 * feed): which offers the list shows and in which order (`priority`, PopUps left for `trigger()`,
 * the player's `segments`, time frames that have ended, rolling offers climbed to their end), the
 * step a rolling offer is at (`progress`), which PopUp an event opens, and the clock that redraws
 * countdowns each minute and takes an offer away when its time frame ends. The cards and dialogs
 * it draws are `templates/store.ts`.
 */
import type { ReactiveController, TemplateResult } from 'lit';
import type { CardContext } from '../templates/card.js';
import type { DetailContext } from '../templates/detail.js';
import type { WallOffer } from '../data/types.js';
import type { WallHost } from './visibility-controllers.js';
import { isPopup, isRolling } from '../data/appcharge-offer.js';
import { storeCard, storeDialog } from '../templates/store.js';

/** What the store reads of the wall: the publisher's `progress` and `segments`, and the offers received. */
export type StoreHost = WallHost & {
  progress?: Record<string, unknown> | null;
  segments?: string | null;
};

const DAY = 864e5;
const MINUTE = 6e4;


export class StoreView implements ReactiveController {
  /** Bumped when a time frame ends: the list is worked out again. */
  _ended = 0;
  /** `trigger()` calls so far on this page, by event name. */
  private _calls: Record<string, number> = {};
  private _timer?: ReturnType<typeof setTimeout>;
  /** The cards' surface colour this update (for the feed's text colours), read once asked. */
  _surface?: number[] | null;

  readonly _card = (item: HTMLElement, offer: WallOffer, context: CardContext): TemplateResult => storeCard(this, item, offer, context);
  readonly _dialog = (offer: WallOffer, context: DetailContext): TemplateResult => storeDialog(this, offer, context);

  constructor(
    readonly _host: StoreHost,
    private readonly _offers: () => readonly WallOffer[],
  ) {
    _host.addController(this);
  }

  /** A rolling offer's current step: the steps done (`progress`), a whole number (anything else: 0); other offers: 0. */
  _step(offer: WallOffer): number {
    const done = Number(isRolling(offer) && this._host.progress?.[offer.templateId]);
    return done >= 1 ? Math.floor(done) : 0;
  }

  /** The sort key of `feed` order: `priority` (1 first), offers without one after those with one. */
  readonly _rank = (offer: WallOffer): number => offer.store?.priority ?? Infinity;

  /** Whether an offer is for this player now: one of its segments is theirs, and its time frame is open. */
  private _for(offer: WallOffer, now: number): boolean {
    const { segments, endsAt } = offer.store!;
    const mine = `${this._host.segments ?? ''}`.toLowerCase().split(',').map((segment) => segment.trim());
    return (!segments.length || segments.some((segment) => mine.includes(segment.toLowerCase()))) && (endsAt ?? Infinity) > now;
  }

  /** Whether the list shows an offer: not a PopUp, for this player now, and a rolling offer with a step left. */
  readonly _listed = (offer: WallOffer): boolean =>
    !offer.store || (!isPopup(offer) && this._for(offer, Date.now()) && (!isRolling(offer) || this._step(offer) < offer.steps.length));

  /** What the list's order depends on beside the offers and the view: segments, progress, frames ended. */
  _key(): string {
    return `${this._host.segments}|${JSON.stringify(this._host.progress)}|${this._ended}`;
  }

  /**
   * The feed position of the PopUp that the `eventName` event opens now, or -1: the first (in
   * `priority` order) that is for this player now, shows after this event (`showAfter`), and has
   * an `event` trigger for it whose `every` this call is a multiple of. Every call counts.
   */
  _trigger(eventName: string): number {
    const count = (this._calls[eventName] = (this._calls[eventName] ?? 0) + 1);
    const offers = this._offers();
    const now = Date.now();
    let found = -1;
    offers.forEach((offer, key) => {
      const store = offer.store;
      if (
        store &&
        isPopup(offer) &&
        (!store.showAfter || store.showAfter === eventName) &&
        store.triggers.some((trigger) => trigger.eventName === eventName && count % trigger.every === 0) &&
        this._for(offer, now) &&
        (found < 0 || this._rank(offer) < this._rank(offers[found]!))
      ) {
        found = key;
      }
    });
    return found;
  }

  hostUpdate(): void {
    this._surface = undefined;
  }

  /** Wakes at the next minute of a countdown shown, or when a time frame ends. */
  hostUpdated(): void {
    clearTimeout(this._timer);
    const now = Date.now();
    let wake = Infinity;
    for (const offer of this._offers()) {
      const left = (offer.store?.endsAt ?? Infinity) - now;
      // Under a day, its countdown changes each minute (and the last one ends it).
      if (left > 0) wake = Math.min(wake, left > DAY ? left - DAY : left % MINUTE || MINUTE);
    }
    // At least once a day: a timer cannot wait much longer.
    if (wake < Infinity) {
      this._timer = setTimeout(() => {
        if (this._offers().some((offer) => (offer.store?.endsAt ?? Infinity) <= Date.now())) this._ended++;
        this._host.requestUpdate();
      }, Math.min(wake, DAY));
    }
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
  }
}
