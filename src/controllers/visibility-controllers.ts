/**
 * The wall's two IntersectionObservers, each a small controller: impressions (a card at least
 * half visible, reported once per offer per load) and the near-end watch (the `more` control
 * coming within reach, which loads the next page). Both re-attach after each render and let go
 * of everything when the wall leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far below the viewport the end of the list may be when the next page starts loading. */
const NEAR_END_MARGIN = '0px 0px 600px 0px';

const canObserve = (): boolean => typeof IntersectionObserver !== 'undefined';

/** A Lit element as its controllers see it: updates, connection and its rendered root. */
export type WallHost = ReactiveControllerHost & Element & { renderRoot: ParentNode };

/** Reports each offer's first impression. Cards carry their offer's key in `data-index`. */
export class ImpressionController implements ReactiveController {
  private _observer: IntersectionObserver | null = null;
  /** The cards being watched; a card keeps its offer for as long as it is in the DOM. */
  private _observed = new Set<Element>();
  private _seen = new Set<string>();

  constructor(
    private readonly _host: WallHost,
    /** The offer's id for a card's key, or `undefined` when it has none (any more). */
    private readonly _idOf: (key: number) => string | undefined,
    private readonly _impressed: (key: number) => void,
  ) {
    _host.addController(this);
  }

  /** Starts over: every offer may make its impression again. */
  reset(): void {
    this._seen = new Set();
    this._observer?.disconnect();
    this._observed = new Set();
  }

  hostUpdated(): void {
    if (!this._host.isConnected || !canObserve()) return;
    // Cards the window took out of the DOM are let go, so scrolling far holds on to nothing.
    for (const card of this._observed) {
      if (!card.isConnected) {
        this._observer?.unobserve(card);
        this._observed.delete(card);
      }
    }
    const cards = this._host.renderRoot.querySelectorAll('[part~="card"]');
    if (!cards.length) return;
    this._observer ??= new IntersectionObserver(this._onVisible, { threshold: 0.5 });
    for (const card of cards) {
      if (!this._observed.has(card)) {
        this._observed.add(card);
        this._observer.observe(card);
      }
    }
  }

  hostDisconnected(): void {
    this._observer?.disconnect();
    this._observer = null;
    this._observed = new Set();
  }

  private _onVisible = (entries: IntersectionObserverEntry[]): void => {
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < 0.5) continue;
      this._observer?.unobserve(entry.target);
      const key = Number(entry.target.getAttribute('data-index'));
      const id = this._idOf(key);
      if (id === undefined || this._seen.has(id)) continue;
      this._seen.add(id);
      this._impressed(key);
    }
  };
}

/** Calls `reached` when the `more` control comes within reach of the viewport. */
export class NearEndController implements ReactiveController {
  private _observer: IntersectionObserver | null = null;

  constructor(
    private readonly _host: WallHost,
    /** Loads the next page; it knows whether one may load now. */
    private readonly _reached: () => void,
  ) {
    _host.addController(this);
  }

  hostUpdated(): void {
    if (!this._host.isConnected || !canObserve()) return;
    // A new observer after each render reports the control's position now, so a page that
    // leaves the end of the list in view is followed by the next one. Only its reports count:
    // the browser still delivers what an earlier observer measured before this render (the first
    // cards of a page, with the end of the list near), and that may come after the whole page
    // has rendered and loaded, when it would fetch the next page with the end far below.
    this._observer?.disconnect();
    this._observer = null;
    const more = this._host.renderRoot.querySelector('[part~="more"]');
    if (!more) return;
    // Its one target's latest report says where the control is now.
    const observer = new IntersectionObserver((entries) => {
      if (observer === this._observer && entries[entries.length - 1]!.isIntersecting) this._reached();
    }, { rootMargin: NEAR_END_MARGIN });
    observer.observe(more);
    this._observer = observer;
  }

  hostDisconnected(): void {
    this._observer?.disconnect();
    this._observer = null;
  }
}
