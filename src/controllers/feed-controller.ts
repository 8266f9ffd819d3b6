/**
 * The wall's offers and the requests behind them: loads page 1 on `reload()`, further pages on
 * `_loadMore()`, aborts what is in flight when the request changes or the wall leaves the page
 * (and resumes when it comes back), drops answers to outdated requests, and shows each page's
 * offers while its answer is still arriving, a first screen of them painted before the window
 * fills. A page whose answer broke off (or was cut short by removal) keeps the offers it gave, and
 * is asked again from where it stopped. Reading, retries and time limits are `streamFeed`'s;
 * parsing is the dialects'.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { buildQuery, requestedPageSize, type FormatSetting } from '../data/dialects.js';
import { streamFeed, type FeedBatch } from '../data/request.js';
import { WallError, type FeedFormat, type WallErrorInfo, type WallOffer } from '../data/types.js';
import type { OfferWallLoadDetail } from '../events.js';
import { detectDevice } from '../internal/platform.js';
import { requestUrl, type Settings } from '../internal/settings.js';

export type FeedStatus = 'loading' | 'loaded' | 'empty' | 'error';

/** What the feed tells the element, which owns the events and everything shown. */
export interface FeedEvents {
  /** A new load starts from page 1: forget what was shown. */
  reset(): void;
  /** The request is in flight: a moment to prepare what its answer will need. */
  _waiting(): void;
  /** A page was received, adapted and rendered. */
  _loaded(detail: OfferWallLoadDetail): void;
  /** A load failed after retries, or the settings cannot make a request. */
  _failed(error: WallErrorInfo): void;
  /** Makes a dialect ready to read offers (see `StreamFeedOptions.prepare`). */
  _prepare(format: FeedFormat): Promise<unknown> | undefined;
}

/**
 * Milliseconds between renders of the offers taken while a page arrives (after its first screen):
 * batches come every few milliseconds, and a sorted or filtered view would redraw its cards for each.
 */
const RENDER_EVERY = 100;

/** Cards shown before the first paint of a page: a tall phone screen's worth. */
const FIRST_SCREEN = 16;

/** Resolves once the browser has painted a frame, or after 100 ms where frames are paused. */
function afterPaint(): Promise<unknown> {
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve));
  });
}

export class FeedController implements ReactiveController {
  status: FeedStatus = 'loading';
  /** Every offer received so far, in feed order. */
  offers: WallOffer[] = [];
  /** Why the first page failed before any offer of it showed (`status` is then `error`). */
  error: WallErrorInfo | null = null;
  /** A page that failed after offers had shown: they stay, with the error and a retry below them. */
  _moreError: WallErrorInfo | null = null;
  /** A page is being read (page 1 included: the end of the list says more is coming). */
  _loadingMore = false;
  /** How many offers may show yet: a new page shows its first screen before the rest. */
  _revealed = Infinity;

  /** Bumped on every reload; an answer for an older load is dropped. */
  private _loadId = 0;
  private _abort: AbortController | null = null;
  /** Set when a load was cut short by removal, so re-adding the element resumes it. */
  private _resume = false;
  /** `reload()` was called: the next update starts the load. */
  private _reloadAsked = false;
  /** The signal of the page whose answer is still arriving, if any. */
  private _fetching: AbortSignal | null = null;
  /** The timer of the next render of the offers taken, if one is due. */
  private _render?: ReturnType<typeof setTimeout>;
  /** Pages complete. */
  _page = 0;
  /**
   * Items of the next page taken so far, and the offers among them: while it arrives, and after
   * its answer broke off or was cut short, when asking it again passes over them.
   */
  private _pageItems = 0;
  private _pageOffers = 0;
  private _received = 0;
  private _lastReceived = 0;
  private _total: number | null = null;
  /** Page size in force for the dialect that answered (appcharge caps it). */
  private _pageSize = 0;
  /** The dialect detected from the first answer, when `format` is `auto`. */
  private _detected: FeedFormat | null = null;

  constructor(
    private readonly _host: ReactiveControllerHost & Element,
    private readonly _settings: () => Settings,
    private readonly _events: FeedEvents,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    if (this._resume) {
      this._resume = false;
      this.reload();
    }
  }

  /** A load asked for since the last update starts here, once, with the settings of this update. */
  hostUpdate(): void {
    if (this._reloadAsked) {
      this._reloadAsked = false;
      this._start();
    }
  }

  hostDisconnected(): void {
    // Nothing shown yet: the load stops now, and starts again on return. Otherwise it stops at the
    // end of this task unless the wall is back by then (moved in the page, which then goes on as
    // if nothing happened): a page still arriving is cut short, its offers stay, and the near-end
    // watch or `more` asks for the rest of it; a page whose answer is all in goes on to its end.
    if (this.status === 'loading') {
      this._resume = true;
      this._stop();
    } else queueMicrotask(() => this._host.isConnected || this._stop());
  }

  private _stop(): void {
    if (this._fetching) this._loadingMore = false;
    this._abort?.abort();
    this._abort = null;
  }

  /** Whether the feed has offers beyond those received. */
  get _hasMore(): boolean {
    if (this._loadingMore || this._pageItems) return true;
    if (this._lastReceived === 0) return false;
    if (this._total !== null) return this._received < this._total;
    return this._lastReceived >= this._pageSize;
  }

  /**
   * Loads the offers again from the first page, dropping those received: in the host's next
   * update, so that several calls in one task (a property change, a re-connection) ask once.
   */
  reload(): void {
    this._reloadAsked = true;
    this._host.requestUpdate();
  }

  private _start(): void {
    this._abort?.abort();
    this._abort = null;
    const loadId = ++this._loadId;
    this.offers = [];
    this.error = this._moreError = null;
    this._loadingMore = false;
    this._revealed = Infinity;
    this._page = this._pageItems = this._pageOffers = this._received = this._lastReceived = 0;
    this._total = this._detected = null;
    this._events.reset();
    this._host.requestUpdate();

    if (!this._host.isConnected) {
      this._resume = true;
      return;
    }
    const settings = this._settings();
    if (!settings.endpoint) {
      this._fail(loadId, new WallError('config', settings.endpointProblem!));
      return;
    }
    this.status = 'loading';
    this._loadingMore = true;
    this._abort = new AbortController();
    void this._loadPage(loadId, 1, this._abort.signal);
    this._events._waiting();
  }

  /**
   * Loads the next page (or the rest of one cut short), when nothing else loads and nothing has
   * failed; says whether it started.
   */
  readonly _loadMore = (): boolean => {
    if (this.status !== 'loaded' || this._loadingMore || this._moreError || !this._hasMore || !this._host.isConnected) return false;
    this._loadingMore = true;
    this._host.requestUpdate();
    // Removal aborts and drops the controller; a wall put back in the page gets a new one.
    this._abort ??= new AbortController();
    void this._loadPage(this._loadId, this._page + 1, this._abort.signal);
    return true;
  };

  /** Tries again what failed: the page that broke off (from where it stopped), else the whole load. */
  readonly retry = (): void => {
    if (!this._moreError) return this._start();
    this._moreError = null;
    this._loadMore();
  };

  private async _loadPage(loadId: number, page: number, signal: AbortSignal): Promise<void> {
    const settings = this._settings();
    const format: FormatSetting = this._detected ?? settings.format;
    const query = { ...settings.query, page };
    let last: FeedBatch | undefined;
    let painted = 0;
    try {
      const url = requestUrl(settings.endpoint!, buildQuery(format, query));
      this._fetching = signal;
      // The offers a broken-off answer gave are shown already: the page is asked again from its
      // start (no feed can be asked from the middle of a page) and those items are passed over.
      for await (const batch of streamFeed(url, { signal, timeout: settings.timeout, format, skip: this._pageItems, device: detectDevice(), prepare: this._events._prepare })) {
        if (loadId !== this._loadId) return;
        last = batch;
        // The page's first screen is rendered and painted before anything else is read, and the
        // window fills after that paint; later, while batches come faster than the browser
        // renders, it gets to render and paint every RENDER_EVERY ms. (Hidden, nothing paints.)
        if (this._take(batch) || performance.now() - painted > RENDER_EVERY) {
          // Read in this task, drawn in the next: neither holds the page's input as long as both.
          if (!document.hidden) await new Promise((go) => setTimeout(go));
          this._host.requestUpdate();
          if (!document.hidden) await afterPaint();
          if (loadId !== this._loadId) return;
          painted = performance.now();
          this._revealed = Infinity;
          this._host.requestUpdate();
        }
      }
    } catch (error) {
      // Cut short by a new load (its offers are gone) or by removal (they stay, see
      // hostDisconnected): nothing to report.
      if (loadId === this._loadId && !signal.aborted) this._fail(loadId, error);
      return;
    } finally {
      if (this._fetching === signal) this._fetching = null;
    }
    const items = this._pageItems;
    const shown = this._pageOffers;
    this._pageItems = this._pageOffers = 0;
    this._page = page;
    this._received += items;
    this._lastReceived = items;
    this._total = last!.total ?? this._total;
    this._pageSize = requestedPageSize(last!.dialect.format, query);
    this._loadingMore = false;
    this.status = this.offers.length === 0 && !this._hasMore ? 'empty' : 'loaded';
    this._host.requestUpdate();
    await this._host.updateComplete;
    if (loadId !== this._loadId) return;
    this._events._loaded({
      // A copy: a listener that sorts or trims it must not reorder the cards' offers.
      offers: [...this.offers],
      total: this._total,
      page,
      rejected: items - shown,
    });
    // A page whose offers were all left out shows nothing new; fetch on rather than strand the user.
    if (shown === 0 && this._hasMore) this._loadMore();
  }

  /** Offers of the page being read join those shown; says whether they are the page's first. */
  private _take({ dialect, offers, items }: FeedBatch): boolean {
    this._detected = dialect.format;
    this._pageItems += items;
    if (!offers.length) return false;
    const first = !this._pageOffers;
    // A screenful of a new page's cards first.
    if (first) this._revealed = this.offers.length + FIRST_SCREEN;
    this._pageOffers += offers.length;
    this.offers = this.offers.concat(offers);
    if (this.status === 'loading') this.status = 'loaded';
    // Shown at the latest RENDER_EVERY ms from now, should the answer pause.
    this._render ??= setTimeout(() => {
      this._render = undefined;
      this._host.requestUpdate();
    }, RENDER_EVERY);
    return first;
  }

  private _fail(loadId: number, error: unknown): void {
    const info: WallErrorInfo =
      error instanceof WallError
        ? { kind: error.kind, message: error.message }
        : { kind: 'payload', message: `The offers could not be read (${String((error as Error)?.message ?? error)}).` };
    this._loadingMore = false;
    this._revealed = Infinity;
    if (this._page || this.offers.length) {
      this._moreError = info;
    } else {
      this.error = info;
      this.status = 'error';
    }
    this._host.requestUpdate();
    void this._host.updateComplete.then(() => {
      if (loadId === this._loadId) this._events._failed(info);
    });
  }
}
