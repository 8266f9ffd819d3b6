/**
 * Which cards are in the DOM. Up to `WINDOW` offers render whole; beyond that, `WINDOW` cards
 * around the viewport are rendered and the list is padded to the height of all the others, so
 * scrolling reaches the last offer with a few dozen cards in the DOM at any time.
 *
 * Positions are those of the list as shown; cards and heights are kept by a stable key per offer
 * (its position in the feed), so a card (and the focus in it) stays with its offer as the window
 * moves, and keeps its measured height when the shown order changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { syncKeyed } from '../internal/keyed-list.js';

/** The most cards in the DOM at once. */
export const WINDOW = 60;

/** A card's height before it has been measured. */
const ESTIMATED_CARD_HEIGHT = 120;

export interface WindowSource {
  /** How many offers the list shows. */
  count(): number;
  /** The stable key (feed position) of the offer shown at `position`. */
  _keyAt(position: number): number;
  /** The list element, once rendered. */
  list(): HTMLElement | null;
  /** Draws the offer at `position` (whose key is `key`) into its card. */
  draw(card: HTMLElement, key: number, position: number): void;
}

export class WindowController implements ReactiveController {
  /** The shown positions rendered as cards: `[start, end)`. */
  start = 0;
  private _end = WINDOW;
  /** The cards in the DOM by key, kept while their offers are in the window. */
  private _cards = new Map<number, HTMLElement>();
  private _heights = new Map<number, number>();
  private _sum = 0;
  /** The list's gap between rows and its count of columns, read when cards are measured. */
  private _gap = 0;
  private _columns = 1;
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
    this._cards = new Map();
    this._heights.clear();
    this._sum = 0;
  }

  /** Back to the top of the list (its order changed), keeping the measured heights. */
  _rewind(): void {
    this.start = 0;
    this._end = WINDOW;
    this._schedule();
  }

  hostConnected(): void {
    // Capture sees the scrolling of the page and of any scrolling ancestor.
    addEventListener('scroll', this._schedule, { capture: true, passive: true });
    addEventListener('resize', this._schedule, { passive: true });
  }

  hostDisconnected(): void {
    removeEventListener('scroll', this._schedule, true);
    removeEventListener('resize', this._schedule);
    cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  hostUpdated(): void {
    const list = this._source.list();
    if (list) {
      const { start } = this;
      const keys: number[] = [];
      for (let i = start; i < this.end; i++) keys.push(this._source._keyAt(i));
      syncKeyed(list, this._cards, keys, (card, key, i) => this._source.draw(card, key, start + i));
    }
    // An update queued before removal still runs; a removed wall measures nothing.
    if (this._host.isConnected) this._measure();
  }

  /** Moves the window to the viewport in the next frame (scroll, resize, new heights). */
  readonly _schedule = (): void => {
    if (this._source.count() > WINDOW && !this._frame) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._follow();
      });
    }
  };

  private _height(position: number): number {
    const known = this._heights.get(this._source._keyAt(position));
    return known ?? (this._heights.size ? this._sum / this._heights.size : ESTIMATED_CARD_HEIGHT);
  }

  /** A row's height: its tallest card (a list has one card a row, a grid several). */
  private _rowHeight(row: number, count: number): number {
    let height = 0;
    for (let i = row * this._columns, end = Math.min(count, i + this._columns); i < end; i++) height = Math.max(height, this._height(i));
    return height + this._gap;
  }

  /** How many cards the window holds: whole rows only. */
  private get _size(): number {
    return WINDOW - (WINDOW % this._columns);
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
    const style = getComputedStyle(list);
    this._gap = parseFloat(style.rowGap) || 0;
    // A grid lays several cards in a row; its track list says how many (`none` for a list).
    const columns = style.gridTemplateColumns.split(' ').length || 1;
    if (columns !== this._columns) {
      this._columns = columns;
      this.start -= this.start % columns;
    }
    let before = 0;
    let after = 0;
    const rows = Math.ceil(count / columns);
    const firstRow = this.start / columns;
    const endRow = Math.ceil(this.end / columns);
    for (let r = 0; r < firstRow; r++) before += this._rowHeight(r, count);
    for (let r = endRow; r < rows; r++) after += this._rowHeight(r, count);
    // Set through the CSSOM, which a strict Content-Security-Policy allows.
    list.style.paddingTop = `${before}px`;
    list.style.paddingBottom = `${after}px`;
    this._schedule();
  }

  /** Picks the rows to render: those in the viewport, with the rest of the window around them. */
  private _follow(): void {
    const list = this._source.list();
    const count = this._source.count();
    if (!list || count <= WINDOW) return;
    const columns = this._columns;
    const rows = Math.ceil(count / columns);
    const top = -list.getBoundingClientRect().top;
    const bottom = top + innerHeight;
    let first = rows;
    let last = rows;
    for (let r = 0, y = 0; r < rows; r++) {
      const next = y + this._rowHeight(r, count);
      if (first === rows && next > top) first = r;
      if (y >= bottom) {
        last = r;
        break;
      }
      y = next;
    }
    const windowRows = this._size / columns;
    const spare = Math.max(0, windowRows - (last - first));
    const startRow = Math.max(0, Math.min(first - (spare >> 1), rows - windowRows));
    const start = startRow * columns;
    if (start !== this.start || this._end !== start + this._size) {
      this.start = start;
      this._end = start + this._size;
      this._host.requestUpdate();
    }
  }
}
