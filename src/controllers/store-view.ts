/**
 * Appcharge's store on one wall, part of the appcharge chunk (which a wall loads with an appcharge
 * feed): which offers the list shows and in which order (`priority`, PopUps left for `trigger()`,
 * the player's `segments`, time frames that have ended, rolling offers climbed to their end), the
 * step a rolling offer is at (`progress`), which PopUp an event opens, and the clock that redraws
 * countdowns each minute and takes an offer away when its time frame ends. The cards and dialogs
 * it draws are the store chunk's (`templates/store.ts`), handed to it as `looks`.
 */
import type { CSSResult, ReactiveController, TemplateResult } from 'lit';
import type { CardContext } from '../templates/card.js';
import type { StoreFacts } from '../templates/store.js';
import type { DetailContext } from '../templates/detail.js';
import type { WallItem, WallOffer } from '../data/types.js';
import { formatItems, formatQuantity } from '../data/store-format.js';
import type { WallHost } from './visibility-controllers.js';
import { isPopup, isRolling } from '../data/appcharge-offer.js';

/** What the store reads of the wall: the publisher's `progress` and `segments`, and the offers received. */
export type StoreHost = WallHost & {
  progress?: Record<string, unknown> | null;
  segments?: string | null;
};

/** The store chunk: how the store looks (its cards, dialogs and styles). */
export interface StoreLooks {
  _card(store: StoreFacts, item: HTMLElement, offer: WallOffer, context: CardContext): TemplateResult;
  _dialog(store: StoreFacts, offer: WallOffer, context: DetailContext): TemplateResult;
  _styles: CSSResult;
}

const DAY = 864e5;
const MINUTE = 6e4;

/** `#f60` or `#ff6600` as red, green and blue, from 0 to 1. */
const rgb = (hex: string): number[] =>
  (hex.length < 5 ? hex.replace(/\w/g, '$&$&') : hex).match(/\w\w/g)!.map((pair) => parseInt(pair, 16) / 255);

/** WCAG's relative luminance. */
const luminance = (color: number[]): number =>
  color.reduce((sum, c, i) => sum + [0.2126, 0.7152, 0.0722][i]! * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4), 0);

export class StoreView implements ReactiveController, StoreFacts {
  /** Bumped when a time frame ends: the list is worked out again. */
  _ended = 0;
  /** `trigger()` calls so far on this page, by event name. */
  private _calls: Record<string, number> = {};
  private _timer?: ReturnType<typeof setTimeout>;
  /** The cards' surface colour this update (for the feed's text colours), read once asked. */
  private _surface?: number[] | null;

  readonly _popup = isPopup;
  readonly _rolling = isRolling;
  /** How the store writes products (as the reader does), for the locale. */
  readonly _gives = formatItems;
  readonly _quantity = formatQuantity;

  readonly _card: (item: HTMLElement, offer: WallOffer, context: CardContext) => TemplateResult;
  readonly _dialog: (offer: WallOffer, context: DetailContext) => TemplateResult;

  constructor(
    readonly _host: StoreHost,
    private readonly _offers: () => readonly WallOffer[],
    looks: StoreLooks,
  ) {
    this._card = (item, offer, context) => looks._card(this, item, offer, context);
    this._dialog = (offer, context) => looks._dialog(this, offer, context);
    _host.addController(this);
  }

  /**
   * The feed's colour for an item's text (`textFontColorHex`), as a style, only where it keeps
   * 4.5:1 against what it is on: the cards' surface, when the theme gives it as `#rgb` or
   * `#rrggbb` (the built-in themes do), or, under a background image, that surface with up to 12%
   * of the image showing through the scrim (the darkest and the lightest that can make).
   */
  _color(item: WallItem, art: boolean): string {
    if (this._surface === undefined) {
      const value = getComputedStyle(this._host.renderRoot.querySelector('.wall')!).getPropertyValue('--_surface').trim();
      this._surface = /^#(?:[\da-f]{3}){1,2}$/i.test(value) ? rgb(value) : null;
    }
    const ground = this._surface;
    if (!item.color || !ground) return '';
    const text = luminance(rgb(item.color));
    return (art ? [0, 1].map((c) => ground.map((value) => value * 0.88 + c * 0.12)) : [ground]).every((color) => {
      const under = luminance(color);
      return (Math.max(text, under) + 0.05) / (Math.min(text, under) + 0.05) >= 4.5;
    })
      ? `color:${item.color}`
      : '';
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
