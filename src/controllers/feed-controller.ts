/**
 * The wall's offers and the requests behind them: loads page 1 on `reload()`, further pages on
 * `_loadMore()`, aborts what is in flight when the request changes or the wall leaves the page
 * (and resumes when it comes back), drops answers to outdated requests, and adapts big pages in
 * slices so the first screen of cards paints before the rest of the page is read. Retries and
 * time limits are `fetchFeed`'s; parsing is the dialects'.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { buildQuery, openFeed, requestedPageSize, type FormatSetting } from '../data/dialects.js';
import { fetchFeed } from '../data/request.js';
import { WallError, type FeedFormat, type WallErrorInfo, type WallOffer } from '../data/types.js';
import type { OfferWallLoadDetail } from '../events.js';
import { requestUrl, type Settings } from '../internal/settings.js';
import { WINDOW } from './window-controller.js';

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
}

/** Offers adapted per task after the first screen. */
const SLICE = 1000;

/** Offers adapted before the first paint of a page: the first screen and the window around it. */
const FIRST_BATCH = WINDOW;

/** Cards shown before the first paint of a page: a tall phone screen's worth. */
const FIRST_SCREEN = 16;

/** Resolves once the browser has painted a frame, or after 100 ms where frames are paused. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve));
  });
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

export class FeedController implements ReactiveController {
  status: FeedStatus = 'loading';
  /** Every offer received so far, in feed order. */
  offers: WallOffer[] = [];
  /** Why the first page failed (`status` is then `error`). */
  error: WallErrorInfo | null = null;
  /** A failed next page: the offers already shown stay, with a retry below them. */
  _moreError: WallErrorInfo | null = null;
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
  /** The signal of the page request on the network (its answer not yet received), if any. */
  private _fetching: AbortSignal | null = null;
  private _page = 0;
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
    // A first page in flight is asked again on return. A next page still on the network is
    // dropped (the near-end watch or `more` asks for it again); one already received goes on
    // being adapted (no network in that), and is not asked for twice.
    if (this.status === 'loading') this._resume = true;
    if (this._fetching) this._loadingMore = false;
    this._abort?.abort();
    this._abort = null;
  }

  /** Whether the feed has offers beyond those received. */
  get _hasMore(): boolean {
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
    this._page = this._received = this._lastReceived = 0;
    this._total = this._detected = null;
    this._events.reset();
    this._host.requestUpdate();

    if (!this._host.isConnected) {
      this._resume = true;
      return;
    }
    const settings = this._settings();
    if (!settings.endpoint) {
      this._fail(loadId, new WallError('config', settings.endpointProblem ?? 'The endpoint is not usable.'), false);
      return;
    }
    this.status = 'loading';
    this._abort = new AbortController();
    void this._loadPage(loadId, 1, this._abort.signal);
    this._events._waiting();
  }

  /** Loads the next page, when there is one, nothing else is loading and no page has failed. */
  readonly _loadMore = (): void => {
    if (this.status !== 'loaded' || this._loadingMore || this._moreError || !this._hasMore || !this._host.isConnected) return;
    this._loadingMore = true;
    this._host.requestUpdate();
    // Removal aborts and drops the controller; a wall put back in the page gets a new one.
    this._abort ??= new AbortController();
    void this._loadPage(this._loadId, this._page + 1, this._abort.signal);
  };

  /** Tries again what failed: the next page when that was it, else the whole load. */
  readonly retry = (): void => {
    if (!this._moreError) return this._start();
    this._moreError = null;
    this._loadMore();
  };

  private async _loadPage(loadId: number, page: number, signal: AbortSignal): Promise<void> {
    const settings = this._settings();
    const format: FormatSetting = this._detected ?? settings.format;
    const query = { ...settings.query, page };
    try {
      const url = requestUrl(settings.endpoint!, buildQuery(format, query));
      this._fetching = signal;
      const body = await fetchFeed(url, { signal, timeout: settings.timeout }).finally(() => {
        if (this._fetching === signal) this._fetching = null;
      });
      if (loadId !== this._loadId) return;
      const { dialect, items, total } = openFeed(body, format);
      this._detected = dialect.format;
      const now = Date.now();
      let shown = 0;
      // First screen first: the first offers are adapted and a screenful of cards rendered and
      // painted before anything else; then the rest of the page is adapted in slices, a task each.
      this._revealed = this.offers.length + FIRST_SCREEN;
      for (let from = 0; ; ) {
        const to = Math.min(items.length, from ? from + SLICE : FIRST_BATCH);
        const adapted: WallOffer[] = [];
        for (let i = from; i < to; i++) {
          const offer = dialect.adapt(items[i], now);
          if (offer) adapted.push(offer);
        }
        from = to;
        shown += adapted.length;
        if (adapted.length) this.offers = this.offers.concat(adapted);
        if (this.offers.length && this.status === 'loading') this.status = 'loaded';
        this._host.requestUpdate();
        if (from >= items.length && this.offers.length <= this._revealed) break;
        await (this._revealed < Infinity ? afterPaint() : nextTask());
        if (loadId !== this._loadId) return;
        this._revealed = Infinity;
      }
      this._revealed = Infinity;
      this._page = page;
      this._received += items.length;
      this._lastReceived = items.length;
      this._total = total ?? this._total;
      this._pageSize = requestedPageSize(dialect.format, query);
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
        rejected: items.length - shown,
      });
      // A page whose offers were all left out shows nothing new; fetch on rather than strand the user.
      if (shown === 0 && this._hasMore) this._loadMore();
    } catch (error) {
      if (loadId !== this._loadId || signal.aborted) return;
      this._fail(loadId, error, page > 1);
    }
  }

  private _fail(loadId: number, error: unknown, morePage: boolean): void {
    const info: WallErrorInfo =
      error instanceof WallError
        ? { kind: error.kind, message: error.message }
        : { kind: 'payload', message: `The offers could not be read (${String((error as Error)?.message ?? error)}).` };
    this._loadingMore = false;
    this._revealed = Infinity;
    if (morePage) {
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
