/**
 * Which cards are in the DOM. Up to `WINDOW` offers render whole; beyond that, `WINDOW` cards
 * around the viewport are rendered and the list is padded to the height of all the others, so
 * scrolling reaches the last offer with a few dozen cards in the DOM at any time.
 *
 * Positions are those of the list as shown; heights are remembered by a stable key per offer
 * (its position in the feed), so a card measured once keeps its height when the shown order
 * changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The most cards in the DOM at once. */
export const WINDOW = 60;

/** A card's height before it has been measured. */
const ESTIMATED_CARD_HEIGHT = 120;

export interface WindowSource {
  /** How many offers the list shows. */
  count(): number;
  /** The stable key (feed position) of the offer shown at `position`. */
  keyAt(position: number): number;
  /** The list element, once rendered. */
  list(): HTMLElement | null;
}

export class WindowController implements ReactiveController {
  /** The shown positions rendered as cards: `[start, end)`. */
  start = 0;
  private _end = WINDOW;
  private _heights = new Map<number, number>();
  private _sum = 0;
  /** The list's gap between cards, read when cards are measured. */
  private _gap = 0;
  private _frame = 0;

  constructor(
    private readonly _host: ReactiveControllerHost & Element,
    private readonly _source: WindowSource,
  ) {
    _host.addController(this);
  }

  /** One past the last rendered position. */
  get end(): number {
    const count = this._source.count();
    return count <= WINDOW ? count : Math.min(count, this._end);
  }

  /** Forgets positions and measurements, for a new load. */
  reset(): void {
    this.start = 0;
    this._end = WINDOW;
    this._heights.clear();
    this._sum = 0;
  }

  /** Back to the top of the list (its order changed), keeping the measured heights. */
  rewind(): void {
    this.start = 0;
    this._end = WINDOW;
    this.schedule();
  }

  hostConnected(): void {
    // Capture sees the scrolling of the page and of any scrolling ancestor.
    addEventListener('scroll', this.schedule, { capture: true, passive: true });
    addEventListener('resize', this.schedule, { passive: true });
  }

  hostDisconnected(): void {
    removeEventListener('scroll', this.schedule, true);
    removeEventListener('resize', this.schedule);
    cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  hostUpdated(): void {
    // An update queued before removal still runs; a removed wall measures nothing.
    if (this._host.isConnected) this._measure();
  }

  /** Moves the window to the viewport in the next frame (scroll, resize, new heights). */
  readonly schedule = (): void => {
    if (this._source.count() > WINDOW && !this._frame) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._follow();
      });
    }
  };

  private _height(position: number): number {
    const known = this._heights.get(this._source.keyAt(position));
    return known ?? (this._heights.size ? this._sum / this._heights.size : ESTIMATED_CARD_HEIGHT);
  }

  /** Records the rendered cards' heights and pads the list to the height of every offer. */
  private _measure(): void {
    const list = this._source.list();
    if (!list) return;
    const count = this._source.count();
    if (count <= WINDOW) {
      list.style.paddingTop = list.style.paddingBottom = '';
      return;
    }
    for (const card of list.children) {
      const key = Number(card.getAttribute('data-index'));
      const height = (card as HTMLElement).offsetHeight;
      const known = this._heights.get(key);
      if (known === height) continue;
      this._sum += height - (known ?? 0);
      this._heights.set(key, height);
    }
    const gap = (this._gap = parseFloat(getComputedStyle(list).rowGap) || 0);
    let before = 0;
    let after = 0;
    const end = this.end;
    for (let i = 0; i < this.start; i++) before += this._height(i) + gap;
    for (let i = end; i < count; i++) after += this._height(i) + gap;
    // Set through the CSSOM, which a strict Content-Security-Policy allows.
    list.style.paddingTop = `${before}px`;
    list.style.paddingBottom = `${after}px`;
    this.schedule();
  }

  /** Picks the positions to render: those in the viewport, with the rest of the window around them. */
  private _follow(): void {
    const list = this._source.list();
    const count = this._source.count();
    if (!list || count <= WINDOW) return;
    const top = -list.getBoundingClientRect().top;
    const bottom = top + innerHeight;
    let first = count;
    let last = count;
    for (let i = 0, y = 0; i < count; i++) {
      const next = y + this._height(i) + this._gap;
      if (first === count && next > top) first = i;
      if (y >= bottom) {
        last = i;
        break;
      }
      y = next;
    }
    const spare = Math.max(0, WINDOW - (last - first));
    const start = Math.max(0, Math.min(first - (spare >> 1), count - WINDOW));
    if (start !== this.start || this._end !== start + WINDOW) {
      this.start = start;
      this._end = start + WINDOW;
      this._host.requestUpdate();
    }
  }
}
